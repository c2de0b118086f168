"""The CLI through a real subprocess: formats, exit codes, schema, offsets, determinism."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def claimex(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimex", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=600
    )


@pytest.fixture(scope="module")
def seeds_json() -> dict:
    result = claimex("extract", "seeds", "--format", "json", "--quiet")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_output_validates_against_the_printed_schema(seeds_json):
    schema = json.loads(claimex("schema").stdout)
    jsonschema.validate(seeds_json, schema)
    assert seeds_json["schema_version"] == "1"
    assert set(seeds_json["tool"]["backends"]) == {"uk", "ru", "en"}


def test_every_span_points_into_the_source(seeds_json):
    for article in seeds_json["articles"]:
        text = (SEEDS / f"{article['id']}.txt").read_text(encoding="utf-8")
        assert article["entities"] and article["claims"]
        for span in article["entities"] + article["claims"]:
            assert text[span["start"] : span["end"]] == span["text"]
        for claim in article["claims"]:
            attribution = claim["attribution"]
            if attribution["cue"] is not None:
                assert text[attribution["cue_start"] : attribution["cue_end"]] == attribution["cue"]


def test_ids_and_references_are_consistent(seeds_json):
    entity_ids = {e["id"] for e in seeds_json["entities"]}
    claim_ids = {c["id"] for a in seeds_json["articles"] for c in a["claims"]}
    assert [a["id"] for a in seeds_json["articles"]] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for article in seeds_json["articles"]:
        assert {e["entity"] for e in article["entities"]} <= entity_ids
    mentioned = [m for s in seeds_json["stories"] for c in s["claims"] for m in c["mentions"]]
    assert set(mentioned) == claim_ids  # every claim in a row; a sentence of several facts in several
    for story in seeds_json["stories"]:
        for row in story["claims"]:
            assert len(set(row["mentions"])) == len(row["mentions"])
            assert {m.rsplit("#", 1)[0] for m in row["mentions"]} <= set(story["articles"])


def test_dates_languages_and_outlets_of_seeds(seeds_json):
    by_id = {a["id"]: a for a in seeds_json["articles"]}
    assert by_id["001_7b1b9add373fc10b"]["date"] is None
    assert by_id["004_249f5b75d6d70c34"]["date"] == "2025-11-01"
    assert [by_id[k]["lang"] for k in sorted(by_id)] == ["uk", "uk", "ru", "ru", "ru"]
    assert by_id["004_249f5b75d6d70c34"]["outlet"] == "ТАСС"
    assert by_id["000_10514d14d83ccc4e"]["outlet"] == "24 Канал"


def test_output_is_identical_for_any_number_of_workers(seeds_json, tmp_path):
    out = tmp_path / "two.json"
    result = claimex("extract", "seeds", "--format", "json", "--workers", "2", "--quiet", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == json.dumps(seeds_json, ensure_ascii=False, indent=2) + "\n"


def test_jsonl_csv_markdown_and_table(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_10514d14d83ccc4e.txt", "003_b3c6b177b3372f57.txt"):
        shutil.copy(SEEDS / name, corpus / name)
    lines = claimex("extract", str(corpus), "-f", "jsonl", "-q").stdout.splitlines()
    types = [json.loads(line)["type"] for line in lines]
    assert types[:2] == ["article", "article"] and set(types[2:]) == {"story"}
    rows = list(csv.DictReader(io.StringIO(claimex("extract", str(corpus), "-f", "csv", "-q").stdout)))
    assert rows and rows[0]["story"] == "S1" and all(r["text"] for r in rows)
    markdown = claimex("extract", str(corpus), "-f", "markdown", "-q").stdout
    assert markdown.startswith("## S1: ") and "| claim | attributed to |" in markdown
    table = claimex("extract", str(corpus), "-f", "table", "-q").stdout
    assert "S1" in table and "attributed to" in table


def test_broken_file_is_reported_and_the_rest_processed(tmp_path):
    shutil.copy(SEEDS / "003_b3c6b177b3372f57.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    result = claimex("extract", str(tmp_path), "-f", "json", "-q")
    assert result.returncode == 1
    output = json.loads(result.stdout)
    assert [a["id"] for a in output["articles"]] == ["good"]
    assert output["articles"][0]["claims"]
    assert sorted(Path(e["path"]).name for e in output["errors"]) == ["binary.txt", "empty.txt"]
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_english_article_is_analysed(tmp_path):
    (tmp_path / "en.txt").write_text("Budget\n\nFinance Minister Serhiy Marchenko said on Monday that the budget would be approved next week.\n")
    result = claimex("extract", str(tmp_path), "-f", "json", "-q")
    assert result.returncode == 0 and "not supported" not in result.stderr
    article = json.loads(result.stdout)["articles"][0]
    assert article["lang"] == "en" and article["backend"] == "builtin"
    assert [c["attribution"]["source"] for c in article["claims"]] == ["Serhiy Marchenko"]
    assert [(e["text"], e["label"]) for e in article["entities"]] == [("Serhiy Marchenko", "PER")]


def test_unknown_language_is_reported_not_analysed(tmp_path):
    (tmp_path / "de.txt").write_text("Der Minister sagte am Montag, dass der Haushalt nächste Woche verabschiedet wird.\n")
    result = claimex("extract", str(tmp_path), "-f", "json", "-q")
    assert result.returncode == 0
    article = json.loads(result.stdout)["articles"][0]
    assert article["claims"] == []
    assert "not supported" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert claimex("extract", str(tmp_path / "missing")).returncode == 2
    assert claimex("extract", str(tmp_path), "-q").returncode == 2  # no articles found
    assert claimex("extract", "seeds", "--format", "yaml").returncode == 2
    result = claimex("extract", "seeds", "--backend", "stanza", "--stanza-dir", str(tmp_path))
    assert result.returncode == 2 and "claimex models download" in result.stderr


def test_paths_from_stdin(tmp_path):
    paths = f"{SEEDS / '003_b3c6b177b3372f57.txt'}\n{SEEDS / '001_7b1b9add373fc10b.txt'}\n"
    output = json.loads(claimex("extract", "-", "-f", "json", "-q", stdin=paths).stdout)
    assert [a["id"] for a in output["articles"]] == ["001_7b1b9add373fc10b", "003_b3c6b177b3372f57"]


def test_output_file_is_not_touched_on_usage_error(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous")
    assert claimex("extract", str(tmp_path / "missing"), "-o", str(out)).returncode == 2
    assert out.read_text() == "previous"
    assert list(tmp_path.iterdir()) == [out]


def test_help_shows_examples():
    for command in ("extract", "check", "eval", "schema"):
        assert "Example" in claimex(command, "--help").stdout


def test_output_to_a_fifo_writes_into_it_and_keeps_it(tmp_path):
    """A device or FIFO (like /dev/null) is written in place, never renamed over."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = claimex("extract", str(SEEDS / "003_b3c6b177b3372f57.txt"), "-f", "jsonl", "-q", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith('{"type": "article"')


def test_an_article_that_breaks_the_nlp_is_reported_and_the_others_analysed(monkeypatch):
    """Isolation inside a batch: only the article whose analysis raises loses its claims."""
    from claimex import pipeline
    from claimex.nlp.builtin import get_builtin

    backend = get_builtin("ru")
    real = backend.annotate

    def annotate(articles):
        if any(a.id.startswith("003") for a in articles):
            raise RuntimeError("tagger exploded")
        return real(articles)

    monkeypatch.setattr(backend, "annotate", annotate)
    paths = sorted(SEEDS.glob("*.txt"))
    settings = pipeline.Settings({"uk": "builtin", "ru": "builtin"})
    results = {r.id: r for r in pipeline.analyse(paths, settings)}
    assert results["003_b3c6b177b3372f57"].claims == []
    assert "NLP failed: RuntimeError: tagger exploded" in results["003_b3c6b177b3372f57"].failures
    assert results["002_1e1a0fa32f340427"].claims and results["004_249f5b75d6d70c34"].claims


@pytest.mark.parametrize("width", [80, 120])
def test_the_story_table_reads_at_a_fixed_width(width):
    """At 80 and 120 columns: a summary line per story, whole outlet names and file names (no cut
    hash), flag marks explained once, differing details in full under their claim."""
    from rich.console import Console

    from claimex.models import Output
    from claimex.render import print_tables

    output = Output.model_validate_json(claimex("extract", str(SEEDS), "-f", "json", "-q").stdout)
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    print_tables(output, console)
    lines = console.file.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert re.search(r"5 article\(s\) · ru, uk · \d+ outlet\(s\) · \d+ claim\(s\)", text)
    assert not re.search(r"\d{3}_[0-9a-f]{3,15}…", text)  # no file name cut to a hash
    assert "flags: " in lines[-1] or any(line.startswith("flags: ") for line in lines)
    assert re.search(r"≠ 2025-10-2\d \(", text)  # the ratification dates that differ, in full


def test_explain_names_the_rule_behind_each_claim():
    result = claimex("explain", str(SEEDS / "004_249f5b75d6d70c34.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    text = (SEEDS / "004_249f5b75d6d70c34.txt").read_text(encoding="utf-8")
    assert report["article"] == "004_249f5b75d6d70c34" and report["claims"]
    assert all(text[c["start"]:c["end"]] == c["text"] and c["rule"] for c in report["claims"])
    peskov = next(c for c in report["claims"] if c["text"].startswith("Москву и Каракас"))
    assert peskov["source"] == "Дмитрий Песков" and "the role is the person named with it" in peskov["rule"]
    # the rules that decided, and those tried before them that declined, all from the lists of claims/rules.py
    from claimex.claims.rules import QUOTATION_RULES, RULES, SPEAKER_RULES, SPEAKING_RULES

    assert peskov["decided_by"] == "speaker > speech_verb_speakers > speech_verb_subject"
    assert peskov["declined"] == ["line_naming_the_source", "source_cited_inside_quotation", "as_speech_speaker", "according_to_phrase", "according_to_relayed",
                                  "report_by_nobody_named", "quotation_speaker", "gerund_shares_main_subject",
                                  "body_in_locative_spoke", "as_speech_subject",
                                  "relative_pronoun_antecedent"]
    names = {rule.__name__ for rules in (QUOTATION_RULES, SPEAKING_RULES, SPEAKER_RULES, RULES) for rule in rules}
    for claim in report["claims"]:
        assert set((claim["decided_by"] or "").split(" > ") + claim["declined"]) - {""} <= names
        if claim["decided_by"] is None:  # the outlet's own statement
            assert claim["declined"] == [rule.__name__ for rule in RULES]
    table = claimex("explain", str(SEEDS / "004_249f5b75d6d70c34.txt"), "--format", "table")
    assert table.returncode == 0 and "004_249f5b75d6d70c34 (ru, builtin)" in table.stdout and "Песков" in table.stdout
    assert "declined:" in table.stdout
