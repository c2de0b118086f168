"""Which claim mentions state the same thing, across articles and languages.

Claims are compared on their content lemmas, carried into one language (Ukrainian lemmas through the
uk→ru lexicon, so лист and письмо agree) and a shared spelling, cut to stems. Candidates are blocked
first (a shared entity or rare stem, dates within a window), screened with rapidfuzz's cdist inside
each block, and the survivors scored by IDF-weighted overlap, so the cost grows with block sizes,
not with n². Mentions are then grouped by average-link clustering.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

STEM = 5  # letters of a lemma kept: enough to tell words apart, short enough to join cognates
DATE_WINDOW_DAYS = 14
MAX_BLOCK = 400  # blocks larger than this are split by a second key
BLOCKING_STEMS = 6  # a mention is a candidate for others sharing one of its rarest stems
LEXICAL_FLOOR = 25  # token_set_ratio below which a pair is not scored further
LINK = 0.05  # similarity below which a pair counts as unrelated
MATCH = 0.2  # mean similarity at which mentions are taken to state the same claim
MATCH_SEMANTIC = 0.3  # the same, when the score includes the --semantic signal
COSINE_FLOOR = 0.8


@dataclass
class ClaimRef:
    """One claim mention, as the merging sees it."""

    mention_id: str
    article: str
    lang: str
    date: str | None
    stems: str  # space-joined stems of content lemmas, shared spelling
    entities: frozenset[str]  # entity ids named in the claim, its source excluded
    numbers: frozenset[str]
    dates: frozenset[str]
    vector: np.ndarray | None = None  # unit meaning embedding, with --semantic


def stems_of(terms: list[str]) -> str:
    return " ".join(sorted({term[:STEM] for term in terms}))


def _day(date: str | None) -> int | None:
    return dt.date.fromisoformat(date).toordinal() if date else None


def _blocks(refs: list[ClaimRef]) -> list[list[int]]:
    """Groups of mention indices that may match: a shared entity, else a shared stem."""
    by_key: dict[str, list[int]] = defaultdict(list)
    stem_count: dict[str, int] = defaultdict(int)
    for ref in refs:
        for stem in set(ref.stems.split()):
            stem_count[stem] += 1
    for i, ref in enumerate(refs):
        keys = set(ref.entities)
        rare = sorted((s for s in set(ref.stems.split()) if stem_count[s] > 1), key=lambda s: (stem_count[s], s))[:BLOCKING_STEMS]
        keys.update(f"~{s}" for s in rare)
        for key in keys:
            by_key[key].append(i)
    blocks = []
    for key in sorted(by_key):
        members = by_key[key]
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            blocks.append(members)
            continue
        # a famous name: split by date, then by each mention's rarest stem
        sub: dict[tuple, list[int]] = defaultdict(list)
        for i in members:
            day = _day(refs[i].date)
            bucket = day // DATE_WINDOW_DAYS if day is not None else None
            stems = refs[i].stems.split()
            rarest = min(stems, key=lambda s: (stem_count[s], s)) if stems else ""
            sub[(bucket, rarest)].append(i)
        blocks.extend(group for group in sub.values() if len(group) > 1)
    return blocks


def _terms(ref: ClaimRef) -> set[str]:
    """What two mentions of one claim share: stems, entities and numbers ("1 тисячі км" = "1000 км").

    Dates are left out: sources disagree on them ("ratified on 21 vs 27 October"), which the story
    table flags instead."""
    return set(ref.stems.split()) | ref.entities | {f"#{n}" for n in ref.numbers}


def idf_weights(refs: list[ClaimRef]) -> dict[str, float]:
    """Rare stems and entities say more about what a claim states than common ones."""
    counts: dict[str, int] = defaultdict(int)
    for ref in refs:
        for term in _terms(ref):
            counts[term] += 1
    n = len(refs)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in counts.items()}


def score(a: ClaimRef, b: ClaimRef, idf: dict[str, float]) -> float:
    """Mean of IDF-weighted Jaccard and containment of the claims' stems and entities, in [0, 1],
    averaged with the rescaled embedding cosine when both mentions have one (--semantic).

    Containment lets a short claim match the long sentence that also states it; Jaccard keeps two
    long sentences that share a little from looking alike."""
    terms_a, terms_b = _terms(a), _terms(b)
    shared = sum(idf[t] for t in terms_a & terms_b)
    lexical = 0.0
    if shared:
        weight_a, weight_b = sum(idf[t] for t in terms_a), sum(idf[t] for t in terms_b)
        jaccard = shared / (weight_a + weight_b - shared)
        containment = shared / min(weight_a, weight_b)
        lexical = (jaccard + containment) / 2
    if a.vector is None or b.vector is None:
        return lexical
    # e5 cosines of unrelated news sentences sit near 0.8: rescale what lies above
    meaning = max(0.0, (float(a.vector @ b.vector) - COSINE_FLOOR) / (1 - COSINE_FLOOR))
    return (lexical + meaning) / 2


def matching_pairs(refs: list[ClaimRef], workers: int = 1) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for pairs of mentions in different articles similar enough to be linked.

    rapidfuzz's cdist screens each block cheaply; the survivors get the IDF-weighted score.
    """
    idf = idf_weights(refs)
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(refs):
        texts = [" ".join(sorted(_terms(refs[i]))) for i in block]
        lexical = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=workers, dtype=np.uint8)
        rows, cols = np.nonzero(np.triu(lexical >= LEXICAL_FLOOR, k=1))
        for r, c in zip(rows.tolist(), cols.tolist()):
            i, j = sorted((block[r], block[c]))
            if refs[i].article == refs[j].article or (i, j) in pairs:
                continue
            day_i, day_j = _day(refs[i].date), _day(refs[j].date)
            if day_i is not None and day_j is not None and abs(day_i - day_j) > DATE_WINDOW_DAYS:
                continue
            value = score(refs[i], refs[j], idf)
            if value >= LINK:
                pairs[(i, j)] = value
    return sorted((i, j, value) for (i, j), value in pairs.items())


def group_claims(n: int, pairs: list[tuple[int, int, float]], threshold: float = MATCH) -> list[list[int]]:
    """Average-link clustering: two groups join while the mean similarity over all their cross
    pairs (unlinked pairs count 0) stays at or above `threshold`. Unlike single-link chaining,
    a claim similar to one member of a group does not drag in what it is similar to elsewhere."""
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity between groups
    for i, j, value in pairs:
        between[i][j] = between[j][i] = value
    for i, j, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if between[a].get(b, 0.0) / (len(members[a]) * len(members[b])) < threshold:
            continue
        a, b = min(a, b), max(a, b)
        for k in members[b]:
            group_of[k] = a
        members[a] += members.pop(b)
        for other, value in between.pop(b).items():
            del between[other][b]
            if other != a:
                between[a][other] = between[other][a] = between[a].get(other, 0.0) + value
        between[a].pop(a, None)
    return sorted(sorted(group) for group in members.values())
