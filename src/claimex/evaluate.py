"""`claimex eval`: quality figures against a hand-labelled gold file (format: fixtures/gold/README.md).

Entities: exact-span precision / recall / F1 per label. Claims: recall of gold claims and how many
gold non-claims were extracted. Attribution: source, kind, hedge and stance accuracy over the gold
claims found. Merging: pairwise precision / recall / F1 over gold mentions (all pairs and the
cross-lingual ones). Stories: pairwise precision / recall / F1 over articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from claimex.locate import Index
from claimex.models import Output


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold: dict, output: Output) -> dict:
    index = Index.of(output)
    report: dict = {}
    if "entities" in gold:
        report["entities"] = _entities(gold["entities"], index)
    if "claims" in gold:
        report["claims"] = _claims(gold.get("claims", []), gold.get("non_claims", []), index)
    if "merge_groups" in gold:
        report["merging"] = _merging(gold["merge_groups"], index)
    if "stories" in gold:
        report["stories"] = _stories(gold["stories"], index)
    return report


def _entities(gold: dict[str, list[dict]], index: Index) -> dict:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # (lang, label) -> tp, fp, fn
    for article_id, expected in gold.items():
        article = index.articles.get(article_id)
        if article is None:
            continue
        lang = article.lang or "?"
        wanted = {(e["start"], e["end"], e["label"]) for e in expected}
        got = {(e.start, e.end, e.label) for e in article.entities if e.label in ("PER", "ORG", "LOC")}
        for span in wanted | got:
            key = (lang, span[2])
            counts[key][0 if span in wanted and span in got else (2 if span in wanted else 1)] += 1
    result = {f"{lang}/{label}": prf(*c) for (lang, label), c in sorted(counts.items())}
    total = [sum(c[k] for c in counts.values()) for k in range(3)]
    result["all"] = prf(*total)
    return result


def _claims(gold: list[dict], non_claims: list[dict], index: Index) -> dict:
    found = source = 0
    agreeing = Counter()  # attribute -> claims where it matches the gold (or the gold leaves it out)
    misses = []
    for item in gold:
        claim = index.claim_at(item["article"], item["quote"])
        if claim is None:
            misses.append(f"{item['article']}: not extracted: {item['quote']!r}")
            continue
        found += 1
        if index.source_matches(claim, item.get("source")):
            source += 1
        else:
            misses.append(f"{item['article']}: source {claim.attribution.source!r}, expected {item.get('source')!r}: {item['quote']!r}")
        for name, got in (("kind", claim.attribution.kind), ("hedged", claim.hedged), ("stance", claim.stance)):
            if got == item.get(name, got):
                agreeing[name] += 1
            else:
                misses.append(f"{item['article']}: {name} {got!r}, expected {item[name]!r}: {item['quote']!r}")
    wrongly = [n for n in non_claims if index.claim_at(n["article"], n["quote"]) is not None]
    n = len(gold)
    return {
        "gold_claims": n,
        "found": found,
        "recall": round(found / n, 4) if n else 1.0,
        "source_accuracy": round(source / n, 4) if n else 1.0,
        "kind_accuracy": round(agreeing["kind"] / found, 4) if found else 0.0,
        "hedge_accuracy": round(agreeing["hedged"] / found, 4) if found else 0.0,
        "stance_accuracy": round(agreeing["stance"] / found, 4) if found else 0.0,
        "non_claims": len(non_claims),
        "non_claims_extracted": len(wrongly),
        "problems": misses + [f"{n['article']}: non-claim extracted: {n['quote']!r}" for n in wrongly],
    }


def _merging(groups: list[dict], index: Index) -> dict:
    """Pairwise over the extracted claims that gold mentions point at. A claim that states two gold
    facts belongs to both groups; two claims are "the same" in gold when they share a group."""
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for item in group["mentions"]:
            claim = index.claim_at(item["article"], item["quote"])
            if claim is not None:
                gold_groups[claim.id].add(group["id"])
    article_of = {c: c.rsplit("#", 1)[0] for c in gold_groups}
    counts = {"all": [0, 0, 0], "cross_lingual": [0, 0, 0]}
    for a, b in combinations(sorted(gold_groups), 2):
        if article_of[a] == article_of[b]:
            continue  # merging joins mentions across articles
        same_gold = bool(gold_groups[a] & gold_groups[b])
        same_pred = bool(index.story_claims_of.get(a, set()) & index.story_claims_of.get(b, set()))
        cross = index.articles[article_of[a]].lang != index.articles[article_of[b]].lang
        for name in ("all", "cross_lingual") if cross else ("all",):
            if same_gold and same_pred:
                counts[name][0] += 1
            elif same_pred:
                counts[name][1] += 1
            elif same_gold:
                counts[name][2] += 1
    return {name: prf(*c) for name, c in counts.items()}


def _stories(gold: list[dict], index: Index) -> dict:
    story_of_gold = {a: s["id"] for s in gold for a in s["articles"]}
    tp = fp = fn = 0
    for a, b in combinations(sorted(story_of_gold), 2):
        same_gold = story_of_gold[a] == story_of_gold[b]
        same_pred = index.story_of.get(a) is not None and index.story_of.get(a) == index.story_of.get(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return prf(tp, fp, fn)
