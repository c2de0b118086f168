"""Speed of the three NLP backends on the same articles, per language.

    python bench/backends.py [--slavicner ../shared/corpora/slavicner] [--per-language 25] [--output bench/backends_results.md]

The stanza and spaCy backends run the *tiny* models the tests train (tests/stanza_tiny.py,
tests/spacy_tiny.py), not the published ones: they show the adapters' own cost and how the
frameworks scale, not what uk_core_news_lg or stanza's real models would take.  Each backend is
loaded once (its load time, with a first seed article and after the imports, reported apart), then timed in batches of
8 (as claimex batches) with one thread, on the seeds and on `--per-language` SlavicNER articles
per language, spread evenly over its topics.  "NLP" is `backend.annotate`; "with claims" adds
claim extraction on its Doc (what `claimex analyse` does per article, without reading and merging).

Only figures are written; the corpus text stays where it is.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from threadpoolctl import threadpool_limits  # noqa: E402

from claimex.claims.extract import extract  # noqa: E402
from claimex.pipeline import BATCH_SIZE, article_ids  # noqa: E402
from claimex.reader import read_article  # noqa: E402

LANGS = ("uk", "ru")


def read_sets(slavicner: Path, per_language: int) -> dict[str, dict[str, list]]:
    """{set name: {lang: [ArticleText]}}: the seeds, and SlavicNER files spread over its topics."""
    sets = {"seeds": sorted((REPO / "seeds").glob("*.txt"))}
    if (slavicner / "raw").is_dir():
        sets["SlavicNER"] = []
        for lang in LANGS:
            paths = sorted(slavicner.glob(f"raw/*/{lang}/*.txt"))
            sets["SlavicNER"] += paths[:: max(1, len(paths) // per_language)][:per_language]
    read = {}
    for name, paths in sets.items():
        articles = [read_article(path, article_id) for path, article_id in zip(paths, article_ids(paths))]
        read[name] = {lang: [a for a in articles if a.lang == lang] for lang in LANGS}
    return read


def load_backends(spacy_dir: Path, first: dict[str, object]) -> dict[str, dict[str, tuple[object, float]]]:
    """{backend: {lang: (backend, seconds to load it and annotate the language's `first` article)}}:
    the builtin backend loads its models on first use, the others when made."""
    import stanza_tiny
    import spacy_tiny
    import torch

    from claimex.nlp.builtin import get_builtin
    from claimex.nlp.spacy_backend import SpacyBackend
    from claimex.nlp.stanza_backend import StanzaBackend

    torch.set_num_threads(1)
    stanza_dir, _ = stanza_tiny.cached_model_dir()
    for lang in LANGS:
        spacy_tiny.train(lang, spacy_dir / lang)
    makers = {
        "builtin": get_builtin,
        "stanza (tiny)": lambda lang: StanzaBackend(lang, stanza_dir),
        "spacy (tiny)": lambda lang: SpacyBackend(lang, str(spacy_dir / lang)),
    }
    loaded = {}
    for name, make in makers.items():
        loaded[name] = {}
        for lang in LANGS:
            started = time.perf_counter()
            backend = make(lang)
            backend.annotate([first[lang]])
            loaded[name][lang] = (backend, time.perf_counter() - started)
    return loaded


def timed(backend, articles: list) -> tuple[float, float]:
    """(NLP seconds, NLP + claims seconds) over the articles, in batches."""
    nlp = claims = 0.0
    for start in range(0, len(articles), BATCH_SIZE):
        batch = articles[start : start + BATCH_SIZE]
        began = time.perf_counter()
        docs = backend.annotate(batch)
        annotated = time.perf_counter()
        for article, doc in zip(batch, docs):
            extract(doc, article.title)
        nlp += annotated - began
        claims += time.perf_counter() - began
    return nlp, claims


def table(sets: dict, loaded: dict) -> list[str]:
    lines = ["| articles | language | n | chars | backend | load s | NLP articles/s | with claims articles/s |",
             "|---|---|---:|---:|---|---:|---:|---:|"]
    for set_name, by_lang in sets.items():
        for lang in LANGS:
            articles = by_lang[lang]
            if not articles:
                continue
            chars = sum(len(a.text) for a in articles)
            for name, per_lang in loaded.items():
                backend, load = per_lang[lang]
                nlp, claims = timed(backend, articles)
                lines.append(f"| {set_name} | {lang} | {len(articles)} | {chars} | {name} | {load:.1f} | "
                             f"{len(articles) / nlp:.1f} | {len(articles) / claims:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slavicner", type=Path, default=REPO.parent / "shared" / "corpora" / "slavicner")
    parser.add_argument("--per-language", type=int, default=25)
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "backends_results.md")
    args = parser.parse_args()
    with threadpool_limits(limits=1), tempfile.TemporaryDirectory() as spacy_dir:
        sets = read_sets(args.slavicner, args.per_language)
        loaded = load_backends(Path(spacy_dir), {lang: sets["seeds"][lang][0] for lang in LANGS})
        rows = table(sets, loaded)
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = ["# NLP backends side by side", "",
             f"- machine: {cpus} CPUs (shared), one thread per backend, Python {sys.version.split()[0]}",
             "- stanza and spaCy run the tiny models of the tests (tests/stanza_tiny.py, tests/spacy_tiny.py), "
             "not the published pipelines: a published lg/md pipeline or stanza's real models are slower",
             "- the seed rows (2-3 articles) are noisy; read the SlavicNER rows (25 articles per language)",
             "- `python bench/backends.py`", "", *rows, ""]
    report = "\n".join(lines)
    print(report)
    args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
