"""Output formats: json, jsonl (streamed), csv (one row per story claim), markdown, and rich tables."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimex.models import Article, FileError, Output, Story

CSV_COLUMNS = ["story", "story_title", "claim", "text", "languages", "sources", "outlets", "articles",
               "mentions", "first_seen", "first_article", "flags", "differing_details"]


def to_json(output: Output) -> str:
    """pydantic's serialiser (in Rust): the bytes `json.dumps(..., ensure_ascii=False, indent=2)` gives,
    five times faster on a large run."""
    return output.model_dump_json(indent=2) + "\n"


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


FLAGS = {  # flag -> (mark, style, legend)
    "hedged_somewhere": ("H", "yellow", "hedged in some article"),
    "denied_somewhere": ("D", "red", "denied in some article"),
    "refused_comment_somewhere": ("R", "red", "refused comment in some article"),
    "details_differ": ("≠", "magenta", "details differ between articles (listed under the claim)"),
}
TITLE_WORDS = 4  # an article without a known outlet is named by the first words of its title


def article_labels(output: Output) -> dict[str, str]:
    """What a person calls each article: its outlet, else the start of its title, else its file name."""
    labels = {}
    for article in output.articles:
        if article.outlet:
            labels[article.id] = article.outlet
        elif article.title:
            words = article.title.split()
            labels[article.id] = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
        else:
            labels[article.id] = article.id
    return labels


def _named(detail: str, labels: dict[str, str]) -> str:
    """A differing detail names its article by id ("27 октября (003_b3c6…)"): name it as the table does."""
    value, _, article = detail.rpartition(" (")
    label = labels.get(article.rstrip(")"))
    return f"{value} ({label})" if value and label else detail


def print_tables(output: Output, console: Console) -> None:
    """Per story a summary line and a table that reads at 80 columns: the claim, who it is
    attributed to, which outlets carried it and since when, short flag marks; the differing
    details in full under their claim. One legend for the marks at the end."""
    labels = article_labels(output)
    used: set[str] = set()
    for story in output.stories:
        one_year = len({d[:4] for d in (story.date_from, story.date_to) if d}) <= 1
        table = Table(show_lines=True, expand=True, pad_edge=False)
        table.add_column("claim", ratio=5)
        table.add_column("attributed to", ratio=2, overflow="fold")
        table.add_column("carried by", ratio=3, overflow="fold")
        table.add_column("since", no_wrap=True)
        table.add_column("", no_wrap=True)
        for claim in story.claims:
            carriers = list(dict.fromkeys(labels.get(a, a) for a in claim.articles))
            marks = Text()
            for flag in claim.flags:
                mark, style, _ = FLAGS.get(flag, ("?", "", flag))
                marks.append(mark, style=style)
                used.add(flag)
            since = claim.first_seen or "—"
            claim_text = Text(claim.text)
            for detail in claim.differing_details:
                claim_text.append("\n≠ " + _named(detail, labels), style="magenta")
            table.add_row(
                claim_text, ", ".join(claim.sources) or Text("unattributed", style="dim"),
                f"{', '.join(carriers)} ({len(claim.articles)})",
                since[5:] if one_year and len(since) == 10 else since, marks,
            )
        disputed = sum(1 for c in story.claims if {"denied_somewhere", "details_differ"} & set(c.flags))
        outlets = list(dict.fromkeys(labels.get(a, a) for a in story.articles))
        summary = Text.assemble(
            (f"{story.id} ", "bold cyan"), (story.title, "bold"), "\n",
            _story_summary(story), f" · {len(outlets)} outlet(s) · {len(story.claims)} claim(s)",
            (f" · {disputed} disputed" if disputed else "", "magenta"),
        )
        console.print(summary)
        console.print(table)
        console.print()
    if used:
        console.print("flags: " + " · ".join(f"{FLAGS[f][0]} {FLAGS[f][2]}" for f in FLAGS if f in used), style="dim")
    for error in output.errors:
        console.print(Text.assemble(("error ", "red"), f"{error.path}: {error.message}"))


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
