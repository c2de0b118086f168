"""Output formats: json, jsonl (streamed), csv (one row per story claim), markdown, and rich tables."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimex.models import Article, FileError, Output, Story

CSV_COLUMNS = ["story", "story_title", "claim", "text", "languages", "sources", "outlets", "articles",
               "mentions", "first_seen", "first_article", "flags", "differing_details"]


def to_json(output: Output) -> str:
    return json.dumps(output.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def jsonl_line(kind: str, item: Article | Story | FileError) -> str:
    return json.dumps({"type": kind, **item.model_dump(mode="json")}, ensure_ascii=False) + "\n"


def to_csv(output: Output) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for story in output.stories:
        for claim in story.claims:
            writer.writerow([
                story.id, story.title, claim.id, claim.text, ";".join(claim.languages), ";".join(claim.sources),
                ";".join(claim.outlets), ";".join(claim.articles), ";".join(claim.mentions), claim.first_seen or "",
                claim.first_article or "", ";".join(claim.flags), ";".join(claim.differing_details),
            ])
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(output: Output) -> str:
    lines = []
    for story in output.stories:
        lines += [f"## {story.id}: {_md(story.title)}", "", _story_summary(story), ""]
        lines += ["| claim | attributed to | articles | languages | first seen | flags |", "|---|---|---|---|---|---|"]
        for claim in story.claims:
            lines.append(
                f"| {_md(claim.text)} | {_md(', '.join(claim.sources)) or '—'} | {len(claim.articles)} "
                f"| {', '.join(claim.languages)} | {claim.first_seen or '—'} | {', '.join(claim.flags)} |"
            )
        lines.append("")
    if output.errors:
        lines += ["## Errors", ""] + [f"- `{e.path}`: {_md(e.message)}" for e in output.errors] + [""]
    return "\n".join(lines)


def _story_summary(story: Story) -> str:
    dates = story.date_from or "undated"
    if story.date_to and story.date_to != story.date_from:
        dates += f" – {story.date_to}"
    return f"{dates} · {len(story.articles)} article(s) · {', '.join(story.languages) or 'no language'}"


FLAG_STYLE = {"hedged_somewhere": "yellow", "details_differ": "magenta", "denied_somewhere": "red",
              "refused_comment_somewhere": "red"}


def print_tables(output: Output, console: Console) -> None:
    """One table per story, widest-carried claims first, with a short header per story."""
    outlets = {a.id: a.outlet or a.id for a in output.articles}
    for story in output.stories:
        table = Table(show_lines=True, expand=True)
        table.add_column("claim", ratio=5)
        table.add_column("attributed to", ratio=2)
        table.add_column("outlets / articles", ratio=2)
        table.add_column("lang", no_wrap=True)
        table.add_column("first seen", no_wrap=True)
        table.add_column("flags", ratio=1)
        for claim in story.claims:
            carriers = list(dict.fromkeys(outlets[a] for a in claim.articles))
            flags = Text()
            for flag in claim.flags:
                flags.append(flag.replace("_", " ") + "\n", style=FLAG_STYLE.get(flag, ""))
            if claim.differing_details:
                flags.append("; ".join(claim.differing_details), style="dim")
            table.add_row(
                claim.text, ", ".join(claim.sources) or Text("unattributed", style="dim"),
                f"{', '.join(carriers)} ({len(claim.articles)})", ", ".join(claim.languages),
                claim.first_seen or "—", flags,
            )
        header = Text.assemble((f"{story.id} ", "bold cyan"), (story.title, "bold"), "\n", _story_summary(story))
        console.print(Panel(Group(header, table), expand=True))
    for error in output.errors:
        console.print(f"[red]error[/red] {error.path}: {error.message}")


def print_report(report: dict, console: Console) -> None:
    """An eval report for a person: P / R / F1 sections as tables, other figures as lines; the lists
    of misses are counted here and given in full by --format json."""
    for section, value in report.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) and "f1" in v for v in value.values()):
            table = Table(title=section, title_justify="left")
            for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
                table.add_column(column, justify="left" if not column else "right")
            for name, scores in value.items():
                table.add_row(name, *(f"{scores[k]:.3f}" for k in ("precision", "recall", "f1")),
                              *(str(scores[k]) for k in ("tp", "fp", "fn")))
            console.print(table)
        elif isinstance(value, dict):
            console.print(f"[bold]{section}[/bold]")
            print_report(value, console)
        elif isinstance(value, list):
            console.print(f"{section}: {len(value)} (listed by --format json)")
        else:
            console.print(f"{section}: {value}")
