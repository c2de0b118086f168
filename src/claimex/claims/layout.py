"""Which parts of an article are not statements: headings, bylines, photo credits, read-also blocks.

Decided from the shape of a paragraph (length, final punctuation, credit markers), never from its
words about a particular story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimex.text.credits import CREDIT

READ_ALSO = re.compile(
    r"^(читайте|дивіться|смотрите|читати|read)\s+(также|також|тоже|ещё|еще|more|also)\b", re.IGNORECASE
)
BYLINE = re.compile(r"^(редакция|редакція)\s+(сайта|сайту)\b|^(автор|author)\s*:", re.IGNORECASE)
LABEL = re.compile(r"^[^:]{1,30}:\s+\S")  # a labelled line, "Джерело: міністр енергетики"
# a photo credit, alone or after the text it belongs to ("… помощи (Фото: REUTERS/…)")
TERMINAL = ".!…»\"“”"
HEADING_MAX_WORDS = 10


@dataclass
class Layout:
    skipped: dict[int, str]  # paragraph index -> why it holds no claim
    end_of_text: dict[int, int]  # paragraph index -> where its text ends before a trailing photo credit


def _words(text: str) -> int:
    return len(text.split())


def _reads_as_heading(block: str) -> bool:
    """A short one-line paragraph without final punctuation; a comma marks a lead sentence instead,
    a label and colon a labelled line ("Джерело: міністр енергетики")."""
    return (
        "\n" not in block
        and block[-1] not in TERMINAL
        and _words(block) <= HEADING_MAX_WORDS
        and ", " not in block
        and not LABEL.match(block)
    )


def analyse(text: str, paragraphs: list[tuple[int, int]], title: tuple[int, int] | None) -> Layout:
    skipped: dict[int, str] = {}
    end_of_text: dict[int, int] = {}
    after_read_also = False
    for index, (start, end) in enumerate(paragraphs):
        block = text[start:end]
        if after_read_also:
            skipped[index] = "teaser headline"
            after_read_also = False
            continue
        if READ_ALSO.match(block):
            skipped[index] = "read-also block"
            after_read_also = _words(block) <= 3
            continue
        if BYLINE.match(block):
            skipped[index] = "byline"
            continue
        credit = CREDIT.search(block)
        if credit:
            before = block[: credit.start()].rstrip()
            if _words(before) < 4 or "©" in credit.group():
                skipped[index] = "photo credit"
            else:
                end_of_text[index] = start + len(before)
            continue
        if block.rstrip().endswith("?"):
            skipped[index] = "question headline"
            continue
        is_title = title is not None and title[0] == start
        if not is_title and _reads_as_heading(block):
            skipped[index] = "section heading"
    return Layout(skipped, end_of_text)
