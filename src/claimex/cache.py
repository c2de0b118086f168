"""A per-article cache, so that a re-run over a growing folder analyses only new or changed files.

SQLite, keyed by the file's bytes, the backends chosen (with the stanza folder and each spaCy
pipeline's name, version and folder) and a fingerprint of claimex itself (its code
and data files, so an upgrade or a local change never reuses a stale analysis). Records are JSON
(claimex.records), never pickle. The sentence vectors of claim merging are kept beside them, keyed
by model and text (`merge.semantic`), since embedding is most of what a re-run would redo. A file
that is not a claimex cache is reported and left alone; a damaged claimex cache is reported and
rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import cache
from pathlib import Path

from claimex import __version__, records
from claimex.pipeline import Analysed

MARKER = "claimex article cache 1"


class CacheProblem(Exception):
    """The cache cannot be used; the message says why, and the run goes on without it."""


def default_path() -> Path:
    """$CLAIMEX_CACHE, else the user's cache folder ($XDG_CACHE_HOME or ~/.cache)/claimex."""
    if os.environ.get("CLAIMEX_CACHE"):
        return Path(os.environ["CLAIMEX_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "claimex" / "articles.sqlite"


@cache
def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".tsv", ".json", ".txt") and p.is_file()):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ArticleCache:
    def __init__(self, path: Path, backends: dict[str, str], stanza_dir: str | None,
                 spacy_pipelines: dict[str, str] | None = None):
        """`spacy_pipelines`: language -> `SpacyPipeline.identity`, for the languages spaCy serves."""
        self.path = path
        self.salt = json.dumps([_code_fingerprint(), backends, stanza_dir, spacy_pipelines or {}], sort_keys=True).encode()
        self.rebuilt = False
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError as error:
            if not self._is_sqlite():
                raise CacheProblem(f"{path} is not a claimex cache: not used ({error})") from error
            path.unlink()  # a damaged cache of ours: never trusted, rebuilt
            self.rebuilt = True
            self.db = self._connect()

    def _is_sqlite(self) -> bool:
        with open(self.path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheProblem(f"cannot create the cache folder {self.path.parent}: {error.strerror}") from error
        db = sqlite3.connect(self.path)
        try:
            if db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise sqlite3.DatabaseError("damaged")
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                db.execute("CREATE TABLE meta (marker TEXT NOT NULL)")
                db.execute("CREATE TABLE articles (key TEXT PRIMARY KEY, record TEXT NOT NULL)")
                db.execute("INSERT INTO meta VALUES (?)", (MARKER,))
            elif not {"meta", "articles"} <= tables <= {"meta", "articles", "vectors"} or (
                db.execute("SELECT marker FROM meta").fetchall() != [(MARKER,)]
            ):
                raise CacheProblem(f"{self.path} is an SQLite file of something else: not used")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def key(self, data: bytes) -> str:
        return hashlib.sha256(self.salt + data).hexdigest()

    def get(self, key: str, article_id: str, path: str) -> Analysed | None:
        row = self.db.execute("SELECT record FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            record = records.load(row[0])
        except records.RecordError:
            return None  # a damaged row: analysed again, and written over
        if not isinstance(record, Analysed):
            return None
        record.id, record.path = article_id, path
        return record

    def put(self, key: str, record: Analysed) -> None:
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (key, records.dump(record)))

    def get_vectors(self, keys: list[str]) -> dict[str, bytes]:
        """Sentence vectors stored by earlier runs (`merge.semantic`), by key."""
        found: dict[str, bytes] = {}
        for at in range(0, len(keys), 500):  # SQLite limits the parameters of one statement
            chunk = keys[at : at + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk).fetchall())
        return found

    def put_vectors(self, vectors: dict[str, bytes]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", vectors.items())

    def close(self) -> None:
        self.db.commit()
        self.db.close()
