"""Entity quality of the builtin backends against the hand-labelled seed gold (exact spans).

Run `python tests/test_entity_quality.py` for the per-language, per-label table.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from claimex.nlp.builtin import get_builtin
from claimex.reader import ArticleText

ROOT = Path(__file__).parent.parent
GOLD = ROOT / "fixtures" / "gold" / "seeds.json"
LANGS = {"000_10514d14d83ccc4e": "uk", "001_7b1b9add373fc10b": "uk"}  # the other seeds are Russian
LABELS = ("PER", "ORG", "LOC")
MIN_F1 = {"PER": 0.95, "ORG": 0.85, "LOC": 0.85}
HEADER = re.compile(r" ?date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*\n?")
BLOCK = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)

def article(path: Path, lang: str) -> ArticleText:
    text = path.read_text(encoding="utf-8")
    header = HEADER.match(text)
    body = header.end() if header else 0
    paragraphs = [(m.start() + body, m.end() + body) for m in BLOCK.finditer(text[body:])]
    return ArticleText(path.stem, str(path), text, "utf-8", None, body, None, paragraphs, lang)


def evaluate() -> tuple[dict, list[str]]:
    """{(lang, label): (tp, fp, fn)} and the gold PER mentions found with a wrong normal form."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["entities"]
    counts: dict[tuple[str, str], Counter] = {}
    wrong_names = []
    for article_id, expected in sorted(gold.items()):
        lang = LANGS.get(article_id, "ru")
        doc = get_builtin(lang).annotate([article(ROOT / "seeds" / f"{article_id}.txt", lang)])[0]
        found = {(m.start, m.end, m.label): m for m in doc.mentions}
        wanted = {(g["start"], g["end"], g["label"]): g for g in expected}
        for key in found.keys() | wanted.keys():
            tally = counts.setdefault((lang, key[2]), Counter())
            tally["tp" if key in found and key in wanted else "fp" if key in found else "fn"] += 1
            if key in found and key in wanted and key[2] == "PER" and found[key].normal != wanted[key]["name"]:
                wrong_names.append(f"{article_id} {found[key].text}: {found[key].normal} != {wanted[key]['name']}")
    return {key: (c["tp"], c["fp"], c["fn"]) for key, c in counts.items()}, wrong_names


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.fixture(scope="module")
def scores():
    return evaluate()


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("label", LABELS)
def test_f1(scores, lang, label):
    tp, fp, fn = scores[0].get((lang, label), (0, 0, 0))
    assert f1(tp, fp, fn) >= MIN_F1[label], f"{lang} {label}: tp={tp} fp={fp} fn={fn}"


def test_person_names_are_nominative(scores):
    assert scores[1] == []


if __name__ == "__main__":
    table, names = evaluate()
    for (lang, label), (tp, fp, fn) in sorted(table.items()):
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"{lang} {label}  P {precision:.3f}  R {recall:.3f}  F1 {f1(tp, fp, fn):.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print("\n".join(names) or "all matched PER names nominative")
