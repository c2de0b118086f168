"""Stories: articles that carry the same claims, and inside each story one row per merged claim.

Two sets of articles belong to one story when at least `SHARED_CLAIMS` rows hold claims of both,
and these are at least `SHARED_SHARE` of the rows the smaller set carries with any other article:
sharing a famous name is not enough, since it links no claims, and two chance matches of short
claims ("він підписав угоду" / "ратифицировала договор") are not either. A short article joins a
story of several articles with two rows, when they are half of its rows or more. Sets start as single
articles and grow, the most densely linked first, until no two qualify; the articles of two sets
must share `DENSITY` rows a pair on average, or on a corpus of many stories one would absorb them
all. A lone article is a story of one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from claimex.merge.claims import ClaimRef, Pairs, also_rows, clause_pairs, group_claims
from claimex.models import Story, StoryClaim

SHARED_CLAIMS = 3  # same-story article pairs share 2-13 rows, different stories up to 2 (27 gold articles, 9 stories)
SHARED_SHARE = 0.3  # two real stories with Putin and Trump in both shared 3 of 12 rows; gold same-story joins are at 0.4 or more
# A short article (three claims) retells a part of its story: with a set of two articles or more, two
# shared rows suffice when they are half the rows the smaller set carries (real stories: 0.67 for each
# such article of the Polish airspace story, 0.2-0.33 for the pairs of different stories sharing two).
STORY_SHARED_CLAIMS = 2
MOSTLY_SHARED = 0.5
# Mean rows shared by each article pair of two sets. Without it, 748 SlavicNER articles of four topics
# became one story: a growing set met the counts above with nearly every article. The gold stories
# come out the same up to 1.0; at 0.5 the SlavicNER stories hold one topic each (98 % of article pairs).
DENSITY = 0.5
TITLE_LENGTH = 120


@dataclass
class MentionInfo:
    """What the story table shows about one claim mention."""

    text: str
    source: str | None
    source_entity: str | None
    outlet: str | None
    hedged: bool
    stance: str


class _Sets:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            members[self.find(i)].append(i)
        return sorted(members.values())


def build_stories(
    articles: list[tuple[str, str | None, str | None, str | None]],  # (id, lang, date, title) in input order
    refs: list[ClaimRef],
    info: list[MentionInfo],
    pairs: Pairs,
    copies: dict[int, int] | None = None,  # mention of a syndicated copy -> the mention it repeats
) -> list[Story]:
    copies = copies or {}
    groups = [group for group in group_claims(len(refs), pairs) if group[0] not in copies]
    extra = also_rows(pairs, clause_pairs(refs, pairs, groups), groups, refs)
    groups, extra = _with_copies(groups, extra, copies)

    order = {article_id: k for k, (article_id, *_rest) in enumerate(articles)}
    article_sets = _Sets(len(articles))
    for copy, original in copies.items():
        article_sets.join(order[refs[copy].article], order[refs[original].article])
    carried = [sorted({order[refs[i].article] for i in group}) for group in groups]
    _join_sharing(article_sets, [articles for articles in carried if len(articles) > 1])

    story_sets = article_sets.groups()
    story_of = {articles[k][0]: s for s, members in enumerate(story_sets) for k in members}
    rows_of: dict[int, list[tuple[list[int], list[int]]]] = defaultdict(list)  # story -> (row's own mentions, others)
    for g, group in enumerate(groups):
        own: dict[int, list[int]] = defaultdict(list)
        for i in group:
            own[story_of[refs[i].article]].append(i)
        for s, inside in own.items():
            rows_of[s].append((inside, [i for i in extra.get(g, []) if story_of[refs[i].article] == s]))

    stories = []
    meta = {article_id: (lang, date, title) for article_id, lang, date, title in articles}
    for story_number, members in enumerate(story_sets, start=1):
        ids = [articles[k][0] for k in members]
        story_groups = rows_of[story_number - 1]
        story_groups.sort(key=lambda row: (-len({refs[i].article for i in row[0] + row[1]}), min(row[0])))
        claims = [
            _story_claim(f"S{story_number}.{n}", group, also, refs, info, order)
            for n, (group, also) in enumerate(story_groups, start=1)
        ]
        dates = sorted(meta[a][1] for a in ids if meta[a][1])
        stories.append(
            Story(
                id=f"S{story_number}",
                title=_title(ids, meta, claims),
                articles=ids,
                languages=sorted({meta[a][0] for a in ids if meta[a][0]}),
                date_from=dates[0] if dates else None,
                date_to=dates[-1] if dates else None,
                claims=claims,
            )
        )
    return stories


def _join_sharing(article_sets: _Sets, carried: list[list[int]]) -> None:
    """Joins sets of articles that carry `SHARED_CLAIMS` rows in common, and `SHARED_SHARE` of the
    rows the smaller set carries, until none do. Counted between sets, not article pairs: outlets
    retell different parts of a story, so two articles of it may share only one or two rows while
    each shares several with the others together. The share keeps two stories apart that a few
    rows about the same people link (Putin and Trump in Istanbul and in Alaska). Each round joins
    the most densely linked sets first, each set once, so that density is checked at every step."""
    n = len(article_sets.parent)
    row = np.repeat(np.arange(len(carried)), [len(articles) for articles in carried])
    article = np.array([a for articles in carried for a in articles], dtype=np.int64)
    while True:
        root = np.array([article_sets.find(k) for k in range(n)])
        size = np.bincount(root, minlength=n)
        # each (row, set) once, with how many of the row's articles the set holds; rows in order
        key, held = np.unique(row * n + root[article], return_counts=True)
        entry_row, entry_set = key // n, key % n
        rows_of = np.bincount(entry_set, minlength=n)
        first, second = _pairs_within(entry_row)
        pair, at = np.unique(entry_set[first] * n + entry_set[second], return_inverse=True)
        shared = np.bincount(at, minlength=len(pair))
        linked = np.bincount(at, weights=held[first] * held[second], minlength=len(pair))  # rows both carry, summed over article pairs
        a, b = pair // n, pair % n
        fewer = np.minimum(rows_of[a], rows_of[b])
        enough = ((shared >= SHARED_CLAIMS) & (shared >= SHARED_SHARE * fewer)
                  | (shared >= STORY_SHARED_CLAIMS) & (shared >= MOSTLY_SHARED * fewer) & (np.maximum(size[a], size[b]) > 1))
        density = linked / (size[a] * size[b])
        candidates = np.nonzero(enough & (density >= DENSITY))[0]
        if not len(candidates):
            return
        used: set[int] = set()
        for k in candidates[np.lexsort((b[candidates], a[candidates], -density[candidates]))].tolist():
            if a[k] not in used and b[k] not in used:
                article_sets.join(int(a[k]), int(b[k]))
                used |= {int(a[k]), int(b[k])}


def _pairs_within(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of the entries that share a group id, for ids in sorted order."""
    later = np.searchsorted(groups, groups, side="right") - np.arange(len(groups)) - 1  # entries after i in its group
    first = np.repeat(np.arange(len(groups)), later)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    return first, first + 1 + offset


def _with_copies(groups: list[list[int]], extra: dict[int, list[int]],
                 copies: dict[int, int]) -> tuple[list[list[int]], dict[int, list[int]]]:
    """The rows and their multi-fact supporters with each copied mention beside the one it repeats."""
    copied_as: dict[int, list[int]] = defaultdict(list)
    for copy, original in sorted(copies.items()):
        copied_as[original].append(copy)

    def with_copies(members: list[int]) -> list[int]:
        return sorted(members + [copy for i in members for copy in copied_as.get(i, [])])

    return [with_copies(group) for group in groups], {g: with_copies(members) for g, members in extra.items()}


def _title(ids: list[str], meta: dict, claims: list[StoryClaim]) -> str:
    """The headline of the earliest article that has one, else the most widely carried claim."""
    dated = sorted(ids, key=lambda a: (meta[a][1] or "9999", ids.index(a)))
    for article_id in dated:
        if meta[article_id][2]:
            return meta[article_id][2]
    text = claims[0].text if claims else ids[0]
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _story_claim(claim_id: str, group: list[int], also: list[int], refs: list[ClaimRef], info: list[MentionInfo],
                 order: dict) -> StoryClaim:
    """One row: `group` are the mentions whose main row it is, `also` multi-fact mentions that state
    it too. Those count where the claim was carried (articles, sources, first seen); the text and
    the flags come from the row's own mentions, since the others' numbers and hedges may be about
    their other facts."""
    def chronological(members: list[int]) -> list[int]:
        return sorted(members, key=lambda i: (refs[i].date or "9999", order[refs[i].article], i))

    group, carried = chronological(group), chronological(group + also)
    first = refs[carried[0]]
    articles = list(dict.fromkeys(refs[i].article for i in carried))
    flags = []
    if any(info[i].hedged for i in group):
        flags.append("hedged_somewhere")
    stances = {info[i].stance for i in group}
    if "denied" in stances:
        flags.append("denied_somewhere")
    if "refused_comment" in stances:
        flags.append("refused_comment_somewhere")
    differing = _differing_details(group, refs)
    if differing:
        flags.append("details_differ")
    return StoryClaim(
        id=claim_id,
        text=info[group[0]].text,
        mentions=[refs[i].mention_id for i in carried],
        articles=articles,
        languages=sorted({refs[i].lang for i in carried}),
        sources=list(dict.fromkeys(info[i].source for i in carried if info[i].source)),
        outlets=list(dict.fromkeys(info[i].outlet for i in carried if info[i].outlet)),
        first_seen=first.date,
        first_article=first.article,
        flags=flags,
        differing_details=differing,
    )


def _differing_details(group: list[int], refs: list[ClaimRef]) -> list[str]:
    """Dates and numbers that some mentions give and others contradict, as "value (article)"."""
    details = []
    for field_name in ("dates", "numbers"):
        carriers = [(refs[i].article, getattr(refs[i], field_name)) for i in group if getattr(refs[i], field_name)]
        values = {frozenset(v) for _, v in carriers}
        if len(carriers) > 1 and len(values) > 1 and not frozenset.intersection(*values):
            for article, value in carriers:
                details.append(f"{', '.join(sorted(value))} ({article})")
    return list(dict.fromkeys(details))
