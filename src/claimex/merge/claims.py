"""Which claim mentions state the same thing, across articles and languages.

Claims are compared on their content lemmas, carried into one language (Ukrainian lemmas through the
uk→ru lexicon, so лист and письмо agree) and a shared spelling, cut to stems; words of one meaning
class (data/synonyms.tsv: "просьба" / "обратиться" / "звернутися") count as one term, and capitals
and seats of government as their country (data/seats.tsv). Candidates are blocked
first (a shared entity or rare stem, dates within a window) and each block is scored at once by
IDF-weighted overlap, so the cost grows with block sizes, not with n². (A rapidfuzz cdist screen
before the scoring took 70 % of the merge time and removed nothing the score keeps, so it went.)
Mentions are then grouped by average-link clustering, one row each; a sentence that states several
facts also supports the other rows it, or one of its clauses, matches strongly (`also_rows`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from claimex.claims.features import CONCEPT
from claimex.merge.semantic import VectorStore, embed

STEM = 5  # letters of a lemma kept: enough to tell words apart, short enough to join cognates
DATE_WINDOW_DAYS = 14
MAX_BLOCK = 400  # blocks larger than this are split by a second key
MAX_PARTNERS = 50  # pairs kept per mention, its strongest
SORT_SPACING = 4.0  # wider than the range of scores, so that mentions never interleave in `_strongest`'s key
BLOCKING_STEMS = 6  # a mention is a candidate for others sharing one of its rarest stems
LINK = 0.05  # similarity below which a pair counts as unrelated
MATCH = 0.2  # mean similarity at which mentions are taken to state the same claim
ALSO = 0.3  # mean similarity at which a mention also supports another row (its sentence states several facts)
# Semantic score: cosine of two sentence vectors mapped onto the lexical scale. From MATCH up it is
# the line through 0 at SEMANTIC_ZERO and 1 at SEMANTIC_ONE, so a pair reaches MATCH at 0.912 (where
# 4 in 5 pairs are of one gold fact on real stories). Between articles on one topic e5 gives most
# sentences 0.80-0.88, so a lower match point merged different facts (the seeds: "asked Putin" and
# "asked China and Iran" at 0.89; heldout: two denials of one footballer, cause and sum of one ruling).
# Below MATCH the score falls to 0 over BELOW_MATCH of cosine (at 0.832), not over the line's 0.022:
# a pair just short of a match is weak evidence of one fact, not none, in the average-link mean of
# two groups, while only pairs at MATCH or above can start a join.
SEMANTIC_ZERO = 0.89
SEMANTIC_ONE = 1.0
BELOW_MATCH = 0.08
# Languages whose words are compared: Ukrainian lemmas are carried into Russian. A claim in another
# language (English) shares only names and numbers with them: any lexical link makes its article worth
# comparing by meaning, and e5 scores such pairs of one claim lower (on the real stories' gold, of 101
# English–uk/ru pairs of one claim 28 reach cosine 0.86, 4 reach 0.89), so their scale starts lower.
LEXICAL_LANGUAGES = frozenset(["uk", "ru"])
ACROSS_SHIFT = 0.05
# One person's statement as two outlets tell it, quoted in one and retold in the other ("«Не думаю, что
# сегодня стоит ожидать новостей»" / "Песков предложил не ждать новостей"), shares few words, and e5
# ranks the pair below paraphrases of one fact: where both claims are attributed to one person, the
# scale starts lower still. An outlet or a body does not count: one report's many claims all cite it.
# The cost: two different statements of one person on one matter may join (heldout's two denials).
SPEAKER_SHIFT = 0.05
EMBEDDED_PER_RUN = 1000  # claim texts embedded at most (~30 ms each): the most related article pairs first
CLAUSE_TERMS = 4  # content terms a clause needs to be matched on its own
IDF_UNIT = 2.0**-20  # term weights are rounded to this (`idf_weights`)


@dataclass
class ClaimRef:
    """One claim mention, as the merging sees it."""

    mention_id: str
    article: str
    lang: str
    date: str | None
    stems: str  # space-joined stems of content lemmas (shared spelling) and meaning classes
    entities: frozenset[str]  # EntityRecord.claim_key of the entities named in the claim, its source excluded
    numbers: frozenset[str]
    dates: frozenset[str]
    headline: bool = False  # the article's title, which sums up what its body states
    clauses: tuple[str, ...] = ()  # stems of each clause, when the sentence has several
    text: str = ""  # the sentence, for its meaning (`semantic.embed`); none, no semantic signal
    speaker: str | None = None  # entity id of the person the claim is attributed to


class Pairs(NamedTuple):
    """Linked mention pairs as columns: mention indices (first < second) and their similarity."""

    first: np.ndarray
    second: np.ndarray
    value: np.ndarray


def stems_of(terms: list[str]) -> str:
    """Space-joined stems; meaning-class terms ("=request") stay whole."""
    return " ".join(sorted({term if term.startswith(CONCEPT) else term[:STEM] for term in terms}))


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
    """Rare stems and entities say more about what a claim states than common ones.

    Weights are whole multiples of `IDF_UNIT`, so any sum of them is exact in any order: a pair's
    score is the same bytes in every block that scores it, whatever else the block holds."""
    counts: dict[str, int] = defaultdict(int)
    for ref in refs:
        for term in _terms(ref):
            counts[term] += 1
    n = len(refs)
    return {term: round(math.log((n + 1) / (count + 0.5)) / IDF_UNIT) * IDF_UNIT for term, count in counts.items()}


def _similarity(shared: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> np.ndarray:
    """Similarity in [0, 1] from the IDF weight two term sets share and the weight of each: the mean
    of weighted Jaccard and containment. Containment lets a short claim match the long sentence
    that also states it; Jaccard keeps two long sentences that share a little from looking alike."""
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = shared / (total_a + total_b - shared)
        containment = shared / np.minimum(total_a, total_b)
    return np.nan_to_num((jaccard + containment) / 2)


def _block_scores(block: list[int], term_ids: list[np.ndarray], idf: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Similarity of every pair in a block, over their stems, meaning classes, entities and numbers
    (`term_ids`: each mention's term numbers, `idf`: each term's weight). Only terms that two members
    share enter the product: the others weigh in `weight` alone."""
    ids = np.concatenate([term_ids[i] for i in block])
    row = np.repeat(np.arange(len(block)), [len(term_ids[i]) for i in block])
    unique, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
    shared = counts > 1
    column = np.cumsum(shared) - 1
    hit = shared[inverse]
    present = np.zeros((len(block), int(shared.sum())))
    present[row[hit], column[inverse[hit]]] = 1.0
    total = weight[block]
    return _similarity((present * idf[unique[shared]]) @ present.T, total[:, None], total[None, :])


def matching_pairs(refs: list[ClaimRef], copies: dict[int, int] | None = None,
                   store: VectorStore | None = None, threads: int = 1) -> Pairs:
    """Pairs of mentions in different articles similar enough to be linked:
    the lexical score of pairs that share a block, or the semantic one where that is higher.
    Mentions of syndicated copies (`copies.copied_mentions`) are left out: they follow the mentions
    they repeat, and must not weigh on the others' scores."""
    kept = np.array([i for i in range(len(refs)) if i not in (copies or {})], dtype=np.int64)
    compared = [refs[i] for i in kept]
    codes, values, strong = _lexical_pairs(compared)
    more_codes, more_values = _semantic_pairs(compared, strong, store, threads)
    codes, values = np.concatenate([codes, more_codes]), np.concatenate([values, more_values])
    n = len(compared)
    if not n or not len(codes):
        return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    order = np.argsort(codes, kind="stable")
    codes, values = codes[order], values[order]
    unique, at = np.unique(codes, return_index=True)
    first, second, values = unique // n, unique % n, np.maximum.reduceat(values, at)  # each pair's higher score
    strongest = _strongest(first, second, values, n)
    return Pairs(kept[first[strongest]], kept[second[strongest]], values[strongest])


def _strongest(first: np.ndarray, second: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Indices of the pairs among the `MAX_PARTNERS` strongest of either mention, in their order.
    On a corpus of one topic a mention is linked with hundreds of others, nearly all weakly; those
    links cannot lift an average-link mean, and holding them made merging grow with the square of
    the corpus (4.8 M pairs for 748 articles)."""
    ends = np.concatenate([first, second])
    pair = np.tile(np.arange(len(values)), 2)
    # per mention, strongest first, in one sort of one key (scores lie in [0, 1]; scores that differ
    # by float rounding alone, as two copies of one sentence do, tie and keep the pairs' order)
    order = np.argsort(ends * SORT_SPACING - np.tile(values, 2), kind="stable")
    ends, pair = ends[order], pair[order]
    starts = np.searchsorted(ends, np.arange(n))
    rank = np.arange(len(ends)) - starts[ends]
    keep = np.zeros(len(values), dtype=bool)
    keep[pair[rank < MAX_PARTNERS]] = True
    return np.nonzero(keep)[0]


def _lexical_pairs(refs: list[ClaimRef]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pair codes (i * n + j, i < j) and lexical scores of the mentions in different articles that
    share a block, each block scored at once with numpy; and the codes of the strong ones, which
    `_semantic_pairs` counts per pair of articles (once per block that holds them).

    A pair below the `MAX_PARTNERS` strongest of both its mentions within a block is below them
    in the whole corpus too, so `_strongest` would drop it: it is dropped here, before the codes
    of the whole corpus are sorted (5.3 M codes for the 748 SlavicNER articles)."""
    idf = idf_weights(refs)
    terms = [_terms(ref) for ref in refs]
    weight = np.array([sum(idf[t] for t in sorted(ts)) for ts in terms])  # each mention's total term weight
    vocabulary = sorted(idf)
    number = {t: k for k, t in enumerate(vocabulary)}
    term_ids = [np.array(sorted(number[t] for t in ts), dtype=np.int64) for ts in terms]
    idf_by_number = np.array([idf[t] for t in vocabulary])
    article = np.unique([ref.article for ref in refs], return_inverse=True)[1] if refs else np.zeros(0, int)
    lexical = np.array([ref.lang in LEXICAL_LANGUAGES for ref in refs], dtype=bool)
    day = np.array([_day(ref.date) if ref.date else np.nan for ref in refs], dtype=float)
    codes, values, strong = [np.zeros(0, np.int64)], [np.zeros(0)], [np.zeros(0, np.int64)]
    for block in _blocks(refs):
        members = np.array(block)
        scores = _block_scores(block, term_ids, idf_by_number, weight)
        gap = np.abs(day[members][:, None] - day[members][None, :])
        valid = (
            (article[members][:, None] != article[members][None, :])
            & ~(gap > DATE_WINDOW_DAYS)  # an undated mention (NaN gap) stays a candidate
            & (scores >= LINK)
        )
        upper = np.triu(valid, k=1)
        across = ~(lexical[members][:, None] & lexical[members][None, :])
        rows, cols = np.nonzero(upper & ((scores >= MATCH) | across))
        strong.append(_codes(members[rows], members[cols], len(refs)))
        if len(block) > MAX_PARTNERS + 1:
            ranked = np.where(valid, scores, -1.0)
            floor = np.partition(ranked, -MAX_PARTNERS, axis=1)[:, -MAX_PARTNERS]  # each member's 50th strongest
            upper &= (scores >= floor[:, None]) | (scores >= floor[None, :])
        rows, cols = np.nonzero(upper)
        codes.append(_codes(members[rows], members[cols], len(refs)))
        values.append(scores[rows, cols])
    return np.concatenate(codes), np.concatenate(values), np.concatenate(strong)


def _codes(first: np.ndarray, second: np.ndarray, n: int) -> np.ndarray:
    """One integer per unordered pair of mentions: i * n + j with i < j."""
    return np.minimum(first, second) * n + np.maximum(first, second)


def _semantic_pairs(refs: list[ClaimRef], strong: np.ndarray,
                    store: VectorStore | None = None, threads: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes and semantic scores of every pair of mentions between two related articles: those
    with a lexical match (`strong`: of `MATCH` or more, of `LINK` where one side is not uk/ru). Paraphrases
    of one fact often share no rare stem or entity, so blocking alone never brings them together; two
    articles that already agree on one claim are where the others are worth comparing by meaning."""
    n = len(refs)
    article = np.unique([ref.article for ref in refs], return_inverse=True)[1] if refs else np.zeros(0, int)
    lexical = np.array([ref.lang in LEXICAL_LANGUAGES for ref in refs], dtype=bool)
    speakers = {name: k for k, name in enumerate(sorted({ref.speaker for ref in refs if ref.speaker}))}
    speaker = np.array([speakers.get(ref.speaker, -1) for ref in refs], dtype=int)
    first, second = article[strong // n], article[strong % n]
    members: dict[int, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        if ref.text:
            members[int(article[i])].append(i)
    pair_codes, shared = np.unique(_codes(first, second, n), return_counts=True)
    related: dict[int, list[int]] = defaultdict(list)  # article -> later related articles
    chosen: set[int] = set()
    embedded = 0
    for k in np.lexsort((pair_codes, -shared)).tolist():  # the pairs sharing most matches first
        a, b = divmod(int(pair_codes[k]), n)
        if not members[a] or not members[b]:
            continue
        added = sum(len(members[x]) for x in {a, b} - chosen)
        if embedded + added > EMBEDDED_PER_RUN:
            continue  # a large corpus: the semantic signal covers the most related articles
        related[a].append(b)
        chosen |= {a, b}
        embedded += added
    for others in related.values():
        others.sort()
    compared = sorted(chosen)
    embed([refs[i].text for a in compared for i in members[a]], store, threads)  # one batch, one look-up in the store
    vectors = {a: embed([refs[i].text for i in members[a]]) for a in compared}
    out_codes, out_values = [np.zeros(0, np.int64)], [np.zeros(0)]
    for a, others in sorted(related.items()):
        others = [b for b in others if members[b]]
        if not members[a] or not others:
            continue
        mine, theirs = np.array(members[a]), np.array([j for b in others for j in members[b]])
        cosine = vectors[a] @ np.concatenate([vectors[b] for b in others]).T
        across = ~(lexical[mine][:, None] & lexical[theirs][None, :])
        one_speaker = (speaker[mine][:, None] == speaker[theirs][None, :]) & (speaker[mine][:, None] >= 0)
        zero = SEMANTIC_ZERO - ACROSS_SHIFT * across - SPEAKER_SHIFT * one_speaker
        scores = _semantic_scale(cosine.astype(float), zero)
        rows, cols = np.nonzero(scores >= LINK)
        i, j = mine[rows], theirs[cols]
        out_codes.append(_codes(i, j, n))
        out_values.append(scores[rows, cols])
    return np.concatenate(out_codes), np.concatenate(out_values)


def _semantic_scale(cosine: np.ndarray, zero: np.ndarray) -> np.ndarray:
    """Cosines on the lexical scale: the line through `zero` and `SEMANTIC_ONE` from `MATCH` up, a
    gentler one (0 at `BELOW_MATCH` under the match point) below it."""
    match = zero + MATCH * (SEMANTIC_ONE - zero)
    above = (cosine - zero) / (SEMANTIC_ONE - zero)
    below = MATCH * (cosine - (match - BELOW_MATCH)) / BELOW_MATCH
    return np.clip(np.where(cosine >= match, above, below), 0.0, 1.0)


def group_claims(n: int, pairs: Pairs, threshold: float = MATCH) -> list[list[int]]:
    """Average-link clustering: two groups join while the mean similarity over all their cross
    pairs (unlinked pairs count 0) stays at or above `threshold`. Unlike single-link chaining,
    a claim similar to one member of a group does not drag in what it is similar to elsewhere.

    Only a pair at or above the threshold can bring two groups together, so only those are walked,
    strongest first; the smaller group is folded into the larger."""
    group_of = list(range(n))
    size = [1] * n  # len(members[g]) in the check below would cost a tenth of the walk
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    between = _adjacency(n, pairs)  # per group, the summed similarity to each group it is linked with
    strong = np.nonzero(pairs.value >= threshold)[0]
    strong = strong[np.lexsort((pairs.second[strong], pairs.first[strong], -pairs.value[strong]))]
    for i, j in zip(pairs.first[strong].tolist(), pairs.second[strong].tolist()):
        a, b = group_of[i], group_of[j]
        if a == b or between[a].get(b, 0.0) / (size[a] * size[b]) < threshold:
            continue
        if size[a] < size[b]:
            a, b = b, a
        for k in members[b]:
            group_of[k] = a
        members[a] += members.pop(b)
        size[a] += size[b]
        into, out = between[a], between[b]
        between[b] = {}
        del into[b], out[a]
        for other, value in out.items():
            row = between[other]
            del row[b]
            row[a] = into[other] = into.get(other, 0.0) + value
    return sorted(sorted(group) for group in members.values())


def _adjacency(n: int, pairs: Pairs) -> list[dict[int, float]]:
    """For each of the `n` mentions, its linked mentions and their similarity."""
    ends = np.concatenate([pairs.first, pairs.second])
    order = np.argsort(ends, kind="stable")
    other = np.concatenate([pairs.second, pairs.first])[order].tolist()
    value = np.tile(pairs.value, 2)[order].tolist()
    bounds = np.searchsorted(ends[order], np.arange(n + 1)).tolist()
    return [dict(zip(other[start:end], value[start:end])) for start, end in zip(bounds, bounds[1:])]


class _RowTerms(NamedTuple):
    """A row's term ids laid out for scoring a clause against all its members at once."""

    terms: set[str]  # every term of its members
    members: np.ndarray  # mention indices
    ids: np.ndarray  # the members' term ids, one member after another
    owner: np.ndarray  # for each id, the member's position in `members`
    totals: np.ndarray  # each member's summed IDF weight


def clause_pairs(refs: list[ClaimRef], pairs: Pairs, groups: list[list[int]],
                 threshold: float = ALSO) -> list[tuple[int, int, int, float]]:
    """(i, clause, j, similarity) for each clause of a sentence i that has several and the mentions j
    of another article in the rows it may join: rows of several articles that i is linked with and
    where the clause reaches `threshold` with some member. "Мадуро надіслав листа, в якому
    попросив допомоги в ремонті радарів" states the letter and its content; whole, it is too long
    to reach the row about the content, and its clause "в якому попросив допомоги в ремонті
    радарів" is not. The clause is compared with every member of such a row, since the whole
    sentence may be linked with only some of them."""
    has_clauses = np.array([bool(ref.clauses) for ref in refs])
    if not has_clauses.any() or not len(pairs.value):
        return []
    group_of = _row_of(groups, len(refs))
    several = np.array([len({refs[k].article for k in members}) > 1 for members in groups])
    probe, other = np.concatenate([pairs.first, pairs.second]), np.concatenate([pairs.second, pairs.first])
    keep = has_clauses[probe] & several[group_of[other]] & (group_of[other] != group_of[probe])
    reached: dict[int, list[int]] = defaultdict(list)  # mention with clauses -> rows it is linked with
    for code in np.unique(probe[keep] * len(groups) + group_of[other[keep]]).tolist():
        reached[code // len(groups)].append(code % len(groups))
    idf = idf_weights(refs)
    vocabulary = {t: k for k, t in enumerate(idf)}
    weights = np.array(list(idf.values()))
    article = np.unique([ref.article for ref in refs], return_inverse=True)[1]
    rows: dict[int, _RowTerms] = {}
    for g in sorted(set().union(*reached.values())):
        member_terms = [_terms(refs[j]) for j in groups[g]]
        ids = np.array([vocabulary[t] for terms in member_terms for t in terms], dtype=np.int64)
        owner = np.repeat(np.arange(len(member_terms)), [len(terms) for terms in member_terms])
        rows[g] = _RowTerms(set().union(*member_terms), np.array(groups[g]), ids, owner,
                            np.bincount(owner, weights=weights[ids], minlength=len(member_terms)))

    in_clause = np.zeros(len(vocabulary), dtype=bool)
    result = []
    for i in sorted(reached):
        clauses = [(c, set(stems.split())) for c, stems in enumerate(refs[i].clauses)]
        clauses = [(c, clause) for c, clause in clauses if len(clause) >= CLAUSE_TERMS]
        near = [rows[g] for g in reached[i] if any(not clause.isdisjoint(rows[g].terms) for _, clause in clauses)]
        if not near:
            continue
        others = np.concatenate([row.members for row in near])
        flat = np.concatenate([row.ids for row in near])
        starts = np.cumsum([0] + [len(row.members) for row in near])
        owner = np.concatenate([row.owner + start for row, start in zip(near, starts)])
        totals = np.concatenate([row.totals for row in near])
        elsewhere = article[others] != article[i]
        for c, clause in clauses:
            clause_ids = np.array([vocabulary[t] for t in clause], dtype=np.int64)
            in_clause[clause_ids] = True
            hit = in_clause[flat]
            in_clause[clause_ids] = False
            shared = np.bincount(owner[hit], weights=weights[flat[hit]], minlength=len(others))
            scores = _similarity(shared, weights[clause_ids].sum(), totals) * elsewhere
            open_rows = np.isin(group_of[others], group_of[others][scores >= threshold])
            for col in np.nonzero(open_rows & (scores >= LINK))[0].tolist():
                result.append((i, c, int(others[col]), float(scores[col])))
    return result


def also_rows(pairs: Pairs, clauses: list[tuple[int, int, int, float]],
              groups: list[list[int]], refs: list[ClaimRef], threshold: float = ALSO) -> dict[int, list[int]]:
    """Group index -> mentions outside it that state its claim too, for sentences that state several
    facts ("Venezuela asked Russia, China and Iran" belongs with the Russia row and the China-and-Iran
    row). A mention, or one of its clauses (`clause_pairs`), joins a row of two or more articles when
    its mean similarity to the row's members in other articles reaches `threshold`, which is
    stricter than `MATCH`: the mention's own row stays its main one. A whole mention joins only rows
    that hold no sentence of its article, or it would merely repeat what they say; a clause states
    one fact of its own, and a headline sums up its article's body, so they may join such rows too."""
    if not groups:
        return {}
    article_of = np.unique([ref.article for ref in refs], return_inverse=True)[1]
    group_of = _row_of(groups, len(refs))
    grouped = np.nonzero(group_of >= 0)[0]
    n_groups, n_articles = len(groups), int(article_of.max()) + 1
    # each (row, article) once, with how many of the row's members it holds
    row_article, held = np.unique(group_of[grouped] * n_articles + article_of[grouped], return_counts=True)
    articles_in_row = np.bincount(row_article // n_articles, minlength=n_groups)
    row_size = np.bincount(group_of[grouped], minlength=n_groups)

    # (mention, clause or -1 for the whole sentence, other mention, similarity)
    first, second = pairs.first, pairs.second
    probe = np.concatenate([first, second, np.array([c[0] for c in clauses], dtype=np.int64)])
    clause = np.concatenate([np.full(2 * len(first), -1), np.array([c[1] for c in clauses], dtype=np.int64)])
    other = np.concatenate([second, first, np.array([c[2] for c in clauses], dtype=np.int64)])
    value = np.concatenate([pairs.value, pairs.value, np.array([c[3] for c in clauses], dtype=float)])
    in_a_row = group_of[other] >= 0
    probe, clause, other, value = probe[in_a_row], clause[in_a_row], other[in_a_row], value[in_a_row]
    row = group_of[other]
    headline = np.array([ref.headline for ref in refs], dtype=bool)
    in_row = np.isin(row * n_articles + article_of[probe], row_article)
    opened = (articles_in_row[row] > 1) & (row != group_of[probe]) & ((clause >= 0) | headline[probe] | ~in_row)
    span = int(clause.max(initial=-1)) + 2
    key = (probe * span + clause + 1) * n_groups + row
    # a mean of at least `threshold` over a row needs one pair at least that strong: find those first
    counted = np.isin(key, key[opened & (value >= threshold)])
    keys, inverse = np.unique(key[counted], return_inverse=True)
    totals = np.bincount(inverse, weights=value[counted])
    mention, target = keys // n_groups // span, keys % n_groups
    own = _held(row_article, held, target * n_articles + article_of[mention])  # the row's members in the mention's article
    joins = totals / (row_size[target] - own) >= threshold
    extra: dict[int, set[int]] = defaultdict(set)
    for g, i in zip(target[joins].tolist(), mention[joins].tolist()):
        extra[g].add(i)
    return {g: sorted(members) for g, members in sorted(extra.items())}


def _row_of(groups: list[list[int]], n: int) -> np.ndarray:
    """The row of each of the `n` mentions; -1 for those in none (syndicated copies)."""
    row_of = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        row_of[members] = g
    return row_of


def _held(codes: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The count of each wanted code among the sorted `codes`, 0 where it is absent."""
    at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    return np.where(codes[at] == wanted, counts[at], 0)
