"""The `claimex` command line: data on stdout, progress and diagnostics on stderr.

Exit codes: 0 all files processed, 1 some file failed (or a check regressed), 2 usage error.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimex import __version__, records, render
from claimex.assemble import Assembler
from claimex.cli_models import models_app
from claimex.models import FileError, Output
from claimex.nlp import spacy_models, stanza_models
from claimex.nlp.select import LANGUAGES, BackendUnavailable, plan_backends
from claimex.pipeline import TIME_BUDGET, Settings, analyse as analyse_files
from claimex.reader import FileProblem, UsageError, collect_paths

app = typer.Typer(
    help="Who claims what in Ukrainian and Russian news: entities, attributed claims and hedges, "
    "merged across articles and languages into one table per story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(models_app, name="models")
PIPE_WIDTH = 160  # table width when not on a terminal, so a piped table is not squeezed to 80 columns
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    spacy = "spacy"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _report_format(chosen: ReportFormat | None) -> ReportFormat:
    """A report is a table on a terminal, JSON for a pipe, unless --format says."""
    return chosen or (ReportFormat.table if sys.stdout.isatty() else ReportFormat.json)


class BackendChoice(str, Enum):
    auto = "auto"
    builtin = "builtin"
    stanza = "stanza"
    spacy = "spacy"


def fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


@contextmanager
def atomic_output(path: Path | None, binary: bool = False) -> Iterator[TextIO]:
    """stdout, or a temporary file beside `path` renamed over it only once complete, with the mode a
    plain write would give (an existing file keeps its own). A path that exists and is not a regular
    file (/dev/null, a FIFO) is written in place: renaming over it would replace the device itself.
    A path that cannot be written is one line and exit 2, found before any work is done; nothing is
    left behind."""
    if path is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except OSError as error:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
            raise fail(f"cannot write to standard output: {error.strerror}")
        return
    mode, encoding = ("wb", None) if binary else ("w", "utf-8")
    if path.exists() and not path.is_file():
        try:
            with path.open(mode, encoding=encoding) as handle:
                yield handle
        except OSError as error:
            raise fail(f"cannot write {path}: {error.strerror}")
        return
    try:
        handle = tempfile.NamedTemporaryFile(mode, encoding=encoding, dir=path.absolute().parent, prefix=f".{path.name}.", delete=False)
    except OSError as error:
        raise fail(f"cannot write {path}: {error.strerror}")
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _mode_for(path))
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise fail(f"cannot write {path}: {error.strerror}")
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def run_extraction(
    paths: list[str], backend: str, stanza_dir: str | None, workers: int, quiet: bool, on_article=None,
    cache_path: Path | None = None, use_cache: bool = False, budget: float | None = TIME_BUDGET,
    scheduler: str | None = None, spacy_model: list[str] | None = None,
) -> Output:
    """Shared by `extract`, `check` and `eval`: reads, analyses and merges; reports on stderr."""
    with _analysed(paths, backend, stanza_dir, workers, quiet, cache_path, use_cache, budget, scheduler, spacy_model) as (backends, results, cache):
        assembler = Assembler(backends, keep_articles=on_article is None, vectors=cache, threads=max(1, workers))
        try:
            for result in results:
                item = assembler.add(result)
                if on_article is not None:
                    on_article(item)
            return assembler.finish()
        except KeyboardInterrupt:
            raise fail("interrupted", 130)


@contextmanager
def _analysed(paths: list[str], backend: str, stanza_dir: str | None, workers: int, quiet: bool,
              cache_path: Path | None, use_cache: bool, budget: float | None, scheduler: str | None = None,
              spacy_model: list[str] | None = None):
    """(backends, per-article results in input order, the article cache or None); results are
    reported on stderr as they come."""
    try:
        files, problems = collect_paths(paths, sys.stdin)
    except UsageError as error:
        raise fail(str(error))
    if not files and not problems:
        raise fail("no articles found (looked for *.txt files)")
    try:
        backends, pipelines = plan(backend, stanza_dir, spacy_model)
    except BackendUnavailable as error:
        raise fail(str(error))
    if not quiet:
        stderr.print("backends: " + ", ".join(f"{lang}={name}" for lang, name in backends.items()), style="dim")
    if scheduler and importlib.util.find_spec("distributed") is None:
        raise fail("--scheduler needs Dask: pip install 'claimex[dask]'")
    settings = Settings(backends, stanza_models.resolve_dir(stanza_dir), max(1, workers), budget or None, scheduler, pipelines)
    identities = {lang: pipeline.identity for lang, pipeline in settings.spacy_pipelines.items()}
    article_cache = _open_cache(cache_path, use_cache, backends, settings.stanza_dir, identities)
    show_progress = not quiet and stderr.is_terminal

    def results():
        for problem in problems:
            _report(problem)
            yield problem
        for result in analyse_files(files, settings, on_done=lambda: progress.advance(task), cache=article_cache):
            if isinstance(result, FileProblem):
                _report(result)
            else:
                for warning in result.warnings:
                    stderr.print(f"[yellow]warning:[/yellow] {escape(f'{result.path}: {warning}')}")
                for failure in result.failures:
                    _report(FileProblem(result.path, failure))
            yield result

    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=stderr, disable=not show_progress, transient=True) as progress:
            task = progress.add_task("analysing", total=len(files))
            yield backends, results(), article_cache
    finally:
        if article_cache is not None:
            article_cache.close()


def plan(backend: str, stanza_dir: str | None, spacy_model: list[str] | None):
    """(language -> backend name, language -> spaCy pipeline for the languages spaCy serves)."""
    try:
        found = spacy_models.find_pipelines(LANGUAGES, spacy_models.parse_given(spacy_model))
    except spacy_models.PipelineError as error:
        raise BackendUnavailable(str(error)) from error
    backends = plan_backends(backend, stanza_dir, found)
    return backends, {lang: found[lang] for lang, name in backends.items() if name == "spacy"}


def _open_cache(path: Path | None, use_cache: bool, backends: dict[str, str], stanza_dir: str | None = None,
                spacy_identities: dict[str, str] | None = None):
    """The article cache, or None (--no-cache, or a cache that cannot be used: said on stderr)."""
    if not use_cache or path is None and os.environ.get("CLAIMEX_CACHE") == "off":
        return None
    from claimex.cache import ArticleCache, CacheProblem, default_path

    try:
        article_cache = ArticleCache(path or default_path(), backends, stanza_dir, spacy_identities)
    except CacheProblem as problem:
        stderr.print(f"[yellow]warning:[/yellow] {escape(str(problem))}")
        return None
    if article_cache.rebuilt:
        stderr.print(f"[yellow]warning:[/yellow] {escape(f'{article_cache.path}: damaged cache rebuilt')}")
    return article_cache


def _report(problem: FileProblem) -> None:
    stderr.print(f"[red]error:[/red] {escape(f'{problem.path}: {problem.message}')}")


PathsArg = Annotated[list[str], typer.Argument(help="Article files or directories (*.txt, recursive); '-' reads paths from stdin.")]
BackendOpt = Annotated[BackendChoice, typer.Option("--backend", "-b", help="NLP backend: auto takes stanza where its models are installed, then spaCy where a pipeline is, else builtin.")]
StanzaDirOpt = Annotated[str | None, typer.Option("--stanza-dir", help="Stanza model folder (default: $CLAIMEX_STANZA_DIR or stanza's own).")]
SpacyModelOpt = Annotated[list[str] | None, typer.Option("--spacy-model", metavar="LANG=PATH", help="spaCy pipeline folder for a language (repeatable; default: the installed uk/ru_core_news_lg, md or sm).")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes; output is identical for any number.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or notes on stderr (errors still shown).")]


FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", help="Default: table on a terminal, json otherwise.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")]
CacheOpt = Annotated[Path | None, typer.Option("--cache", help="Article cache file (default: $CLAIMEX_CACHE, else ~/.cache/claimex/articles.sqlite; CLAIMEX_CACHE=off: none).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Analyse every file again; read and write no cache.")]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", help="Analyse on this Dask cluster (tcp://HOST:8786; needs claimex[dask] there and here, and the files at the same paths).")]
BudgetOpt = Annotated[float, typer.Option("--time-budget", min=0, help="Seconds one article may take before it is given up as an error (0: no limit).")]


@app.command()
def extract(
    paths: PathsArg,
    format: FormatOpt = None,
    output: OutputOpt = None,
    backend: BackendOpt = BackendChoice.auto,
    stanza_dir: StanzaDirOpt = None,
    spacy_model: SpacyModelOpt = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    time_budget: BudgetOpt = TIME_BUDGET,
    scheduler: SchedulerOpt = None,
) -> None:
    """Extract entities and attributed claims, and merge them into stories.

    Files analysed before (same bytes, same claimex) come from the cache: a daily re-run over a
    growing folder analyses only the new files. The output is the same with or without it.

    \b
    Examples:
      claimex extract seeds/
      claimex extract seeds/ --format json | jq '.stories[0].claims[] | {text, sources}'
      claimex extract news/ --format jsonl --workers 2 -o claims.jsonl
      find news -name '*.txt' | claimex extract - --format csv
    """
    result = _emit(format, output, lambda on_article: run_extraction(
        paths, backend.value, stanza_dir, workers, quiet, on_article, cache, not no_cache, time_budget, scheduler, spacy_model))
    if result.errors:
        raise typer.Exit(1)


def _emit(format: Format | None, output: Path | None, produce) -> Output:
    """Write what `produce(on_article)` makes in the chosen format; jsonl streams each article as it comes."""
    chosen = format or (Format.table if sys.stdout.isatty() and output is None else Format.json)
    if chosen in (Format.spacy, Format.html) and importlib.util.find_spec("spacy") is None:
        raise fail(f"--format {chosen.value} needs spaCy: pip install 'claimex[spacy]'")
    if chosen is Format.spacy:
        if output is None:
            raise fail("--format spacy writes a binary DocBin: name the file with -o FILE.spacy")
        from claimex.spacy import to_docbin

        result = produce(None)
        with atomic_output(output, binary=True) as sink:
            sink.write(to_docbin(result))
        return result
    with atomic_output(output) as sink:
        if chosen is Format.jsonl:
            def stream(item):
                sink.write(render.jsonl_line("error" if isinstance(item, FileError) else "article", item))

            result = produce(stream)
            for story in result.stories:
                sink.write(render.jsonl_line("story", story))
        else:
            result = produce(None)
            if chosen is Format.table:
                terminal = output is None and sink.isatty()
                render.print_tables(result, Console(file=sink, force_terminal=terminal, width=None if terminal else PIPE_WIDTH))
            elif chosen is Format.html:
                from claimex.report_html import to_html

                sink.write(to_html(result))
            else:
                writer = {Format.json: render.to_json, Format.csv: render.to_csv, Format.markdown: render.to_markdown}
                sink.write(writer[chosen](result))
    return result


@app.command()
def analyse(
    paths: PathsArg,
    output: OutputOpt = None,
    backend: BackendOpt = BackendChoice.auto,
    stanza_dir: StanzaDirOpt = None,
    spacy_model: SpacyModelOpt = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    time_budget: BudgetOpt = TIME_BUDGET,
    scheduler: SchedulerOpt = None,
) -> None:
    """The per-article half of `extract`: one JSON line per article (entities, claims, features),
    for `claimex merge`. Parts of a corpus can be analysed apart, on several machines.

    \b
    Examples:
      claimex analyse news/2025-10 -o october.jsonl
      claimex merge october.jsonl november.jsonl --format json
    """
    with atomic_output(output) as sink, _analysed(paths, backend.value, stanza_dir, workers, quiet, cache, not no_cache, time_budget, scheduler, spacy_model) as (backends, results, _):
        sink.write(json.dumps({"type": "header", "claimex": __version__, "backends": backends}) + "\n")
        failed = False
        try:
            for result in results:
                sink.write(records.dump(result) + "\n")
                failed = failed or isinstance(result, FileProblem) or bool(result.failures)
        except KeyboardInterrupt:
            raise fail("interrupted", 130)
    if failed:
        raise typer.Exit(1)


@app.command()
def merge(
    inputs: Annotated[list[Path], typer.Argument(help="Files written by `claimex analyse`, in the order their articles should come.")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Threads for embedding claims; output is identical for any number.")] = 1,
    cache: CacheOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Embed every claim again; read and write no cache.")] = False,
) -> None:
    """The merging half of `extract`: entities, claims and stories from `claimex analyse` files.
    `claimex analyse DIR -o a.jsonl && claimex merge a.jsonl` gives what `claimex extract DIR` gives.
    The sentence vectors of claims are read from and kept in the article cache, as `extract` does.

    \b
    Example:
      claimex merge october.jsonl november.jsonl -f table
    """
    headers, results = [], []
    for path in inputs:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise fail(f"cannot read {path}: {error}")
        for number, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
                if data.get("type") == "header":
                    headers.append(data)
                else:
                    results.append(records.from_data(data))
            except (ValueError, AttributeError, records.RecordError) as error:
                raise fail(f"{path}:{number}: {error}")
    backends = {lang: name for header in headers for lang, name in header["backends"].items()}
    if any(header["backends"] != backends or header["claimex"] != __version__ for header in headers) or not headers:
        raise fail("the inputs were not all written by `claimex analyse` of this claimex with the same backends")

    def produce(on_article) -> Output:
        vectors = _open_cache(cache, not no_cache, backends)
        try:
            assembler = Assembler(backends, keep_articles=on_article is None, vectors=vectors, threads=workers)
            for result in results:
                item = assembler.add(result)
                if on_article is not None:
                    on_article(item)
            return assembler.finish()
        finally:
            if vectors is not None:
                vectors.close()

    if _emit(format, output, produce).errors:
        raise typer.Exit(1)


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="One article file.")],
    format: Annotated[ReportFormat | None, typer.Option("--format", "-f", help="Default: table on a terminal, json otherwise.")] = None,
    backend: BackendOpt = BackendChoice.auto,
    stanza_dir: StanzaDirOpt = None,
    spacy_model: SpacyModelOpt = None,
) -> None:
    """Why each claim of one article is attributed as it is: its span, source, kind, cue, the rule
    that decided and the rules tried before it that declined (see docs/design.md for the rules).

    \b
    Example:
      claimex explain seeds/004_249f5b75d6d70c34.txt
    """
    from claimex.explain import explain as explain_article
    from claimex.reader import ArticleError

    try:
        backends, pipelines = plan(backend.value, stanza_dir, spacy_model)
        report = explain_article(path, Settings(backends, stanza_models.resolve_dir(stanza_dir), spacy_pipelines=pipelines))
    except (BackendUnavailable, ArticleError, OSError) as error:
        raise fail(f"{path}: {error}")
    if _report_format(format) is ReportFormat.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{report['article']} ({report['lang']}, {report['backend']})", show_lines=True, expand=True)
    for column, ratio in (("span", 1), ("claim", 5), ("source", 2), ("kind / cue", 2), ("rule", 3)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in report["claims"]:
        table.add_row(f"{row['start']}–{row['end']}", row["text"], row["source"] or "—",
                      f"{row['kind']}\n{row['cue'] or ''}",
                      f"{row['rule']}\nby: {row['decided_by'] or '—'}\ndeclined: {', '.join(row['declined']) or '—'}")
    Console().print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of `claimex extract --format json` output.

    \b
    Example:
      claimex schema > claimex.schema.json
    """
    sys.stdout.write(json.dumps(Output.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def check(
    expectations: Annotated[Path, typer.Argument(help="Expectations file (YAML or JSON; see fixtures/README.md).")],
    paths: Annotated[list[str] | None, typer.Argument(help="Articles to check (default: seeds/).")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.table,
    backend: BackendOpt = BackendChoice.auto,
    stanza_dir: StanzaDirOpt = None,
    spacy_model: SpacyModelOpt = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Run extraction and compare it with expectations: a regression gate for CI.

    Exit 0 when every expectation holds, 1 on any regression, 2 on a broken expectations file.

    \b
    Example:
      claimex check fixtures/expectations.yaml seeds/
      claimex check fixtures/expectations.yaml seeds/ --format json | jq '.results[] | select(.ok | not)'
    """
    from claimex.check import ExpectationsError, load_expectations, report_json, run_checks

    try:
        wanted = load_expectations(expectations)
    except ExpectationsError as error:
        raise fail(str(error))
    output = run_extraction(paths or ["seeds"], backend.value, stanza_dir, workers, quiet, cache_path=cache, use_cache=not no_cache,
                            spacy_model=spacy_model)
    results = run_checks(wanted, output)
    if format is ReportFormat.json:
        sys.stdout.write(json.dumps(report_json(results), ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.table import Table

        table = Table(title=f"claimex check {expectations}")
        for column in ("", "section", "line", "detail"):
            table.add_column(column)
        for result in results:
            if not result.ok:
                table.add_row("[red]✗[/red]", result.section, str(result.line), result.message)
        console = Console()
        if table.row_count:
            console.print(table)
        failed = sum(not r.ok for r in results)
        console.print(f"{len(results) - failed} passed, {failed} failed")
    if not all(r.ok for r in results) or output.errors:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold: a JSON file (fixtures/gold/README.md) or a SlavicNER / BSNLP folder with raw/ and ner/.")],
    paths: Annotated[list[str] | None, typer.Argument(help="Articles (default for a BSNLP folder: its raw/).")] = None,
    format: Annotated[ReportFormat | None, typer.Option("--format", "-f", help="Default: table on a terminal, json otherwise.")] = None,
    backend: BackendOpt = BackendChoice.auto,
    stanza_dir: StanzaDirOpt = None,
    spacy_model: SpacyModelOpt = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Precision, recall and F1 of entities, claims, attribution, merging and stories against gold.

    A BSNLP folder gives entity figures per language, label and topic, name-lemma accuracy and
    cross-document linking.

    \b
    Examples:
      claimex eval fixtures/gold/seeds.json seeds/ --format json | jq '.merging'
      claimex eval ../shared/corpora/slavicner --workers 2
    """
    from claimex import bsnlp
    from claimex.evaluate import evaluate
    from claimex.locate import QuoteNotFound

    if gold.is_dir():
        if not bsnlp.is_bsnlp_folder(gold):
            raise fail(f"{gold}: a gold folder needs raw/ and ner/ (SlavicNER / BSNLP layout)")
        try:
            expected = bsnlp.load(gold)
        except (bsnlp.BsnlpError, OSError, UnicodeDecodeError) as error:
            raise fail(str(error))
        output = run_extraction(paths or [str(gold / "raw")], backend.value, stanza_dir, workers, quiet, cache_path=cache,
                                use_cache=not no_cache, spacy_model=spacy_model)
        try:
            report = bsnlp.evaluate(expected, output)
        except bsnlp.BsnlpError as error:
            raise fail(str(error))
    else:
        try:
            expected = json.loads(gold.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise fail(f"{gold}: cannot read gold file: {error}")
        if not paths:
            raise fail("name the articles the gold file labels")
        output = run_extraction(paths, backend.value, stanza_dir, workers, quiet, cache_path=cache, use_cache=not no_cache,
                                spacy_model=spacy_model)
        try:
            report = evaluate(expected, output)
        except QuoteNotFound as error:
            raise fail(f"{gold}: {error} (is this the gold of these articles?)")
    chosen = _report_format(format)
    if chosen is ReportFormat.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        render.print_report(report, Console())

