"""claimex output as spaCy documents, for spaCy tooling (the extra claimex[spacy]).

`to_docs(output)` gives one `spacy.tokens.Doc` per article: its text is the file text, its entities
are `doc.ents`, its claims `doc.spans["claims"]` with `span._.source`, `._.kind`, `._.cue`,
`._.hedged` and `._.stance`. The tokens are cut at every word, punctuation mark and whitespace run, so
every claimex span is a token span and `doc.text` is the file text to the character. Importing this
module registers the span attributes (also needed to read a saved `DocBin` back).
"""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from claimex.models import Output
from claimex.reader import read_article

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CLAIM_ATTRIBUTES = ("source", "kind", "cue", "hedged", "stance")
for _name in CLAIM_ATTRIBUTES:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def to_docs(output: Output) -> list[Doc]:
    return [_article_doc(article) for article in output.articles]


def to_docbin(output: Output) -> bytes:
    """The documents as a spaCy DocBin (span attributes kept in user data)."""
    return DocBin(docs=to_docs(output), store_user_data=True).to_bytes()


def _article_doc(article) -> Doc:
    text = read_article(Path(article.path), article.id).text
    words = TOKEN.findall(text)
    doc = Doc(spacy.blank(article.lang if article.lang in ("uk", "ru") else "xx").vocab, words=words, spaces=[False] * len(words))
    doc.user_data["claimex_article"] = article.id
    doc.ents = [_span(doc, e.start, e.end, e.label) for e in article.entities]
    claims = []
    for claim in article.claims:
        span = _span(doc, claim.start, claim.end, claim.attribution.kind)
        span._.source, span._.kind, span._.cue = claim.attribution.source, claim.attribution.kind, claim.attribution.cue
        span._.hedged, span._.stance = claim.hedged, claim.stance
        claims.append(span)
    doc.spans["claims"] = claims
    return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is None:  # a span edge inside a token: cannot happen with TOKEN, which cuts at every edge
        raise ValueError(f"span {start}:{end} does not fall on token edges")
    return span
