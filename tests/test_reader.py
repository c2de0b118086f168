import io
import os
import random
from pathlib import Path

import pytest

from claimex.reader import (
    MAX_BYTES,
    ArticleError,
    UsageError,
    collect_paths,
    read_article,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

UK = (
    "Президент України заявив, що переговори з партнерами тривають. "
    "Він також наголосив на важливості підтримки і подякував їм за допомогу."
)
RU = (
    "Президент России заявил, что переговоры с партнерами продолжаются. "
    "Он также подчеркнул важность поддержки и поблагодарил их за помощь."
)
ARTICLE = "Заголовок новини без крапки\n\n" + UK + "\n\n" + UK


def write(tmp_path: Path, data: bytes | str, name: str = "a.txt") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def random_bytes(seed: int, count: int, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(count))


def read(tmp_path: Path, data: bytes | str):
    return read_article(write(tmp_path, data), "a")


def assert_spans_are_stripped_blocks(article):
    for start, end in article.paragraphs:
        block = article.text[start:end]
        assert block and block == block.strip()
    assert article.paragraphs == sorted(article.paragraphs)


# --- files that are not articles ---------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files_are_errors(tmp_path, data):
    with pytest.raises(ArticleError, match="empty file"):
        read(tmp_path, data)


def test_random_bytes_with_nuls_are_binary(tmp_path):
    data = random_bytes(1, 4000)
    assert b"\x00" in data
    with pytest.raises(ArticleError, match="binary"):
        read(tmp_path, data)


def test_png_file_is_binary(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random_bytes(2, 500)
    with pytest.raises(ArticleError, match="binary"):
        read(tmp_path, data)


def test_control_characters_without_nuls_are_binary(tmp_path):
    with pytest.raises(ArticleError, match="binary"):
        read(tmp_path, bytes(range(1, 32)) * 50)


@pytest.mark.parametrize(
    "data",
    [
        random_bytes(3, 4000, low=128),
        # charset-normalizer reads these as EBCDIC (cp037), which yields Latin letters
        b"\xa9\xbe\xbb\xc1\xe5\xf6\xd7\xdc\xe3\xc7\xe7\x81\x9d\x87\xc2\x88\xfa\xad\xd8\xcc",
    ],
)
def test_random_high_bytes_are_undecodable(tmp_path, data):
    with pytest.raises(ArticleError, match="undecodable"):
        read(tmp_path, data)


def test_file_over_the_limit_is_rejected_with_its_size(tmp_path):
    path = tmp_path / "big.txt"
    chunk = ("Великий текст. " * 4096).encode("utf-8")
    with path.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(ArticleError, match=r"file too large: 50\.\d MB > 5 MB limit"):
        read_article(path, "big")


def test_read_failure_becomes_article_error(tmp_path, monkeypatch):
    """Simulated: chmod 000 does not stop root, who runs CI."""
    path = write(tmp_path, UK)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ArticleError, match="cannot read file: Permission denied"):
        read_article(path, "a")


def test_missing_file_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot read file"):
        read_article(tmp_path / "gone.txt", "gone")


# --- encodings -----------------------------------------------------------------------------------


def test_utf8(tmp_path):
    article = read(tmp_path, ARTICLE)
    assert article.encoding == "utf-8"
    assert article.text == ARTICLE


def test_utf8_bom_is_removed_and_offsets_point_into_the_text(tmp_path):
    article = read(tmp_path, b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert article.encoding == "utf-8-sig"
    assert article.text == ARTICLE
    assert article.title == (0, len("Заголовок новини без крапки"))
    start, end = article.paragraphs[1]
    assert article.text[start:end] == UK


def test_crlf_line_ends_are_normalised_and_paragraphs_found(tmp_path):
    article = read(tmp_path, ARTICLE.replace("\n", "\r\n"))
    assert "\r" not in article.text
    assert article.text == ARTICLE
    assert len(article.paragraphs) == 3
    assert_spans_are_stripped_blocks(article)


def test_lone_cr_line_ends_are_normalised(tmp_path):
    article = read(tmp_path, ARTICLE.replace("\n", "\r"))
    assert article.text == ARTICLE
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize(
    ("text", "codec", "encoding", "lang"),
    [
        (UK, "cp1251", "cp1251", "uk"),
        (RU, "cp1251", "cp1251", "ru"),
        (RU, "koi8-r", "koi8-r", "ru"),
        # koi8-r has no і ї є ґ: Ukrainian koi8 files are koi8-u, its superset
        (UK, "koi8-u", "koi8-u", "uk"),
        (UK, "utf-16", "utf-16", "uk"),  # little-endian with BOM
        (RU, "utf-16", "utf-16", "ru"),
        (UK, "utf-16-be", "utf-16", "uk"),  # big-endian, no BOM
        (RU, "utf-16-le", "utf-16", "ru"),  # little-endian, no BOM
    ],
)
def test_legacy_and_utf16_encodings_are_detected(tmp_path, text, codec, encoding, lang):
    original = " date 2025-10-31 " + text + "\n\n" + text
    article = read(tmp_path, original.encode(codec))
    assert article.encoding == encoding
    assert article.text == original
    assert article.date == "2025-10-31"
    assert article.lang == lang


def test_utf16_big_endian_with_bom(tmp_path):
    article = read(tmp_path, b"\xfe\xff" + RU.encode("utf-16-be"))
    assert article.encoding == "utf-16"
    assert article.text == RU


def test_short_cp1251_and_koi8r_texts_are_not_confused(tmp_path):
    for codec in ("cp1251", "koi8-r"):
        article = read(tmp_path, "Снег идет.".encode(codec))
        assert (article.encoding, article.text) == (codec, "Снег идет.")


def test_latin_text_in_a_windows_code_page_is_kept_readable(tmp_path):
    text = "He said “we will stay” in the café. " * 5
    article = read(tmp_path, text.encode("cp1252"))
    assert article.text == text
    assert article.lang == "en"


# --- the date header -----------------------------------------------------------------------------


def test_header_with_text_on_the_same_line(tmp_path):
    article = read(tmp_path, " date 2025-10-31 " + UK)
    assert article.date == "2025-10-31"
    assert article.body_start == len(" date 2025-10-31 ")
    assert article.text[article.body_start :] == UK
    assert article.paragraphs == [(article.body_start, len(article.text))]
    assert article.warnings == []


def test_header_without_leading_space_and_text_on_the_next_line(tmp_path):
    article = read(tmp_path, "date 2025-10-31\n" + UK)
    assert article.date == "2025-10-31"
    assert article.text[article.body_start :] == UK


def test_no_header(tmp_path):
    article = read(tmp_path, UK)
    assert (article.date, article.body_start, article.warnings) == (None, 0, [])


def test_the_word_date_inside_text_is_no_header(tmp_path):
    article = read(tmp_path, "date night ideas for the weekend and other news")
    assert (article.date, article.body_start) == (None, 0)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2025-1-5", "expected YYYY-MM-DD"),
        ("2025-13-45", "month must be in 1..12"),
        ("2025-02-30", "day is out of range for month"),
    ],
)
def test_malformed_date_header_keeps_the_text_and_warns(tmp_path, raw, reason):
    article = read(tmp_path, f" date {raw} " + UK)
    assert article.date is None
    assert article.text[article.body_start :] == UK
    assert article.warnings == [f"invalid date header '{raw}': {reason}"]


@pytest.mark.parametrize("data", [" date 2025-10-31 ", "date 2025-10-31\n\n  \n"])
def test_header_without_text_is_an_error(tmp_path, data):
    with pytest.raises(ArticleError, match="no article text"):
        read(tmp_path, data)


# --- title and paragraphs --------------------------------------------------------------------------


def title_of(article):
    return None if article.title is None else article.text[article.title[0] : article.title[1]]


def test_question_headline_is_a_title(tmp_path):
    article = read(tmp_path, "Чи вистачить газу на зиму?\n\n" + UK)
    assert title_of(article) == "Чи вистачить газу на зиму?"


def test_title_after_the_header(tmp_path):
    article = read(tmp_path, " date 2025-11-01 Песков прокомментировал статью WP\n\n" + RU)
    assert title_of(article) == "Песков прокомментировал статью WP"


def test_picture_credit_after_the_headline_is_not_title(tmp_path):
    article = read(tmp_path, "Мадуро попросив допомоги (Фото: REUTERS/Leonardo Fernandez)\n\n" + UK)
    assert title_of(article) == "Мадуро попросив допомоги"
    article = read(tmp_path, "Бюджет на 2026 рік (проєкт)\n\n" + UK)
    assert title_of(article) == "Бюджет на 2026 рік (проєкт)"


def test_first_line_of_a_longer_first_paragraph_is_the_title(tmp_path):
    article = read(tmp_path, "Коротко про головне  \nДругий рядок абзацу.\n\n" + UK)
    assert title_of(article) == "Коротко про головне"


def test_first_sentence_is_no_title(tmp_path):
    article = read(tmp_path, UK + "\n\n" + UK)
    assert article.title is None


def test_long_first_line_without_full_stop_is_no_title(tmp_path):
    long_line = " ".join(["слово"] * 30)
    article = read(tmp_path, long_line + "\n\n" + UK)
    assert article.title is None


def test_sentence_ending_inside_quotes_is_no_title(tmp_path):
    article = read(tmp_path, "Він сказав: «Ми вистоїмо.»\n\n" + UK)
    assert article.title is None


def test_only_paragraph_is_no_title(tmp_path):
    article = read(tmp_path, "Коротке повідомлення без крапки")
    assert article.title is None


def test_paragraphs_are_split_on_lines_with_only_whitespace(tmp_path):
    text = "  Перший абзац,\nщо має два рядки.  \n \t \nДругий.\n\n\n\n   Третій.  \n"
    article = read(tmp_path, text)
    assert [article.text[s:e] for s, e in article.paragraphs] == [
        "Перший абзац,\nщо має два рядки.",
        "Другий.",
        "Третій.",
    ]
    assert_spans_are_stripped_blocks(article)


# --- the seeds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date", "lang"),
    [
        ("000_10514d14d83ccc4e.txt", "2025-10-31", "uk"),
        ("001_7b1b9add373fc10b.txt", None, "uk"),  # this one has no header
        ("002_1e1a0fa32f340427.txt", "2025-10-31", "ru"),
        ("003_b3c6b177b3372f57.txt", "2025-10-31", "ru"),
        ("004_249f5b75d6d70c34.txt", "2025-11-01", "ru"),
    ],
)
def test_seeds(name, date, lang):
    article = read_article(SEEDS / name, name[:-4])
    assert (article.id, article.encoding, article.date, article.lang) == (name[:-4], "utf-8", date, lang)
    assert article.body_start == (17 if date else 0)
    assert len(article.paragraphs) >= 5
    assert article.paragraphs[0][0] == article.body_start
    assert_spans_are_stripped_blocks(article)
    assert article.warnings == []


def test_seed_title():
    article = read_article(SEEDS / "004_249f5b75d6d70c34.txt", "004")
    assert title_of(article) == "Песков прокомментировал статью WP о просьбе Венесуэлы помощи у России"


# --- collect_paths -----------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a" / "deep").mkdir(parents=True)
    for rel in ["z.txt", "b/y.txt", "a/x.txt", "a/deep/w.txt", "a/notes.md", "b/UPPER.TXT"]:
        (root / rel).write_text(UK, encoding="utf-8")


def test_directories_are_searched_recursively_in_path_order(tmp_path):
    make_tree(tmp_path)
    paths, problems = collect_paths([str(tmp_path)])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "a/deep/w.txt",
        "a/x.txt",
        "b/UPPER.TXT",
        "b/y.txt",
        "z.txt",
    ]
    assert problems == []


def test_explicit_file_with_any_extension_is_taken(tmp_path):
    make_tree(tmp_path)
    paths, _ = collect_paths([str(tmp_path / "a" / "notes.md")])
    assert paths == [tmp_path / "a" / "notes.md"]


def test_the_same_file_twice_is_listed_once(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "link.txt").symlink_to(tmp_path / "z.txt")
    paths, _ = collect_paths([str(tmp_path / "z.txt"), str(tmp_path), str(tmp_path / "a")])
    real = [os.path.realpath(p) for p in paths]
    assert len(real) == len(set(real)) == 5


def test_paths_from_stdin(tmp_path):
    make_tree(tmp_path)
    stdin = io.StringIO(f"{tmp_path / 'z.txt'}\n\n  {tmp_path / 'b'}  \n")
    paths, _ = collect_paths(["-"], stdin=stdin)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["b/UPPER.TXT", "b/y.txt", "z.txt"]


def test_missing_input_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="nope"):
        collect_paths([str(tmp_path / "nope")])


def test_missing_path_from_stdin_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="missing.txt"):
        collect_paths(["-"], stdin=io.StringIO(str(tmp_path / "missing.txt")))


def test_symlink_loop_terminates(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "a" / "deep" / "loop").symlink_to(tmp_path)
    (tmp_path / "b" / "self").symlink_to(tmp_path / "b")
    paths, problems = collect_paths([str(tmp_path)])
    assert len(paths) == 5
    assert problems == []


def test_symlinked_directory_is_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text(UK, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(outside)
    paths, _ = collect_paths([str(corpus)])
    assert paths == [corpus / "linked" / "o.txt"]


def test_broken_symlink_is_a_problem(tmp_path):
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    paths, problems = collect_paths([str(tmp_path)])
    assert paths == []
    assert [p.message for p in problems] == ["broken symbolic link"]


def test_directory_listing_failure_is_a_problem(tmp_path, monkeypatch):
    """Simulated: chmod 000 does not stop root, who runs CI."""
    make_tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "b":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    paths, problems = collect_paths([str(tmp_path)])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a/deep/w.txt", "a/x.txt", "z.txt"]
    assert problems[0].path == str(tmp_path / "b")
    assert problems[0].message == "cannot read directory: Permission denied"
