"""Quoted passages: «…» (with „…“ nested inside), “…”, „…“ and straight "…" pairs."""

from __future__ import annotations

CLOSERS = {"«": "»", "„": "“", "“": "”", '"': '"'}


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level quoted passages in text[start:end] as (open, close + 1) offsets of the quote marks.

    An unclosed quote yields nothing rather than swallowing the rest of the text.
    """
    end = len(text) if end is None else end
    spans = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        char = text[i]
        if stack and char == CLOSERS[stack[-1][0]]:
            _, at = stack.pop()
            if not stack:
                spans.append((at, i + 1))
        elif char in CLOSERS:
            stack.append((char, i))
    return spans
