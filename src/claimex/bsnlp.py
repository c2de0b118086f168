"""Entity evaluation against SlavicNER / BSNLP annotations: `raw/…/<doc>.txt` beside `ner/…/<doc>.tsv`.

Each .tsv line is `start  end  surface  lemma  category  cross-lingual-id` with Python offsets into the
raw text. Scores: exact span + label precision / recall / F1 for PER, ORG and LOC, per language, per
topic and per label; EVT and PRO are neither rewarded nor punished (a found mention overlapping one
is left out of the count). Lemma accuracy over the gold mentions found with the right span. Linking:
of the gold ids with two or more mentions found, the share whose mentions all got one claimex entity
(completeness); of the claimex entities holding two or more gold mentions, the share that hold one
gold id (purity).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from claimex.evaluate import prf
from claimex.models import Output

SCORED = ("PER", "ORG", "LOC")
IGNORED = ("EVT", "PRO")


class BsnlpError(Exception):
    pass


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    surface: str
    lemma: str
    label: str
    entity: str


@dataclass
class GoldArticle:
    topic: str
    lang: str
    mentions: list[GoldMention]


def is_bsnlp_folder(path: Path) -> bool:
    return (path / "raw").is_dir() and (path / "ner").is_dir()


def load(folder: Path) -> dict[str, GoldArticle]:
    """Gold per article id (the raw file's stem, as claimex names articles). Topic and language are
    the folders `raw/<topic>/<lang>/` (a folder of one topic: `raw/<lang>/`)."""
    gold: dict[str, GoldArticle] = {}
    for tsv in sorted((folder / "ner").rglob("*.tsv")):
        parts = tsv.relative_to(folder / "ner").parts
        topic = parts[0] if len(parts) >= 3 else folder.name
        lang = parts[-2] if len(parts) >= 2 else "?"
        article_id = tsv.name[: -len(".tsv")].removesuffix(".txt")
        if article_id in gold:
            raise BsnlpError(f"{tsv}: a second annotation file for article {article_id}")
        gold[article_id] = GoldArticle(topic, lang, _read_tsv(tsv))
    if not gold:
        raise BsnlpError(f"{folder / 'ner'}: no .tsv annotation files")
    return gold


def _read_tsv(path: Path) -> list[GoldMention]:
    mentions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 6 or not fields[0].isdigit() or not fields[1].isdigit():
            raise BsnlpError(f"{path}:{number}: expected 'start end surface lemma category id'")
        mentions.append(GoldMention(int(fields[0]), int(fields[1]), fields[2], fields[3], fields[4], fields[5]))
    return mentions


def evaluate(gold: dict[str, GoldArticle], output: Output) -> dict:
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # (topic, lang, label)
    lemmas: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # lang -> right, compared
    lemma_misses: list[str] = []
    entities_of_gold: dict[str, set[str]] = defaultdict(set)
    gold_of_entity: dict[str, set[str]] = defaultdict(set)
    found_of_gold: dict[str, int] = defaultdict(int)
    found_of_entity: dict[str, int] = defaultdict(int)
    articles = 0
    for article in output.articles:
        expected = gold.get(article.id)
        if expected is None:
            continue
        articles += 1
        scored = {(m.start, m.end): m for m in expected.mentions if m.label in SCORED}
        ignored = [(m.start, m.end) for m in expected.mentions if m.label in IGNORED]
        got = {(e.start, e.end): e for e in article.entities if e.label in SCORED}
        for span, mention in got.items():
            wanted = scored.get(span)
            if wanted is not None and wanted.label == mention.label:
                spans[(expected.topic, expected.lang, mention.label)][0] += 1
            elif wanted is None and any(s < span[1] and span[0] < e for s, e in ignored):
                continue
            else:
                spans[(expected.topic, expected.lang, mention.label)][1] += 1
        for span, wanted in scored.items():
            mention = got.get(span)
            if mention is None or mention.label != wanted.label:
                spans[(expected.topic, expected.lang, wanted.label)][2] += 1
            if mention is None:
                continue
            lemmas[expected.lang][1] += 1
            if mention.lemma == wanted.lemma:
                lemmas[expected.lang][0] += 1
            else:
                lemma_misses.append(f"{article.id}: {wanted.surface!r} → {mention.lemma!r}, expected {wanted.lemma!r}")
            entities_of_gold[wanted.entity].add(mention.entity)
            gold_of_entity[mention.entity].add(wanted.entity)
            found_of_gold[wanted.entity] += 1
            found_of_entity[mention.entity] += 1
    if not articles:
        raise BsnlpError("none of the annotated articles is in the output (article ids are the raw file names)")
    linked = [g for g, n in found_of_gold.items() if n >= 2]
    held = [e for e, n in found_of_entity.items() if n >= 2]
    return {
        "articles": articles,
        "entities": _span_report(spans),
        "lemma_accuracy": {lang: _share(*counts) for lang, counts in sorted(lemmas.items())}
        | {"all": _share(sum(c[0] for c in lemmas.values()), sum(c[1] for c in lemmas.values()))},
        "linking": {
            "completeness": _share(sum(len(entities_of_gold[g]) == 1 for g in linked), len(linked)),
            "purity": _share(sum(len(gold_of_entity[e]) == 1 for e in held), len(held)),
            "gold_ids": len(linked),
            "claimex_entities": len(held),
        },
        "lemma_misses": lemma_misses,
    }


def _span_report(spans: dict[tuple[str, str, str], list[int]]) -> dict:
    """Totals per language, per language and label, per topic and language."""
    def total(keep) -> dict:
        counts = [sum(c[k] for key, c in spans.items() if keep(*key)) for k in range(3)]
        return prf(*counts)

    langs = sorted({lang for _, lang, _ in spans})
    topics = sorted({topic for topic, _, _ in spans})
    report: dict[str, dict] = {"all": total(lambda *_: True)}
    for lang in langs:
        report[lang] = total(lambda t, l, lab, lang=lang: l == lang)
        for label in SCORED:
            report[f"{lang}/{label}"] = total(lambda t, l, lab, lang=lang, label=label: l == lang and lab == label)
    for topic in topics:
        for lang in langs:
            if any(t == topic and l == lang for t, l, _ in spans):
                report[f"{topic}/{lang}"] = total(lambda t, l, lab, topic=topic, lang=lang: t == topic and l == lang)
    return report


def _share(right: int, compared: int) -> float:
    return round(right / compared, 4) if compared else 1.0
