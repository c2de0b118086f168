"""The offline Ukrainian backend: razdel-based segmentation, pymorphy3 morphology, rule-based NER.

No Ukrainian NER model ships offline, so entities come from rules, in this order of trust:
the gazetteer (places, organisations), a capitalised name in quotes (an organisation: «Ростех»,
"Авіакон Цитотранс"), capitalised adjectives with an organisation noun ("Демократичної партії"),
person names from the dictionary's Name/Surn/Patr readings plus capitalisation, then context:
one after "штат", "місто" ... or after a place preposition ("у Торонто") is a place, Latin names
in Cyrillic text are organisations (outlets, companies).  Last, mentions are joined: a given name
with its surname where a place claimed one of them, an organisation with the country it belongs
to ("МЗС Угорщини"), a unit with its parent organisation ("Комітету Сенату"), a state form with
its name ("Республіка Молдова"), a legal form with its quoted name ("ТОВ «Нова енергія»").  No
dependency parse: heads stay None.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from claimex.doc import Doc, Mention
from claimex.nlp import morph
from claimex.nlp.gazetteer import (
    CLOSING_QUOTES,
    ORGANISATION_HEADS,
    ORGANISATION_NOUNS,
    INSTITUTION_NOUNS,
    NAMED_AFTER,
    NOT_ORGANISATION_NOUNS,
    PLACE_NOUNS,
    STATE_FORMS,
    SUBUNIT_HEADS,
    Match,
    after_noun,
    belongs_to_no_country,
    gazetteer,
    is_outlet,
)
from claimex.nlp.segment import opens, segment_article, sentence_starts
from claimex.reader import ArticleText
from claimex.text.names import NAME_PARTICLES

# Prepositions inside an organisation's name ("агентство з лікарських засобів", "Управление по
# борьбе с ...").
NAME_PREPOSITIONS = frozenset("з із зі по с со".split())
# Prepositions before a place ("у Торонто", "до Кельна", "біля Алеппо").
PLACE_PREPOSITIONS = frozenset("в у до з із біля поблизу через".split())
NAME_CONJUNCTIONS = frozenset("та і й и".split())
# Legal and organisational forms written before a quoted name: "ТОВ «Нова пошта»", "МИА «Россия
# сегодня»", "ГНЦ «Вектор»".
LEGAL_FORMS = frozenset(
    """ТОВ ПАТ ПрАТ АТ ДП КП ФОП ГО ТРК НВП ВАТ ЗАТ ООО ОАО ЗАО ПАО АО ИП ГУП МУП ФГУП ФГБУ ФГБУН ФБУН
    ГБУЗ ГБУ ГАУ МБУ АНО НКО НИИ НДІ ГНЦ МИА ИА ФБА ИД ГК ТД НПО НПП ФК""".split()
)
MAX_QUOTED_NAME = 4  # words; longer quotations are titles or speech, not names
# Words of a photo credit, and what separates the photographer's name from them.
CREDIT_WORDS = frozenset(["фото", "photo", "©", "джерело", "источник"])
CREDIT_SEPARATORS = frozenset(["/", ":", "©"])
# Words that look like Latin names and are none: a web page's furniture (keys as in "Ctrl + Enter",
# breadcrumbs as in "Home / Світ", cookie banners, forms) and the names of a disease and its virus.
INTERFACE_WORDS = frozenset(
    """ctrl enter alt shift esc home cookie cookies close leave e-mail email login logout
    password share like tweet menu search subscribe covid-19 covid sars-cov-2 mers""".split()
)
# The last word of a Latin company or outlet name: "Sinovac Biotech", "Sky News", "Pfizer Inc".
LATIN_ORGANISATION_WORDS = frozenset(
    """inc ltd llc plc corp co gmbh ag sa nv biotech pharma pharmaceuticals group holding holdings
    bank capital partners media news times post press agency foundation institute university
    college airlines airways motors energy technologies systems labs laboratories""".split()
)
# Latin abbreviations of things, not of names.
COMMON_LATIN_ABBREVIATIONS = frozenset(
    """GPS USB TV FM AM PR PCR DNA RNA HIV AIDS IT AI CEO CFO VIP SMS MMS PDF GDP VPN OK IQ ID PC CD DVD
    LED LCD GMO UFO SUV CCTV IP HTML URL WWW FAQ PS NB BC AD USD EUR GBP CHF LGBT LGBTQ MP MEP PM QR""".split()
)
ROMAN_NUMERAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# A name after one of these is a thing, not an organisation or person: the product named after
# its maker ("автомата Калашникова"), the aircraft one is aboard ("на борту Air Force One").
PRODUCT_NOUNS = frozenset("автомат гвинтівка винтовка пістолет пистолет кулемет пулемет гранатомет борт".split())


class UkrainianBackend:
    name = "builtin"
    lang = "uk"

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        return [self.annotate_one(article) for article in articles]

    def annotate_one(self, article: ArticleText) -> Doc:
        doc = segment_article(article.text, article.paragraphs, self.lang, self.name)
        starts = sentence_starts(doc)
        for i, token in enumerate(doc.tokens):
            token.lemma, token.pos, token.feats = morph.analyse(token.text, self.lang, i in starts)
        doc.mentions = find_entities(doc, starts, self.lang)
        return doc


class Found:
    """Mentions found so far; a token belongs to one mention at most, the first rule to claim it."""

    def __init__(self, doc: Doc, lang: str):
        self.doc = doc
        self.lang = lang
        self.words = [t.text for t in doc.tokens]
        self.taken = [False] * len(doc.tokens)
        self.mentions: list[Mention] = []

    def add(self, first: int, last: int, label: str, normal: str | None = None) -> None:
        self.set_aside(first, last)
        tokens = self.doc.tokens[first:last]
        text = self.doc.text[tokens[0].start : tokens[-1].end]
        normal = normal or morph.normal_name(tokens, label, self.lang)
        self.mentions.append(Mention(text, tokens[0].start, tokens[-1].end, label, normal, first, last))

    def drop_places_inside(self, first: int, last: int, within: tuple[int, int]) -> None:
        """Places found in tokens [first, last), strictly inside the name `within` (a token range),
        are none: they are words of that name."""
        inside = [m for m in self.mentions
                  if m.label == "LOC" and first <= m.first and m.last <= last and m.last - m.first < within[1] - within[0]]
        for mention in inside:
            self.mentions.remove(mention)
            for i in range(mention.first, mention.last):
                self.taken[i] = False

    def set_aside(self, first: int, last: int) -> None:
        """Tokens no later rule may take: a mention's, or a name no label covers (an operation, a work)."""
        for i in range(first, last):
            self.taken[i] = True

    def sorted(self) -> list[Mention]:
        return sorted(self.mentions, key=lambda m: m.start)


def find_entities(doc: Doc, starts: set[int], lang: str) -> list[Mention]:
    found = Found(doc, lang)
    for sentence in doc.sentences:
        add_gazetteer(found, sentence.first, sentence.last, starts)
        add_quoted_names(found, sentence.first, sentence.last)
        for first, last in adjective_organisations(found.words, sentence.first, sentence.last, found.taken, lang):
            found.add(first, last, "ORG")
        add_credits(found, sentence.first, sentence.last)
        for first, last, label in person_spans(doc, sentence.first, sentence.last, starts, found.taken, lang):
            found.add(first, last, label)
        for first, last, label in context_spans(found, sentence.first, sentence.last):
            found.add(first, last, label)
    propagate_surnames(found, starts)
    join_names_and_places(found)
    join_owner_country(found)
    join_named_after(found)
    join_parent_organisation(found)
    join_state_forms(found)
    join_legal_forms(found)
    agree_labels(found)
    return found.sorted()


def join_names_and_places(found: Found) -> None:
    """A given name next to a person's mention is part of it, even where a place or nothing
    claimed it: "Джо Байден" (slovnet found only "Байден"), "Берні Сандерс" ("Берні" is also Bern
    in the locative), "Джорджа Вашингтона", "Имран Хан" (a city and a place to slovnet), a place
    the article names only before one surname ("Азии Биби", `_places_only_before`), and lowercase
    particles ("фон дер Ляйен").

    Cases must agree, so "Франції Макрон" stays a country and a person.
    """
    by_first = {m.first: m for m in found.mentions}
    by_last = {m.last: m for m in found.mentions}
    gone: set[int] = set()
    named_by_places = _places_only_before(found)
    for mention in sorted(found.mentions, key=lambda m: m.first):
        if mention.label != "PER" or id(mention) in gone:
            continue
        before = by_last.get(mention.first)
        if before is not None and id(before) not in gone and (before.normal, mention.normal) in named_by_places:
            gone.add(id(before))
            surname = mention.normal
            _extend(found, mention, before.first, mention.last)
            mention.normal = f"{before.normal} {surname}"  # the given name is no dictionary's: its place reading's normal form
        elif before is not None and id(before) not in gone and _place_given_name(found, before, mention):
            gone.add(id(before))
            _extend(found, mention, before.first, mention.last)
        elif before is None and _free_given_name(found, mention.first - 1, mention.first):
            found.taken[mention.first - 1] = True
            _extend(found, mention, mention.first - 1, mention.last)
        elif before is None and (first := _free_particles(found, mention.first)) < mention.first:
            for i in range(first, mention.first):
                found.taken[i] = True
            _extend(found, mention, first, mention.last)
        after = by_first.get(mention.last)
        if after is not None and id(after) not in gone and _place_surname(found, mention, after):
            gone.add(id(after))
            _extend(found, mention, mention.first, after.last)
    found.mentions = [m for m in found.mentions if id(m) not in gone]


def _extend(found: Found, mention: Mention, first: int, last: int) -> None:
    """Stretch a person's mention over tokens first..last and name it anew."""
    tokens = found.doc.tokens[first:last]
    mention.first, mention.last, mention.start, mention.end = first, last, tokens[0].start, tokens[-1].end
    mention.text = found.doc.text[mention.start : mention.end]
    mention.normal = morph.normal_name(tokens, "PER", found.lang)


def _adjacent(found: Found, left: int, right: int) -> bool:
    """Two tokens side by side on one line, a space apart."""
    return found.doc.text[found.doc.tokens[left].end : found.doc.tokens[right].start] == " "


def _given_name(word: str, lang: str) -> bool:
    """Known to the dictionary as a given name and not as a surname or a function word ("У")."""
    if len(word) < 2 or not morph.is_known(word, lang) or _function_word(word, lang):
        return False
    readings = morph.name_parses(word, lang)
    return any("Name" in p.tag.grammemes for p in readings) and not any("Surn" in p.tag.grammemes for p in readings)


def _place_given_name(found: Found, place: Mention, person: Mention) -> bool:
    """"Берні Сандерс": a one-word "place" that is a given name agreeing with the surname after it."""
    word = found.doc.tokens[place.first].text
    surname = found.doc.tokens[person.first].text  # not a given name: "Віргінія Річард Блек" is a state and a man
    return (place.label == "LOC" and place.last - place.first == 1 and _adjacent(found, place.first, person.first)
            and _given_name(word, found.lang) and not _given_name(surname, found.lang)
            and _cases_agree(word, surname, found.lang))


def _places_only_before(found: Found) -> set[tuple[str, str]]:
    """(place, surname) normal forms where a one-word place, named twice or more, stands only ever
    right before a one-word person's mention of that surname: then it is the person's given name
    ("Азии Биби", "Сидни Пауэлл"). "Франции Макрона" stays a country and a person wherever France
    is named on its own too."""
    person_at = {m.first: m for m in found.mentions if m.label == "PER" and m.last - m.first == 1}
    followers: dict[str, list[str | None]] = defaultdict(list)
    for m in found.mentions:
        if m.label == "LOC":
            after = person_at.get(m.last)
            single = m.last - m.first == 1 and after is not None and _adjacent(found, m.first, m.last)
            followers[m.normal].append(after.normal if single else None)
    return {(place, names[0]) for place, names in followers.items()
            if len(names) > 1 and names[0] is not None and names.count(names[0]) == len(names)}


def _free_particles(found: Found, person_first: int) -> int:
    """Where a person's name starts when unclaimed lowercase particles stand right before the
    surname: "фон дер Ляйен" (slovnet finds the surname alone). Two particles or more: one alone
    is often a word of the language ("де Байден" is "where Biden" in Ukrainian, "да" is "yes")."""
    first = person_first
    while (first > 0 and not found.taken[first - 1] and found.doc.tokens[first - 1].text in NAME_PARTICLES
           and _adjacent(found, first - 1, first)):
        first -= 1
    return first if person_first - first > 1 else person_first


def _free_given_name(found: Found, i: int, person_first: int) -> bool:
    """"Джо Байден": an unclaimed capitalised given name right before a person's mention."""
    if i < 0 or found.taken[i] or not _adjacent(found, i, person_first):
        return False
    word = found.doc.tokens[i].text
    return morph.is_capitalised(word) and _given_name(word, found.lang) and _cases_agree(word, found.doc.tokens[person_first].text, found.lang)


def _place_surname(found: Found, person: Mention, place: Mention) -> bool:
    """"Джорджа Вашингтона", "Имран Хан": a one-word place after a lone given name, agreeing with it."""
    name = found.doc.tokens[person.last - 1].text
    word = found.doc.tokens[place.first].text
    return (place.label == "LOC" and place.last - place.first == 1 and person.last - person.first == 1
            and _adjacent(found, person.last - 1, place.first) and _given_name(name, found.lang)
            and _noun_cases_agree(name, word, found.lang))


def _noun_cases_agree(name: str, word: str, lang: str) -> bool:
    """The given name's cases meet the word's noun cases (an unknown or indeclinable word agrees)."""
    cases = {case for case, _, _ in _noun_readings(word, lang)}
    return not cases or bool(_name_cases(name, lang) & cases) or not _name_cases(name, lang)


def join_legal_forms(found: Found) -> None:
    """"ООО «Ромашка»", "МИА «Россия сегодня»": a legal or organisational form and the quoted name
    after it are one organisation, quotes included, whatever was found inside ("Россия" a place)."""
    doc = found.doc
    for i, word in enumerate(found.words):
        if word not in LEGAL_FORMS or i + 2 >= len(found.words) or not opens(doc.text, doc.tokens[i + 1]):
            continue
        close = next((k for k in range(i + 2, min(i + 3 + MAX_QUOTED_NAME, len(found.words))) if found.words[k] in CLOSING_QUOTES), None)
        if close is None or close == i + 2 or not found.words[i + 2][:1].isupper():
            continue
        if "\n" in doc.text[doc.tokens[i].start : doc.tokens[close].end]:
            continue
        inside = {id(m) for m in found.mentions if i <= m.first and m.last <= close + 1}
        if any(m.first < i < m.last or m.first <= close < m.last for m in found.mentions if id(m) not in inside):
            continue  # part of a longer name found already
        found.mentions = [m for m in found.mentions if id(m) not in inside]
        found.add(i, close + 1, "ORG", doc.text[doc.tokens[i].start : doc.tokens[close].end])


def join_owner_country(found: Found) -> None:
    """An organisation followed by the country or body it belongs to, in the genitive, is one
    name: "МИД Великобритании", "Верховного суду США", "Ради ЄС", "бюро ВООЗ".

    This is the common NER convention (SlavicNER/BSNLP annotate it so), and it keeps the foreign
    ministries of two countries apart: "МИД" alone would make them one entity.  A capitalised
    organisation noun taken for a given name ("Ради", "Рада" is a name too) is the organisation.
    """
    by_first = {m.first: m for m in found.mentions}
    joined: set[int] = set()  # id() of the owner mentions absorbed
    for org in sorted(found.mentions, key=lambda m: m.first):
        owner = by_first.get(org.last)
        if owner is None or id(org) in joined or found.doc.text[org.end : owner.start] != " ":
            continue
        if not (_owned_organisation(found, org) and _owner(found, org, owner)):
            continue
        if org.label != "ORG":
            org.label, org.normal = "ORG", morph.normal_name(found.doc.tokens[org.first : org.last], "ORG", found.lang)
        org.text = found.doc.text[org.start : owner.end]
        org.normal = f"{org.normal} {owner.text}"
        org.end, org.last = owner.end, owner.last
        joined.add(id(owner))
    found.mentions = [m for m in found.mentions if id(m) not in joined]


def join_named_after(found: Found) -> None:
    """"центре им. Гамалеи", "госпитале имени Бурденко": a person after "имени" / "імені" names
    the institution before it, with which it makes one organisation: an organisation found right
    before, or a lowercase institution noun ("центр", "лікарня")."""
    doc, words = found.doc, found.words
    by_last = {m.last: m for m in found.mentions}
    gone: set[int] = set()
    for person in sorted(found.mentions, key=lambda m: m.first):
        # "имени" before the person, or the first word of a span found ("имени Ивана Петрова")
        k = person.first if words[person.first] in NAMED_AFTER else person.first - 1
        if person.label not in ("PER", "ORG") or k < 1 or words[k] not in NAMED_AFTER or "\n" in doc.text[doc.tokens[k - 1].start : person.end]:
            continue
        if person.label == "ORG" and k != person.first:
            continue
        org = by_last.get(k)
        if org is not None and org.label == "ORG":
            gone.add(id(person))
            org.text = doc.text[org.start : person.end]
            org.normal = f"{org.normal} {doc.text[doc.tokens[k].start : person.end]}"
            org.end, org.last = person.end, person.last
        elif org is None and not found.taken[k - 1] and words[k - 1].islower() and any(
                lemma in INSTITUTION_NOUNS for _, _, lemma in _noun_readings(words[k - 1], found.lang)):
            gone.add(id(person))
            found.add(k - 1, person.last, "ORG")
    found.mentions = [m for m in found.mentions if id(m) not in gone]


def join_parent_organisation(found: Found) -> None:
    """A unit of an organisation followed by its parent in the genitive is one name, as BSNLP
    annotates the longest name: "Комитет Сената", "Центра британских исследований Института Европы
    РАН", "Національного комітету Демократичної партії".  The unit needs a unit noun (комитет,
    служба, институт ...), so "Палата представителей" and two names side by side stay apart; an
    outlet is no parent ("Національна служба новин УНН" is its staff, then the outlet)."""
    _join_adjacent(found, lambda unit, mention: (
        unit.label == mention.label == "ORG" and _organisation_unit(found, unit)
        and _genitive(found.doc.tokens[mention.last - 1].text, found.lang) and not is_outlet(mention.text, found.lang)))


def join_state_forms(found: Found) -> None:
    """"Республике Казахстан", "Республикой Ирландия": a capitalised state form found as a place
    of its own and the place right after it are one place (the name after it stays nominative)."""
    _join_adjacent(found, lambda form, mention: (
        form.label == mention.label == "LOC" and form.last - form.first == 1 and morph.is_capitalised(form.text)
        and any(lemma in STATE_FORMS for _, _, lemma in _noun_readings(form.text, found.lang))))


def _join_adjacent(found: Found, joins) -> None:
    """Folds each mention into the one just before it, one space apart, when `joins(before, mention)`;
    the joined name keeps the first one's normal form and the second as written."""
    kept: list[Mention] = []
    for mention in sorted(found.mentions, key=lambda m: m.first):
        before = kept[-1] if kept else None
        if before is not None and found.doc.text[before.end : mention.start] == " " and joins(before, mention):
            before.text = found.doc.text[before.start : mention.end]
            before.normal = f"{before.normal} {mention.text}"
            before.end, before.last = mention.end, mention.last
            continue
        kept.append(mention)
    found.mentions = kept


def _organisation_unit(found: Found, mention: Mention) -> bool:
    """A name with a unit noun among its words, not an abbreviation ("РАН Совет")."""
    tokens = found.doc.tokens[mention.first : mention.last]
    if tokens[0].text.isupper():
        return False
    return any(lemma in SUBUNIT_HEADS for t in tokens for _, _, lemma in _noun_readings(t.text, found.lang))


def _owned_organisation(found: Found, mention: Mention) -> bool:
    """An organisation that can belong to a country (not the EU or an outlet), or one word that
    is an organisation noun ("Ради")."""
    if mention.label == "ORG":
        return not belongs_to_no_country(mention.text, found.lang)
    if mention.label != "PER" or mention.last - mention.first != 1:
        return False
    return _organisation_noun(mention.text, found.lang)


def _owner(found: Found, org: Mention, owner: Mention) -> bool:
    """A place in the genitive, or an abbreviated body after a noun ("Ради ЄС", not "МЗС ЄС"; an
    outlet owns no organisation: "Редакция сайта ТАСС" is the outlet's staff)."""
    last_word = found.doc.tokens[owner.last - 1].text
    if owner.label == "LOC":
        return _genitive(last_word, found.lang)
    abbreviation = owner.label == "ORG" and owner.last - owner.first == 1 and last_word.isupper()
    return abbreviation and not found.doc.tokens[org.last - 1].text.isupper() and not is_outlet(owner.text, found.lang)


def _genitive(word: str, lang: str) -> bool:
    """A place name that can be a genitive; abbreviations ("США", "РФ") do not inflect."""
    return word.isupper() or morph.could_be(word, lang, "Gen")


def agree_labels(found: Found) -> None:
    """One name is one kind of thing in an article: a name tagged both an organisation and a place
    takes the label most of its mentions have ("Житомирська ОВА" after "в" read as a place once)."""
    labels: dict[str, Counter] = {}
    for mention in found.mentions:
        if mention.label in ("ORG", "LOC"):
            labels.setdefault(mention.normal.lower(), Counter())[mention.label] += 1
    for mention in found.mentions:
        counts = labels.get(mention.normal.lower())
        if counts and len(counts) > 1:
            (top, n), (_, m) = counts.most_common(2)
            if n > m:
                mention.label = top


def propagate_surnames(found: Found, starts: set[int]) -> None:
    """A surname seen in a person's full name is that person elsewhere in the article too, also where
    it was tagged a place or an organisation that the gazetteer does not know ("Ланкфорд", not "Вашингтон").

    This finds a sentence-initial "Песков" (also "песок") once "Дмитрий Песков" is known (a surname
    that is also a common word only inside a sentence: "Макрон" after "Эмманюэль Макрон"), keeps a
    surname written as in the full name as it is ("Джуліані", which the dictionary reads as a case
    of "Джуліан"), and repairs a typo of such a surname ("Трапмом" → "Трамп") in the normal form.
    """
    surnames = {
        morph.fold(m.normal.split()[-1]): m.normal.split()[-1]
        for m in found.mentions
        if m.label == "PER" and m.last - m.first > 1 and _surname_like(m.normal.split()[-1], found.lang)
        or m.label == "PER" and morph.name_parses(m.normal.split()[-1], found.lang)
    }
    in_full_names = {morph.fold(m.normal.split()[-1]) for m in found.mentions if m.label == "PER" and m.last - m.first > 1}
    for i, word in enumerate(found.words):
        if not found.taken[i] and word[:1].isupper() and morph.keys(word, found.lang) & (surnames.keys() if i in starts else in_full_names):
            found.add(i, i + 1, "PER")  # a common word's capital opens a sentence; inside one it marks the name ("Кран")
    for mention in found.mentions:  # a surname the tagger read as a place
        if (mention.label != "PER" and mention.last - mention.first == 1 and morph.keys(mention.text, found.lang) & in_full_names
                and gazetteer(found.lang).lookup(mention.text) is None):
            mention.label, mention.normal = "PER", morph.normal_name(found.doc.tokens[mention.first : mention.last], "PER", found.lang)
    full = [m for m in found.mentions if m.label == "PER" and m.last - m.first > 1]
    written = {m.text.split()[-1]: m.normal.split()[-1] for m in full if m.text == m.normal}  # full names written in the nominative
    normal_surnames = {m.normal.split()[-1] for m in full}
    for mention in found.mentions:
        if mention.label != "PER" or mention.last - mention.first != 1:
            continue
        if mention.text in written and mention.normal not in normal_surnames:
            # "цитує Джуліані" after "Рудольф Джуліані": not the dative of "Джуліан", whom no one named
            mention.normal = written[mention.text]
        elif not morph.name_parses(mention.text, found.lang):
            for key, surname in surnames.items():
                if _misspelt(morph.fold(mention.text), key):
                    mention.normal = surname
                    break


def _surname_like(word: str, lang: str) -> bool:
    """The last word of a full name the dictionary does not know ("Барклі" of "Стівен Барклі"): a
    foreign surname, no common word."""
    return len(word) >= 3 and morph.is_capitalised(word) and not word.isupper() and not morph.is_known(word, lang)


def _misspelt(word: str, surname: str) -> bool:
    """The word is the surname with two neighbouring letters swapped, plus a case ending."""
    stem, ending = word[: len(surname)], word[len(surname) :]
    if len(surname) < 4 or len(ending) > 3 or len(stem) != len(surname) or stem == surname:
        return False
    diff = [k for k in range(len(surname)) if stem[k] != surname[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and stem[diff[0]] == surname[diff[1]] and stem[diff[1]] == surname[diff[0]]


def add_gazetteer(found: Found, lo: int, hi: int, starts: set[int]) -> None:
    words, lang = found.words, found.lang
    for match in gazetteer(lang).find(words[lo:hi], {i - lo for i in range(lo, hi) if i in starts}):
        first, last = match.first + lo, match.last + lo
        if not after_noun(words, first, PRODUCT_NOUNS, lang, reach=1):
            found.add(first, last, match.entry.label, gazetteer_normal(found.doc, first, last, match, lang))


def gazetteer_normal(doc: Doc, first: int, last: int, match: Match, lang: str) -> str:
    """Abbreviations and one-word names are listed in the nominative: take the listed form.

    Several words are inflected instead, so the text's own variant survives
    ("Сполученими Штатами" → "Сполучені Штати", not the entry's display "США").
    """
    if last - first == 1 or match.entry.form.isascii():
        return match.entry.form
    return morph.normal_name(doc.tokens[first:last], match.entry.label, lang)


# --- persons ---------------------------------------------------------------------------------


def person_spans(doc: Doc, lo: int, hi: int, starts: set[int], taken: list[bool], lang: str):
    """Runs of capitalised name words; a run needs one word with a name reading.  A run opened
    by a capitalised organisation noun names the organisation: "Інституті Роберта Коха",
    "Фонду Карнегі"."""
    i = lo
    while i < hi:
        if taken[i] or not _name_like(doc, i, starts, lang):
            i += 1
            continue
        first = i
        i += 1
        while i < hi and not taken[i] and (_continues_name(doc, i, first, starts, lang) or _particle(doc, i, hi, taken)):
            i += 1
        start = _without_leading_word(doc, first, i, lang)
        if _is_person(doc, start, i, starts, lang) and not _named_after_place_noun(doc, start, i, lang):
            named_after = start > first and first not in starts and _organisation_noun(doc.tokens[first].text, lang)
            yield (first, i, "ORG") if named_after else (start, i, "PER")
        else:
            i = first + 1


def _named_after_place_noun(doc: Doc, first: int, last: int, lang: str) -> bool:
    """"у рідному місті Вілмінгтон", "в штаті Юта": a name right after a place noun is the place's
    (`context_spans` labels it), unless it holds a given name ("мер міста Віталій Кличко")."""
    before = [t.text for t in doc.tokens[max(0, first - 1) : first]]
    if not after_noun(before, len(before), PLACE_NOUNS, lang, reach=1):
        return False
    return not any("Name" in p.tag.grammemes for t in doc.tokens[first:last] for p in morph.name_parses(t.text, lang))


def _particle(doc: Doc, i: int, hi: int, taken: list[bool]) -> bool:
    """"Урсула фон дер Ляєн", "Людвіг ван Бетховен": a lowercase particle inside a name, with a
    capitalised word after it."""
    if doc.tokens[i].text not in NAME_PARTICLES:
        return False
    j = i
    while j < hi and not taken[j] and doc.tokens[j].text in NAME_PARTICLES:
        j += 1
    return j < hi and not taken[j] and morph.is_capitalised(doc.tokens[j].text) and "\n" not in doc.text[doc.tokens[i - 1].end : doc.tokens[j].start]


def _without_leading_word(doc: Doc, first: int, last: int, lang: str) -> int:
    """"Водночас Мей", "Уряд Терези Мей", "Філадельфії Пола Оффіта": a capitalised word the
    dictionary knows, but neither as a name nor as a being, opens the run and is no part of the
    person ("Володимир" is a town and, untagged, a man to the uk dictionary: it stays)."""
    word = doc.tokens[first].text
    if last - first < 2 or _is_initial(word) or not morph.is_known(word, lang) or morph.name_parses(word, lang):
        return first
    return first if any("anim" in p.tag.grammemes for p in morph.parses(word, lang)) else first + 1


def _organisation_noun(word: str, lang: str) -> bool:
    """"Інституті", "Фонду", "Ради": a form of a noun that heads organisations' names."""
    return any(lemma in ORGANISATION_HEADS for _, _, lemma in _noun_readings(word, lang))


def _name_like(doc: Doc, i: int, starts: set[int], lang: str) -> bool:
    word = doc.tokens[i].text
    if _is_initial(word):
        return True
    return morph.is_capitalised(word) and word[:1].isalpha() and not word.isupper() and not word.isascii()


def _continues_name(doc: Doc, i: int, first: int, starts: set[int], lang: str) -> bool:
    """The next word belongs to the same name: capitalised, on the same line, cases agreeing."""
    if "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]:
        return False
    if not _name_like(doc, i, starts, lang) or only_function_word(doc.tokens[i].text, lang):
        return False
    previous = doc.tokens[i - 1].text
    word = doc.tokens[i].text
    if _is_initial(previous):
        return True
    if _given_name(word, lang) and _oblique_surname(previous, lang):
        return False  # "Байдена Ендрю Бейтс": the next person
    if morph.name_parses(word, lang) and _cases_agree(previous, word, lang):
        return True
    # any capitalised word right after a one-word name is its surname ("Джеймс Сторі", "Арнаут
    # Дейкстра"), but not a given name after a surname in an oblique case ("Адвокат Гнатюка Андрій
    # Кравець": two people)
    given = any("Name" in p.tag.grammemes for p in morph.name_parses(word, lang))
    oblique = "nomn" not in _name_cases(previous, lang)
    return bool(morph.name_parses(previous, lang)) and i - 1 == first and not (given and oblique)


def _oblique_surname(word: str, lang: str) -> bool:
    """A word the dictionary knows only as a surname, and not in the nominative ("Байдена")."""
    readings = morph.name_parses(word, lang)
    return (bool(readings) and all("Surn" in p.tag.grammemes for p in readings)
            and "nomn" not in _name_cases(word, lang) and morph.is_known(word, lang))


def _cases_agree(a: str, b: str, lang: str) -> bool:
    cases_a = _name_cases(a, lang)
    cases_b = _name_cases(b, lang)
    return not cases_a or not cases_b or bool(cases_a & cases_b)


def _name_cases(word: str, lang: str) -> set[str]:
    readings = [p for p in morph.name_parses(word, lang) if "Fixd" not in p.tag.grammemes]
    return {morph.CASE_OF.get(p.tag.case, p.tag.case) for p in readings if p.tag.case}


def _is_person(doc: Doc, first: int, last: int, starts: set[int], lang: str) -> bool:
    words = [t.text for t in doc.tokens[first:last]]
    if all(_is_initial(w) for w in words) or _is_initial(words[-1]):
        return False
    named = [w for w in words if morph.name_parses(w, lang)]
    if not named and _is_initial(words[0]) and _surname_like(words[-1], lang):
        named = words[-1:]  # "С. Барклі": an initial vouches for a surname the dictionary does not know
    if not named or len(words) == 1 and _function_word(words[0], lang):
        return False  # "По" is a preposition before it is Poe
    if first in starts and len(words) == 1:
        # a sentence-initial word is a name only when it cannot be anything else
        return all(morph.is_name_parse(p) for p in morph.parses(words[0], lang))
    if first in starts and not _is_initial(words[0]) and not morph.name_parses(words[0], lang):
        return False  # an initial opens a name at a sentence start too: "Т.Мей заявила"
    before = [t.text for t in doc.tokens[max(0, first - 1) : first]]  # not every token: this runs per name
    return not after_noun(before, len(before), PRODUCT_NOUNS, lang, reach=1)


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


# --- organisations named by capitalised adjectives --------------------------------------------


def adjective_organisations(words: list[str], lo: int, hi: int, taken: list[bool], lang: str):
    """"Демократичної партії", "Європейського агентства з лікарських засобів", "Федеральное бюро
    расследований": capitalised adjectives agreeing with an organisation noun, and the lowercase
    genitive or prepositional phrase that completes it, name one organisation.

    Inside a sentence only an adjective of a name is capitalised, so sentence starts are left out;
    a plural noun ("Американські університети") is a class of organisations, not one.
    """
    i = lo + 1
    while i < hi:
        head = _organisation_head(words, i, hi, taken, lang)
        if head is None:
            i += 1
            continue
        last = _complement_end(words, head + 1, hi, taken, lang)
        yield i, last
        i = last


def _organisation_head(words: list[str], i: int, hi: int, taken: list[bool], lang: str) -> int | None:
    """The index of the singular organisation noun the adjectives from `i` on agree with."""
    word = words[i]
    if taken[i] or not morph.is_capitalised(word) or word.isupper() or _plain_noun(word, lang):
        return None
    shared = _adjective_readings(word, lang)
    j = i + 1
    while shared and j < hi and not taken[j]:
        heads = {(case, number) for case, number, lemma in _noun_readings(words[j], lang) if lemma in ORGANISATION_HEADS}
        if {reading for reading in heads & shared if reading[1] == "sing"}:
            return j
        shared &= _adjective_readings(words[j], lang)
        j += 1
    return None


def _complement_end(words: list[str], k: int, hi: int, taken: list[bool], lang: str) -> int:
    """The end of the lowercase words completing a name: genitives ("служба здоров'я", "бюро
    розслідувань"), a preposition with its nouns ("агентство з лікарських засобів") and nouns
    joined to them by a conjunction ("інститут алергії та інфекційних захворювань")."""
    start = end = k
    after_preposition = False
    while k < hi and not taken[k] and words[k].islower():
        word = words[k]
        joins = word in NAME_CONJUNCTIONS and start < end == k  # right after an accepted noun
        if joins or word in NAME_PREPOSITIONS and not after_preposition:
            after_preposition = after_preposition or word in NAME_PREPOSITIONS
            k += 1
            continue
        if _function_word(word, lang):
            break
        cases = {case for case, _, _ in _noun_readings(word, lang)} | {case for case, _ in _adjective_readings(word, lang)}
        if not cases or not after_preposition and "gent" not in cases:
            break
        k += 1
        end = k
    return end


def _function_word(word: str, lang: str) -> bool:
    """"до", "на", "що": a preposition, conjunction or particle reading ends a name's complement."""
    return any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO") for p in morph.parses(word, lang))


FUNCTION_POS = frozenset(["PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ", "PRED", "COMP"])


def only_function_word(word: str, lang: str) -> bool:
    """"За", "Почему", "Совсем", "Если": a capitalised word the dictionary knows only as a
    preposition, conjunction, particle, pronoun or adverb is no part of a name, whatever its
    capital (a sentence or headline start glued to a name: "Джонсон Совсем", "Вместо Дэвиса")."""
    if not morph.is_known(word, lang) or word.isupper() or morph.name_parses(word, lang):
        return False
    return all(p.tag.POS in FUNCTION_POS for p in morph.parses(word, lang))


def _plain_noun(word: str, lang: str) -> bool:
    """A common noun reading ("Королева"): the word may start a phrase of its own."""
    return any(p.tag.POS == "NOUN" and not morph.PROPER_GRAMMEMES & p.tag.grammemes for p in morph.parses(word, lang))


def _adjective_readings(word: str, lang: str) -> set[tuple[str, str]]:
    """(case, number) of the word's adjective readings."""
    return {(morph.CASE_OF.get(p.tag.case, p.tag.case), p.tag.number or "sing")
            for p in morph.parses(word, lang) if p.tag.POS in ("ADJF", "PRTF") and p.tag.case}


def _noun_readings(word: str, lang: str) -> set[tuple[str, str, str]]:
    """(case, number, folded lemma) of the word's noun readings."""
    return {(morph.CASE_OF.get(p.tag.case, p.tag.case), p.tag.number or "sing", morph.fold(p.normal_form))
            for p in morph.parses(word, lang) if p.tag.POS == "NOUN" and p.tag.case}


# --- context: quotes, place nouns, Latin names -------------------------------------------------


def add_quoted_names(found: Found, lo: int, hi: int) -> None:
    for first, last, label in quoted_names(found.doc, lo, hi, found.taken, found.lang):
        if label:
            found.add(first, last, label)
        else:
            found.set_aside(first, last)


def quoted_names(doc: Doc, lo: int, hi: int, taken: list[bool], lang: str):
    """(first, last, "ORG") for «Ростех», "Авіакон Цитотранс": a short capitalised run between quotes
    names an organisation; after an organisation noun only its first word need be capitalised: фонд
    «Відкрите суспільство». (first, last, None) for a name after an operation, a work or a product
    ("операція «Павутина»", "рубрика «Спорт»"), which is none, and for the names listed after it
    ("с пометками «Спорт», «Культура» и «Погода»")."""
    set_aside_until = -1  # the closing quote of the last name set aside
    for i in range(lo, hi):
        if not opens(doc.text, doc.tokens[i]):
            continue
        first = last = i + 1
        while last < hi and last - first <= MAX_QUOTED_NAME and doc.tokens[last].text not in CLOSING_QUOTES:
            last += 1
        if last >= hi or last == first or last - first > MAX_QUOTED_NAME or any(taken[first:last]):
            continue
        words, before = [t.text for t in doc.tokens[first:last]], [t.text for t in doc.tokens[lo:i]]
        listed = lo <= set_aside_until < i - 1 and all(t.text.lower() in LIST_JOINERS for t in doc.tokens[set_aside_until + 1 : i])
        if all(_capitalised_parts(w) for w in words) and any(_name_word(w, lang) for w in words):
            if listed or _after_other_noun(before, lang):
                set_aside_until = last
                yield first, last, None
            else:
                yield first, last, "ORG"
        elif _capitalised_parts(words[0]) and after_noun(before, i - lo, ORGANISATION_NOUNS, lang):
            yield first, last, "ORG"


LIST_JOINERS = frozenset(", і й та и and or або или".split())


def _after_other_noun(before: list[str], lang: str) -> bool:
    """A noun of `NOT_ORGANISATION_NOUNS` stands within two words before the quotes, lowercase words
    and an owner's abbreviation between: "операция СБУ «Паутина»"."""
    words = [w for w in before[-3:] if not (w.isupper() and len(w) > 1)]
    return after_noun(words, len(words), NOT_ORGANISATION_NOUNS, lang)


def _name_word(word: str, lang: str) -> bool:
    """Unknown to the dictionary, Latin, or a noun: «Нет», «Так» are answers, «Барселони» a name."""
    if word.isascii() or not morph.is_known(word, lang):
        return True
    return any(p.tag.POS == "NOUN" for p in morph.parses(word, lang))


def context_spans(found: Found, lo: int, hi: int):
    words, taken, lang = found.words, found.taken, found.lang
    i = lo
    while i < hi:
        span = None
        if not taken[i]:
            span = (_named_place(words, i, hi, taken, lang) or _place_after_preposition(found, i, lo)
                    or _latin_name(words, i, lo, hi, taken, lang))
        if span:
            yield span
            i = span[1]
        else:
            i += 1


def _place_after_preposition(found: Found, i: int, lo: int):
    """"у Торонто", "в Базелі", "до Детройта": inside a sentence, a capitalised word after a place
    preposition that the uk dictionary knows only as an inanimate noun is a place (the dictionary
    lists towns as plain nouns, with no place tag).  Organisation nouns ("у Міністерстві") and
    abbreviations are left to other rules."""
    words = found.words
    if found.lang != "uk" or i <= lo or words[i - 1] not in PLACE_PREPOSITIONS or not _adjacent(found, i - 1, i):
        return None
    word = words[i]
    if not morph.is_capitalised(word) or word.isupper() or not word[:1].isalpha() or not morph.is_known(word, found.lang):
        return None
    readings = morph.parses(word, found.lang)
    if not all(p.tag.POS == "NOUN" and "inan" in p.tag.grammemes for p in readings):
        return None
    if any(morph.fold(p.normal_form) in ORGANISATION_HEADS | SUBUNIT_HEADS | ORGANISATION_NOUNS for p in readings):
        return None
    return i, i + 1, "LOC"


def _capitalised_parts(word: str) -> bool:
    return all(part[:1].isupper() or part[:1].isdigit() for part in word.split("-")) and word[:1].isalpha()


def _named_place(words: list[str], i: int, hi: int, taken: list[bool], lang: str):
    """"у штаті Арагуа", "місто Н": a capitalised word after a place noun is a place."""
    if not after_noun(words, i, PLACE_NOUNS, lang, reach=1):
        return None
    last = i
    while last < hi and not taken[last] and _capitalised_parts(words[last]) and not words[last].isascii():
        last += 1
    return (i, last, "LOC") if last > i else None


def _latin_name(words: list[str], i: int, lo: int, hi: int, taken: list[bool], lang: str):
    """A Latin-script name in Cyrillic text is mostly an outlet or a company ("InformNapalm").

    One word is enough unless it is a Roman numeral or a common abbreviation (GPS, USB, TV);
    several words only after an organisation noun, since "Air Force One" or a person's name look
    the same.
    """
    if i > 0 and (_latin_word(words[i - 1]) or words[i - 1] == "&"):
        return None  # inside a run already judged
    last = i
    while last < hi and not taken[last] and (_latin_word(words[last]) or _ampersand(words, last, hi)):
        last += 1
    if last == i or after_noun(words, i, PRODUCT_NOUNS, lang, reach=1) or _in_english_text(words, i, last, lo, hi):
        return None
    if last - i == 1 and interface_word(words[i]):
        return None
    if after_noun(words, i, ORGANISATION_NOUNS, lang) or "&" in words[i:last]:
        return i, last, "ORG"
    if last - i > 1 and words[last - 1].lower() in LATIN_ORGANISATION_WORDS:
        return i, last, "ORG"
    if last - i == 1 and not _common_latin_abbreviation(words[i]):
        return i, last, "ORG"
    return None


def _common_latin_abbreviation(word: str) -> bool:
    """"XIX", "II": a Roman numeral; "GPS", "TV": an abbreviation of a thing; "S1", "NCT04368728":
    a code, with fewer letters than digits (a station such as "RMF24" has more)."""
    if not word.isupper():
        return False
    letters = sum(ch.isalpha() for ch in word)
    if letters < 2 or letters <= sum(ch.isdigit() for ch in word):
        return True
    return bool(ROMAN_NUMERAL.fullmatch(word)) or word in COMMON_LATIN_ABBREVIATIONS


def _ampersand(words: list[str], k: int, hi: int) -> bool:
    """"Johnson & Johnson", "AT & T": an ampersand between two Latin words joins one name."""
    return words[k] == "&" and k > 0 and _latin_word(words[k - 1]) and k + 1 < hi and _latin_word(words[k + 1])


def _in_english_text(words: list[str], first: int, last: int, lo: int, hi: int) -> bool:
    """"We decided to take ...", "Study to Evaluate the Safety": a capitalised Latin word beside
    lowercase Latin words is a word of an English sentence, not a name."""
    around = words[max(first - 1, lo) : first] + words[last : min(last + 1, hi)]
    return any(len(word) > 1 and word.isascii() and word.isalpha() and word.islower() for word in around)


def interface_word(word: str) -> bool:
    """A key, a button or a term of the web page ("Ctrl+Enter", "Cookie", "COVID-19"), not a name."""
    return all(part.lower() in INTERFACE_WORDS for part in word.split("+") if part)


def _latin_word(word: str) -> bool:
    return word.isascii() and word[:1].isupper()


def add_credits(found: Found, lo: int, hi: int) -> None:
    for i in range(lo, hi):
        span = None if found.taken[i] else _credit_name(found.doc, i, hi, found.taken)
        if span:
            found.add(*span)


def _credit_name(doc: Doc, i: int, hi: int, taken: list[bool]):
    """"(Фото: REUTERS/Leonardo Fernandez Viloria)", "© Сергей Карпухин/ ТАСС": a photographer."""
    if i == 0 or doc.tokens[i - 1].text not in CREDIT_SEPARATORS:
        return None
    sentence_words = {t.text.lower() for t in doc.tokens[max(0, i - 4) : i]}
    if not sentence_words & CREDIT_WORDS:
        return None
    last = i
    while last < hi and not taken[last] and _capitalised_parts(doc.tokens[last].text) and not doc.tokens[last].text.isupper():
        last += 1
    return (i, last, "PER") if 2 <= last - i <= 3 else None
