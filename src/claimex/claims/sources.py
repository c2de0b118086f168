"""Who a cue points at: the noun phrase of the source, its named entity and role.

With a dependency parse the speaker is the verb's nsubj subtree; without one (the Ukrainian builtin
backend) the source is found from morphology: a noun phrase in the case the cue governs
("за даними" + genitive, "згідно з" + instrumental), or a nominative phrase next to a speech verb.
Token positions inside other cues' phrases are `masked` so that "Видання з посиланням на документи
уряду США пише" yields the speaker "Видання", not "США".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from claimex.doc import Doc, Mention, Token
from claimex.nlp.morph import could_be_nominative, normal_name

CLAUSE_BREAK = {",", ";", ":", "—", "–", "-", "(", ")", "«", "»", '"', "„", "“", "”", ".", "!", "?", "…"}
SUBORDINATORS = {"что", "що", "чтобы", "щоб", "который", "которая", "которые", "котрий", "який", "яка", "які",
                 "если", "якщо", "когда", "коли", "как", "як", "поскольку", "оскільки", "и", "і", "й", "та", "а", "но", "але"}
NOUNISH = {"NOUN", "PROPN"}
OPENING_QUOTES = {"«", "„", "“", '"'}
CLOSING_QUOTES = {"»", "“", "”", '"'}
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
PRONOUNS = {"он", "она", "они", "він", "вона", "вони"}
LOCATIVE_PREPOSITIONS = {"в", "во", "у"}



class References(Protocol):
    """Back-references of an article: "издание" / "видання" to the outlet, "он" / "він" to the person."""

    def refers(self, lemma: str) -> bool: ...

    def speaks_for_next(self, lemma: str) -> bool: ...

    def resolve(self, lemma: str) -> "Source | None": ...


@dataclass
class Source:
    name: str
    mention: Mention | None = None
    role: str | None = None
    first: int = 0  # token span of the source phrase
    last: int = 0


def is_break(token: Token) -> bool:
    return token.text in CLAUSE_BREAK or token.text.lower() in SUBORDINATORS


def is_finite_verb(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and token.feats.get("VerbForm", "Fin") == "Fin"


def source_from_tokens(doc: Doc, positions: list[int], references: References, case: str = "") -> Source | None:
    """The source named by the tokens at `positions` (in order); `case` is the case its cue governs.

    A person named in the phrase wins, with the words before the name as the role
    ("пресс-секретарь президента РФ Дмитрий Песков"). Otherwise the phrase's head noun decides: an
    entity when the head is (or, after "газета", "телеканал", stands right before) a named entity,
    else the head noun phrase itself ("документы правительства США", not "США"). Back-references
    ("издание", "видання", "он") become the source named earlier.
    """
    if not positions:
        return None
    allowed = set(positions)
    inside = [m for m in doc.mentions if all(i in allowed for i in range(m.first, m.last))]
    person = next((m for m in inside if m.label == "PER"), None)
    if person is not None:
        role = None
        if positions[0] < person.first:
            role_tokens = [doc.tokens[i] for i in positions if i < person.first]
            role = doc.text[role_tokens[0].start : role_tokens[-1].end].strip(" ,") or None
        return Source(person.normal or person.text, person, role, positions[0], person.last)
    tokens = [doc.tokens[i] for i in positions]
    heads = [k for k, t in enumerate(tokens) if t.pos in NOUNISH or t.pos == "PRON" and t.lemma.lower() in PRONOUNS
             or any(m.first == positions[k] for m in inside)]
    agreeing = [k for k in heads if _agrees(tokens[k].case, case)]
    head = (agreeing or heads or [None])[0]
    if head is None:
        return None
    at = positions[head]
    mention = next((m for m in inside if m.first <= at < m.last), None)
    if mention is None and head + 1 < len(positions):
        following = next((m for m in inside if m.first in positions[head + 1 : head + 3] and m.label != "LOC"), None)
        lemma = tokens[head].lemma.lower()
        if following is not None and (references.refers(lemma) or references.speaks_for_next(lemma)):
            mention = following  # "газета The Washington Post", "пресс-служба «Аэрофлота»"
    if mention is not None:
        return Source(mention.normal or mention.text, mention, None, positions[0], mention.last)
    referred = references.resolve(tokens[head].lemma.lower())
    if referred is not None:
        return Source(referred.name, referred.mention, referred.role, positions[0], at + 1)
    start = head
    while start > 0 and tokens[start - 1].pos in ("ADJ", "DET") and positions[start - 1] == positions[start] - 1:
        start -= 1
    end = head + 1
    while end < len(tokens) and positions[end] == positions[end - 1] + 1 and not references.refers(tokens[end].lemma.lower()) and (
        tokens[end].pos in NOUNISH and tokens[end].case in ("Gen", "") or any(m.first <= positions[end] < m.last for m in inside)
    ):
        end += 1
    phrase = [t for t in tokens[start:end] if t.pos != "PART"]
    if case == "Nom" and _nominative(doc, tokens[head]):
        name = doc.text[phrase[0].start : phrase[-1].end]  # already nominative: "аналітики ICU"
    else:
        name = normal_name(phrase, "MISC", doc.lang)
    return Source(name, None, None, positions[start], positions[end - 1] + 1)


def _agrees(found: str, wanted: str) -> bool:
    """Nominative and accusative look alike for inanimate nouns, and taggers mix them up."""
    return not wanted or not found or found == wanted or {found, wanted} == {"Nom", "Acc"}


def _quoted_name_end(doc: Doc, i: int) -> int | None:
    """When tokens[i] opens quotes around a named entity («Аэрофлота»), the index after the closing quote."""
    if doc.tokens[i].text not in OPENING_QUOTES:
        return None
    for mention in doc.mentions:
        if mention.first == i + 1:
            close = mention.last
            return close + 1 if close < len(doc.tokens) and doc.tokens[close].text in CLOSING_QUOTES else close
    return None


def phrase_after(doc: Doc, start: int, stop: int, masked: set[int]) -> list[int]:
    """Positions of the phrase from `start` up to a clause break or finite verb, skipping masked ones.
    A quoted name («Спартака») stays inside the phrase."""
    positions = []
    i = start
    while i < stop:
        quoted_end = _quoted_name_end(doc, i)
        if quoted_end is not None:
            positions += [k for k in range(i, min(quoted_end, stop)) if k not in masked]
            i = quoted_end
            continue
        if is_break(doc.tokens[i]) or is_finite_verb(doc.tokens[i]):
            break
        if i not in masked:
            positions.append(i)
        i += 1
    return positions


def _nominative(doc: Doc, token: Token) -> bool:
    """Tagged nominative, or (without a tagger's context, as in Ukrainian) possibly nominative."""
    return token.case in ("Nom", "") or not doc.has_parse and could_be_nominative(token.text, doc.lang)


def phrase_before(doc: Doc, stop: int, start: int, masked: set[int]) -> list[int]:
    """Positions of the nominative phrase ending before `stop`, from its first nominative noun or entity."""
    i = stop
    while i > start and (i - 1 in masked or not is_break(doc.tokens[i - 1])):
        i -= 1
    positions = [k for k in range(i, stop) if k not in masked]
    starts = [k for k in positions if doc.tokens[k].pos in NOUNISH and _nominative(doc, doc.tokens[k])]
    starts += [m.first for m in doc.mentions if m.first in positions and m.last - 1 in positions]
    if not starts:
        return []
    first = min(starts)
    while first - 1 in positions and doc.tokens[first - 1].pos in ("ADJ", "DET"):
        first -= 1
    return [k for k in positions if k >= first]


def subject_positions(doc: Doc, verb: int, first: int, last: int, masked: set[int]) -> list[int]:
    """The speech verb's subject: the parse's nsubj subtree, else the nearest nominative phrase
    before the verb, else the phrase right after it ("пише 24 Канал")."""
    if doc.has_parse:
        for i in range(first, last):
            token = doc.tokens[i]
            if token.head == verb and token.dep in SUBJECT_DEPS:
                return [k for k in _subtree(doc, i, first, last) if k not in masked]
        return []
    return phrase_before(doc, verb, first, masked) or phrase_after(doc, verb + 1, last, masked)


def locative_source(doc: Doc, verb: int, first: int, last: int, references: References) -> list[int]:
    """For subjectless plural verbs, the organisation after в/у: "В Кремле отказались комментировать",
    "сообщили в МЧС", "В пресс-службе «Спартака» отказались". Organisations win over places, then
    the one nearest to the verb."""
    found = []
    for i in range(first, last):
        if doc.tokens[i].text.lower() not in LOCATIVE_PREPOSITIONS:
            continue
        positions = phrase_after(doc, i + 1, last, set())
        source = source_from_tokens(doc, positions, references, "Loc")
        if source is not None and source.mention is not None and source.mention.label in ("ORG", "LOC"):
            found.append((source.mention.label != "ORG", abs(i - verb), positions))
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
