"""What the attribution of a sentence is made of, shared by the sentence rules (`rules.py`), the
quotations read per paragraph and the article walk (`extract.py`): the `Found` attribution, the
speakers and cites a sentence holds, the `Memory` of what earlier sentences named, and the cue
tests they all use.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from claimex.claims.lexicon import Lexicon, find_phrases, longest_at, norm
from claimex.claims.sources import (
    LATTER, PRONOUNS, Source, coordinated_source, is_finite_verb, is_nominative, subject_positions, with_coordinated,
)
from claimex.doc import Doc, Mention, Sentence, Token
from claimex.nlp.gazetteer import is_outlet
from claimex.nlp.morph import given_name_gender, parses
from claimex.text.names import same_surname
from claimex.text.spelling import shared_key

MIN_CLAIM_WORDS = 3
ALSO = {"также", "також", "зокрема"}  # a sentence opening with these adds to the one before
PRONOUN_GENDER = {"він": "masc", "он": "masc", "вона": "femn", "она": "femn", "he": "masc", "she": "femn"}
PLURAL_PRONOUNS = {"они", "вони", "they"}
BODY_PRONOUNS = {"it"}  # English "it said": the body named last
MASS_MEDIA = {"змі", "сми"}


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
    rule: str = ""  # which rule decided, as `claimex explain` words it
    decided_by: str = ""  # the rule functions that decided ("speaker > speech_verb_subject"), for `explain`
    declined: tuple[str, ...] = ()  # the rule functions tried before, which declined
    later: tuple[Speaker, ...] = ()  # the sentence's further speakers, each with a statement of its own


@dataclass
class Speaker:
    """A speech verb (or refusal) of the sentence and the source that speaks with it."""

    verb: int  # token position
    source: Source
    cue: tuple[int, int]  # char span
    as_speech: bool  # introduced by "как" / "як": "как пишет X"
    rule: str
    decided_by: str
    declined: tuple[str, ...]


@dataclass
class Subject:
    """What a speaker rule found: the words naming the source, in the case they take; or the source
    itself when no words of the sentence name it ("Заявил, что…" goes on with the person named before)."""

    positions: list[int]
    case: str = "Nom"
    source: Source | None = None
    rule: str = ""  # as `claimex explain` words it


@dataclass
class Cite:
    """An according-to phrase or impersonal cue and the source it names."""

    position: int  # token position of the cue
    source: Source
    cue: tuple[int, int]  # char span


class Memory:
    """What earlier sentences named, for back-references: the last outlet and the last person."""

    def __init__(self, lex: Lexicon, lang: str):
        self.lex = lex
        self.lang = lang
        self.outlet: Source | None = None
        self.person: Source | None = None
        self.speaker: Source | None = None  # the last person a claim was attributed to
        self.people: dict[str, Source] = {}  # each person named so far, by name, the latest named last
        self.body: Source | None = None  # the last source that is no person: what "там" points back to
        self.group: Source | None = None  # the last source of several: what "вони" points back to
        self.unnamed: Source | None = None  # the last speaker known only by a word for a person: "сказал чиновник"
        self.last_source: Source | None = None  # the source of the last attributed sentence
        self.organisations: list[tuple[Source, str]] = []  # organisations named, with the lemma of the word before each
        self.shown_gender: dict[str, str] = {}  # key of a name's word -> the gender a verb showed: "Биби покинула" is femn

    def refers(self, lemma: str) -> bool:
        return lemma in self.lex.outlet_ref or lemma in PRONOUNS or lemma in LATTER

    def speaks_for_next(self, lemma: str) -> bool:
        return lemma in self.lex.voice_of

    def names_body(self, lemma: str) -> bool:
        return lemma in self.lex.institution

    def informs_from_within(self, lemma: str) -> bool:
        return lemma in self.lex.informant

    def resolve(self, lemma: str) -> Source | None:
        if lemma in MASS_MEDIA:
            return None  # "за даними ЗМІ": the media at large, not the outlet named last
        if lemma in self.lex.outlet_ref:
            return self.outlet
        if lemma in PLURAL_PRONOUNS:
            return self.group
        if lemma in BODY_PRONOUNS:
            return self.body
        if lemma in PRONOUNS:
            return self.person_of_gender(PRONOUN_GENDER.get(lemma))
        if lemma in LATTER:
            return self.person
        return None

    def person_of_gender(self, gender: str | None) -> Source | None:
        """"Вона" is the last woman named, "він" the last man (a name that does not tell its gender
        fits either; a surname alone is read as the full name given before); with nobody of that
        gender named, the last person."""
        if gender is None or self.person is None:
            return self.person
        genders = [(self.gender_of(person.name), person) for person in reversed(self.people.values())]
        if not any(g == gender for g, _ in genders):
            if self.unnamed is not None and all(g not in (gender, None) for g, _ in genders):
                return self.unnamed  # everyone named is of the other gender: "сказал чиновник. Он также…"
            return self.person  # nobody of that gender named: the text may be wrong, as it can be
        return next(person for g, person in genders if g in (gender, None))

    def gender_of(self, name: str) -> str | None:
        """The gender the given name tells, else the one a verb the person was subject of showed."""
        full = self.in_full(name)
        return given_name_gender(full, self.lang) or next(
            (self.shown_gender[key] for word in full.split() if (key := _word_key(word, self.lang)) in self.shown_gender), None)

    def body_called(self, lemma: str) -> Source | None:
        """The organisation a noun that names any body ("ведомство", "відомство") refers back to."""
        return self.organisation_called(lemma) if lemma in self.lex.any_body else None

    def organisation_called(self, noun: str) -> Source | None:
        """The organisation a bare "ведомство", "организация" or "суд" refers back to: the last one
        named; for a noun that says what kind of body it is, the last one whose name holds it or
        that was introduced by it ("Верховный суд", "компания Pfizer")."""
        for source, before in reversed(self.organisations):
            if noun in self.lex.any_body or noun == before or noun in source.name.lower().split():
                return source
        return None

    def still_unnamed(self) -> Source | None:
        """The speaker known only by a word for a person, when the last attributed sentence was theirs:
        "Представитель МИД опроверг… «…», — сказал чиновник" is one official."""
        return self.unnamed if self.unnamed is not None and self.last_source is self.unnamed else None

    def consulted(self, gender: str | None) -> Source | None:
        """Who "эксперт", "фахівець" is: the person who last spoke, when the verb's gender fits."""
        if self.speaker is None or gender is not None and self.gender_of(self.speaker.name) not in (gender, None):
            return None
        return self.speaker

    def person_named(self, word: str, lang: str) -> Source | None:
        """The person named earlier whose surname this word is, in any case: "Сомова" after "Андрей
        Сомов", where the tagger missed the second mention. The last one named in full, where the
        surname alone came after: "Пелосі" is "Ненсі Пелосі"."""
        key = shared_key(word.lower(), lang)
        named = [p for p in reversed(self.people.values()) if same_surname(key, shared_key(p.name.split()[-1].lower(), lang))]
        return next((p for p in named if " " in p.name), named[0] if named else None)

    def in_full(self, name: str) -> str:
        """A surname alone as the full name given before ("Пелосі" → "Ненсі Пелосі"); else the name."""
        named = self.person_named(name, self.lang) if " " not in name else None
        return named.name if named is not None else name

    def _joint_subject(self, doc: Doc, sentence: Sentence) -> Source | None:
        """Sources joined by "і" / "и" as the subject of the sentence's first verb, a plural one,
        where the sentence reports nothing: who "вони" / "они" is next."""
        verb = _first_finite_verb(doc, sentence)
        if verb is None or doc.tokens[verb].feats.get("Number") != "Plur":
            return None
        positions = with_coordinated(doc, subject_positions(doc, verb, sentence.first, sentence.last, set(), after=False), sentence.first, set())
        return coordinated_source(doc, positions, self) if positions else None

    def _named(self, person: Source) -> None:
        self.people.pop(person.name, None)
        self.people[person.name] = person

    def remember(self, doc: Doc, sentence: Sentence, source: Source | None, own_outlet: str | None) -> None:
        """The outlet an "издание" refers to: a cited source that is a news outlet (gazetteer) or an
        organisation named right after "газета", "издание", "видання"; never the article's own.
        The person a "он" refers to: the last person named, a subject before others ("Байден
        встретился с Путиным. Он заявил…" is Байден)."""
        previous = None
        named = []
        for mention in doc.mentions_between(sentence.start, sentence.end):
            if mention.label == "PER" and not _spelled_again(doc, previous, mention):
                named.append(mention)
            elif mention.label == "ORG" and mention.first > 0 and doc.tokens[mention.first - 1].lemma.lower() in self.lex.outlet_ref:
                self.outlet = Source(mention.normal or mention.text, mention)
            elif mention.label == "ORG" and not is_outlet(mention.normal or mention.text, doc.lang):
                before = doc.tokens[mention.first - 1].lemma.lower() if mention.first > 0 else ""
                self.organisations.append((Source(mention.normal or mention.text, mention), before))
            previous = mention
        for mention in sorted(named, key=lambda m: is_nominative(doc, doc.tokens[m.last - 1])):
            self.person = Source(mention.normal or mention.text, mention)
            self._named(self.person)
            gender = _verb_gender(doc, mention)
            words = {*mention.text.split(), *self.person.name.split()} if gender is not None else ()  # "Бібі" whatever its lemma
            for word in words:
                self.shown_gender.setdefault(_word_key(word, self.lang), gender)
        if source is not None and (source.mention is None or source.mention.label != "PER") and source.name.lower() not in PRONOUNS:
            self.body = source
        if source is not None and (source.joint or source.mention is None and _plural_head(doc, source)):
            self.group = source
        elif source is None and (joint := self._joint_subject(doc, sentence)) is not None:
            self.group = joint  # "X і Y подали позов. Вони вважають…"
        elif source is not None and source.mention is None and person_noun(doc, source):
            self.unnamed = source
        if source is not None:
            self.last_source = source
        if source is None or source.mention is None:
            return
        if source.mention.label == "PER":
            self.person = self.speaker = source
            self._named(source)
        elif is_outlet(source.name, doc.lang) and source.name != own_outlet:
            self.outlet = source


def _first_finite_verb(doc: Doc, sentence: Sentence) -> int | None:
    return next((k for k in range(sentence.first, sentence.last) if is_finite_verb(doc.tokens[k])), None)


def _verb_gender(doc: Doc, mention: Mention) -> str | None:
    """The gender of a past-tense verb whose subject the person is: the parse's, else the verb
    right after the name ("Биби покинула страну")."""
    last = doc.tokens[mention.last - 1]
    if doc.has_parse:
        verb = doc.tokens[last.head] if last.dep == "nsubj" and last.head is not None else None
    else:
        verb = doc.tokens[mention.last] if mention.last < len(doc.tokens) else None
    return past_gender(verb) if verb is not None and verb.pos in ("VERB", "AUX") else None


def past_gender(verb: Token) -> str | None:
    """The gender a past-tense verb shows ("заявила" → femn), as pymorphy3 names it."""
    return {"Fem": "femn", "Masc": "masc"}.get(verb.feats.get("Gender", ""))


def _word_key(word: str, lang: str) -> str:
    return shared_key(word.lower(), lang)


def person_noun(doc: Doc, source: Source) -> bool:
    """The source's first word is an animate noun in the singular: "чиновник", "посадовець"."""
    first = doc.tokens[source.first] if source.first < source.last else None
    return first is not None and first.pos == "NOUN" and any(  # uk tags carry no "sing"
        p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and p.tag.number != "plur" for p in parses(first.text, doc.lang))


def _plural_head(doc: Doc, source: Source) -> bool:
    """The source's first noun is, or can be, a nominative plural: "аналітики", "прихильники Трампа"."""
    noun = next((t for t in doc.tokens[source.first : source.last] if t.pos == "NOUN"), None)
    return noun is not None and (noun.feats.get("Number") == "Plur" or any(
        p.tag.number == "plur" and "nomn" in p.tag.grammemes for p in parses(noun.text, doc.lang)))


def _spelled_again(doc: Doc, previous: Mention | None, mention: Mention) -> bool:
    """"Питер Пиот (Peter Piot)": a name in brackets right after a person's is that person in another
    spelling, not a second person for "он" / "она" to point to."""
    return (previous is not None and previous.label == "PER" and mention.first >= 1 and previous.last == mention.first - 1
            and doc.tokens[mention.first - 1].text == "(")


def refusals(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    """Where the tokens decline to comment; not in a gerund, an aside: "Мер, не уточнюючи деталей, заявив"."""
    return [(a, b) for a, b, _ in find_phrases(tokens, lex.refusal, by_lemma=True)
            if not any(t.feats.get("VerbForm") == "Conv" for t in tokens[a:b])]


def speech_cue(doc: Doc, lex: Lexicon, i: int) -> int:
    """How many tokens the speech cue at tokens[i] covers: a verb of saying, or a phrase such as
    "звернути увагу"; 0 when there is none."""
    token = doc.tokens[i]
    length = longest_at(doc.tokens, i, lex.speech_phrases, by_lemma=True)  # "выразили обеспокоенность" before "выразили"
    if length:
        return length
    if (token.lemma.lower() in lex.speech or token.lemma.lower() in lex.speech_act) and (
        token.pos in ("VERB", "AUX") or token.pos == "NOUN" and _can_be_verb(token.text, doc.lang)
    ):
        return 1  # taggers take a rare verb after a comma for a noun now and then: ", подытожил Блохин"
    if token.pos == "ADJ" and norm(token.lemma) in lex.speech_adjective:
        return 1
    return 0


def _can_be_verb(word: str, lang: str) -> bool:
    return any(reading.tag.POS == "VERB" for reading in parses(word, lang))


def token_at(doc: Doc, offset: int) -> int | None:
    """The first token starting at or after the offset."""
    i = bisect.bisect_left(doc.tokens, offset, key=lambda token: token.start)
    return i if i < len(doc.tokens) else None


