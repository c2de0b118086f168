"""`claimex models`: download stanza models and list what is installed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimex.nlp import stanza_models

DEFAULT_LANGS = ["uk", "ru"]

models_app = typer.Typer(
    help="Manage the optional stanza models (the stanza backend). Needs the extra: pip install 'claimex\\[stanza]'.",
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


@models_app.command("list")
def list_command(dir: DirOpt = None) -> None:
    """List the stanza models installed in the model folder.

    \b
    Examples:
      claimex models list
      claimex models list --dir ./models
    """
    model_dir = stanza_models.resolve_dir(dir)
    langs = sorted(set(DEFAULT_LANGS) | set(stanza_models.installed_languages(model_dir)))
    table = Table(title=escape(f"stanza models in {model_dir}"))
    table.add_column("language")
    table.add_column("processors installed")
    table.add_column("usable by claimex")
    table.add_column("directory")
    for lang in langs:
        processors = stanza_models.installed(lang, model_dir)
        table.add_row(
            lang,
            ", ".join(processors) or "none",
            "yes" if stanza_models.is_available(lang, model_dir) else "no",
            model_dir,
        )
    Console(soft_wrap=True).print(table)
