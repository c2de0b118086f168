"""Syndicated copies: articles that repeat an earlier article's claims word for word.

Agencies' texts are republished whole, under other names, often dozens of times. Merged as
articles of their own, copies swamp the statistics the merging relies on (every stem becomes
common, every block too large) and pull the other articles' mentions out of their rows. So a copy
takes no part in the merging: each of its mentions joins the row of the mention it repeats, and
the copy the story of its original.
"""

from __future__ import annotations

import re
from collections import defaultdict

from claimex.merge.claims import ClaimRef

NOT_WORD = re.compile(r"\W+")
SHARE = 0.9  # share of an article's claims, and of its original's, that must be repeated word for word


def _key(text: str) -> str:
    """The words of a sentence, whatever the case, spacing, quotes and punctuation."""
    return NOT_WORD.sub(" ", text.lower()).strip()


def copied_mentions(refs: list[ClaimRef]) -> dict[int, int]:
    """Mention index -> index of the mention it repeats, for the mentions of every article whose
    claims and those of an earlier original article (in input order) are nearly all (`SHARE`) the
    same sentences. Near-identical copies (a sentence dropped or added) count too; their mentions
    that repeat nothing take part in the merging as any other. Claims without text copy nothing."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        by_article[ref.article].append(i)
    originals: list[dict[str, int]] = []  # per original article: sentence -> its first mention there
    holders: dict[str, list[int]] = defaultdict(list)  # sentence -> numbers of the originals that hold it
    copies: dict[int, int] = {}
    for members in by_article.values():
        keys = [_key(refs[i].text) for i in members]
        original = _original(set(keys), originals, holders) if all(keys) else None
        if original is None:
            sentences: dict[str, int] = {}
            for i, key in zip(members, keys):
                sentences.setdefault(key, i)
            for key in sentences:
                holders[key].append(len(originals))
            originals.append(sentences)
            continue
        for i, key in zip(members, keys):
            if key in original:
                copies[i] = original[key]
    return copies


def _original(keys: set[str], originals: list[dict[str, int]], holders: dict[str, list[int]]) -> dict[str, int] | None:
    """The sentences of the earliest original article that shares nearly all its sentences with
    `keys`, if any."""
    for number in sorted({k for key in keys for k in holders.get(key, [])}):
        shared = len(keys & originals[number].keys())
        if shared >= SHARE * len(keys) and shared >= SHARE * len(originals[number]):
            return originals[number]
    return None
