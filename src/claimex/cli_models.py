"""`claimex models`: download stanza models and list what each backend has installed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimex.nlp import spacy_models, stanza_models

DEFAULT_LANGS = ["uk", "ru"]

models_app = typer.Typer(
    help="The NLP models of each backend: list them, download stanza's (needs the extra: pip install 'claimex\\[stanza]').",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DirOpt = Annotated[
    str | None,
    typer.Option(
        "--dir",
        help="Model folder (default: $CLAIMEX_STANZA_DIR, else stanza's own: $STANZA_RESOURCES_DIR or its cache folder).",
    ),
]


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@models_app.command("download")
def download_command(
    langs: Annotated[list[str] | None, typer.Argument(help="Languages to fetch (default: uk ru).", show_default=False)] = None,
    dir: DirOpt = None,
) -> None:
    """Download stanza models (tokenize, mwt, pos, lemma, depparse, ner) for LANGS. Needs internet.

    About 350 MB for uk and 630 MB for ru.

    \b
    Examples:
      claimex models download                 # uk and ru into the default folder
      claimex models download uk --dir ./models
      CLAIMEX_STANZA_DIR=./models claimex models download ru
    """
    err = _err()
    if not stanza_models.stanza_installed():
        err.print(f"[red]error:[/red] {escape(stanza_models.INSTALL_HINT)}")
        raise typer.Exit(1)
    langs = langs or list(DEFAULT_LANGS)
    model_dir = stanza_models.resolve_dir(dir)
    err.print(escape(f"downloading stanza models for {', '.join(langs)} into {model_dir} ..."))
    try:
        result = stanza_models.download(langs, model_dir)
    except (stanza_models.StanzaNotInstalled, stanza_models.ModelDownloadError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    for lang, processors in result.items():
        err.print(escape(f"{lang}: {', '.join(processors) or 'none'}"))
    missing = [lang for lang in langs if not stanza_models.is_available(lang, model_dir)]
    if missing:
        err.print("[red]error:[/red] " + escape(f"no usable models (tokenize and ner) for {', '.join(missing)} in {model_dir}"))
        raise typer.Exit(1)
    err.print(escape(f"done: use them with --backend stanza --stanza-dir {model_dir} (or set CLAIMEX_STANZA_DIR)"))


BUILTIN = {"uk": "rules + pymorphy3", "ru": "natasha/slovnet + pymorphy3"}


@models_app.command("list")
def list_command(
    dir: DirOpt = None,
    spacy_model: Annotated[list[str] | None, typer.Option("--spacy-model", metavar="LANG=PATH", help="A spaCy pipeline folder to show for a language (repeatable).")] = None,
) -> None:
    """List what each backend (builtin, stanza, spaCy) has installed per language, and where.

    \b
    Examples:
      claimex models list
      claimex models list --dir ./models --spacy-model uk=./uk_pipeline
    """
    err = _err()
    model_dir = stanza_models.resolve_dir(dir)
    try:
        given = spacy_models.parse_given(spacy_model)
        pipelines = {lang: spacy_models.from_folder(lang, path) for lang, path in given.items()}
    except spacy_models.PipelineError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2)
    langs = sorted(set(DEFAULT_LANGS) | set(stanza_models.installed_languages(model_dir)) | set(pipelines))
    table = Table(title="NLP models per language and backend")
    for column in ("language", "backend", "installed", "usable by claimex", "where"):
        table.add_column(column)
    for lang in langs:
        if lang in BUILTIN:
            table.add_row(lang, "builtin", BUILTIN[lang], "yes", "(part of claimex)")
        processors = stanza_models.installed(lang, model_dir)
        usable = "yes" if stanza_models.is_available(lang, model_dir) else "no"
        table.add_row(lang, "stanza", ", ".join(processors) or "none", usable, escape(model_dir))
        for pipeline in [pipelines[lang]] if lang in pipelines else spacy_models.installed_packages(lang) or [None]:
            table.add_row(lang, "spacy", *_spacy_cells(pipeline))
            if pipeline is None:
                table.caption = "spaCy pipelines: python -m spacy download uk_core_news_sm (needs internet), or --spacy-model LANG=PATH"
    Console(soft_wrap=True).print(table)


def _spacy_cells(pipeline: spacy_models.SpacyPipeline | None) -> tuple[str, str, str]:
    """(installed, usable, where) of one spaCy pipeline, or of none."""
    if pipeline is None:
        return "none", "no", "-"
    usable = "yes" if spacy_models.spacy_installed() else "no: " + spacy_models.INSTALL_HINT
    return escape(f"{pipeline.name} {pipeline.version}"), escape(usable), escape(spacy_models.where(pipeline))
