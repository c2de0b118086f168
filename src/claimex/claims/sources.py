"""Who a cue points at: the noun phrase of the source, its named entity and role.

With a dependency parse the speaker is the verb's nsubj subtree; without one (the Ukrainian builtin
backend) the source is found from morphology: a noun phrase in the case the cue governs
("за даними" + genitive, "згідно з" + instrumental), or a nominative phrase next to a speech verb.
Token positions inside other cues' phrases are `masked` so that "Видання з посиланням на документи
уряду США пише" yields the speaker "Видання", not "США".

Which source the words name is decided as the attribution is (claims/rules.py): a `SourcePhrase`
context with cached facts (the entities inside, the head) and one ordered list, `SOURCE_RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from claimex.doc import Doc, Mention, Token
from claimex.nlp.morph import could_be, normal_name, parses, plural_nominative

CLAUSE_BREAK = {",", ";", ":", "—", "–", "-", "(", ")", "«", "»", '"', "„", "“", "”", ".", "!", "?", "…"}
SUBORDINATORS = {"что", "що", "чтобы", "щоб", "который", "которая", "которые", "котрий", "який", "яка", "які",
                 "если", "якщо", "когда", "коли", "как", "як", "поскольку", "оскільки", "и", "і", "й", "та", "а", "но", "але",
                 "that", "which", "who", "if", "when", "as", "because", "and", "but"}
NOUNISH = {"NOUN", "PROPN"}
OPENING_QUOTES = {"«", "„", "“", '"'}
CLOSING_QUOTES = {"»", "“", "”", '"'}
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
PRONOUNS = {"он", "она", "они", "він", "вона", "вони", "he", "she", "they", "it"}
LATTER = {"последний", "останній"}  # "Последний заявил": the person named last
LOCATIVE_PREPOSITIONS = {"в", "во", "у"}
QUOTED_NAME_WORDS = 5
COORDINATORS = {"и", "і", "й", "та"}
QUANTIFIERS = {  # before a genitive subject: "Багато аналітиків вважають", "Большинство экспертов считают", "46% опитаних"
    "багато", "більшість", "частина", "кілька", "декілька", "ряд", "низка", "половина", "третина", "відсоток",
    "многие", "много", "большинство", "часть", "несколько", "ряд", "половина", "треть", "процент", "%",
}
INDEFINITE = {"некоторые", "отдельные", "деякі", "окремі", "several", "some", "the", "a", "an"}  # before a subject, they only count or point at it
ONE = {"один", "одна", "одно", "одне"}  # "один из демонстрантов сказал": one of a group speaks
NAME_PREPOSITIONS = {"по", "з", "of"}  # inside an official title: "по правам человека", "з питань", "head of the delegation"
TITLE_INNER_PREPOSITIONS = {"с", "з"}  # further on in such a title: "обращения с военнопленными"
TIME_NOUNS = {  # after з / с they start a time, not a title: "з початку тижня", "с сентября"
    "початок", "кінець", "середина", "рік", "місяць", "тиждень", "день", "ранок", "вечір", "ніч",
    "січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень",
    "жовтень", "листопад", "грудень",
    "начало", "конец", "год", "месяц", "неделя", "утро", "вечер", "ночь", "январь", "февраль", "март",
    "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    "понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
}


class References(Protocol):
    """Back-references of an article: "издание" / "видання" to the outlet, "он" / "він" to the person."""

    def refers(self, lemma: str) -> bool: ...

    def speaks_for_next(self, lemma: str) -> bool: ...

    def names_body(self, lemma: str) -> bool: ...

    def informs_from_within(self, lemma: str) -> bool: ...

    def resolve(self, lemma: str) -> "Source | None": ...

    def person_named(self, word: str, lang: str) -> "Source | None": ...

    def in_full(self, name: str) -> str: ...

    def body_called(self, lemma: str) -> "Source | None": ...


@dataclass
class Source:
    name: str
    mention: Mention | None = None
    role: str | None = None
    first: int = 0  # token span of the source phrase
    last: int = 0
    joint: bool = False  # several sources speaking together: "Чак Шумер і Ненсі Пелосі"


def is_break(token: Token) -> bool:
    return token.text in CLAUSE_BREAK or token.text.lower() in SUBORDINATORS


def is_finite_verb(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and token.feats.get("VerbForm", "Fin") == "Fin"


class SourcePhrase:
    """The words a cue points at (token `positions`, in order), with the `case` the cue governs: the
    context of `SOURCE_RULES`. A quantifier before a genitive is dropped: "Большинство экспертов" are
    experts speaking."""

    def __init__(self, doc: Doc, positions: list[int], references: References, case: str):
        if len(positions) > 1 and {doc.tokens[positions[0]].text.lower(), doc.tokens[positions[0]].lemma.lower()} & QUANTIFIERS:
            positions = positions[1:]
        self.doc = doc
        self.positions = positions
        self.references = references
        self.case = case

    @cached_property
    def tokens(self) -> list[Token]:
        return [self.doc.tokens[i] for i in self.positions]

    @cached_property
    def inside(self) -> list[Mention]:
        """The entities wholly inside the phrase."""
        allowed = set(self.positions)
        return [m for m in self.doc.mentions_within_tokens(min(self.positions), max(self.positions) + 1)
                if all(i in allowed for i in range(m.first, m.last))]

    @cached_property
    def head(self) -> int | None:
        """The phrase's head (an index into `positions`): its first noun, name or personal pronoun in
        the cue's case, else its first one at all; an adjective that names by itself; the noun
        after a quantifier or number, in the genitive."""
        tokens, positions = self.tokens, self.positions
        if tokens and _quantified_word(tokens[:2]) and _after_quantifier(self.doc, positions[0]):
            return 0  # "понад 20 членів партії", "32% опитаних": the genitive after the number is the head
        if len(positions) > 2 and positions[2] == positions[0] + 2 and _one_of(self.doc, positions[2]):
            return 2  # "одна з учасниць акції": one of the participants
        heads = [k for k, t in enumerate(tokens) if t.pos in NOUNISH or _personal_pronoun(t)
                 or t.pos != "DET" and any(m.first == positions[k] for m in self.inside)  # not "Russia's" in "Russia's ministry"
                 or k == 0 and _noun_like_adjective(tokens)]
        agreeing = [k for k in heads if _in_case(self.doc, tokens[k], self.case)]
        return (agreeing or heads or [None])[0]

    def attribute_of_head(self, person: Mention) -> bool:
        """A person in another case than a nominative head before it is the head's attribute, not
        the speaker: "Семья Биби говорила", "Адміністрація Трампа заявила"."""
        head, doc = self.head, self.doc
        return (self.case == "Nom" and head is not None and self.positions[head] < person.first
                and not any(m.first <= self.positions[head] < m.last for m in self.inside)
                and _in_case(doc, self.tokens[head], "Nom")
                and not any(_in_case(doc, doc.tokens[k], "Nom") for k in range(person.first, person.last)))


def person_in_phrase(phrase: SourcePhrase) -> Source | None:
    """A person named in the phrase, in the cue's case where several are, with the words before the
    name as the role: "пресс-секретарь президента РФ Дмитрий Песков"; "Адвокат Гнатюка Андрій Кравець
    заявив" is Кравець speaking."""
    doc = phrase.doc
    persons = [m for m in phrase.inside if m.label == "PER"]
    person = next((m for m in persons if _in_case(doc, doc.tokens[m.last - 1], phrase.case)), None)
    if person is None and persons and not phrase.attribute_of_head(persons[0]):
        person = persons[0]
    if person is None:
        return None
    positions = phrase.positions
    role = None
    if positions[0] < person.first:
        role_tokens = [doc.tokens[i] for i in positions if i < person.first]
        role = doc.text[role_tokens[0].start : role_tokens[-1].end].strip(" ,") or None
    return Source(person.normal or person.text, person, role, positions[0], person.last)


def entity_at_head(phrase: SourcePhrase) -> Source | None:
    """The entity the head is, or (after "газета", "пресс-служба", "компания") stands right before it,
    with the rest of its name: "газета The Washington Post", "пресс-служба «Аэрофлота»", "Комитет
    Госдумы по вопросам обороны"; "пресс-служба ведомства" the organisation named before."""
    head = phrase.head
    if head is None:
        return None
    doc, positions, tokens, inside, references = phrase.doc, phrase.positions, phrase.tokens, phrase.inside, phrase.references
    at = positions[head]
    mention = next((m for m in inside if m.first <= at < m.last), None)
    if mention is None and head + 1 < len(positions):
        following = next((m for m in inside if m.first in positions[head + 1 : head + 3] and m.label != "LOC"
                          and not _part_of_quoted_name(doc, m)), None)
        lemma = tokens[head].lemma.lower()
        if following is not None and (references.refers(lemma) or references.speaks_for_next(lemma)
                                      or references.names_body(lemma) and following.label != "PER"):
            mention = following  # not "адміністрація Трампа": a body is no person
    if mention is None and head + 1 < len(positions) and references.speaks_for_next(tokens[head].lemma.lower()):
        body = references.body_called(tokens[head + 1].lemma.lower())  # "пресс-служба ведомства": the one named before
        if body is not None:
            return Source(body.name, body.mention, None, positions[0], positions[head + 1] + 1)
    if mention is None:
        return None
    name, last = mention.normal or mention.text, mention.last
    if last in positions:
        # the name goes on: "Комитет Госдумы по вопросам обороны", "МИД ОАЭ"
        k = positions.index(last)
        end = _name_end(tokens, positions, k, inside, set(), references)
        if end > k:
            name, last = f"{name} {doc.text[tokens[k].start : tokens[end - 1].end]}", positions[end - 1] + 1
    return Source(name, mention, None, positions[0], last)


def quoted_name_after_head(phrase: SourcePhrase) -> Source | None:
    """A common noun right before a quoted name is the body so named: "Партия «Единая Россия»",
    "Фермерский союз «Земля польская»" (the name as quoted, or as the tagger normalised it)."""
    head = phrase.head
    if head is None or phrase.tokens[head].pos != "NOUN":
        return None
    doc, opening = phrase.doc, phrase.positions[head] + 1
    close = _quoted_name_end(doc, opening) if opening < len(doc.tokens) else None
    if close is None or doc.tokens[close - 1].text not in CLOSING_QUOTES or close - opening < 3:
        return None
    first, last = opening + 1, close - 1
    word, case = doc.tokens[first].text, phrase.tokens[head].case
    if not could_be(word, doc.lang, "Nom") and not (case and could_be(word, doc.lang, case)):
        return None  # a name in apposition stays nominative; this is an attribute: "источник «Спорт-Экспресса»"
    mention = next((m for m in doc.mentions_starting_at(first) if m.last == last), None)
    name = mention.normal or mention.text if mention else doc.text[doc.tokens[first].start : doc.tokens[last - 1].end]
    return Source(name, mention, None, phrase.positions[0], close)


def latter_in_sentence(phrase: SourcePhrase) -> Source | None:
    """"Последний" / "останній" standing alone is the person named last before it in the sentence,
    outside quotations: "Байден назвал Трампа «щенком Путина», а последний заявил" is Трамп (else
    the one named last before, `named_before`)."""
    head = phrase.head
    if head is None or phrase.tokens[head].lemma.lower() not in LATTER or phrase.tokens[head].pos == "NOUN":
        return None
    doc, at = phrase.doc, phrase.positions[head]
    first = doc.sentence_at(at).first
    people = [m for m in doc.mentions_within_tokens(first, phrase.positions[0])
              if m.label == "PER" and not _inside_guillemets(doc, first, m.first)]
    if not people:
        return None
    person = people[-1]
    return Source(phrase.references.in_full(person.normal or person.text), person, None, phrase.positions[0], at + 1)


def _inside_guillemets(doc: Doc, first: int, at: int) -> bool:
    """tokens[at] is inside «…» opened after tokens[first]: "назвал Трампа «щенком Путина»"."""
    words = [t.text for t in doc.tokens[first:at]]
    return words.count("«") > words.count("»")


def named_before(phrase: SourcePhrase) -> Source | None:
    """A back-reference is the source named earlier: "издание", "видання" the outlet, "он", "вона"
    the person; not a noun that goes on into a name of its own ("Норвезьке агентство з лікарських
    засобів")."""
    head = phrase.head
    if head is None:
        return None
    tokens = phrase.tokens
    referred = phrase.references.resolve(tokens[head].lemma.lower())
    if referred is None or tokens[head].pos != "PRON" and head + 1 < len(tokens) and tokens[head + 1].pos in NOUNISH | {"ADP"}:
        return None
    return Source(referred.name, referred.mention, referred.role, phrase.positions[0], phrase.positions[head] + 1)


def unresolved_pronoun(phrase: SourcePhrase) -> Source | None:
    """A pronoun with nobody named before it stays as written: "вона"."""
    head = phrase.head
    if head is None or phrase.tokens[head].pos != "PRON":
        return None
    at = phrase.positions[head]
    return Source(phrase.tokens[head].text, None, None, at, at + 1)


def surname_named_before(phrase: SourcePhrase) -> Source | None:
    """A capitalised head that is the surname of a person named before, in any case, where the tagger
    missed it: "По словам Сомова" after "Олег Сомов"."""
    head = phrase.head
    if head is None or not phrase.tokens[head].text[:1].isupper():
        return None
    named = phrase.references.person_named(phrase.tokens[head].text, phrase.doc.lang)
    if named is None:
        return None
    return Source(named.name, named.mention, None, phrase.positions[0], phrase.positions[head] + 1)


def noun_phrase(phrase: SourcePhrase) -> Source | None:
    """The head noun phrase itself, in the nominative: "документы правительства США" (not "США"),
    "аналітики ICU"; after a quantifier in the plural ("Багато аналітиків" → "аналітики")."""
    head = phrase.head
    if head is None:
        return None
    doc, positions, tokens, case = phrase.doc, phrase.positions, phrase.tokens, phrase.case
    start = head
    while start > 0 and tokens[start - 1].pos in ("ADJ", "DET") and positions[start - 1] == positions[start] - 1:
        start -= 1
    while start < head and tokens[start].text.lower() in INDEFINITE:
        start += 1  # "Некоторые лица в правительстве": who speaks are the persons
    quoted = {k for i in positions if (close := _quoted_name_end(doc, i) or _scare_quoted_word_end(doc, i)) for k in range(i, close)}
    end = _name_end(tokens, positions, head + 1, phrase.inside, quoted, phrase.references)
    if phrase.references.informs_from_within(tokens[head].lemma.lower()):
        end = _where_within(tokens, positions, end, phrase.inside, quoted, phrase.references)
    words = [t for t in tokens[start:end] if t.pos != "PART"]
    if start >= 2 and positions[start - 2] == positions[start] - 2 and _one_of(doc, positions[start]):
        # "один из демонстрантов": nominative as written
        return Source(doc.text[tokens[start - 2].start : words[-1].end], None, None, positions[start - 2], positions[end - 1] + 1)
    if _after_quantifier(doc, positions[start]) and start == head:
        name = " ".join([plural_nominative(tokens[head].text, doc.lang)] + [t.text for t in words[1:]])
    elif case == "Nom" and is_nominative(doc, tokens[head]):
        name = doc.text[words[0].start : words[-1].end]  # already nominative: "аналітики ICU"
    else:
        name = normal_name(words, "MISC", doc.lang)
    return Source(name, None, None, positions[start], positions[end - 1] + 1)


SOURCE_RULES = (person_in_phrase, entity_at_head, quoted_name_after_head, latter_in_sentence, named_before, unresolved_pronoun, surname_named_before, noun_phrase)


def source_from_tokens(doc: Doc, positions: list[int], references: References, case: str = "") -> Source | None:
    """The source named by the tokens at `positions` (in order); `case` is the case its cue governs:
    the first of `SOURCE_RULES` that names one. A person named in the phrase wins; otherwise the
    phrase's head decides (an entity, a back-reference, the noun phrase itself); none without a head."""
    phrase = SourcePhrase(doc, positions, references, case)
    if not phrase.positions:
        return None
    for rule in SOURCE_RULES:
        source = rule(phrase)
        if source is not None:
            return source
    return None


def coordinated_source(doc: Doc, positions: list[int], references: References, case: str = "") -> Source | None:
    """Two sources joined by "і" / "и" / "та" as the subject of a plural verb speak together, each
    named in full: "Лідер демократів Чак Шумер і Пелосі закликали" is "Чак Шумер і Ненсі Пелосі". The
    second must open in the cue's case: "міністр аграрної політики та продовольства" is one title."""
    for n in range(1, len(positions) - 1):
        k = positions[n]
        if doc.tokens[k].text.lower() not in COORDINATORS or any(m.first < k < m.last for m in doc.mentions_within_tokens(positions[0], k + 1)):
            continue
        if not _in_case(doc, doc.tokens[positions[n + 1]], case or "Nom"):
            return None
        left = source_from_tokens(doc, positions[:n], references, case)
        right = source_from_tokens(doc, positions[n + 1 :], references, case)
        if left is None or right is None:
            return None
        return Source(f"{_in_full(left, references)} {doc.tokens[k].text} {_in_full(right, references)}",
                      None, None, left.first, right.last, joint=True)
    return None


def _one_of(doc: Doc, k: int) -> bool:
    """"Один из" / "одна з" stands before tokens[k]: one of several speaks."""
    return k >= 2 and doc.tokens[k - 1].text.lower() in ("из", "з", "із") and doc.tokens[k - 2].text.lower() in ONE


def with_coordinated(doc: Doc, positions: list[int], first: int, masked: set[int]) -> list[int]:
    """Without a parse, a conjunction ends the phrase before the verb: a plural verb's subject
    takes in the verbless phrase before "і" / "и" too ("Чак Шумер і Пелосі закликали")."""
    joined = positions[0] - 1 if positions else -1
    if doc.has_parse or joined <= first or doc.tokens[joined].text.lower() not in COORDINATORS:
        return positions
    before = phrase_before(doc, joined, first, masked)
    if not before or any(is_finite_verb(doc.tokens[k]) for k in before):
        return positions
    return before + [joined] + positions


def _in_full(source: Source, references: References) -> str:
    """A person named by surname alone gets the full name given earlier: "Пелосі" → "Ненсі Пелосі"."""
    if source.mention is not None and source.mention.label == "PER":
        return references.in_full(source.name)
    return source.name


def _name_end(tokens: list[Token], positions: list[int], end: int, inside: list[Mention], quoted: set[int],
              references: References) -> int:
    """Where a name that has reached tokens[end] ends: genitive words, titles with по / з, names and
    quoted names inside it ("министерство сельского хозяйства", "Уполномоченная по правам человека")."""
    start = end
    while end < len(tokens) and positions[end] == positions[end - 1] + 1 and not references.refers(tokens[end].lemma.lower()) and (
        (tokens[end].pos in NOUNISH | {"ADJ"} or tokens[end].pos == "VERB" and tokens[end].case == "Gen")  # or a participle
        and tokens[end].case in ("Gen", "")  # "министерство сельского хозяйства", "командование вооруженных сил"
        or end > start and tokens[end].pos in NOUNISH and tokens[end - 1].case == "Gen"  # "охорони здоров'я"
        or (tokens[end].text.lower() in NAME_PREPOSITIONS  # "Уполномоченная по правам человека"
            or tokens[end].text.lower() in TITLE_INNER_PREPOSITIONS  # "по вопросам обращения с военнопленными"
            and any(t.text.lower() in NAME_PREPOSITIONS for t in tokens[start:end]))
        and _title_noun_follows(tokens, positions, end + 1)
        or _inside_title_phrase(tokens, start, end)
        or any(m.first <= positions[end] < m.last for m in inside) or positions[end] in quoted
        or _title_place(tokens, positions, end, start, inside)
    ):
        end += 1
    return end


def _where_within(tokens: list[Token], positions: list[int], end: int, inside: list[Mention], quoted: set[int],
                  references: References) -> int:
    """The body an informant sits in, after в / у: "источники в Кремле", "джерела в Офісі
    президента" (its adjectives, its noun or name, and the genitives after it)."""
    k = end + 1
    if end >= len(tokens) or tokens[end].text.lower() not in LOCATIVE_PREPOSITIONS or k >= len(tokens) or positions[k] != positions[end] + 1:
        return end
    while k < len(tokens) and tokens[k].pos in ("ADJ", "DET") and positions[k] == positions[k - 1] + 1:
        k += 1
    if k >= len(tokens) or positions[k] != positions[k - 1] + 1 or tokens[k].pos not in NOUNISH:
        return end
    return _name_end(tokens, positions, k + 1, inside, quoted, references)


def _title_place(tokens: list[Token], positions: list[int], end: int, start: int, inside: list[Mention]) -> bool:
    """A place after an official title with its preposition: "Уполномоченная по правам человека в
    РФ", "Уповноважений з прав людини в Україні" (the place's name follows at once)."""
    return (tokens[end].text.lower() in LOCATIVE_PREPOSITIONS and end + 1 < len(tokens)
            and any(t.text.lower() in NAME_PREPOSITIONS for t in tokens[start:end])
            and any(m.first == positions[end + 1] and m.label == "LOC" for m in inside))


def _inside_title_phrase(tokens: list[Token], start: int, end: int) -> bool:
    """Whether tokens[end] follows a title's preposition, adjectives between: "по этическим вопросам",
    "of the Russian delegation"."""
    k = end - 1
    while k > start and tokens[k].pos in ("ADJ", "DET"):
        k -= 1
    return tokens[k].text.lower() in NAME_PREPOSITIONS | TITLE_INNER_PREPOSITIONS


def _title_noun_follows(tokens: list[Token], positions: list[int], at: int) -> bool:
    """Whether a title goes on at tokens[at], after its preposition: adjectives (or an article), then a noun that
    starts no time ("агентство з лікарських засобів"; not "Міністерство оборони з початку тижня")."""
    while at < len(tokens) and tokens[at].pos in ("ADJ", "DET") and positions[at] == positions[at - 1] + 1:
        at += 1
    return (at < len(tokens) and tokens[at].pos in NOUNISH and positions[at] == positions[at - 1] + 1
            and tokens[at].lemma.lower() not in TIME_NOUNS)


def _noun_like_adjective(tokens: list[Token]) -> bool:
    """An adjective that names the speaker by itself: "Уполномоченная по правам человека рассказала"."""
    return tokens[0].pos == "ADJ" and (len(tokens) == 1 or tokens[1].pos not in NOUNISH | {"ADJ", "DET"})


def _in_case(doc: Doc, token: Token, case: str) -> bool:
    """Tagged in the case (or without a tagger's context, possibly in it)."""
    return _agrees(token.case, case) or not doc.has_parse and could_be(token.text, doc.lang, case)


def _agrees(found: str, wanted: str) -> bool:
    """Nominative and accusative look alike for inanimate nouns, and taggers mix them up."""
    return not wanted or not found or found == wanted or {found, wanted} == {"Nom", "Acc"}


def _quoted_name_end(doc: Doc, i: int) -> int | None:
    """When tokens[i] opens quotes around a named entity («Аэрофлота», «Нафтогаз Трейдинг» with only
    "Нафтогаз" tagged) or, right after a noun, around a short capitalised name the tagger missed
    («Энергосети Полтавщины»): the index after the closing quote."""
    if doc.tokens[i].text not in OPENING_QUOTES:
        return None
    tagged = next(iter(doc.mentions_starting_at(i + 1)), None) if i + 1 < len(doc.tokens) else None
    if tagged is None and (i == 0 or doc.tokens[i - 1].pos not in NOUNISH or i + 1 >= len(doc.tokens)
                           or not doc.tokens[i + 1].text[:1].isupper()):
        return None
    for k in range(tagged.last if tagged else i + 2, min(i + 2 + QUOTED_NAME_WORDS, len(doc.tokens))):
        if doc.tokens[k].text in CLOSING_QUOTES:
            return k + 1
        if doc.tokens[k].text in CLAUSE_BREAK:
            break
    return tagged.last if tagged else None


def _scare_quoted_word_end(doc: Doc, i: int) -> int | None:
    """When tokens[i] opens quotes around one lower-case word, the writer's distance from it, not a
    name: "прибічників "жорсткого" Brexit". The index after the closing quote."""
    if doc.tokens[i].text not in OPENING_QUOTES or i + 2 >= len(doc.tokens):
        return None
    word, close = doc.tokens[i + 1], doc.tokens[i + 2]
    return i + 3 if word.text.isalpha() and word.text.islower() and close.text in CLOSING_QUOTES else None


def _part_of_quoted_name(doc: Doc, mention: Mention) -> bool:
    """«Земля польська» with only "Земля" tagged: the entity is not the whole name."""
    opened = mention.first > 0 and doc.tokens[mention.first - 1].text in OPENING_QUOTES
    return opened and (mention.last >= len(doc.tokens) or doc.tokens[mention.last].text not in CLOSING_QUOTES)


def _quoted_name_start(doc: Doc, close: int, start: int) -> int | None:
    """When tokens[close] closes quotes around a name, the index of the opening quote."""
    if doc.tokens[close].text not in CLOSING_QUOTES:
        return None
    for opening in range(close - 1, max(start, close - QUOTED_NAME_WORDS - 2) - 1, -1):
        if doc.tokens[opening].text in OPENING_QUOTES:
            return opening if _quoted_name_end(doc, opening) == close + 1 else None
    return None


def phrase_after(doc: Doc, start: int, stop: int, masked: set[int]) -> list[int]:
    """Positions of the phrase from `start` up to a clause break or finite verb, skipping masked ones.
    A quoted name («Спартака») or word ("жорсткого") stays inside the phrase."""
    positions = []
    i = start
    while i < stop:
        if i in masked and not positions:
            i += 1  # an aside before the phrase: "заявив у понеділок, 19 листопада, міністр"
            continue
        quoted_end = _quoted_name_end(doc, i) or (_scare_quoted_word_end(doc, i) if positions else None)
        if quoted_end is not None:
            positions += [k for k in range(i, min(quoted_end, stop)) if k not in masked]
            i = quoted_end
            continue
        if positions and _bracketed_abbreviation(doc, i, stop):
            i += 3  # "гендиректор Російського фонду прямих інвестицій (РФПІ) Кирило Дмитрієв"
            continue
        if is_finite_verb(doc.tokens[i]) or is_break(doc.tokens[i]) and not _joins_person(doc, i, stop):
            break
        if i not in masked:
            positions.append(i)
            if len(positions) == 1 and _personal_pronoun(doc.tokens[i]) and i + 1 < stop and doc.tokens[i + 1].pos == "ADP":
                break  # a pronoun is the whole phrase: "— написав він у Facebook" (not "її голова")
        i += 1
    return positions


def without_addressee(doc: Doc, positions: list[int]) -> list[int]:
    """The phrase after a speech verb without who was told, where words follow: a dative with the
    name after it ("— сказал изданию один из демонстрантов", "повідомили агентству Reuters джерела в
    уряді", "розповів виданню «Економічна правда» голова"), or a name right before a common noun
    that can be the subject ("повідомили РБК джерела в уряді")."""
    k = 0
    while k < len(positions) and doc.tokens[positions[k]].pos in ("ADJ", "DET"):
        k += 1
    if k == 0 and positions and (told := _name_told(doc, positions)):
        return positions[told:]
    if k >= len(positions) or doc.tokens[positions[k]].pos not in NOUNISH or not _dative(doc, doc.tokens[positions[k]]):
        return positions
    k += 1
    if k < len(positions) and (close := _quoted_name_end(doc, positions[k])) is not None:
        k += sum(1 for p in positions[k:] if p < close)
    elif k < len(positions) and (name := _organisation_at(doc, positions[k])):
        k += sum(1 for p in positions[k:] if p < name.last)
    return positions[k:] or positions


def _name_told(doc: Doc, positions: list[int]) -> int:
    """How many words of the phrase name an organisation that was told, before the common noun that
    speaks: "РБК" in "РБК джерела в уряді" (0 when the phrase does not open so)."""
    organisation = _organisation_at(doc, positions[0])
    name = organisation.last if organisation is not None else None
    if name is None and doc.tokens[positions[0]].text.isupper() and len(doc.tokens[positions[0]].text) > 1:
        name = positions[0] + 1  # an abbreviation the tagger did not find
    if name is None or name not in positions:
        return 0
    following = doc.tokens[name]
    if following.pos != "NOUN" or not following.text.islower() or not could_be(following.text, doc.lang, "Nom"):
        return 0
    return positions.index(name)


def _organisation_at(doc: Doc, i: int) -> Mention | None:
    return next((m for m in doc.mentions_starting_at(i) if m.label == "ORG"), None)


def _dative(doc: Doc, token: Token) -> bool:
    if doc.has_parse:
        return token.case == "Dat"
    return could_be(token.text, doc.lang, "Dat") and not could_be(token.text, doc.lang, "Nom")


def _bracketed_abbreviation(doc: Doc, i: int, stop: int) -> bool:
    """An abbreviation in brackets at tokens[i] ("(РФПІ)", "(ACN)"), which glosses the name before it."""
    return (i + 2 < stop and doc.tokens[i].text == "(" and doc.tokens[i + 2].text == ")"
            and doc.tokens[i + 1].text.isupper() and len(doc.tokens[i + 1].text) > 1)


def _joins_person(doc: Doc, i: int, stop: int) -> bool:
    """Whether the conjunction at tokens[i] joins words of one title that leads to a person before the
    clause ends: "міністр аграрної політики та продовольства України Олег Ковальчук"."""
    if doc.tokens[i].text.lower() not in COORDINATORS:
        return False
    for k in range(i + 1, stop):
        if any(m.label == "PER" for m in doc.mentions_starting_at(k)):
            return True
        if doc.tokens[k].text in CLAUSE_BREAK or doc.tokens[k].pos not in NOUNISH | {"ADJ", "DET"}:
            return False
    return False


def is_nominative(doc: Doc, token: Token) -> bool:
    """Tagged nominative, or (without a tagger's context, as in Ukrainian) possibly nominative."""
    return token.case in ("Nom", "") or not doc.has_parse and could_be(token.text, doc.lang, "Nom")


def _subject_word(token: Token) -> bool:
    """A word that can open a subject: a noun or name, or a personal pronoun ("Він додав, що…")."""
    return token.pos in NOUNISH or _personal_pronoun(token)


def _personal_pronoun(token: Token) -> bool:
    return token.pos == "PRON" and token.lemma.lower() in PRONOUNS


def _quantified_word(tokens: list[Token]) -> bool:
    """The first token can be what a quantifier counts: a noun, or an adjective standing for one
    ("опитаних", "опрошенных", a participle to the tagger; "присутніх") where no noun follows."""
    first = tokens[0]
    if first.pos in NOUNISH:
        return True
    adjective = first.pos == "ADJ" or first.pos == "VERB" and first.feats.get("VerbForm") == "Part"
    return adjective and (len(tokens) == 1 or tokens[1].pos not in NOUNISH | {"ADJ", "DET"})


def _after_quantifier(doc: Doc, k: int) -> bool:
    """tokens[k] follows a quantifier or a number, which take a genitive subject: "Багато
    аналітиків вважають", "понад 20 членів партії заявили", "более 20 депутатов заявили"."""
    before = doc.tokens[k - 1] if k > 0 else None
    return before is not None and ({before.text.lower(), before.lemma.lower()} & QUANTIFIERS or before.pos == "NUM" and before.text.isdigit())


def phrase_before(doc: Doc, stop: int, start: int, masked: set[int]) -> list[int]:
    """Positions of the nominative phrase ending before `stop`, from its first nominative noun or entity."""
    i = stop
    while i > start and (i - 1 in masked or not is_break(doc.tokens[i - 1])):
        i -= 1
    while i > start and (opening := _quoted_name_start(doc, i - 1, start)) is not None:
        # a quoted name is no break: "Дмитро Ліппа в коментарі виданню «Економічна правда» заперечив"
        i = opening
        while i > start and (i - 1 in masked or not is_break(doc.tokens[i - 1])):
            i -= 1
    positions = [k for k in range(i, stop) if k not in masked]
    governed = _governed_by_preposition(doc, positions)
    counted = [k for k in positions[1:] if _after_quantifier(doc, k) and _quantified_word(doc.tokens[k : k + 2]) and k not in governed]
    if counted:  # "у США 46% виборців заявили": what is counted is the subject
        return [k for k in positions if k >= counted[0]]
    starts = [k for k in positions if _subject_word(doc.tokens[k]) and k not in governed and is_nominative(doc, doc.tokens[k])
              or k + 2 in positions and _one_of(doc, k + 2)]
    if positions:
        within = set(positions)
        starts += [m.first for m in doc.mentions_within_tokens(positions[0], positions[-1] + 1)
                   if m.first in within and m.last - 1 in within]
    if positions and _noun_like_adjective([doc.tokens[k] for k in positions]) and is_nominative(doc, doc.tokens[positions[0]]):
        starts.append(positions[0])  # "Уповноважений з прав людини заявив"
    if not starts:
        return []
    last = positions[-1]
    if len(positions) > 1 and last == stop - 1 and _personal_pronoun(doc.tokens[last]) and is_nominative(doc, doc.tokens[last]):
        return [last]  # "Сам Brexit он назвал «умирающей мечтой»": the words before are the fronted object
    first = min(starts)
    while first - 1 in positions and doc.tokens[first - 1].pos in ("ADJ", "DET"):
        first -= 1
    return [k for k in positions if k >= first]


def _governed_by_preposition(doc: Doc, positions: list[int]) -> set[int]:
    """Nouns of a prepositional phrase with their genitive attributes: "оборони" in "У міністерстві
    оборони заявили" looks nominative (plural) but is no subject, nor is "здоров'я" after the
    attribute "охорони". A noun right after the phrase's head must be tagged genitive to belong:
    "У Києві аналітики заявили"."""
    governed: set[int] = set()
    state = ""  # "", "open" (after the preposition), "head", "attribute"
    for n, k in enumerate(positions):
        token = doc.tokens[k]
        if token.pos == "ADP":
            following = doc.tokens[positions[n + 1]] if n + 1 < len(positions) else None
            opens = following is None or not (_adverb_before_nominative(token, following, doc.lang) or _approximates(token, following))
            state = "open" if opens else ""
        elif state and token.pos in ("ADJ", "DET", "NUM"):
            governed.add(k)
        elif state == "open" and token.pos in NOUNISH:
            governed.add(k)
            state = "head"
        elif state and token.pos in NOUNISH and (token.case == "Gen" or state == "attribute"):
            governed.add(k)
            state = "attribute"
        else:
            state = ""
    return governed


APPROXIMATORS = {"понад", "більше", "близько", "майже", "более", "свыше", "около", "почти"}


def _approximates(token: Token, following: Token) -> bool:
    """"понад 20 членів партії заявили": a preposition before a number that only qualifies it."""
    return token.text.lower() in APPROXIMATORS and following.text.isdigit()


def _adverb_before_nominative(token: Token, following: Token, lang: str) -> bool:
    """A word that is an adverb as well as a preposition ("раніше", "близько"), before a word tagged
    nominative, is the adverb: "Раніше британські ЗМІ повідомили" has a subject."""
    return following.case == "Nom" and any(reading.tag.POS == "ADVB" for reading in parses(token.text, lang))


def subject_positions(doc: Doc, verb: int, first: int, last: int, masked: set[int], after: bool = True) -> list[int]:
    """The verb's subject: the parse's nsubj subtree, else the nearest nominative phrase before the
    verb, else, with `after` (where the subject may follow: "пише 24 Канал"), the phrase after it."""
    if doc.has_parse:
        subjects = [i for i in range(first, last) if doc.tokens[i].head == verb and doc.tokens[i].dep in SUBJECT_DEPS]
        if subjects:  # a nominative one where the parse gives two: "Сам Brexit (Acc) он (Nom) назвал"
            i = next((i for i in subjects if doc.tokens[i].case == "Nom"), subjects[0])
            return [k for k in _subtree(doc, i, first, last) if k not in masked]
        if doc.tokens[verb].feats.get("Number") != "Sing":
            return []  # "В Кремле заявили": a plural verb without a subject is impersonal
        # a singular verb has a subject the parse missed: "но в ответ ЕС пообещал" (ЕС taken for a genitive)
        named = phrase_before(doc, verb, first, masked)
        return named if named and any(m.label in ("PER", "ORG") for m in doc.mentions_within_tokens(named[0], named[-1] + 1)) else []
    if _passive_agent(doc, verb, last):
        return phrase_after(doc, verb + 2, last, masked)  # "This was stated by the head of the SBU"
    if person := person_before_apposition(doc, verb, first, masked):
        return person
    before = phrase_before(doc, verb, first, masked)
    if before or not after:
        return before
    following = without_addressee(doc, phrase_after(doc, verb + 1, last, masked))
    return [] if following and doc.tokens[following[0]].pos == "ADP" else following  # "кажуть у поліції": no subject


def apposition_opening(doc: Doc, verb: int, first: int) -> int | None:
    """The comma that opens a stretch set off by commas right before the verb ("X, …, заявив")."""
    if verb - 1 <= first or doc.tokens[verb - 1].text != ",":
        return None
    return next((k for k in range(verb - 2, first, -1) if doc.tokens[k].text == ","), None)


def person_before_apposition(doc: Doc, verb: int, first: int, masked: set[int]) -> list[int]:
    """A person named right before an apposition set off by commas speaks, even when the apposition
    names someone or something: "Kaja Kallas, EU High Representative for Foreign Affairs, called…",
    "Vladimir Medinsky, also an advisor to President Vladimir Putin, said…"."""
    comma = apposition_opening(doc, verb, first)
    if comma is None or not any(m.label == "PER" and m.last == comma for m in doc.mentions_within_tokens(first, comma)):
        return []
    return phrase_before(doc, comma, first, masked)


def _passive_agent(doc: Doc, verb: int, last: int) -> bool:
    """English passive: "was stated by X", where X speaks."""
    return (doc.lang == "en" and verb + 2 < last and doc.tokens[verb + 1].text == "by"
            and verb > 0 and doc.tokens[verb - 1].lemma in ("be", "was", "were", "is", "been"))


def locative_source(doc: Doc, verb: int, first: int, last: int, references: References) -> list[int]:
    """For subjectless plural verbs, the body after в/у: "В Кремле отказались комментировать",
    "сообщили в МЧС", "В министерстве обороны заявили". Organisations win over bodies named by a
    common noun (data/cues: institution), those over places, then the one nearest to the verb."""
    found = []
    for i in range(first, last):
        if doc.tokens[i].text.lower() not in LOCATIVE_PREPOSITIONS:
            continue
        positions = phrase_after(doc, i + 1, last, set())
        source = source_from_tokens(doc, positions, references, "Loc")
        if source is None:
            continue
        if source.mention is not None and source.mention.label in ("ORG", "LOC"):
            rank = 0 if source.mention.label == "ORG" else 2
        elif any(references.names_body(doc.tokens[k].lemma.lower()) for k in range(source.first, source.last)):
            rank = 1
        else:
            continue
        found.append((rank, abs(i - verb), positions))
    return min(found)[2] if found else []


def _subtree(doc: Doc, root: int, first: int, last: int) -> list[int]:
    members = {root}
    changed = True
    while changed:
        changed = False
        for i in range(first, last):
            token = doc.tokens[i]
            if i not in members and token.head in members and token.dep not in ("punct", "acl", "acl:relcl", "parataxis"):
                members.add(i)
                changed = True
    return sorted(members)
