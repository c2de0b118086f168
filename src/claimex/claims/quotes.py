"""Quoted passages: «…» (with „…“ nested inside), “…”, „…“ and straight "…" pairs."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

CLOSERS = {"«": "»", "„": "“", "“": "”", '"': '"'}
TAIL = re.compile(r",?\s*[—–-]\s")  # a quotation's closing ", —" before its speaker


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level quoted passages in text[start:end] as (open, close + 1) offsets of the quote marks.

    An unclosed quote yields nothing rather than swallowing the rest of the text.
    """
    end = len(text) if end is None else end
    spans = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        char = text[i]
        if char == '"':
            direction = _straight(text, i, start, end)
            if direction == "close" and not any(c == '"' for c, _ in stack):
                continue  # a stray closing mark
            if direction == "open" or direction is None and not (stack and stack[-1][0] == '"'):
                stack.append((char, i))
                continue
            while stack and stack[-1][0] != '"':
                stack.pop()  # an unclosed «, „ or “ inside: dropped, as an unclosed quote yields nothing
            _, at = stack.pop()
            if stack and TAIL.match(text, i + 1, end):
                at, stack = stack[0][1], []  # "…в формате "7/24", - добавил": one mark closes both
            if not stack:
                spans.append((at, i + 1))
        elif stack and char == CLOSERS[stack[-1][0]]:
            _, at = stack.pop()
            if not stack:
                spans.append((at, i + 1))
        elif char in CLOSERS:
            stack.append((char, i))
    return spans


def quotes_closed_by(text: str, paragraph: tuple[int, int], end: int) -> list[tuple[int, int]]:
    """The paragraph's quotations that close by `end`, counting one opened in an earlier sentence.
    The paragraph is scanned once (cached), not once per sentence, so a paragraph of thousands of
    sentences stays linear; a quotation still open at `end` is left out, as a scan to `end` would."""
    spans, closes = _paragraph_quotes(text, *paragraph)
    return spans[: bisect.bisect_right(closes, end)]


@lru_cache(maxsize=8)
def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The paragraph's quotations in order of their closing marks, and those closing offsets."""
    spans = quote_spans(text, start, end)
    return spans, [b for _, b in spans]


def _straight(text: str, i: int, start: int, end: int) -> str | None:
    """Whether a straight quote opens or closes, from its neighbours: ` "запій"` opens before a word
    and closes after one, so a quotation may hold another ("…зайшли в "запій", пробачте…")."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    opens = (before.isspace() or before in "([{«„“—–-/") and (after.isalnum() or after in "«„“'(…")
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}…»”—–-")
    if opens != closes:
        return "open" if opens else "close"
    return None
