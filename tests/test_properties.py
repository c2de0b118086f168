"""Property tests: arbitrary text and bytes never crash the reader or the per-article pipeline, and
every offset the pipeline reports cuts its own text back out of the article: text[start:end] == span."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy loads, when this file runs alone

import re
import tempfile
from pathlib import Path

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimex import pipeline
from claimex.reader import ArticleError, ArticleText, article_from_text, read_article

SETTINGS = settings(
    deadline=None, max_examples=60, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BLANK_LINE = re.compile(r"\n\s*\n")

# --- text strategies -----------------------------------------------------------------------------

CYRILLIC = "абвгдеєжзиіїйклмнопрстуфхцчшщьюяґёыэъАБВГДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯҐЁЫЭЪ"
PUNCT = "«»„“”\"'’ʼ—–-…,.;:!?()/№%"
SPACE = " \t\n\n\r\r\n\u00a0\u2009\u2028\x0b\x0c\x85"
any_char = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
cyrillic_heavy = st.text(
    alphabet=st.one_of(st.sampled_from(CYRILLIC), st.sampled_from(PUNCT), st.sampled_from(SPACE), any_char),
    max_size=400,
)

WORDS = (
    "Президент Володимир Зеленський заявив що переговори тривають Про це повідомляє Reuters пише "
    "за даними джерел нібито Песков сказал журналистам будто якобы Об этом сообщает ТАСС по словам "
    "Мадуро Путину The Washington Post издание видання МЗС Кремль США 2025 31 жовтня октября "
    "відмовився коментувати отрицает спростував « » „ “ \" — – - , . : ! ?"
).split()
word = st.one_of(st.sampled_from(WORDS), st.text(alphabet=CYRILLIC, min_size=1, max_size=12), any_char)
sentence = st.lists(word, min_size=1, max_size=30).map(" ".join)
separator = st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n \n", "\n", "\n\t\n\n", "\u2028\n\n", " ", ""])
header = st.one_of(
    st.just(""),
    st.dates().map(lambda d: f" date {d.isoformat()} "),
    st.sampled_from([" date 2025-13-45 ", "date 2025-02-30\n", " date 31.10.2025 ", " date  ", " date 2025-10-31"]),
)


@st.composite
def article_like(draw) -> str:
    paragraphs = draw(st.lists(st.one_of(sentence, sentence.map(lambda s: s + "."), cyrillic_heavy), max_size=8))
    text = draw(header)
    for paragraph in paragraphs:
        text += paragraph + draw(separator)
    if draw(st.booleans()):
        # a very long line: one paragraph with no blank line, thousands of characters
        text += " ".join([draw(sentence)] * draw(st.integers(20, 150)))
    return text


texts = st.one_of(article_like(), cyrillic_heavy, st.text(alphabet=any_char, max_size=300))


# --- checks --------------------------------------------------------------------------------------


def check_article(article: ArticleText, source: str) -> None:
    text = article.text
    assert text == source.replace("\r\n", "\n").replace("\r", "\n")
    assert 0 <= article.body_start <= len(text)
    previous_end = article.body_start
    for start, end in article.paragraphs:
        assert previous_end <= start < end <= len(text)
        block = text[start:end]
        assert block == block.strip()
        assert not BLANK_LINE.search(block)
        previous_end = end
    blocks = [b.strip() for b in BLANK_LINE.split(text[article.body_start :]) if b.strip()]
    assert [text[s:e] for s, e in article.paragraphs] == blocks
    if article.title is not None:
        start, end = article.title
        assert article.paragraphs[0][0] <= start < end <= article.paragraphs[0][1]
        assert text[start:end] == text[start:end].strip()


def check_doc(doc, article: ArticleText) -> None:
    text = doc.text
    assert text == article.text
    n = len(text)
    for token in doc.tokens:
        assert 0 <= token.start < token.end <= n
        assert text[token.start : token.end] == token.text
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= n
        assert 0 <= sentence.first <= sentence.last <= len(doc.tokens)
    assert [m.first for m in doc.mentions] == sorted(m.first for m in doc.mentions)  # bisection relies on it
    for mention in doc.mentions:
        assert 0 <= mention.start < mention.end <= n
        assert text[mention.start : mention.end] == mention.text
        assert 0 <= mention.first < mention.last <= len(doc.tokens)


def check_record(record: pipeline.Analysed, text: str) -> None:
    n = len(text)
    for mention in record.mentions:
        assert 0 <= mention.start < mention.end <= n
        assert text[mention.start : mention.end] == mention.text
    for claim in record.claims:
        assert 0 <= claim.start < claim.end <= n
        assert text[claim.start : claim.end] == claim.text
        if claim.cue is not None:
            assert claim.cue_start is not None and claim.cue_end is not None
            assert 0 <= claim.cue_start < claim.cue_end <= n
            assert text[claim.cue_start : claim.cue_end] == claim.cue
        else:
            assert claim.cue_start is None and claim.cue_end is None
        if claim.source_mention is not None:
            assert 0 <= claim.source_mention < len(record.mentions)
        assert all(0 <= k < len(record.mentions) for k in claim.mentions)


def run_pipeline(text: str, lang: str):
    """reader → builtin backend (language forced) → claims and features, as a worker does it."""
    from claimex.nlp.builtin import get_builtin

    try:
        article = article_from_text(text, "x")
    except ArticleError:
        return None
    article.lang = lang
    backend = get_builtin(lang)
    (doc,) = backend.annotate([article])
    check_doc(doc, article)
    record = pipeline._record(article)
    pipeline._fill(record, article, doc, backend.name)
    check_record(record, article.text)
    return record


# --- properties ----------------------------------------------------------------------------------


@SETTINGS
@given(texts)
def test_reader_paragraphs_are_stripped_blocks(text):
    try:
        article = article_from_text(text, "x")
    except ArticleError:
        return  # empty, or nothing after the date header
    check_article(article, text)


@pytest.mark.parametrize("lang", ["uk", "ru"])
@SETTINGS
@given(text=texts)
def test_pipeline_never_crashes_and_spans_cut_back(lang, text):
    run_pipeline(text, lang)


raw_bytes = st.one_of(
    st.binary(max_size=2000),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(article_like(), st.sampled_from(["cp1251", "koi8-r", "koi8-u", "utf-16", "utf-16-le", "utf-8-sig"])).map(
        lambda p: p[0].encode(p[1], "replace")
    ),
    st.tuples(st.binary(max_size=50), article_like().map(lambda t: t.encode("cp1251", "replace")), st.binary(max_size=50)).map(
        lambda p: p[0] + p[1] + p[2]
    ),
)


@SETTINGS
@given(raw_bytes)
def test_read_article_on_random_bytes(data):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "x.txt"
        path.write_bytes(data)
        try:
            article = read_article(path, "x")
        except ArticleError:
            return
        assert isinstance(article, ArticleText)
        check_article(article, article.text)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))
def test_json_output_is_what_the_standard_library_writes(message, backends):
    """`render.to_json` uses pydantic's serialiser for speed; the bytes must stay those of `json.dumps`
    (control characters, quotes, backslashes, astral and non-ASCII characters)."""
    import json

    from claimex.models import FileError, Output, Tool
    from claimex.render import to_json

    output = Output(tool=Tool(version="0", backends=backends), articles=[], entities=[], stories=[], errors=[FileError(path=message, message=message)])
    assert to_json(output) == json.dumps(output.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
