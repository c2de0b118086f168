"""Shared by the backend tests: an ArticleText built here (not by reader.py), and the invariants
every backend's Doc keeps (spans cut the file text, sentences inside paragraphs, heads inside sentences)."""

from __future__ import annotations

import re

from claimex.doc import Doc
from claimex.reader import ArticleText

HEADER = re.compile(r" ?date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*\n?[ \t]*")


def make_article(text: str, lang: str, article_id: str = "a") -> ArticleText:
    """ArticleText built here (not by reader.py): header " date YYYY-MM-DD ", then blank-line blocks."""
    match = HEADER.match(text)
    body_start = match.end() if match else 0
    paragraphs = []
    for block in re.finditer(r"(?:(?!\n[ \t]*\n).)+", text[body_start:], flags=re.S):
        start, end = body_start + block.start(), body_start + block.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            paragraphs.append((start, end))
    return ArticleText(
        id=article_id, path=f"<{article_id}>", text=text, encoding="utf-8", date=None,
        body_start=body_start, title=None, paragraphs=paragraphs, lang=lang,
    )


def check_invariants(doc: Doc, article: ArticleText) -> None:
    assert doc.text == article.text
    for t in doc.tokens:
        assert article.body_start <= t.start < t.end <= len(doc.text)
        assert doc.text[t.start : t.end] == t.text, t
        assert t.head is None or 0 <= t.head < len(doc.tokens)
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text, m
        assert m.label in {"PER", "ORG", "LOC", "MISC"}
        assert 0 <= m.first < m.last <= len(doc.tokens)
        assert doc.tokens[m.first].start == m.start and doc.tokens[m.last - 1].end == m.end
    previous_last = 0
    for s in doc.sentences:
        assert s.first == previous_last and s.first < s.last
        previous_last = s.last
        p_start, p_end = doc.paragraphs[s.paragraph]
        assert p_start <= s.start < s.end <= p_end, (s, doc.paragraphs)
        assert s.start == doc.tokens[s.first].start and s.end == doc.tokens[s.last - 1].end
        for t in doc.tokens[s.first : s.last]:
            assert t.head is None or s.first <= t.head < s.last
    assert previous_last == len(doc.tokens)
