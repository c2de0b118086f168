"""Re-runs that only do new work (the article cache), and `analyse` + `merge` composing to `extract`."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def claimex(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_cached_run_gives_the_same_bytes_and_analyses_only_changed_files(tmp_path):
    news, cache = corpus(tmp_path), tmp_path / "cache.sqlite"
    first = claimex("extract", str(news), "-f", "json", "-q", "--cache", str(cache))
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] > 20  # the merging's sentence vectors
    again = claimex("extract", str(news), "-f", "json", "-q", "--cache", str(cache))
    assert again.stdout == first.stdout
    changed = news / "003_b3c6b177b3372f57.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nМинистр заявил, что поставки продолжатся в декабре.\n",
                       encoding="utf-8")
    cached = claimex("extract", str(news), "-f", "json", "-q", "--cache", str(cache))
    fresh = claimex("extract", str(news), "-f", "json", "-q", "--no-cache")
    assert cached.stdout == fresh.stdout != first.stdout
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 6  # the changed file is a new entry


def test_a_damaged_cache_is_rebuilt_and_a_foreign_file_left_alone(tmp_path):
    news = corpus(tmp_path)
    expected = claimex("extract", str(news), "-f", "json", "-q", "--no-cache").stdout
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = claimex("extract", str(news), "-f", "json", "-q", "--cache", str(damaged))
    assert result.stdout == expected and "damaged cache rebuilt" in result.stderr
    foreign = tmp_path / "notes.txt.db"
    foreign.write_text("my notes", encoding="utf-8")
    result = claimex("extract", str(news), "-f", "json", "-q", "--cache", str(foreign))
    assert result.stdout == expected and "not a claimex cache" in result.stderr
    assert foreign.read_text(encoding="utf-8") == "my notes"


def test_analyse_then_merge_is_extract(tmp_path):
    news = corpus(tmp_path)
    part_a, part_b = tmp_path / "a", tmp_path / "b"
    part_a.mkdir()
    part_b.mkdir()
    for k, path in enumerate(sorted(news.glob("*.txt"))):
        shutil.copy(path, (part_a if k < 2 else part_b) / path.name)
    extracted = claimex("extract", str(part_a), str(part_b), "-f", "json", "-q")
    assert claimex("analyse", str(part_a), "-q", "-o", str(tmp_path / "a.jsonl")).returncode == 0
    assert claimex("analyse", str(part_b), "-q", "-o", str(tmp_path / "b.jsonl")).returncode == 0
    merged = claimex("merge", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "-f", "json")
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout == extracted.stdout
    cache = tmp_path / "cache.sqlite"
    for _ in range(2):  # the second merge reads the sentence vectors the first one kept
        cached = claimex("merge", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "-f", "json", "-w", "2", "--cache", str(cache))
        assert cached.stdout == extracted.stdout
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] > 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"type": "article", "id": 3}\n', encoding="utf-8")
    result = claimex("merge", str(broken))
    assert result.returncode == 2 and f"{broken}:1" in result.stderr


def test_the_analysis_runs_on_a_dask_cluster_with_the_same_output(tmp_path):
    distributed = __import__("pytest").importorskip("distributed")
    local = claimex("extract", str(SEEDS), "-f", "json", "-q")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = claimex("extract", str(SEEDS), "-f", "json", "-q", "--scheduler", cluster.scheduler_address)
    assert on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == local.stdout


class DictStore:
    def __init__(self):
        self.saved: dict[str, bytes] = {}

    def get_vectors(self, keys):
        return {key: self.saved[key] for key in keys if key in self.saved}

    def put_vectors(self, vectors):
        self.saved.update(vectors)


def test_sentence_vectors_are_kept_in_the_store_and_read_back_as_they_were(monkeypatch):
    import numpy as np

    from claimex.merge import semantic

    texts = ["Уряд схвалив бюджет на наступний рік.", "Правительство одобрило бюджет на следующий год."]
    store = DictStore()
    monkeypatch.setattr(semantic, "_vectors", {})
    computed = semantic.embed(texts, store)
    assert len(store.saved) == 2 and all(len(blob) == semantic.DIMENSIONS * 4 for blob in store.saved.values())
    monkeypatch.setattr(semantic, "_vectors", {})
    assert semantic.embed(texts, store).tobytes() == computed.tobytes()  # read back: the same bytes
    key = next(iter(store.saved))
    store.saved[key] = np.ones(semantic.DIMENSIONS, dtype=np.float32).tobytes()
    monkeypatch.setattr(semantic, "_vectors", {})
    assert sorted(semantic.embed(texts, store).sum(axis=1).round(3).tolist()).count(float(semantic.DIMENSIONS)) == 1
    store.saved[key] = b"short"  # a damaged entry is embedded again, never trusted
    monkeypatch.setattr(semantic, "_vectors", {})
    assert semantic.embed(texts, store).tobytes() == computed.tobytes()
    monkeypatch.setattr(semantic, "_vectors", {})
    assert semantic.embed(texts, threads=2).tobytes() == computed.tobytes()  # --workers 2 embeds on two threads


def test_a_record_is_written_as_dataclasses_asdict_would_give_it():
    """`records.dump` spells `asdict` out for speed; a field added to a record must not be lost."""
    import json
    from dataclasses import asdict

    from claimex import records
    from claimex.pipeline import Settings, analyse

    for result in analyse(sorted(SEEDS.glob("*.txt"))[:2], Settings({"uk": "builtin", "ru": "builtin", "en": "builtin"})):
        assert result.claims and result.mentions
        assert records.dump(result) == json.dumps({"type": "article", **asdict(result)}, ensure_ascii=False, sort_keys=True)


def test_eval_and_check_read_and_fill_the_article_cache(tmp_path):
    cache = tmp_path / "cache.sqlite"
    gold = ROOT / "fixtures" / "gold" / "seeds.json"
    first = claimex("eval", str(gold), str(SEEDS), "-f", "json", "-q", "--cache", str(cache))
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(list(SEEDS.glob("*.txt")))
    assert claimex("eval", str(gold), str(SEEDS), "-f", "json", "-q", "--cache", str(cache)).stdout == first.stdout
    checked = claimex("check", str(ROOT / "fixtures" / "expectations.yaml"), str(SEEDS), "-f", "json", "-q", "--cache", str(cache))
    assert checked.returncode == 0, checked.stdout
