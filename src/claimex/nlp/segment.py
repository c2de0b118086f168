"""Paragraph-aware sentence and token splitting for Ukrainian and Russian news.

razdel's tokenizer is the base; its output is then repaired where it is wrong for Ukrainian
(apostrophes inside words, dotted abbreviations, initials, "Іл-76ТД").  Sentences are cut here
rather than by razdel's sentenizer, which knows Russian abbreviations only ("т.зв. X" ends a
sentence there) and would not stop at paragraph or line ends.  All offsets are absolute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import tokenize as razdel_tokenize

from claimex.doc import Doc, Sentence, Token

APOSTROPHES = "'’ʼ`"
TERMINALS = frozenset([".", "!", "?", "…", "?!", "!?", "...", "!!", "??"])
CLOSERS = frozenset(["»", "”", "“", '"', ")", "]", "'", "’"])
OPENERS = "«„“\"'(["
DASHES = frozenset(["-", "—", "–", "--"])

# Dotted abbreviations written as one unit ("т.зв.", "т. д."): kept as one token.
COMPOUND_ABBREVIATION = re.compile(
    r"(?<!\w)(?:т\.\s?зв|т\.\s?д|т\.\s?п|т\.\s?е|т\.\s?к|и\.\s?о|в\.\s?о|н\.\s?е|до\s?н\.\s?е)\.",
    re.IGNORECASE,
)
# Web addresses used as outlets' names ("RBC.UA", "ZN.UA", "Lenta.ru"): one token, not a sentence end.
DOMAIN_NAME = re.compile(
    r"(?<![\w.])[A-Za-zА-Яа-яЁёІіЇїЄєҐґ0-9-]+\.(?:ua|ru|com|net|org|info|news|by|kz|uk|io|lv|lt|ee|pl|md|ge|az|uz|kg|eu|de|fr|cz|tv|fm|su|рф|укр)(?![\w.])",
    re.IGNORECASE,
)
# Abbreviations that stand before what they qualify: a capital after them never starts a sentence.
PREFIX_ABBREVIATIONS = frozenset(
    "ім им вул ул просп пр пл пров бул м с смт ст св д-р проф акад ген генерал-лейт доц "
    "п пп ч гл рис табл див см напр зам заст т.зв т.е т.к и.о в.о".split()
)
# Abbreviations that can end a sentence ("у 2020 р.", "1,2 млрд руб."): a capital after them does.
SUFFIX_ABBREVIATIONS = frozenset(
    "р рр г гг тис тыс млн млрд трлн грн руб коп дол долл км кг см мм га т.д т.п до н.е н.е "
    "год обл кв".split()
)
ABBREVIATIONS = PREFIX_ABBREVIATIONS | SUFFIX_ABBREVIATIONS
# "г." is "город" before a name and "год" after a number.
YEAR_OR_CITY = frozenset(["г", "р"])
NO_BREAK_BEFORE = ",;:"


@dataclass
class Span:
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Tokens of text[start:end] with absolute offsets."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    protected = sorted((m.start(), m.end()) for pattern in (COMPOUND_ABBREVIATION, DOMAIN_NAME) for m in pattern.finditer(chunk))
    tokens: list[Span] = []
    position = 0
    for a, b in protected + [(len(chunk), len(chunk))]:
        if a < position:
            continue  # overlaps the previous protected span
        tokens.extend(_razdel(chunk, position, a))
        if a < b:
            tokens.append(Span(a, b, chunk[a:b]))
        position = b
    tokens = _merge(chunk, tokens)
    return [Span(t.start + start, t.end + start, t.text) for t in tokens]


def _razdel(chunk: str, start: int, end: int) -> list[Span]:
    return [Span(t.start + start, t.stop + start, t.text) for t in razdel_tokenize(chunk[start:end])]


def _merge(text: str, tokens: list[Span]) -> list[Span]:
    """Glue pieces razdel separates but a reader sees as one word."""
    out: list[Span] = []
    for token in tokens:
        if out and _glue(text, out, token):
            last = out.pop()
            token = Span(last.start, token.end, text[last.start : token.end])
        out.append(token)
    return out


def _glue(text: str, out: list[Span], token: Span) -> bool:
    last = out[-1]
    if last.end != token.start:
        return False
    # пов'язано: word + apostrophe + word (the apostrophe comes as its own token)
    if token.text in APOSTROPHES and last.text[-1:].isalpha() and text[token.end : token.end + 1].isalpha():
        return True
    if last.text[-1:] in APOSTROPHES and last.text[-2:-1].isalpha() and token.text[:1].isalpha():
        return True
    # Іл-76ТД, 5G: letters and digits written together
    if last.text[-1:].isalnum() and token.text[:1].isalnum():
        return True
    if token.text == ".":
        word = last.text.lower()
        if word in ABBREVIATIONS or word.replace(".", "") in ABBREVIATIONS:
            return True
        # an initial: "В. Путін"
        if len(last.text) == 1 and last.text.isupper() and last.text.isalpha():
            following = text[token.end : token.end + 3].lstrip()
            return following[:1].isupper()
    return False


def sentences(text: str, tokens: list[Span], paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(first, last, paragraph) token ranges; a sentence never crosses a paragraph or a line end."""
    result: list[tuple[int, int, int]] = []
    index = 0
    for number, (p_start, p_end) in enumerate(paragraphs):
        while index < len(tokens) and tokens[index].start < p_start:
            index += 1
        first = index
        while index < len(tokens) and tokens[index].end <= p_end:
            index += 1
        for a, b in _split(text, tokens, first, index):
            result.append((a, b, number))
    return result


def _split(text: str, tokens: list[Span], first: int, last: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = first
    i = first
    while i < last:
        end = _sentence_end(text, tokens, i, last)
        if end is not None:
            spans.append((start, end))
            start = i = end
        else:
            i += 1
    if start < last:
        spans.append((start, last))
    return [piece for a, b in spans for piece in _bounded(tokens, a, b)]


MAX_SENTENCE = 150  # tokens; news sentences stay far below it, text without punctuation does not


def _bounded(tokens: list[Span], first: int, last: int) -> list[tuple[int, int]]:
    """A run of more than MAX_SENTENCE tokens is cut, after a comma or dash where there is one:
    rules look across a sentence, so an unbounded one makes their time grow with its square."""
    pieces = []
    while last - first > MAX_SENTENCE:
        cut = next((k + 1 for k in range(first + MAX_SENTENCE - 1, first + MAX_SENTENCE // 2, -1)
                    if tokens[k].text in (",", ";", "—", "–", "-")), first + MAX_SENTENCE)
        pieces.append((first, cut))
        first = cut
    pieces.append((first, last))
    return pieces


def _sentence_end(text: str, tokens: list[Span], i: int, last: int) -> int | None:
    """Index just past the sentence that ends at token i, or None."""
    token = tokens[i]
    if i + 1 < last and "\n" in text[token.end : tokens[i + 1].start]:
        if token.text[-1:] not in NO_BREAK_BEFORE:
            return i + 1
    if not _terminal(tokens, i):
        return None
    end = i + 1
    while end < last and tokens[end].text in CLOSERS and tokens[end].start == tokens[end - 1].end:
        end += 1
    if end >= last:
        return None
    if "\n" in text[tokens[end - 1].end : tokens[end].start]:
        return end
    following = tokens[end].text
    if following in DASHES and (end + 1 < last and tokens[end + 1].text[:1].islower() or tokens[end].start == tokens[end - 1].end):
        return None  # «Ні!» — сказав він.; "U.S.–Russia talks": a dash joined to the word before opens nothing
    if following[:1].isupper() or following[:1].isdigit() or following[:1] in OPENERS or following in DASHES:
        return end
    return None


def _terminal(tokens: list[Span], i: int) -> bool:
    text = tokens[i].text
    if text in TERMINALS:
        return True
    if not text.endswith(".") or len(text) < 2:
        return False
    word = text[:-1].lower()
    if word in SUFFIX_ABBREVIATIONS:
        if word in YEAR_OR_CITY:
            return i > 0 and tokens[i - 1].text[:1].isdigit()
        return True
    return False


def segment_article(text: str, paragraphs: list[tuple[int, int]], lang: str, backend: str) -> Doc:
    """A Doc with tokens and sentences only; the backends add morphology and entities."""
    spans = [t for start, end in paragraphs for t in tokenize(text, start, end)]
    doc = Doc(text=text, lang=lang, paragraphs=list(paragraphs), backend=backend)
    doc.tokens = [Token(t.text, t.start, t.end) for t in spans]
    for first, last, paragraph in sentences(text, spans, paragraphs):
        doc.sentences.append(Sentence(spans[first].start, spans[last - 1].end, first, last, paragraph))
    return doc


def sentence_starts(doc: Doc) -> set[int]:
    """Indices of tokens that begin a sentence or a quotation: their capital says nothing."""
    starts = set()
    for sentence in doc.sentences:
        expect = True
        for i in range(sentence.first, sentence.last):
            word = doc.tokens[i].text
            if not any(ch.isalnum() for ch in word):
                expect = expect or word in DASHES or word == ":" or opens(doc.text, doc.tokens[i])
                continue
            if expect:
                starts.add(i)
            expect = False
    return starts


def opens(text: str, token: Token | Span) -> bool:
    """An opening quote or bracket; a straight quote opens when nothing is glued before it."""
    if token.text not in OPENERS:
        return False
    if token.text in CLOSERS:
        return token.start == 0 or not text[token.start - 1].isalnum() and text[token.start - 1] not in ".,!?…"
    return True
