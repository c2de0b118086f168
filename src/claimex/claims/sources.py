"""Who a cue points at: the noun phrase of the source, its named entity and role.

With a dependency parse the speaker is the verb's nsubj subtree; without one (the Ukrainian builtin
backend) the source is found from morphology: a noun phrase in the case the cue governs
("за даними" + genitive, "згідно з" + instrumental), or a nominative phrase next to a speech verb.
Token positions inside other cues' phrases are `masked` so that "Видання з посиланням на документи
уряду США пише" yields the speaker "Видання", not "США".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from claimex.doc import Doc, Mention, Token
from claimex.nlp.morph import normal_name

CLAUSE_BREAK = {",", ";", ":", "—", "–", "-", "(", ")", "«", "»", '"', "„", "“", "”", ".", "!", "?", "…"}
SUBORDINATORS = {"что", "що", "чтобы", "щоб", "который", "которая", "которые", "котрий", "який", "яка", "які",
                 "если", "якщо", "когда", "коли", "как", "як", "поскольку", "оскільки", "и", "і", "й", "та", "а", "но", "але"}
NOUNISH = {"NOUN", "PROPN"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
PRONOUNS = {"он", "она", "они", "він", "вона", "вони"}
LOCATIVE_PREPOSITIONS = {"в", "во", "у"}
LABEL_PRIORITY = {"PER": 0, "ORG": 1, "MISC": 2, "LOC": 3}

Resolver = Callable[[str], "Source | None"]


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


def source_from_tokens(doc: Doc, positions: list[int], resolve: Resolver) -> Source | None:
    """The source named by the tokens at `positions` (in order): best entity, else head noun phrase.

    `resolve(lemma)` turns back-references ("издание", "видання", "он") into the source named earlier.
    """
    if not positions:
        return None
    allowed = set(positions)
    inside = [m for m in doc.mentions if all(i in allowed for i in range(m.first, m.last))]
    mention = min(inside, key=lambda m: (LABEL_PRIORITY[m.label], m.first), default=None)
    if mention is not None:
        role = None
        if mention.label == "PER" and positions[0] < mention.first:
            role_tokens = [doc.tokens[i] for i in positions if i < mention.first]
            role = doc.text[role_tokens[0].start : role_tokens[-1].end].strip(" ,")
        return Source(mention.normal or mention.text, mention, role or None, positions[0], mention.last)
    tokens = [doc.tokens[i] for i in positions]
    head = next((k for k, t in enumerate(tokens) if t.pos in NOUNISH or t.lemma.lower() in PRONOUNS), None)
    if head is None:
        return None
    referred = resolve(tokens[head].lemma.lower())
    if referred is not None:
        return Source(referred.name, referred.mention, referred.role, positions[0], positions[head] + 1)
    start = head
    while start > 0 and tokens[start - 1].pos in ("ADJ", "DET") and positions[start - 1] == positions[start] - 1:
        start -= 1
    end = head + 1
    while end < len(tokens) and tokens[end].pos in NOUNISH and tokens[end].case in ("Gen", ""):
        end += 1
    phrase = [t for t in tokens[start:end] if t.pos != "PART"]
    return Source(normal_name(phrase, "MISC", doc.lang), None, None, positions[start], positions[end - 1] + 1)


def phrase_after(doc: Doc, start: int, stop: int, masked: set[int]) -> list[int]:
    """Positions of the phrase from `start` up to a clause break or finite verb, skipping masked ones."""
    positions = []
    i = start
    while i < stop and not is_break(doc.tokens[i]) and not is_finite_verb(doc.tokens[i]):
        if i not in masked:
            positions.append(i)
        i += 1
    return positions


def phrase_before(doc: Doc, stop: int, start: int, masked: set[int]) -> list[int]:
    """Positions of the nominative phrase ending before `stop`, from its first nominative noun or entity."""
    i = stop
    while i > start and (i - 1 in masked or not is_break(doc.tokens[i - 1])):
        i -= 1
    positions = [k for k in range(i, stop) if k not in masked]
    starts = [k for k in positions if doc.tokens[k].pos in NOUNISH and doc.tokens[k].case in ("Nom", "")]
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
    return phrase_before(doc, verb, first, masked) or phrase_after(doc, verb + 1, last, masked)


def locative_source(doc: Doc, verb: int, first: int) -> list[int]:
    """For subjectless plural verbs ("В Кремле отказались комментировать"): the entity after в/у."""
    for mention in doc.mentions:
        if first < mention.first < verb and doc.tokens[mention.first - 1].text.lower() in LOCATIVE_PREPOSITIONS:
            return list(range(mention.first, mention.last))
    return []


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
