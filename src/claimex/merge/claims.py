"""Which claim mentions state the same thing, across articles and languages.

Lexical similarity alone does not separate equivalent uk/ru claims (лист / письмо), so a pair is
scored on several signals: content lemmas in the shared spelling cut to their stems, the named
entities both mention (canonical ids, so Путіна and Путину count as one), and numbers and dates.
Candidates are blocked first (a shared entity or rare stem, dates within a window), and scored
with rapidfuzz's cdist inside each block, so the cost grows with block sizes, not with n².
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

STEM = 5  # letters of a lemma kept: enough to tell words apart, short enough to join cognates
DATE_WINDOW_DAYS = 14
MAX_BLOCK = 400  # blocks larger than this are split by a second key
LEXICAL_FLOOR = 40  # token_set_ratio below which a pair is not scored further
MATCH = 0.58  # combined score at which two mentions state the same claim


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
        rare = sorted((s for s in set(ref.stems.split()) if stem_count[s] > 1), key=lambda s: (stem_count[s], s))[:2]
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


def score(a: ClaimRef, b: ClaimRef, lexical: float) -> float:
    """Combined similarity in [0, 1] from lexical (0-100), entity, number and date agreement."""
    entities = len(a.entities & b.entities) / max(1, min(len(a.entities), len(b.entities))) if a.entities and b.entities else 0.0
    numbers = a.numbers | a.dates, b.numbers | b.dates
    if numbers[0] and numbers[1]:
        figures = 1.0 if numbers[0] & numbers[1] else 0.3
    else:
        figures = 0.5
    return 0.5 * lexical / 100 + 0.35 * entities + 0.15 * figures


def matching_pairs(refs: list[ClaimRef], workers: int = 1) -> list[tuple[int, int, float]]:
    """(i, j, score) for every pair of mentions in different articles that states the same claim."""
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(refs):
        texts = [refs[i].stems for i in block]
        lexical = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=workers, dtype=np.uint8)
        rows, cols = np.nonzero(np.triu(lexical >= LEXICAL_FLOOR, k=1))
        for r, c in zip(rows.tolist(), cols.tolist()):
            i, j = block[r], block[c]
            if refs[i].article == refs[j].article or (i, j) in pairs:
                continue
            day_i, day_j = _day(refs[i].date), _day(refs[j].date)
            if day_i is not None and day_j is not None and abs(day_i - day_j) > DATE_WINDOW_DAYS:
                continue
            value = score(refs[i], refs[j], float(lexical[r, c]))
            if value >= MATCH:
                pairs[(i, j)] = value
    return sorted((i, j, value) for (i, j), value in pairs.items())
