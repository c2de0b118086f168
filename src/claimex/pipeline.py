"""reader → NLP backend → claims, per article (in worker processes), then merging in the parent.

Workers return plain, picklable `Analysed` records in input order, so the output is the same for
any number of workers, and articles can be streamed out as soon as they and all before them are done.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from threadpoolctl import threadpool_limits

from claimex.claims.extract import extract
from claimex.claims.features import ClaimFeatures, features
from claimex.claims.sources import Source
from claimex.doc import Doc
from claimex.merge.entities import defined_abbreviations, names_alone
from claimex.reader import ArticleError, ArticleText, FileProblem, read_article

if TYPE_CHECKING:
    from claimex.cache import ArticleCache
    from claimex.nlp.spacy_models import SpacyPipeline

SUPPORTED = ("uk", "ru", "en")
BATCH_SIZE = 8
OWN_CONTENT = 2  # terms and numbers a claim needs beyond its source and cue to be compared on them alone
TIME_BUDGET = 300.0  # seconds per article by default: a 5 MB article of ordinary text takes about three minutes


@dataclass
class MentionOut:
    text: str
    label: str
    start: int
    end: int
    normal: str
    stands_for: int | None = None  # an abbreviation or spelling of an earlier name (defined_abbreviations): its index
    full_name_of: int | None = None  # a given name or surname alone: the index of the person's full name (names_alone)


@dataclass
class ClaimOut:
    text: str
    start: int
    end: int
    source: str | None
    source_mention: int | None  # index into Analysed.mentions
    role: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: str
    chain: list[str]
    hedges: list[str]
    stance: str
    mentions: list[int]  # indices into Analysed.mentions
    features: ClaimFeatures


@dataclass
class Analysed:
    id: str
    path: str
    date: str | None
    lang: str | None
    encoding: str
    title: str | None
    outlet: str | None = None
    backend: str | None = None
    mentions: list[MentionOut] = field(default_factory=list)
    claims: list[ClaimOut] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # analysis that failed: the run exits 1


@dataclass(frozen=True)
class Settings:
    backends: dict[str, str]  # language -> "builtin" | "stanza" | "spacy"
    stanza_dir: str | None = None
    workers: int = 1
    time_budget: float | None = TIME_BUDGET  # seconds one article may take; None: no limit
    scheduler: str | None = None  # a Dask scheduler's address: the batches run on that cluster
    spacy_pipelines: dict[str, SpacyPipeline] = field(default_factory=dict)  # for the languages spaCy serves


class TimeBudgetExceeded(Exception):
    pass


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Stop the work inside after `seconds` (SIGALRM: worker processes and the command run it in
    their main thread). A runaway article becomes an error of its own, not a stalled run."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeBudgetExceeded(f"analysis stopped after {seconds:g} s (--time-budget)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def article_ids(paths: list[Path]) -> list[str]:
    """File names without .txt, made unique in the run by a numeric suffix."""
    seen: dict[str, int] = {}
    ids = []
    for path in paths:
        stem = path.name[:-4] if path.name.endswith(".txt") else path.name
        seen[stem] = seen.get(stem, 0) + 1
        ids.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return ids


def analyse(paths: list[Path], settings: Settings, on_done: Callable[[], None] | None = None,
            cache: ArticleCache | None = None) -> Iterator[Analysed | FileProblem]:
    """Analyse the files in batches, yielding results in input order. With a cache, files analysed
    before (same bytes, same claimex, same backends) come from it and only the others are analysed."""
    items = list(zip(paths, article_ids(paths)))
    keys: dict[int, str] = {}
    cached: dict[int, Analysed] = {}
    if cache is not None:
        for k, (path, article_id) in enumerate(items):
            try:
                keys[k] = cache.key(path.read_bytes())
            except OSError:
                continue  # the reader reports it
            record = cache.get(keys[k], article_id, str(path))
            if record is not None:
                cached[k] = record
    todo = [item for k, item in enumerate(items) if k not in cached]
    batches = [(todo[i : i + BATCH_SIZE], settings) for i in range(0, len(todo), BATCH_SIZE)]
    pool = None
    if settings.scheduler:
        results = _on_dask(batches, settings.scheduler)
    elif settings.workers <= 1 or len(batches) <= 1:
        results = map(_analyse_batch, batches)
    else:
        pool = multiprocessing.get_context("spawn").Pool(settings.workers, initializer=_init_worker)
        results = pool.imap(_analyse_batch, batches)
    fresh = (result for batch in results for result in batch)
    try:
        for k in range(len(items)):
            result = cached.get(k) or next(fresh)
            if cache is not None and k not in cached and k in keys and isinstance(result, Analysed) and not result.failures:
                cache.put(keys[k], result)
            if on_done is not None:
                on_done()
            yield result
    finally:
        if pool is not None:
            pool.terminate()


def _on_dask(batches: list, scheduler: str) -> Iterator[list[Analysed | FileProblem]]:
    """The batches on an existing Dask cluster (the extra claimex[dask]), results in input order.
    Its workers need claimex installed and the files at the same paths (a shared disk)."""
    from distributed import Client

    with Client(scheduler) as client:
        futures = client.map(_analyse_batch, batches, pure=False)
        for future in futures:
            yield future.result()


def _init_worker() -> None:
    """Each worker has a core to itself: BLAS/OpenMP thread pools inside it only contend. Ctrl-C is
    the parent's to handle: it stops the pool, so workers print no traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(limits=1)


_backends: dict[tuple[str, str | None, str | None], object] = {}


def backend_for(lang: str, settings: Settings):
    """Backends are loaded once per process, on first use (one per language, backend and model)."""
    choice = settings.backends.get(lang)
    if choice == "spacy":
        from claimex.nlp.spacy_backend import get_spacy

        return get_spacy(lang, settings.spacy_pipelines[lang].source)
    key = (lang, choice, settings.stanza_dir if choice == "stanza" else None)
    if key not in _backends:
        if choice == "stanza":
            from claimex.nlp.stanza_backend import StanzaBackend

            _backends[key] = StanzaBackend(lang, settings.stanza_dir)
        else:
            from claimex.nlp.builtin import get_builtin

            _backends[key] = get_builtin(lang)
    return _backends[key]


def _analyse_batch(job: tuple[list[tuple[Path, str]], Settings]) -> list[Analysed | FileProblem]:
    items, settings = job
    results: list[Analysed | FileProblem] = []
    texts: dict[str, list[ArticleText]] = {}
    for path, article_id in items:
        try:
            article = read_article(path, article_id)
        except ArticleError as error:
            results.append(FileProblem(str(path), str(error)))
            continue
        results.append(_record(article))
        if article.lang in SUPPORTED:
            texts.setdefault(article.lang, []).append(article)
        else:
            results[-1].warnings.append(f"language {article.lang or 'unknown'} is not supported: NLP skipped")
    by_id = {r.id: r for r in results if isinstance(r, Analysed)}
    for lang, articles in texts.items():
        backend = backend_for(lang, settings)
        budget = settings.time_budget
        try:
            with time_budget(budget * len(articles) if budget else None):
                docs = backend.annotate(articles)
        except Exception:  # find the article that broke the batch; the others are annotated alone
            docs = [_annotate_alone(backend, article, by_id[article.id], budget) for article in articles]
        for article, doc in zip(articles, docs):
            if doc is None:
                continue
            record = by_id[article.id]
            try:
                with time_budget(budget):
                    _fill(record, article, doc, backend.name)
            except TimeBudgetExceeded as error:
                record.mentions, record.claims = [], []
                record.failures.append(str(error))
            except Exception as error:  # one article's failure must not lose the run
                record.claims = []
                record.failures.append(f"claim extraction failed: {type(error).__name__}: {error}")
    return results


def _annotate_alone(backend, article: ArticleText, record: Analysed, budget: float | None) -> Doc | None:
    try:
        with time_budget(budget):
            return backend.annotate([article])[0]
    except TimeBudgetExceeded as error:
        record.failures.append(str(error))
    except Exception as error:
        record.failures.append(f"NLP failed: {type(error).__name__}: {error}")
    return None


def _record(article: ArticleText) -> Analysed:
    title = article.text[article.title[0] : article.title[1]] if article.title else None
    return Analysed(
        id=article.id, path=article.path, date=article.date, lang=article.lang,
        encoding=article.encoding, title=title, warnings=list(article.warnings),
    )


def _in_full(source: Source, doc: Doc, defined: dict[int, int], index_of: dict[int, int]) -> str:
    """A source named by an abbreviation the article defines, or by a given name or surname alone, is named as
    the article spells it out: "НАБУ" after "Національне антикорупційне бюро України (НАБУ)",
    "Хиллари" after "Хиллари Клинтон"."""
    mention = source.mention
    k = index_of.get(id(mention)) if mention is not None else None
    if k is None or k not in defined or source.name not in (mention.normal, mention.text):
        return source.name
    full = doc.mentions[defined[k]]
    return full.normal or full.text


def _fill(record: Analysed, article: ArticleText, doc: Doc, backend_name: str) -> None:
    """Claims and features of one annotated article, reduced to plain picklable data."""
    record.backend = backend_name
    defined = defined_abbreviations(doc.text, doc.mentions)
    alone = names_alone(doc.mentions)
    record.mentions = [MentionOut(m.text, m.label, m.start, m.end, m.normal or m.text, defined.get(k), alone.get(k))
                       for k, m in enumerate(doc.mentions)]
    index_of = {id(m): k for k, m in enumerate(doc.mentions)}
    found = extract(doc, article.title)
    record.outlet = found.outlet
    for draft in found.claims:
        attribution = draft.found
        source = attribution.source
        tokens = doc.tokens[draft.first : draft.last]
        cue = attribution.cue
        cue_words = {k for k, t in enumerate(tokens) if cue[0] <= t.start < cue[1]} if cue is not None else set()
        source_words = {k - draft.first for k in range(source.first, source.last)} if source is not None else set()
        claim_features = features(doc, tokens, cue_words | source_words, article.date)
        if source_words and len(claim_features.terms) + len(claim_features.numbers) < OWN_CONTENT:
            # "В министерстве от комментариев отказались": what the claim is about is its source
            claim_features = features(doc, tokens, cue_words, article.date)
            claim_features.about_source = True
        source_name = _in_full(source, doc, defined | alone, index_of) if source is not None else None
        chain = [found.outlet] if found.outlet else []
        if attribution.outer is not None and attribution.outer.name not in chain:
            chain.append(attribution.outer.name)
        if source is not None:
            chain += [source_name] + [cited.name for cited in attribution.chain]
        chain = [name for k, name in enumerate(chain) if name not in chain[:k]]
        record.claims.append(
            ClaimOut(
                text=doc.text[draft.start : draft.end],
                start=draft.start,
                end=draft.end,
                source=source_name,
                source_mention=index_of.get(id(source.mention)) if source and source.mention else None,
                role=source.role if source else None,
                cue=doc.text[attribution.cue[0] : attribution.cue[1]] if attribution.cue else None,
                cue_start=attribution.cue[0] if attribution.cue else None,
                cue_end=attribution.cue[1] if attribution.cue else None,
                kind=attribution.kind,
                chain=chain,
                hedges=draft.hedges,
                stance=draft.stance,
                mentions=[index_of[id(m)] for m in doc.mentions_between(draft.start, draft.end)],
                features=claim_features,
            )
        )
