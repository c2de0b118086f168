"""`--format html`: one self-contained page per run (no scripts, no network, no external assets).

A story index; per story the merged-claims table, a timeline (inline SVG: each claim's row, a mark
per article on its date, coloured by outlet) and each article's text with entities, cues, sources and
claims highlighted by displaCy (the extra claimex[spacy]). Every text comes from untrusted files and
is escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from spacy import displacy
from spacy.tokens import Span

from claimex.models import Output, Story
from claimex.render import FLAGS, article_labels
from claimex.spacy import to_docs

COLOURS = {"PER": "#ffd6a5", "ORG": "#bde0fe", "LOC": "#caffbf", "SOURCE": "#ffadad", "CUE": "#e0aaff", "CLAIM": "#fdffb6"}
OUTLET_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f2f2f2}.flags{color:#a0006e;white-space:nowrap}.detail{color:#a0006e;font-size:90%}
.summary{color:#555}.article{border-top:1px solid #ddd;margin-top:1.5em}svg{background:#fafafa}
"""


def to_html(output: Output) -> str:
    labels = article_labels(output)
    dates = {a.id: a.date for a in output.articles}
    docs = {doc.user_data["claimex_article"]: doc for doc in to_docs(output)}
    articles = {a.id: a for a in output.articles}
    parts = ["<!DOCTYPE html>", '<html lang="uk"><head><meta charset="utf-8"><title>claimex report</title>',
             f"<style>{STYLE}</style></head><body>", "<h1>claimex report</h1>", "<h2>Stories</h2><ol>"]
    parts += [f'<li><a href="#{escape(s.id)}">{escape(s.id)}</a> {escape(s.title)} '
              f'<span class="summary">({len(s.articles)} articles, {escape(", ".join(s.languages))})</span></li>'
              for s in output.stories]
    parts.append("</ol>")
    for story in output.stories:
        parts.append(_story(story, labels, dates))
        for article_id in story.articles:
            if article_id in docs:
                parts.append(_article(docs[article_id], articles[article_id], labels))
    if output.errors:
        parts.append("<h2>Errors</h2><ul>" + "".join(f"<li>{escape(e.path)}: {escape(e.message)}</li>" for e in output.errors) + "</ul>")
    legend = " · ".join(f"{escape(mark)} {escape(text)}" for mark, _, text in FLAGS.values())
    parts.append(f'<p class="summary">flags: {legend}</p></body></html>')
    return "\n".join(parts) + "\n"


def _story(story: Story, labels: dict[str, str], dates: dict[str, str | None]) -> str:
    rows = []
    for claim in story.claims:
        carriers = ", ".join(dict.fromkeys(labels.get(a, a) for a in claim.articles))
        flags = "".join(FLAGS.get(f, ("?",))[0] for f in claim.flags)
        details = "".join(f'<div class="detail">≠ {escape(d)}</div>' for d in claim.differing_details)
        rows.append(f"<tr><td>{escape(claim.text)}{details}</td><td>{escape(', '.join(claim.sources)) or '<i>unattributed</i>'}</td>"
                    f"<td>{escape(carriers)} ({len(claim.articles)})</td><td>{escape(', '.join(claim.languages))}</td>"
                    f'<td>{escape(claim.first_seen or "—")}</td><td class="flags">{escape(flags)}</td></tr>')
    period = escape(" – ".join(dict.fromkeys(d for d in (story.date_from, story.date_to) if d)) or "undated")
    return (f'<section id="{escape(story.id)}"><h2>{escape(story.id)}: {escape(story.title)}</h2>'
            f'<p class="summary">{period} · {len(story.articles)} articles · {escape(", ".join(story.languages))}</p>'
            + _timeline(story, labels, dates)
            + "<table><tr><th>claim</th><th>attributed to</th><th>carried by</th><th>lang</th><th>first seen</th><th>flags</th></tr>"
            + "".join(rows) + "</table></section>")


def _timeline(story: Story, labels: dict[str, str], dates: dict[str, str | None]) -> str:
    """Claims by first-seen date, one mark per outlet and article, inline SVG."""
    dated = {}
    for claim in story.claims:
        for article_id in claim.articles:
            if dates.get(article_id):
                dated.setdefault(claim.id, []).append((dates[article_id], labels.get(article_id, article_id)))
    days = sorted({d for marks in dated.values() for d, _ in marks})
    if not days:
        return ""
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    span = max((last - first).days, 1)
    outlets = sorted({o for marks in dated.values() for _, o in marks})
    colour = {o: OUTLET_COLOURS[k % len(OUTLET_COLOURS)] for k, o in enumerate(outlets)}
    width, row, left = 900, 14, 90
    ids = [c.id for c in story.claims if c.id in dated]
    shapes = []
    for y, claim_id in enumerate(ids):
        for date, outlet in dated[claim_id]:
            x = left + (dt.date.fromisoformat(date) - first).days / span * (width - left - 20 - 8 * len(outlets))
            x += 8 * outlets.index(outlet)  # outlets of one day side by side
            shapes.append(f'<circle cx="{x:.1f}" cy="{y * row + 20}" r="5" fill="{colour[outlet]}">'
                          f"<title>{escape(claim_id)}: {escape(outlet)}, {escape(date)}</title></circle>")
        shapes.append(f'<text x="4" y="{y * row + 24}" font-size="10">{escape(claim_id)}</text>')
    axis = (f'<text x="{left}" y="12" font-size="10">{escape(days[0])}</text>'
            f'<text x="{width - 80}" y="12" font-size="10">{escape(days[-1])}</text>')
    legend = "".join(f'<span style="color:{colour[o]}">● {escape(o)}</span> ' for o in outlets)
    height = len(ids) * row + 30
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="timeline">'
            f"{axis}{''.join(shapes)}</svg><p class=\"summary\">{legend}</p>")


def _article(doc, article, labels: dict[str, str]) -> str:
    """The article's text, entities, sources, cues and claims highlighted (displaCy's span style)."""
    sources = {c.attribution.source_entity for c in article.claims if c.attribution.source_entity}
    spans = [Span(doc, e.start, e.end, label="SOURCE" if article.entities[k].entity in sources else e.label_)
             for k, e in enumerate(doc.ents)]
    for claim, span in zip(article.claims, doc.spans["claims"]):
        spans.append(Span(doc, span.start, span.end, label="CLAIM"))
        if claim.attribution.cue_start is not None:
            cue = doc.char_span(claim.attribution.cue_start, claim.attribution.cue_end, label="CUE", alignment_mode="expand")
            if cue is not None:
                spans.append(cue)
    doc.spans["display"] = spans
    markup = displacy.render(doc, style="span", page=False, options={"spans_key": "display", "colors": COLOURS})
    title = f"{labels.get(article.id, article.id)} · {article.date or 'undated'} · {article.lang or '?'}"
    return f'<div class="article"><h3>{escape(article.id)}</h3><p class="summary">{escape(title)}</p>{markup}</div>'
