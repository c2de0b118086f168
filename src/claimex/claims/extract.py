"""Claims and their attribution, read from an annotated `Doc`.

A claim is a sentence of running text (or the reported clause of a sentence whose first part only
attributes it). Per sentence we find the cues of the language's lexicon: speech verbs and their
subjects, according-to phrases with the noun in the case they govern, impersonal "говорится в ...",
quotes closed by "— пишет X", and back-references ("Про це повідомляє X", "издание") that attribute
what came before. Hedges and denials come from the same lexicon.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from claimex.claims.layout import analyse
from claimex.claims.lexicon import Lexicon, find_phrases, lexicon, longest_at, norm
from claimex.claims.quotes import quote_spans
from claimex.claims.sources import (
    COORDINATORS,
    LOCATIVE_PREPOSITIONS,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    PRONOUNS,
    TIME_NOUNS,
    Source,
    is_break,
    is_finite_verb,
    locative_source,
    phrase_after,
    phrase_before,
    source_from_tokens,
    subject_positions,
)
from claimex.doc import Doc, Sentence
from claimex.nlp.gazetteer import is_outlet
from claimex.nlp.morph import given_name_gender, is_plural, name_parses, parses
from claimex.text.names import same_surname
from claimex.text.spelling import shared_key

# "МОСКВА, 2 ноября. /ТАСС/." or "МОСКВА, 22 октября — РИА Новости." opening the first paragraph; no "^":
# Pattern.match(text, pos) anchors at pos, where "^" would demand the start of the whole text
DATELINE = re.compile(
    r"[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ\- ]+,\s+\d{1,2}\s+\w+\.?(?:\s+\d{4})?\s*"
    r"(?:/\s*([^/\n]{2,40}?)\s*/|[—–-]\s*((?:[\w«»\"'-]+ ?){1,4})(?=\.))\.?\s*"
)
BYLINE_OUTLET = re.compile(r"^(?:Редакция сайта|Редакція сайту)\s+(.+?)\s*$", re.MULTILINE)
MIN_CLAIM_WORDS = 3
LEAD_PARAGRAPHS = 3  # where an article says which outlet it relays
REPORTATIVE = {"якобы", "будто", "нібито", "начебто", "ніби"}  # hedges that mark a report, not a guess
DEMONSTRATIVES = {"этот", "эти", "тот", "цей", "ці", "той"}
ALSO = {"также", "також", "зокрема"}  # a sentence opening with these adds to the one before
QUOTES = OPENING_QUOTES | CLOSING_QUOTES
PRONOUN_GENDER = {"він": "masc", "он": "masc", "вона": "femn", "она": "femn"}
SUBORDINATOR = re.compile(r"(?<!\w)(?:что|чтобы|що|щоб)(?!\w)", re.IGNORECASE)


@dataclass
class Found:
    """The attribution found for one sentence."""

    source: Source | None = None
    cue: tuple[int, int] | None = None  # char span of the cue words
    kind: str = "unattributed"
    chain: list[Source] = field(default_factory=list)  # sources the main one cites, in order
    outer: Source | None = None  # who reports the whole sentence (", пише 24 Канал")
    back_reference: bool = False  # "Об этом сообщил X": attributes the statements before it
    tail: bool = False  # "…, пише WP.": the source follows the statement, and may cover the ones before
    content_start: int | None = None  # char offset where the reported clause starts, when it is split off
    rule: str = ""  # which rule decided, for `claimex explain`


@dataclass
class Draft:
    start: int
    end: int
    first: int  # token span
    last: int
    paragraph: int
    found: Found
    hedges: list[str] = field(default_factory=list)
    stance: str = "asserted"


@dataclass
class ArticleClaims:
    outlet: str | None
    claims: list[Draft]


class _Memory:
    """What earlier sentences named, for back-references: the last outlet and the last person."""

    def __init__(self, lex: Lexicon, lang: str):
        self.lex = lex
        self.lang = lang
        self.outlet: Source | None = None
        self.person: Source | None = None
        self.people: dict[str, Source] = {}  # each person named so far, by name, the latest named last
        self.body: Source | None = None  # the last source that is no person: what "там" points back to

    def refers(self, lemma: str) -> bool:
        return lemma in self.lex.outlet_ref or lemma in PRONOUNS

    def speaks_for_next(self, lemma: str) -> bool:
        return lemma in self.lex.voice_of

    def names_body(self, lemma: str) -> bool:
        return lemma in self.lex.institution

    def resolve(self, lemma: str) -> Source | None:
        if lemma in self.lex.outlet_ref:
            return self.outlet
        if lemma in PRONOUNS:
            return self.person_of_gender(PRONOUN_GENDER.get(lemma))
        return None

    def person_of_gender(self, gender: str | None) -> Source | None:
        """"Вона" is the last woman named, "він" the last man (a name that does not tell its gender
        fits either); with nobody of that gender named, the last person."""
        if gender is None or self.person is None:
            return self.person
        genders = [(given_name_gender(person.name, self.lang), person) for person in reversed(self.people.values())]
        if not any(g == gender for g, _ in genders):
            return self.person  # nobody of that gender named: the text may be wrong, as it can be
        return next(person for g, person in genders if g in (gender, None))

    def person_named(self, word: str, lang: str) -> Source | None:
        """The person named earlier whose surname this word is, in any case: "Сомова" after "Андрей
        Сомов", where the tagger missed the second mention."""
        key = shared_key(word.lower(), lang)
        for person in reversed(self.people.values()):
            if same_surname(key, shared_key(person.name.split()[-1].lower(), lang)):
                return person
        return None

    def _named(self, person: Source) -> None:
        self.people.pop(person.name, None)
        self.people[person.name] = person

    def remember(self, doc: Doc, sentence: Sentence, source: Source | None, own_outlet: str | None) -> None:
        """The outlet an "издание" refers to: a cited source that is a news outlet (gazetteer) or an
        organisation named right after "газета", "издание", "видання"; never the article's own.
        The person a "он" refers to: the last person named."""
        for mention in doc.mentions_between(sentence.start, sentence.end):
            if mention.label == "PER":
                self.person = Source(mention.normal or mention.text, mention)
                self._named(self.person)
            elif mention.label == "ORG" and mention.first > 0 and doc.tokens[mention.first - 1].lemma.lower() in self.lex.outlet_ref:
                self.outlet = Source(mention.normal or mention.text, mention)
        if source is not None and (source.mention is None or source.mention.label != "PER") and source.name.lower() not in PRONOUNS:
            self.body = source
        if source is None or source.mention is None:
            return
        if source.mention.label == "PER":
            self.person = source
            self._named(source)
        elif is_outlet(source.name, doc.lang) and source.name != own_outlet:
            self.outlet = source


def extract(doc: Doc, title: tuple[int, int] | None = None) -> ArticleClaims:
    lex = lexicon(doc.lang)
    layout = analyse(doc.text, doc.paragraphs, title)
    memory = _Memory(lex, doc.lang)
    quoted = _quote_attributions(doc, lex, memory, layout.skipped)
    outlet = _stated_outlet(doc)
    roles = _roles(doc)
    drafts: list[Draft] = []
    for index, sentence in enumerate(doc.sentences):
        if sentence.paragraph in layout.skipped:
            continue
        start, end = _claim_bounds(doc, sentence, layout.end_of_text.get(sentence.paragraph))
        if end - start <= 0 or doc.text[start:end].rstrip().endswith("?"):
            continue
        found = _attribute(doc, lex, sentence, memory)
        if index in quoted and found.kind != "according_to":
            found = quoted[index]  # a quotation's speaker, unless the sentence cites its own source
            if found.source.mention is None and doc.tokens[found.source.first].text.lower() in PRONOUNS and memory.person:
                # «…», — сказав він: quotations are read before the sentences, so "він" is resolved here
                found = replace(found, source=replace(memory.person, first=found.source.first, last=found.source.last))
        if found.source is not None and found.source.mention is None:
            person = _person_behind_role(doc, lex, found.source, roles, memory, _cue_gender(doc, found))
            if person is not found.source:
                found = replace(found, source=person, rule=f"{found.rule}; the role is the person named with it")
        if outlet is None and sentence.paragraph < LEAD_PARAGRAPHS:
            outlet, found = _article_outlet(found)
        memory.remember(doc, sentence, found.source, outlet)
        cue_here = found.cue is not None and sentence.start <= found.cue[0] < sentence.end
        if found.source is not None and not found.back_reference and cue_here and _only_attribution(doc, lex, sentence, found):
            found = replace(found, back_reference=True)  # "– ідеться у документах США." after a quotation
        if found.back_reference or found.tail:
            _attribute_previous(drafts, found, sentence.paragraph, same_paragraph_only=found.tail)
            if found.back_reference and found.content_start is None:
                continue
        if found.content_start is not None:
            start = found.content_start
        tokens = [i for i in range(sentence.first, sentence.last) if start <= doc.tokens[i].start < end]
        if len([t for t in tokens if doc.tokens[t].text.isalnum()]) < MIN_CLAIM_WORDS:
            continue
        if found.cue is None and drafts and _continues(doc, lex, tokens, drafts[-1], sentence.paragraph):
            found = replace(drafts[-1].found, rule=f"continues the attributed sentence before it ({drafts[-1].found.rule})")
        for part_start, part_end, part_found in _propositions(doc, lex, tokens, start, end, found):
            part = [i for i in tokens if part_start <= doc.tokens[i].start < part_end]
            drafts.append(_draft(doc, lex, part_start, part_end, part, sentence.paragraph, part_found))
    return ArticleClaims(outlet, drafts)


def _lemmas(doc: Doc, first: int, last: int) -> tuple[str, ...]:
    return tuple(t.lemma.lower() for t in doc.tokens[first:last] if t.pos not in ("PUNCT", "PART"))


def _roles(doc: Doc) -> tuple[list[tuple[tuple[str, ...], str]], dict[str, Source]]:
    """Roles written before a person's name anywhere in the article: "пресс-секретарь президента РФ
    Дмитрий Песков" gives (пресс-секретарь, президент, рф) → Дмитрий Песков; a quoted name may be
    part of it ("директор компании «Кременчукгенерация» Игорь Савчук"). Returned as the distinct
    (role, name) pairs in order of appearance, and each name's last-named source."""
    roles = []
    for mention in doc.mentions:
        if mention.label != "PER":
            continue
        first = mention.first
        while first > 0 and mention.first - first < 8 and (
            doc.tokens[first - 1].pos in ("NOUN", "ADJ", "PROPN") or doc.tokens[first - 1].text in QUOTES
        ):
            first -= 1
        while first < mention.first and doc.tokens[first].text in QUOTES:
            first += 1
        if first < mention.first:
            roles.append((_lemmas(doc, first, mention.first), Source(mention.normal or mention.text, mention)))
    distinct = list(dict.fromkeys((role, named.name) for role, named in roles))
    return distinct, {named.name: named for _, named in roles}


def _person_behind_role(doc: Doc, lex: Lexicon, source: Source, roles, memory: _Memory, gender: str | None) -> Source:
    """A source named only by role is the person the article names with that role ("пресс-секретарь
    президента" → Дмитрий Песков), or for a bare "представитель", "глава", "политик" the person last
    named; else it stays as written. The verb's gender chooses among several: "сказала глава комиссии"
    after "глава комиссии Мария Орлова и ее советник…"."""
    words = _lemmas(doc, source.first, source.last)
    if not words:
        return source
    distinct, named = roles
    fitting = list(dict.fromkeys(name for role, name in distinct if _holds_role(role, words)))
    if len(fitting) > 1 and gender is not None:  # several people hold the role: the verb's gender chooses
        fitting = [name for name in fitting if given_name_gender(name, doc.lang) in (gender, None)] or fitting
    person = named[fitting[0]] if fitting else None
    if person is None and words[0] in lex.person_role and not is_plural(doc.tokens[source.first].text, doc.lang):
        person = memory.person_of_gender(gender)  # "эксперты" are several people, none of them named
    if person is None:
        return source
    role = doc.text[doc.tokens[source.first].start : doc.tokens[source.last - 1].end]
    return Source(person.name, person.mention, role, source.first, source.last)


def _holds_role(role: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """The role written before a name begins with these words; one word may be its short form
    ("прем'єр" for "прем'єр-міністерка Великобританії"), an abbreviation the words it spells
    ("голова СБУ" for "голова Служби безпеки України", "глава МИД" for "глава Министерства
    иностранных дел")."""
    if len(words) == 1 and role and role[0].startswith(words[0] + "-"):
        return True
    at = 0
    for word in words:
        if role[at : at + 1] == (word,):
            at += 1
        elif len(word) > 1 and "".join(w[:1] for w in role[at : at + len(word)]) == word:
            at += len(word)
        else:
            return False
    return True


def _cue_gender(doc: Doc, found: Found) -> str | None:
    """The gender a past-tense speech verb shows ("заявила" → femn), which its speaker shares."""
    if found.cue is None:
        return None
    i = _token_at(doc, found.cue[0])
    token = doc.tokens[i] if i is not None and doc.tokens[i].start == found.cue[0] else None
    return {"Fem": "femn", "Masc": "masc"}.get(token.feats.get("Gender", "")) if token is not None else None


def _article_outlet(found: Found) -> tuple[str | None, Found]:
    """The article's own outlet, when the lead says who relays the story: "…, пише 24 Канал" after
    another source, or "Про це повідомляє РБК-Україна з посиланням на The Washington Post" (the
    relaying outlet first in the chain, the outlet it cites as the source)."""
    if found.outer is not None:
        return found.outer.name, found
    source = found.source
    if (
        found.back_reference and found.chain and _is_org(source) and _is_org(found.chain[0])
    ):
        cited, *rest = found.chain
        return source.name, Found(cited, found.cue, found.kind, rest, source, True, False, found.content_start,
                                  "the lead names the outlet that relays the source")
    return None, found


def _is_org(source: Source | None) -> bool:
    return source is not None and source.mention is not None and source.mention.label == "ORG"


def _claim_bounds(doc: Doc, sentence: Sentence, paragraph_end: int | None) -> tuple[int, int]:
    """The sentence without a leading dateline ("МОСКВА, 2 ноября. /ТАСС/.") or trailing photo credit."""
    start, end = sentence.start, sentence.end
    if paragraph_end is not None:
        end = min(end, paragraph_end)
    paragraph_start = doc.paragraphs[sentence.paragraph][0]
    dateline = DATELINE.match(doc.text, paragraph_start, doc.paragraphs[sentence.paragraph][1])
    if dateline:
        start = max(start, dateline.end())
    return start, end


def _stated_outlet(doc: Doc) -> str | None:
    """The article's outlet when the text states it: a dateline "/ТАСС/." or "— РИА Новости.", or
    "Редакция сайта X"."""
    for start, end in doc.paragraphs[:8]:
        dateline = DATELINE.match(doc.text, start, end)
        if dateline:
            return (dateline.group(1) or dateline.group(2)).strip()
        byline = BYLINE_OUTLET.match(doc.text, start, end)
        if byline:
            return byline.group(1).strip()
    return None


def _draft(doc: Doc, lex: Lexicon, start: int, end: int, tokens: list[int], paragraph: int, found: Found) -> Draft:
    words = [doc.tokens[i] for i in tokens]
    hedges = [_span_text(doc, words[a:b]) for a, b, _ in find_phrases(words, lex.hedge)]
    stance = "asserted"
    if find_phrases(words, lex.refusal, by_lemma=True):
        stance = "refused_comment"
    elif find_phrases(words, lex.denial, by_lemma=True) or _denying_answer(doc, lex, start, end):
        stance = "denied"
    text = doc.text[start:end].rstrip()
    return Draft(start, start + len(text), tokens[0], tokens[-1] + 1, paragraph, found, hedges, stance)


def _denying_answer(doc: Doc, lex: Lexicon, start: int, end: int) -> bool:
    """The claim opens with a quotation that is only a "no": «Нет», — сказала глава Белого дома."""
    spans = quote_spans(doc.text, start, end)
    if not spans or doc.text[start : spans[0][0]].strip():
        return False
    a, b = spans[0]
    return doc.text[a + 1 : b - 1].strip(" .,!…").lower() in lex.denial_answer


def _span_text(doc: Doc, tokens) -> str:
    return doc.text[tokens[0].start : tokens[-1].end]


def _attribute_previous(drafts: list[Draft], found: Found, paragraph: int, same_paragraph_only: bool) -> None:
    """"Про це повідомляє X" attributes the unattributed statements just before it (in its paragraph,
    else the previous one); a tail "…, пише X" those before it in its paragraph."""
    targets = [d for d in drafts if d.found.cue is None]
    same = [d for d in targets if d.paragraph == paragraph]
    previous = same or ([] if same_paragraph_only else [d for d in targets if d.paragraph == paragraph - 1])
    for draft in previous:
        draft.found = Found(found.source, found.cue, found.kind, list(found.chain), found.outer,
                            rule=f"attributed by a later sentence ({found.rule})")


def _only_attribution(doc: Doc, lex: Lexicon, sentence: Sentence, found: Found) -> bool:
    """A sentence that holds nothing but its cue and source states no claim of its own (a refusal
    to comment does: "В пресс-службе ФИФА от комментариев отказались"; so do two words with a
    predicate: "Погибших, по данным властей, нет")."""
    if find_phrases(doc.sentence_tokens(sentence), lex.refusal + lex.denial, by_lemma=True):
        return False
    cue = found.cue or (0, 0)
    if any(t.start == cue[0] and t.lemma.lower() in lex.speech_act for t in doc.sentence_tokens(sentence)):
        return False  # "назвала рішення передбачуваним": a speech act's object is what it states
    sources = [found.source] + found.chain
    words = [
        t for i, t in enumerate(doc.sentence_tokens(sentence), start=sentence.first)
        if t.text.isalnum() and not cue[0] <= t.start < cue[1] and not any(s.first <= i < s.last for s in sources)
    ]
    return len(words) < MIN_CLAIM_WORDS and not (len(words) > 1 and any(t.pos in ("VERB", "AUX") for t in words))


def _continues(doc: Doc, lex: Lexicon, tokens: list[int], previous: Draft, paragraph: int) -> bool:
    """A sentence without a cue continues the attributed one before it in its paragraph when it
    is reported ("якобы", "нібито"), opens with "Також" / "Также", or has a pronoun or demonstrative
    subject ("Он также", "Этот документ")."""
    if previous.paragraph != paragraph or previous.found.source is None:
        return False
    words = [doc.tokens[i] for i in tokens]
    if any(p.words[0] in REPORTATIVE for _, _, p in find_phrases(words, lex.hedge)):
        return True
    if words[0].pos == "DET" and words[0].lemma.lower() in DEMONSTRATIVES or words[0].text.lower() in ALSO:
        return True
    return any(w.lemma.lower() in PRONOUNS and w.case in ("Nom", "") and w.pos == "PRON" for w in words[:3])


def _attribute(doc: Doc, lex: Lexicon, sentence: Sentence, memory: _Memory) -> Found:
    first, last = sentence.first, sentence.last
    tokens = doc.tokens[first:last]
    masked: set[int] = set()
    for a, b, _ in find_phrases(tokens, lex.aside):
        if 0 < a and b < len(tokens) and tokens[a - 1].text == "," and tokens[b].text == ",":
            masked.update(range(first + a - 1, first + b + 1))  # "Міністерство оборони РФ, своєю чергою, заявило"
    cited: list[tuple[int, Source, tuple[int, int]]] = []  # (token position, source, cue char span)

    impersonal: set[tuple[int, int]] = set()  # cues of "говорится в документах": indirect speech, not according-to
    for group in (lex.according, lex.impersonal):
        for a, b, phrase in find_phrases(tokens, group):
            positions = phrase_after(doc, first + b, last, masked)
            source = source_from_tokens(doc, positions, memory, phrase.case)
            masked.update(range(first + a, first + b), positions)
            if source is not None:
                cited.append((first + a, source, (tokens[a].start, tokens[b - 1].end)))
                if group is lex.impersonal:
                    impersonal.add(cited[-1][2])

    for a, b, _ in find_phrases(tokens, lex.according_pronoun):
        source = memory.person  # "по его словам": the person named before
        masked.update(range(first + a, first + b))
        if source is not None:
            cited.append((first + a, source, (tokens[a].start, tokens[b - 1].end)))

    impersonal_verbs = {phrase.words[0] for phrase in lex.impersonal}
    for i in range(first, last):
        if i not in masked and doc.tokens[i].text.lower() in impersonal_verbs:
            positions = _locative_before(doc, lex, i, first, masked)  # "В документах также говорится"
            source = source_from_tokens(doc, positions, memory, "Loc")
            if source is not None:
                masked.update(positions + [i])
                cited.append((i, source, (doc.tokens[i].start, doc.tokens[i].end)))
                impersonal.add(cited[-1][2])

    # "Об этом сообщил X" points back; "Вопрос о том, планируются ли…" points ahead
    back_refs = [(a, b, p) for a, b, p in find_phrases(tokens[:3], lex.this_ref) if not (b < len(tokens) and tokens[b].text == ",")]
    back_reference = bool(back_refs)
    for a, b, _ in back_refs:
        masked.update(range(first + a, first + b))
    masked |= _asides(doc, first, last)  # after the according-to phrases: "посилаючись на джерела" is one
    speakers: list[tuple[int, Source, tuple[int, int], bool, str]] = []  # (verb, source, cue, introduced by как/як, rule)
    for i in range(first, last):
        token = doc.tokens[i]
        length = 0 if i in masked else _speech_cue(doc, lex, i)
        if not length:
            continue
        if token.feats.get("VerbForm") in ("Inf", "Part", "Conv") and not _can_be_finite(token.text, doc.lang):
            continue  # taggers call "резюмировали" a participle now and then
        as_speech = _introduced_by(doc, i, first, lex.as_speech)
        tail = _is_tail(doc, i, first, masked)
        first_predicate = not any(is_finite_verb(doc.tokens[k]) for k in range(first, i))
        act = token.lemma.lower() in lex.speech_act and first_predicate  # not "…, після чого Фіцо звинуватив"
        if not (as_speech or tail or back_reference or act or _introduces_content(doc, i, last)):
            continue  # "объявили вознаграждение", "прокомментировал статью": no statement reported
        # a subject after the verb only where inversion is usual: «…», — заявив міністр; як пише WP;
        # про це повідомив X; a sentence opening with the verb. Not "підтвердив пошкодження".
        inverted = tail or as_speech or back_reference or i == first
        rule = "as-speech: 'як пише X'" if as_speech else "speech verb and its subject"
        positions, case = subject_positions(doc, i, first, last, masked, after=inverted), "Nom"
        if not positions and (positions := _apposition_before(doc, i, first, masked)):
            rule = "speech verb and the named apposition before it"
        if not positions and (positions := _subject_of_coordinated(doc, i, first, last, masked)):
            rule = "a second predicate shares the first one's subject"  # "Україна виступає проти … і заявляє, що"
        if not positions and token.feats.get("Number") == "Plur":
            positions, case, rule = locative_source(doc, i, first, last, memory), "Loc", "plural speech verb and the body in the locative"
        elif token.feats.get("Number") == "Plur" and positions[0] > i:
            # "сказали Daily Storm в Роскомнадзоре": the outlet was told, the body in the locative spoke
            body = locative_source(doc, i, first, last, memory)
            if body and body[0] - 2 <= positions[-1] < body[0] and doc.tokens[body[0] - 1].text.lower() in LOCATIVE_PREPOSITIONS:
                positions, case, rule = body, "Loc", "the body in the locative spoke, not the outlet told"
        source = source_from_tokens(doc, positions, memory, case)
        if source is None and not positions and token.feats.get("Number") == "Plur" and doc.tokens[first].text.lower() == "там":
            source, rule = memory.body, "'там' is the body cited before"  # "Там уточнили, что…"
        if source is None and not positions and token.feats.get("Number") != "Plur" and _opens_sentence(doc, i, first):
            # "Заявил, что переговоры были конструктивными": no subject, the person just named goes on
            source = memory.person_of_gender({"Fem": "femn", "Masc": "masc"}.get(token.feats.get("Gender", "")))
            rule = "a verb without a subject goes on with the person just named"
        if source is not None:
            masked.update(positions)
            cue_start = doc.tokens[_introducer(doc, i, first)].start if as_speech else token.start
            speakers.append((i, source, (cue_start, doc.tokens[i + length - 1].end), as_speech, rule))

    if not speakers:
        for a, b, _ in find_phrases(tokens, lex.refusal + lex.denial, by_lemma=True):
            masked.update(range(first + a, first + b))
            # the parse hangs the subject on the verb, not on the "не" before it
            verb = next((k for k in range(first + a, first + b) if doc.tokens[k].pos in ("VERB", "AUX")), first + a)
            positions = subject_positions(doc, verb, first, last, masked, after=False) or locative_source(doc, verb, first, last, memory)
            source = source_from_tokens(doc, positions, memory)
            if source is not None:
                speakers.append((verb, source, (doc.tokens[first + a].start, doc.tokens[first + b - 1].end), False,
                                 "a refusal or denial and its subject"))
                break
    if not speakers and not cited:
        unnamed = find_phrases(tokens, lex.unnamed_report)
        if unnamed:  # "Як повідомлялося, понад 38 мільйонів людей вакцинувались"
            a, b, _ = unnamed[0]
            return Found(None, (tokens[a].start, tokens[b - 1].end), "according_to", rule="a report by nobody named")
        return _named_by_colon(doc, sentence, memory) or _named_by_dash(doc, sentence) or Found()
    outer = None
    if len(speakers) > 1 and _is_tail(doc, speakers[-1][0], first, masked):
        outer = speakers.pop()[1]
    relayed = len(speakers) > 1 and speakers[0][3] and not speakers[1][3]
    if relayed:
        # "Як повідомляв УНН, держсекретар Майкл Помпео заявив, що…": Помпео speaks, УНН relays
        outer = outer or speakers[0][1]
        speakers = speakers[1:]
    content_start = _reported_clause_start(doc, lex, first, last) if back_reference else None

    quoted_cites = [c for c in cited if speakers and _inside_quote_before(doc, sentence, c[0], speakers[0][0])]
    if speakers and quoted_cites:
        # «… согласно Flightradar24», — пишет WP: the source cited inside the quotation is the claim's
        outer = speakers[0][1]
        _, source, cue = min(quoted_cites, key=lambda c: c[0])
        kind, tail, rule = "according_to", False, "a source cited inside a quotation"
        chain = [s for pos, s, _ in sorted(cited, key=lambda c: c[0]) if s is not source]
    elif speakers:
        verb, source, cue, as_speech, rule = speakers[0]
        if relayed:
            rule += ", relayed by an as-speech phrase before it"
        kind = "according_to" if as_speech else _speech_kind(doc, sentence, verb)
        tail = _is_tail(doc, verb, first, masked) and not back_reference
        chain = [s for pos, s, _ in sorted(cited, key=lambda c: c[0]) if pos > verb or not as_speech]
    else:
        _, source, cue = min(cited, key=lambda c: c[0])
        kind, rule = "according_to", "an according-to phrase and its source"
        if cue in impersonal:  # "«…», — йдеться в доповіді" quotes the document; without quotes it is reported
            kind = _speech_kind(doc, sentence, next(k for k in range(first, last) if doc.tokens[k].start == cue[0]))
            rule = "an impersonal cue and the document it names"
        tail = False
        chain = [s for pos, s, _ in sorted(cited, key=lambda c: c[0])][1:]
    chain = [s for s in chain if s.name != source.name]
    return Found(source, cue, kind, chain, outer, back_reference, tail, content_start, rule)


def _propositions(doc: Doc, lex: Lexicon, tokens: list[int], start: int, end: int, found: Found) -> list[tuple[int, int, Found]]:
    """One claim per reported statement: "X заявив, що A, і додав, що B" and "«…», — сказав X,
    додавши, що B" are two, each with its own span and cue, the same speaker. A new statement opens
    at a speech verb after "і"/"и"/"та"/"а також" or a comma (a gerund: "додавши"), with "що"/"что"
    or a colon right after it."""
    if found.source is None or found.cue is None:
        return [(start, end, found)]
    parts, part_start, part_found = [], start, found
    for position, k in enumerate(tokens):
        token = doc.tokens[k]
        if token.start <= part_found.cue[1] or not _speech_cue(doc, lex, k) or k + 2 >= tokens[-1]:
            continue
        connector = position - 1
        while connector > 0 and doc.tokens[tokens[connector]].text.lower() in COORDINATORS | {"також", "также", "ще", "еще", "ещё", ","}:
            connector -= 1
        opened_by = {doc.tokens[i].text.lower() for i in tokens[connector + 1 : position]}
        if not opened_by or not (opened_by & COORDINATORS or token.feats.get("VerbForm") == "Conv" and "," in opened_by):
            continue
        following = [doc.tokens[i].text.lower() for i in tokens[position + 1 : position + 3]]
        if not {"що", "что", ":"} & set(following):
            continue
        cut = doc.tokens[tokens[connector]].end
        if len([i for i in tokens if part_start <= doc.tokens[i].start < cut and doc.tokens[i].text.isalnum()]) < MIN_CLAIM_WORDS:
            continue
        parts.append((part_start, cut, part_found))
        part_start = token.start
        part_found = replace(found, cue=(token.start, token.end), kind="indirect", back_reference=False, tail=False,
                             content_start=None, rule="a further statement of the same speaker in the sentence")
    parts.append((part_start, end, part_found))
    return parts


def _named_by_colon(doc: Doc, sentence: Sentence, memory: _Memory) -> Found | None:
    """"Тереза Мей: Наступні сім днів будуть вирішальними", "Песков: Сегодня не стоит ожидать
    новостей": a short opening that names a person or organisation, then a colon, gives the rest of
    the sentence as their words."""
    colon = next((k for k in range(sentence.first, min(sentence.first + 7, sentence.last - MIN_CLAIM_WORDS))
                  if doc.tokens[k].text == ":"), None)
    if colon is None or colon == sentence.first:
        return None
    named = [m for m in doc.mentions_within_tokens(sentence.first, colon) if m.label in ("PER", "ORG")]
    surname = colon - sentence.first == 1 and any("Surn" in p.tag.grammemes for p in name_parses(doc.tokens[sentence.first].text, doc.lang))
    if not (named and named[-1].last == colon or surname):
        return None  # "Песков:" in a headline, where taggers often miss the name
    source = source_from_tokens(doc, list(range(sentence.first, colon)), memory)
    if source is None:
        return None
    token = doc.tokens[colon]
    return Found(source, (token.start, token.end), "direct_quote", rule="headline 'Name: …'")


def _named_by_dash(doc: Doc, sentence: Sentence) -> Found | None:
    """"Війна проти пандемії може затягнутися на невизначений термін — FT": a headline closed by a
    dash and the name of who says it."""
    last = sentence.last
    while last > sentence.first and doc.tokens[last - 1].pos == "PUNCT" and doc.tokens[last - 1].text in ".!":
        last -= 1
    named = [m for m in doc.mentions_within_tokens(sentence.first, last) if m.last == last and m.label in ("PER", "ORG")]
    if not named or named[0].first - 1 <= sentence.first + MIN_CLAIM_WORDS:
        return None
    dash = doc.tokens[named[0].first - 1]
    if dash.text not in ("—", "–", "-"):
        return None
    mention = named[0]
    source = Source(mention.normal or mention.text, mention, None, mention.first, mention.last)
    return Found(source, (dash.start, dash.end), "indirect", rule="headline '… — Outlet'")


def _asides(doc: Doc, first: int, last: int) -> set[int]:
    """What stands between a subject and its verb and names neither: comma-enclosed gerund clauses
    ("Т. Мей, відповідаючи на запитання, заявила") and dates ("Мей у неділю, 18 листопада,
    заявила", "заявив у понеділок головний представник ЄС"). Their positions, commas included."""
    found: set[int] = set()
    i = first
    while i < last:
        k = i + (doc.tokens[i].pos == "ADP")
        end = k
        while end < last and (doc.tokens[end].text.isdigit() or doc.tokens[end].lemma.lower() in TIME_NOUNS):
            end += 1
        if any(doc.tokens[j].lemma.lower() in TIME_NOUNS for j in range(k, end)):
            found.update(range(i, end))
            i = end
        else:
            i += 1
    commas = [k for k in range(first, last) if doc.tokens[k].text == ","]
    for opening, closing in zip(commas, commas[1:]):
        inner = doc.tokens[opening + 1 : closing]
        if not inner or any(is_finite_verb(t) for t in inner):
            continue
        opening_word = inner[1] if len(inner) > 1 and inner[0].text.lower() == "не" else inner[0]
        gerund = opening_word.feats.get("VerbForm") == "Conv"  # "Трамп, не надаючи доказів, заявляв"
        date = all(t.text.isdigit() or t.lemma.lower() in TIME_NOUNS or t.pos == "ADP" for t in inner)
        if gerund or date:
            found.update(range(opening, closing + 1))
    return found


def _inside_quote_before(doc: Doc, sentence: Sentence, position: int, verb: int) -> bool:
    """Whether tokens[position] lies in a quotation that closes before the verb."""
    at, verb_at = doc.tokens[position].start, doc.tokens[verb].start
    return any(a < at < b <= verb_at for a, b in _open_quote_spans(doc, sentence))


def _open_quote_spans(doc: Doc, sentence: Sentence) -> list[tuple[int, int]]:
    """Quotations closed by the sentence's end, counting one opened in an earlier sentence of the
    paragraph. The paragraph is scanned once (cached), not once per sentence, so a paragraph of
    thousands of sentences stays linear; a quotation still open at the sentence's end is left out."""
    start, end = doc.paragraphs[sentence.paragraph]
    spans, closes = _paragraph_quote_spans(doc.text, start, end)
    return spans[: bisect.bisect_right(closes, sentence.end)]


@lru_cache(maxsize=8)
def _paragraph_quote_spans(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The paragraph's quotations in order of their closing marks, and those closing offsets."""
    spans = quote_spans(text, start, end)
    return spans, [b for _, b in spans]


def _apposition_before(doc: Doc, verb: int, first: int, masked: set[int]) -> list[int]:
    """The named apposition right before the verb, which names the subject before it: "Оператор
    станції, ТОВ «Кременчукгенерація», підтвердив" is Кременчукгенерація speaking."""
    if verb - 1 <= first or doc.tokens[verb - 1].text != "," or any(t.pos in ("VERB", "AUX") for t in doc.tokens[first:verb]):
        return []
    opening = next((k for k in range(verb - 2, first, -1) if doc.tokens[k].text == ","), None)
    if opening is None or not phrase_before(doc, opening, first, masked):
        return []
    if not any(m.label in ("ORG", "PER") and opening < m.first and m.last < verb for m in doc.mentions):
        return []
    return [k for k in range(opening + 1, verb - 1) if k not in masked]


def _locative_before(doc: Doc, lex: Lexicon, verb: int, first: int, masked: set[int]) -> list[int]:
    """The phrase after в/у (or на before a page: "На сайте Кремля сообщается") that precedes an
    impersonal verb in its clause."""
    def opens(k: int) -> bool:
        word = doc.tokens[k].text.lower()
        return word in LOCATIVE_PREPOSITIONS or word == "на" and k + 1 < verb and doc.tokens[k + 1].lemma.lower() in lex.voice_of

    i = verb - 1
    while i >= first and not is_break(doc.tokens[i]) and not opens(i):
        i -= 1
    if i < first or not opens(i):
        return []
    return [k for k in range(i + 1, verb) if k not in masked and doc.tokens[k].pos != "ADV"]


def _speech_cue(doc: Doc, lex: Lexicon, i: int) -> int:
    """How many tokens the speech cue at tokens[i] covers: a verb of saying, or a phrase such as
    "звернути увагу"; 0 when there is none."""
    token = doc.tokens[i]
    length = longest_at(doc.tokens, i, lex.speech_phrases, by_lemma=True)  # "выразили обеспокоенность" before "выразили"
    if length:
        return length
    if (token.lemma.lower() in lex.speech or token.lemma.lower() in lex.speech_act) and token.pos in ("VERB", "AUX"):
        return 1
    if token.pos == "ADJ" and norm(token.lemma) in lex.speech_adjective:
        return 1
    return 0


def _subject_of_coordinated(doc: Doc, verb: int, first: int, last: int, masked: set[int]) -> list[int]:
    """A second predicate shares the first one's subject: "Україна виступає проти проекту і заявляє,
    що…"."""
    if verb - 1 <= first or doc.tokens[verb - 1].text.lower() not in COORDINATORS:
        return []
    earlier = next((k for k in range(verb - 2, first - 1, -1) if is_finite_verb(doc.tokens[k])), None)
    if earlier is None or any(doc.tokens[k].text in (",", ";", ":") for k in range(earlier, verb)):
        return []
    return subject_positions(doc, earlier, first, last, masked, after=False)


def _opens_sentence(doc: Doc, verb: int, first: int) -> bool:
    """Only adverbs and conjunctions before the verb: "Заявил, что…", "Також наголосив, що…"."""
    return all(t.pos in ("ADV", "CCONJ", "PART") or t.text.lower() in ALSO for t in doc.tokens[first:verb])


def _introducer(doc: Doc, verb: int, first: int) -> int:
    """Where "как" would stand before a speech verb, adverbs skipped: "как ранее сообщила газета X"."""
    i = verb - 1
    while i > first and doc.tokens[i].pos == "ADV":
        i -= 1
    return i


def _introduced_by(doc: Doc, verb: int, first: int, words: set[str]) -> bool:
    i = _introducer(doc, verb, first)
    return i >= first and doc.tokens[i].text.lower() in words


def _introduces_content(doc: Doc, verb: int, last: int) -> bool:
    """A reported statement follows the verb: "…, что", a colon or a quotation."""
    for token in doc.tokens[verb + 1 : last]:
        if token.text.lower() in ("что", "що", "чтобы", "щоб", ":", "«", "„", '"', "“"):
            return True
    return False


def _can_be_finite(word: str, lang: str) -> bool:
    return any(reading.tag.POS == "VERB" for reading in parses(word, lang))


def _is_tail(doc: Doc, verb: int, first: int, masked: set[int]) -> bool:
    """A speech verb right after a comma or dash closes the sentence: ", пише 24 Канал", «Нет», —
    сказала. Not after an apposition, a verbless stretch with a comma inside: "Оператор станції,
    ТОВ «Кременчукгенерація», підтвердив пошкодження"; nor after an aside ("Мей, відповідаючи на
    запитання, заявила")."""
    while verb - 1 > first and verb - 1 in masked:
        verb -= 1
    if not (verb > first + 1 and doc.tokens[verb - 1].text in (",", "—", "–", "-")):
        return False
    before = doc.tokens[first : verb - 1]
    return (
        before[0].text in OPENING_QUOTES | {"—", "–", "-"}
        or any(t.pos in ("VERB", "AUX") for t in before)  # "знизить" may read as an infinitive
        or all(t.text != "," for t in before)  # "Варшава и Киев близки к соглашению, сообщил министр"
    )


def _speech_kind(doc: Doc, sentence: Sentence, verb: int) -> str:
    """direct_quote when the statement is in quotation marks: most of the sentence, or a quotation
    right after "сказал:" or right before ", — сказал"; else indirect speech."""
    token = doc.tokens[verb]
    for a, b in quote_spans(doc.text, sentence.start, sentence.end):
        if len(doc.text[a:b].split()) < MIN_CLAIM_WORDS:
            continue  # a quoted name («Економічна правда»), not a quotation
        after = a >= token.end
        between = doc.text[token.end : a] if after else doc.text[b : token.start]
        if after and SUBORDINATOR.search(between):
            continue  # "зазначив, що «…»": a quotation inside indirect speech
        if not after and doc.text[sentence.start : a].strip(" —–-"):
            continue  # "Джо Байден «противостоял Путину…», сообщает CNN": a quoted phrase inside a report
        introduced = not between.strip(" ,:—–-") and (not after or ":" in between)  # "сказал: «…»", "«…», — сказал"
        if b - a > 0.4 * (sentence.end - sentence.start) or introduced:
            return "direct_quote"
    return "indirect"


def _reported_clause_start(doc: Doc, lex: Lexicon, first: int, last: int) -> int | None:
    """"Об этом сообщил X, отметив, что CLAUSE": where CLAUSE starts, when there is one."""
    for i in range(first, last - 1):
        token = doc.tokens[i]
        if token.feats.get("VerbForm") == "Conv" and token.lemma.lower() in lex.speech:
            for k in range(i + 1, min(i + 3, last - 1)):
                if doc.tokens[k].text.lower() in ("что", "що"):
                    return doc.tokens[k + 1].start
    return None


def _quote_attributions(doc: Doc, lex: Lexicon, memory: _Memory, skipped: dict[int, str]) -> dict[int, Found]:
    """Sentences inside a quotation closed by "— пишет X" / ", - сказал X" or opened by "X: «".

    Quotations often span several sentences, so they are read per paragraph, not per sentence.
    """
    found: dict[int, Found] = {}
    by_paragraph: dict[int, list[tuple[int, Sentence]]] = {}
    for k, s in enumerate(doc.sentences):
        by_paragraph.setdefault(s.paragraph, []).append((k, s))
    for paragraph, (p_start, p_end) in enumerate(doc.paragraphs):
        if paragraph in skipped:
            continue
        sentences = by_paragraph.get(paragraph, [])
        for q_start, q_end in quote_spans(doc.text, p_start, p_end):
            if q_end - q_start < 40 and not any(s.start == q_start for _, s in sentences):
                continue  # a quoted phrase inside a sentence, not a quotation
            attribution = _speaker_after(doc, lex, q_end, p_end, memory) or _speaker_before(doc, lex, q_start, p_start, memory)
            if attribution is None:
                continue
            for k, s in sentences:
                if s.start < q_end and s.end > q_start:
                    found[k] = attribution
    return found


def _token_at(doc: Doc, offset: int) -> int | None:
    """The first token starting at or after the offset."""
    i = bisect.bisect_left(doc.tokens, offset, key=lambda token: token.start)
    return i if i < len(doc.tokens) else None


def _speaker_after(doc: Doc, lex: Lexicon, q_end: int, p_end: int, memory: _Memory) -> Found | None:
    """«…», — пишет WP. / "…", - сказал представитель Кремля."""
    i = _token_at(doc, q_end)
    if i is None or doc.tokens[i].start >= p_end:
        return None
    while i < len(doc.tokens) and doc.tokens[i].text in (",", "—", "–", "-", ".") and doc.tokens[i].start < p_end:
        i += 1
    length = _speech_cue(doc, lex, i) if i < len(doc.tokens) and doc.tokens[i].start < p_end else 0
    if not length:
        return None
    stop = i + length
    while stop < len(doc.tokens) and doc.tokens[stop].start < p_end:
        stop += 1
    positions = phrase_after(doc, i + length, stop, set())
    if not positions:
        positions = locative_source(doc, i, i, stop, memory)
    source = source_from_tokens(doc, positions, memory)
    if source is None:
        return None
    verb = doc.tokens[i]
    return Found(source, (verb.start, verb.end), "direct_quote", rule="a quotation closed by '— said X'")


def _speaker_before(doc: Doc, lex: Lexicon, q_start: int, p_start: int, memory: _Memory) -> Found | None:
    """X: «…» / X сказал: «…»."""
    i = _token_at(doc, q_start)
    if i is None or i == 0 or doc.tokens[i - 1].text != ":" or doc.tokens[i - 1].start < p_start:
        return None
    begin = i - 1
    while begin > 0 and doc.tokens[begin - 1].start >= p_start and not is_break(doc.tokens[begin - 1]):
        begin -= 1
    positions = [k for k in range(begin, i - 1) if doc.tokens[k].lemma.lower() not in lex.speech]
    source = source_from_tokens(doc, positions, memory)
    if source is None:
        return None
    colon = doc.tokens[i - 1]
    return Found(source, (colon.start, colon.end), "direct_quote", rule="a quotation opened by 'X: «'")
