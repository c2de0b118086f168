"""Reads article files: decoding, the date header, title, paragraphs, language.

`ArticleText.text` is the decoded file text with the BOM removed and line ends normalised to "\\n"
(CRLF and lone CR both become "\\n"), so every offset refers to that normalised text, not to the
bytes on disk.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import charset_normalizer

from claimex.text.credits import CREDIT
from claimex.langid import identify

MAX_BYTES = 5 * 1024 * 1024  # about three minutes of analysis for ordinary text (bench/size.py)
MIB = 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CYRILLIC_CODEPAGES = ("cp1251", "koi8-r", "koi8-u")  # koi8-u: koi8-r plus і ї є ґ

# Characters expected in Ukrainian, Russian or English news; anything else counts as odd, which
# tells a wrong guess (random bytes, koi8-r box drawing, CJK from a bad UTF-16 guess) from text.
EXPECTED_EXTRA = frozenset("«»—–…“”„‘’ʼ№€°•·\u00a0ЁёІіЇїЄєҐґ")
SAMPLE_CHARS = 100_000  # judging this much tells text from binary; all of 5 MB would take long
MAX_ODD_SHARE = 0.05
MAX_CONTROL_SHARE = 0.1
MIN_LOWERCASE_SHARE = 0.6
MIN_CYRILLIC_SHARE = 0.3
MIN_ASCII_LETTER_SHARE = 0.8

HEADER = re.compile(r" ?date[ \t]+(\d{1,4}[-./]\d{1,2}[-./]\d{1,4})(?:[ \t]*\n|[ \t]+|[ \t]*$)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BLANK_LINE = re.compile(r"\n\s*\n")
CLOSING_MARKS = "\"'»“”’)]"
NOT_HEADLINE_END = ".!…,;:"
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200


@dataclass
class ArticleText:
    id: str  # file name without .txt, made unique within the run
    path: str
    text: str  # the full decoded file text (BOM removed); every offset points into it
    encoding: str
    date: str | None  # ISO date from the header
    body_start: int  # where the text after the header starts
    title: tuple[int, int] | None  # span of the headline, when the first line reads as one
    paragraphs: list[tuple[int, int]]  # spans of non-blank paragraphs (stripped), in order
    lang: str | None  # "uk", "ru", another ISO code, or None
    warnings: list[str] = field(default_factory=list)  # e.g. a malformed date header


@dataclass
class FileProblem:
    path: str
    message: str


class UsageError(Exception):
    """The command line names something that does not exist: the whole run cannot start."""


class ArticleError(Exception):
    """One file cannot be read as an article; the run goes on with the others."""


# --- finding the files -----------------------------------------------------------------------


def collect_paths(inputs: list[str], stdin: TextIO | None = None) -> tuple[list[Path], list[FileProblem]]:
    """Expand files, directories (recursively, *.txt) and "-" (paths from stdin) to a sorted list.

    A file named explicitly is taken whatever its extension.  The same file reached twice (named
    twice, or through a symlink) is listed once.
    """
    found: dict[str, Path] = {}
    problems: list[FileProblem] = []
    visited_dirs: set[str] = set()
    for name in _expand_stdin(inputs, stdin):
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{_why_missing(path)}: {name}")
        if path.is_dir():
            _walk(path, found, problems, visited_dirs)
        else:
            found.setdefault(os.path.realpath(path), path)
    return sorted(found.values()), problems


def _expand_stdin(inputs: list[str], stdin: TextIO | None) -> list[str]:
    names: list[str] = []
    for name in inputs:
        if name == "-":
            lines = (stdin or sys.stdin).read().splitlines()
            names.extend(line.strip() for line in lines if line.strip())
        else:
            names.append(name)
    return names


def _walk(directory: Path, found: dict[str, Path], problems: list[FileProblem], visited: set[str]) -> None:
    """Recurse through directory symlinks too; real paths already seen stop symlink loops."""
    real = os.path.realpath(directory)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        problems.append(FileProblem(str(directory), f"cannot read directory: {exc.strerror}"))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:  # a symbolic link loop
            is_dir = is_file = False
        if is_dir:
            _walk(path, found, problems, visited)
        elif entry.name.lower().endswith(".txt"):
            if is_file:
                found.setdefault(os.path.realpath(path), path)
            else:
                problems.append(FileProblem(str(path), _why_missing(path)))


def _why_missing(path: Path) -> str:
    """Why a path names no file: nothing there, a link to nothing, or a loop of links."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as error:
        return "symbolic link loop" if error.errno == errno.ELOOP else "broken symbolic link"
    return "broken symbolic link"


# --- reading one article ---------------------------------------------------------------------


def read_article(path: Path, article_id: str) -> ArticleText:
    """Decode one file and find its date header, title, paragraphs and language."""
    text, encoding = decode_bytes(_read_bytes(path))
    return article_from_text(text, article_id, str(path), encoding)


def article_from_text(text: str, article_id: str, path: str = "<text>", encoding: str = "utf-8") -> ArticleText:
    """An article from already decoded text (line ends are normalised to "\\n")."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError("empty file")
    date, body_start, warnings = _parse_header(text)
    if not text[body_start:].strip():
        raise ArticleError("no article text after the date header")
    paragraphs = _paragraphs(text, body_start)
    return ArticleText(
        id=article_id,
        path=path,
        text=text,
        encoding=encoding,
        date=date,
        body_start=body_start,
        title=_title(text, paragraphs),
        paragraphs=paragraphs,
        lang=identify(text[body_start:]),
        warnings=warnings,
    )


def _read_bytes(path: Path) -> bytes:
    """Check the size before reading, so a huge file is never loaded."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"file too large: {size / MIB:.1f} MB > {MAX_BYTES // MIB} MB limit")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read file: {exc.strerror or exc}") from exc


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8, UTF-16, then the Cyrillic code pages, then a last guess."""
    text, encoding = _decode(data)
    if _control_share(text[:SAMPLE_CHARS]) > MAX_CONTROL_SHARE:
        raise ArticleError("binary file: mostly control characters")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(UTF8_BOM):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith(UTF16_BOMS):
        return _utf16(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        return _utf16_without_bom(data), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(f"undecodable text: invalid {encoding}") from exc


def _utf16(data: bytes, encoding: str) -> str:
    """UTF-16 is the only text encoding here with NUL bytes; anything else with them is binary."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError("binary file: contains NUL bytes") from exc
    if _odd_share(text[:SAMPLE_CHARS]) > MAX_ODD_SHARE:
        raise ArticleError("binary file: contains NUL bytes")
    return text


def _utf16_without_bom(data: bytes) -> str:
    """Spaces and Latin letters leave a zero byte in every other position; try both byte orders."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            return _utf16(data, encoding)
        except ArticleError:
            continue
    raise ArticleError("binary file: contains NUL bytes")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Pick among cp1251 and koi8 ourselves: charset-normalizer confuses them on news text.

    koi8 read as cp1251 (and the other way round) turns lowercase into uppercase, so the code page
    that yields mostly lowercase Cyrillic wins; koi8-r wins a tie with koi8-u, its superset, and
    loses to it when Ukrainian letters come out as box drawing.  Text with no plausible Cyrillic
    reading gets charset-normalizer's guess, kept only if it reads as mostly plain Latin text.
    """
    readings = [
        (_cyrillic_plausibility(text[:SAMPLE_CHARS]), encoding, text)
        for encoding, text in _readings(data, CYRILLIC_CODEPAGES)
    ]
    score, encoding, text = max(readings, key=lambda reading: reading[0], default=(0.0, "", ""))
    if score >= MIN_LOWERCASE_SHARE:
        return text, encoding
    match = charset_normalizer.from_bytes(data).best()
    if match is not None and _ascii_compatible(match.encoding) and _is_plain_latin(str(match)):
        return str(match), _canonical(match.encoding)
    raise ArticleError("undecodable text: not UTF-8, UTF-16, cp1251 or koi8-r")


def _readings(data: bytes, encodings: tuple[str, ...]) -> list[tuple[str, str]]:
    readings = []
    for encoding in encodings:
        try:
            readings.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    return readings


def _cyrillic_plausibility(text: str) -> float:
    """Share of lowercase among Cyrillic letters, less the share of odd characters.

    0 when the text is not mainly Cyrillic: cp1252 accents read as cp1251 become stray Cyrillic.
    """
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = [ch for ch in letters if "\u0400" <= ch <= "\u04ff"]
    odd = _odd_share(text)
    if not cyrillic or len(cyrillic) < MIN_CYRILLIC_SHARE * len(letters) or odd > MAX_ODD_SHARE:
        return 0.0
    return sum(ch.islower() for ch in cyrillic) / len(cyrillic) - odd


def _ascii_compatible(encoding: str) -> bool:
    """Rules out guesses like EBCDIC, which turn random high bytes into Latin letters."""
    sample = bytes(range(32, 127))
    return sample.decode(encoding, errors="replace") == sample.decode("ascii")


def _is_plain_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) / len(letters) >= MIN_ASCII_LETTER_SHARE


def _canonical(encoding: str) -> str:
    return codecs.lookup(encoding).name


def _odd_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(not _expected(ch) for ch in visible) / len(visible)


def _expected(ch: str) -> bool:
    return ("!" <= ch <= "~") or ("А" <= ch <= "я") or ch in EXPECTED_EXTRA


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v" for ch in text)
    return controls / len(text)


# --- structure -------------------------------------------------------------------------------


def _parse_header(text: str) -> tuple[str | None, int, list[str]]:
    """Return (date, body_start, warnings); a bad date is a warning, never a lost article."""
    match = HEADER.match(text)
    if match is None:
        return None, 0, []
    raw = match.group(1)
    try:
        return _iso_date(raw), match.end(), []
    except ValueError as exc:
        return None, match.end(), [f"invalid date header '{raw}': {exc}"]


def _iso_date(raw: str) -> str:
    if not ISO_DATE.fullmatch(raw):
        raise ValueError("expected YYYY-MM-DD")
    return datetime.date.fromisoformat(raw).isoformat()


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    block_start = start
    for blank in BLANK_LINE.finditer(text, start):
        spans.append(_stripped(text, block_start, blank.start()))
        block_start = blank.end()
    spans.append(_stripped(text, block_start, len(text)))
    return [span for span in spans if span[0] < span[1]]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title(text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line is a headline when it is short, not the whole article, and no sentence."""
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[0]
    newline = text.find("\n", start, end)
    start, end = _stripped(text, start, end if newline < 0 else newline)
    credit = CREDIT.search(text, start, end)  # the page's photo credit after the headline
    if credit and credit.start() > start:
        start, end = _stripped(text, start, credit.start())
    line = text[start:end]
    if line.rstrip(CLOSING_MARKS).endswith(tuple(NOT_HEADLINE_END)):
        return None
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return None
    return start, end
