"""Sanity checks of the Ukrainian-Russian lexicon in data/uk_ru.tsv."""

from __future__ import annotations

import random
import re
from importlib import resources

import pymorphy3
import pytest

UK_WORD = re.compile(r"^[а-щьюяґєії'’ʼ-]+$")
RU_WORD = re.compile(r"^[а-яё-]+$")
MIN_PAIRS = 1200
SAMPLE_SIZE = 30


def _lines() -> list[str]:
    text = (resources.files("claimex") / "data" / "uk_ru.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs() -> list[tuple[str, str]]:
    return [tuple(line.split("\t")) for line in _lines()]  # type: ignore[misc]


def test_header_explains_format():
    text = (resources.files("claimex") / "data" / "uk_ru.tsv").read_text(encoding="utf-8")
    assert text.startswith("#")


def test_every_line_has_two_lowercase_cyrillic_fields():
    bad = []
    for line in _lines():
        fields = line.split("\t")
        if len(fields) != 2 or not all(fields):
            bad.append(line)
            continue
        uk, ru = fields
        if not UK_WORD.match(uk) or not RU_WORD.match(ru):
            bad.append(line)
    assert not bad, bad[:20]


def test_no_duplicate_lines():
    lines = _lines()
    seen: set[str] = set()
    duplicates = [line for line in lines if line in seen or seen.add(line)]
    assert not duplicates, duplicates[:20]


def test_at_least_minimum_pairs():
    assert len(_lines()) >= MIN_PAIRS


def test_sample_is_known_to_dictionaries():
    morph_uk = pymorphy3.MorphAnalyzer(lang="uk")
    morph_ru = pymorphy3.MorphAnalyzer()
    sample = random.Random(20240601).sample(_pairs(), SAMPLE_SIZE)
    unknown = [
        (uk, ru)
        for uk, ru in sample
        if not morph_uk.word_is_known(uk) or not morph_ru.word_is_known(ru)
    ]
    assert not unknown, unknown
