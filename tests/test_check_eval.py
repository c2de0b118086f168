"""`claimex check` as a CI gate and `claimex eval` figures on the hand-labelled seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPECTATIONS = ROOT / "fixtures" / "expectations.yaml"


def claimex(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_seeds_meet_the_expectations():
    result = claimex("check", str(EXPECTATIONS), "seeds", "--format", "json", "--quiet")
    report = json.loads(result.stdout)
    failed = [r for r in report["results"] if not r["ok"]]
    assert failed == [] and result.returncode == 0
    assert report["passed"] >= 140


def test_a_regression_fails_the_check(tmp_path):
    broken = tmp_path / "expectations.yaml"
    broken.write_text(
        "claims:\n"
        "  - {article: 004_249f5b75d6d70c34, quote: Москва осуществляет контакты, source: Рамон Веласкес}\n"
        "merged:\n"
        "  - quotes:\n"
        "      - {article: 002_1e1a0fa32f340427, quote: Венесуэльский диктатор Николас Мадуро подготовил письмо}\n"
        "      - {article: 004_249f5b75d6d70c34, quote: Госдума 21 октября ратифицировала}\n",
        encoding="utf-8",
    )
    result = claimex("check", str(broken), "seeds", "--format", "json", "--quiet")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["failed"] == 2 and report["passed"] == 0
    table = claimex("check", str(broken), "seeds", "--quiet")
    assert table.returncode == 1 and "0 passed, 2 failed" in table.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        ("claims:\n  - {article: a, quote: [unclosed\n", "line 3: not valid YAML"),
        ("claims:\n  - {article: a}\n", "line 2: claims entry needs 'quote'"),
        ("stories: []\nmystery: []\n", "unknown section 'mystery'"),
        ("merged:\n  - quotes:\n      - {article: a, quote: x}\n", "line 2: 'quotes' needs at least two"),
    ],
)
def test_a_broken_expectations_file_exits_2_naming_the_line(tmp_path, content, message):
    path = tmp_path / "expectations.yaml"
    path.write_text(content, encoding="utf-8")
    result = claimex("check", str(path), "seeds", "--quiet")
    assert result.returncode == 2
    assert message in result.stderr


def test_a_quote_that_is_not_in_the_article_is_a_failure_not_a_crash(tmp_path):
    path = tmp_path / "expectations.yaml"
    path.write_text("non_claims:\n  - {article: 004_249f5b75d6d70c34, quote: no such words here}\n", encoding="utf-8")
    result = claimex("check", str(path), "seeds", "--format", "json", "--quiet")
    assert result.returncode == 1
    assert "quote not found" in json.loads(result.stdout)["results"][0]["message"]


@pytest.fixture(scope="module")
def figures() -> dict:
    result = claimex("eval", str(ROOT / "fixtures" / "gold" / "seeds.json"), "seeds", "--quiet")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_attribution_on_the_seeds(figures):
    claims = figures["claims"]
    assert claims["recall"] == 1.0
    assert claims["source_accuracy"] >= 0.86  # measured 0.881
    assert claims["kind_accuracy"] >= 0.85  # measured 0.891
    assert claims["non_claims_extracted"] == 0
    assert claims["hedge_accuracy"] >= 0.95 and claims["stance_accuracy"] >= 0.95


def test_merging_and_stories_on_the_seeds(figures):
    merging = figures["merging"]
    # the aims (measured P 0.956, F1 0.879, cross-lingual recall 0.815)
    assert merging["all"]["precision"] >= 0.9
    assert merging["all"]["f1"] >= 0.85
    assert merging["cross_lingual"]["recall"] >= 0.8
    assert figures["stories"]["f1"] == 1.0


def test_held_out_articles_of_other_stories():
    """Six articles written and labelled after the rules were (fixtures/heldout): floors at the
    level measured there, well below the seeds' figures."""
    result = claimex("eval", str(ROOT / "fixtures" / "gold" / "heldout.json"), "fixtures/heldout", "--quiet")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["entities"]["all"]["f1"] >= 0.9
    assert figures["claims"]["recall"] >= 0.95 and figures["claims"]["source_accuracy"] >= 0.8  # measured 0.847
    assert figures["claims"]["non_claims_extracted"] == 0
    # precision 0.867 -> 0.824 (F1 0.765 -> 0.778) when two claims of one person became easier to match
    # by meaning: Alves's two denials (a prior deal, a higher salary) joined one row
    assert figures["merging"]["all"]["precision"] >= 0.8 and figures["merging"]["all"]["f1"] >= 0.72
    assert figures["stories"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("gold", "folder", "precision", "f1", "source"),
    # heldout3 precision 0.822 -> 0.760 when a sentence of two statements became two claims: the
    # shorter "подякував ОАЕ за допомогу" part joins the exchange rows; 0.760 -> 0.748 when
    # "Минобороны сообщило о возвращении 150 военных" got its source, whose words then left the
    # claim's terms and it joined the exchange row (docs/experiments.md)
    [("heldout2.json", "fixtures/heldout2", 0.85, 0.72, 0.75), ("heldout3.json", "fixtures/heldout3", 0.74, 0.55, 0.68)],
)
def test_merging_on_stories_written_without_claimex(gold, folder, precision, f1, source):
    """Ten and ten articles written, and labelled, by sessions that never saw claimex
    (fixtures/heldout2, heldout3): floors under the level measured there."""
    result = claimex("eval", str(ROOT / "fixtures" / "gold" / gold), folder, "--quiet")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["merging"]["all"]["precision"] >= precision and figures["merging"]["all"]["f1"] >= f1
    assert figures["claims"]["recall"] >= 0.95 and figures["claims"]["source_accuracy"] >= source
    assert figures["stories"]["f1"] == 1.0


def test_nine_stories_in_one_run_stay_apart(tmp_path):
    """All 27 gold articles in one run: each story is one story, and no two stories join."""
    gold = {"stories": [], "merge_groups": []}
    for name in ("seeds", "heldout", "heldout2", "heldout3"):
        part = json.loads((ROOT / "fixtures" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        gold["stories"] += part["stories"]
        gold["merge_groups"] += part["merge_groups"]
    path = tmp_path / "all.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    folders = ["seeds", "fixtures/heldout", "fixtures/heldout2", "fixtures/heldout3"]
    result = claimex("eval", str(path), *folders, "--quiet")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["stories"]["f1"] == 1.0
    # 0.801 -> 0.790 (F1 0.731 -> 0.733) when semantic pairs just short of a match began to count
    # in average-link means (BELOW_MATCH, docs/experiments.md)
    assert figures["merging"]["all"]["precision"] >= 0.78


def test_a_source_matches_the_normal_form_of_any_mention_of_its_entity(tmp_path):
    """The gold names a source in its own language's nominative; the entity's name may be another
    language's and its variants are inflected forms: the mentions' normal forms count too."""
    from claimex.locate import Index
    from claimex.models import Output

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "ru_a.txt").write_text("Европейская комиссия заявила, что переговоры с Лондоном продолжаются и прогресс есть.\n", encoding="utf-8")
    (articles / "uk_a.txt").write_text("Лідери обговорили план Європейської комісії щодо торгівлі.\n\n"
                                       "Речник Єврокомісії після зустрічі заявив, що переговори з Лондоном тривають і прогрес є.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert claimex("extract", str(articles), "--format", "json", "--quiet", "--no-cache", "-o", str(out)).returncode == 0
    output = Output.model_validate_json(out.read_text(encoding="utf-8"))
    claim = next(a for a in output.articles if a.id.startswith("uk")).claims[-1]
    index = Index.of(output)
    assert index.source_matches(claim, "Європейська комісія")
    assert not index.source_matches(claim, "Лондон")
