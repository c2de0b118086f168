"""Story clustering on articles written for the tests: an unseen story told in both languages, and
an article that shares only a famous name (Putin) with the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimex.assemble import Assembler
from claimex.pipeline import Settings, analyse

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = {"uk": "builtin", "ru": "builtin"}


@pytest.fixture(scope="module")
def output():
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "other_story").glob("*.txt"))
    assembler = Assembler(BACKENDS)
    for result in analyse(paths, Settings(BACKENDS)):
        assembler.add(result)
    return assembler.finish()


def story_of(output, article_id: str):
    return next(s for s in output.stories if article_id in s.articles)


def test_the_same_unseen_story_in_two_languages_is_one_story(output):
    story = story_of(output, "uk_grain")
    assert story.articles == ["ru_grain", "uk_grain"] or set(story.articles) == {"ru_grain", "uk_grain"}
    assert story.languages == ["ru", "uk"]
    assert story.date_from == "2025-09-12" and story.date_to == "2025-09-13"
    merged = [c for c in story.claims if len(c.articles) == 2]
    assert merged, "no claim merged across the two languages"
    assert any("Reuters" in c.sources for c in merged)


def test_a_shared_famous_name_does_not_join_stories(output):
    seeds = story_of(output, "000_10514d14d83ccc4e")
    assert set(seeds.articles) == {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    assert story_of(output, "ru_arctic").articles == ["ru_arctic"]
    assert "uk_grain" not in seeds.articles


def test_putin_is_one_entity_across_all_articles(output):
    putin = [e for e in output.entities if e.label == "PER" and "Путин" in e.name or "Путін" in e.name]
    assert len(putin) == 1
    assert {"ru_arctic", "uk_grain", "ru_grain", "000_10514d14d83ccc4e"} <= set(putin[0].articles)


def test_a_source_named_by_surname_gets_the_full_name(tmp_path):
    (tmp_path / "ru_club.txt").write_text(
        "Клуб оштрафован\n\nДата: 2025-05-02\n\n"
        "Суд обязал клуб выплатить компенсацию за переход Алвеса. "
        "Адвокат Маркуса Алвеса заявил, что решение будет обжаловано. "
        "Алвес сказал, что ушёл из команды из-за войны.\n",
        encoding="utf-8",
    )
    assembler = Assembler(BACKENDS)
    for result in analyse([tmp_path / "ru_club.txt"], Settings(BACKENDS)):
        article = assembler.add(result)
    sources = [c.attribution.source for c in article.claims]
    assert "Маркус Алвес" in sources and "Алвес" not in sources


@pytest.mark.parametrize(
    ("lang", "text", "full"),
    [
        ("uk", "Затримано посадовця\n\nДетективи Національного антикорупційного бюро України (НАБУ) затримали посадовця. "
               "За даними НАБУ, він вимагав 50 тисяч доларів.\n", "Національне антикорупційне бюро України"),
        ("ru", "Задержан чиновник\n\nДетективы Национального антикоррупционного бюро Украины (НАБУ) задержали чиновника. "
               "По данным НАБУ, он требовал 50 тысяч долларов.\n", "Национальное антикоррупционное бюро Украины"),
    ],
)
def test_a_source_named_by_an_abbreviation_the_article_defines_is_named_in_full(tmp_path, lang, text, full):
    (tmp_path / f"{lang}_bureau.txt").write_text(text, encoding="utf-8")
    assembler = Assembler(BACKENDS)
    for result in analyse([tmp_path / f"{lang}_bureau.txt"], Settings(BACKENDS)):
        article = assembler.add(result)
    claim = next(c for c in article.claims if "тисяч" in c.text or "тысяч" in c.text)
    assert claim.attribution.source == full
    assert full in claim.attribution.chain and "НАБУ" not in claim.attribution.chain


def test_syndicated_copies_join_the_rows_of_their_original_and_change_nothing_else():
    """Sixty renamed copies of each seed (one without a headline and its last sentence) give the
    seeds' own rows, each carried by 61 times the articles, and one story."""
    from dataclasses import replace

    results = list(analyse(sorted((ROOT / "seeds").glob("*.txt")), Settings(BACKENDS)))

    def rows_of(output, renamed=lambda article: article):
        return sorted(sorted({(renamed(m.split("#")[0]), m.split("#")[1]) for m in row.mentions})
                      for story in output.stories for row in story.claims)

    alone = Assembler(BACKENDS)
    for result in results:
        alone.add(result)
    expected = rows_of(alone.finish())

    assembler = Assembler(BACKENDS)
    for copy in range(61):
        for result in results:
            name = result.id if copy == 0 else f"copy{copy:02d}_{result.id}"
            claims = result.claims[:-1] if copy == 7 and result.id.startswith("000") else result.claims
            assembler.add(replace(result, id=name, path=f"{name}.txt", claims=claims, title=None if copy == 7 else result.title))
    output = assembler.finish()
    (story,) = output.stories
    assert len(story.articles) == 61 * 5
    assert rows_of(output, renamed=lambda article: article.split("_", 1)[1] if article.startswith("copy") else article) == expected
    assert max(len(row.articles) for row in story.claims) == 61 * 5
