"""What a claim says, normalised for comparison across articles and languages.

Content lemmas in Russian (Ukrainian ones through the data/uk_ru.tsv lexicon where they are not
cognates) and then in the shared uk/ru spelling, or their meaning class (data/synonyms.tsv); numbers
with their multipliers ("1 тисячі" = 1000, "5 тысяч" = 5000); and dates resolved against the article
date ("26 жовтня", "в воскресенье").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from claimex.datafiles import rows
from claimex.doc import Doc, Token
from claimex.merge.spelling import shared_key

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "X", ""}
MONTHS = {
    # genitive month names, uk then ru: "26 жовтня", "27 октября"
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
WEEKDAYS = {
    "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "п'ятницю": 4, "суботу": 5, "неділю": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
}
MULTIPLIERS = {
    "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3, "тис": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тыс": 1e3,
    "мільйон": 1e6, "мільйона": 1e6, "мільйонів": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "мільярд": 1e9, "мільярда": 1e9, "мільярдів": 1e9, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
}
NUMBER_WORDS = {
    # lemmas of number words, uk and ru, cardinal and collective ("двоє працівників" = "двух сотрудников")
    **dict.fromkeys(["два", "двоє", "двое"], 2), **dict.fromkeys(["три", "троє", "трое"], 3),
    **dict.fromkeys(["чотири", "четверо", "четыре"], 4), **dict.fromkeys(["п'ять", "п'ятеро", "пять", "пятеро"], 5),
    **dict.fromkeys(["шість", "шестеро", "шесть"], 6), **dict.fromkeys(["сім", "семеро", "семь"], 7),
    **dict.fromkeys(["вісім", "восьмеро", "восемь"], 8), **dict.fromkeys(["дев'ять", "дев'ятеро", "девять"], 9),
    **dict.fromkeys(["десять", "десятеро"], 10), "одинадцять": 11, "одиннадцать": 11, "дванадцять": 12, "двенадцать": 12,
    "п'ятнадцять": 15, "пятнадцать": 15, "двадцять": 20, "двадцать": 20, "тридцять": 30, "тридцать": 30,
    "сорок": 40, "п'ятдесят": 50, "пятьдесят": 50, "сто": 100, "двісті": 200, "двести": 200,
}
NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
UNITS = {"км": "km", "кілометрів": "km", "кілометри": "km", "километров": "km", "километра": "km",
         "%": "%", "відсотків": "%", "процентов": "%", "тонн": "t", "тонн.": "t", "тонни": "t", "тонны": "t",
         "доларів": "$", "долларов": "$"}


@dataclass
class ClaimFeatures:
    terms: list[str] = field(default_factory=list)  # content lemmas, shared spelling, in order
    numbers: list[str] = field(default_factory=list)  # "1000 km", "5000", "10 %"
    dates: list[str] = field(default_factory=list)  # ISO dates resolved against the article date


def features(doc: Doc, tokens: list[Token], skip: set[int], article_date: str | None) -> ClaimFeatures:
    """Features of the claim tokens; `skip` holds indices (into `tokens`) of cue and source words."""
    result = ClaimFeatures()
    today = dt.date.fromisoformat(article_date) if article_date else None
    for k, token in enumerate(tokens):
        word = token.text.lower()
        if NUMBER.match(word):
            month = MONTHS.get(tokens[k + 1].text.lower()) if k + 1 < len(tokens) else None
            if month is None:
                result.numbers.append(_number(tokens, k, float(word.replace(",", "."))))
            elif today:
                result.dates.append(_resolve_day(today, int(float(word.replace(",", "."))), month))
            continue
        if token.pos == "NUM" and (value := _number_word(token)) is not None:
            result.numbers.append(_number(tokens, k, float(value)))
            continue
        if today and word in WEEKDAYS and k > 0 and tokens[k - 1].text.lower() in ("в", "у", "во"):
            delta = (today.weekday() - WEEKDAYS[word]) % 7
            result.dates.append((today - dt.timedelta(days=delta)).isoformat())
        if k in skip or token.pos not in CONTENT_POS or not any(c.isalnum() for c in word):
            continue
        if word in MULTIPLIERS or word in MONTHS or len(word) < 3 and not word.isupper():
            continue
        result.terms.append(term(token.lemma or word, doc.lang))
    return result


CONCEPT = "="  # prefix of a meaning-class term (data/synonyms.tsv); kept whole, never cut to a stem


@cache
def _uk_to_ru() -> dict[str, str]:
    pairs = {}
    for uk, ru in rows("uk_ru.tsv"):
        pairs.setdefault(uk, ru)  # the first Russian equivalent listed is the usual one
    return pairs


@cache
def _concepts() -> dict[str, str]:
    """Shared-spelling key of a lemma -> its meaning class, both languages in one table (the keys
    of the two languages differ where their spelling does, so they do not collide)."""
    concept_of = {}
    for concept, *columns in rows("synonyms.tsv"):
        for lang, lemmas in zip(("ru", "uk"), columns):
            for lemma in lemmas.split(" | "):
                concept_of[(lang, shared_key(lemma, lang))] = CONCEPT + concept
    return concept_of


def term(lemma: str, lang: str) -> str:
    """A lemma as a language-neutral key: "лист" and "письмо" give the same one, and so do
    "звернувся" and "обратился" (one meaning class)."""
    lemma = lemma.lower()
    key = shared_key(lemma, lang)
    if lang == "uk" and (lang, key) not in _concepts() and lemma in _uk_to_ru():
        lang, key = "ru", shared_key(_uk_to_ru()[lemma], "ru")
    return _concepts().get((lang, key), key)


def _number_word(token: Token) -> int | None:
    return NUMBER_WORDS.get((token.lemma or token.text).lower().replace("’", "'").replace("ʼ", "'"))


def _number(tokens: list[Token], k: int, value: float) -> str:
    """The number at tokens[k] with the multiplier and unit after it: "1 тисячі км" -> "1000 km"."""
    unit = ""
    for follower in tokens[k + 1 : k + 3]:
        word = follower.text.lower().rstrip(".")
        multiplier = MULTIPLIERS.get(word) or MULTIPLIERS.get(follower.lemma.lower())
        if multiplier:
            value *= multiplier
        elif word in UNITS:
            unit = UNITS[word]
            break
        else:
            break
    text = str(int(value)) if value.is_integer() else f"{value:g}"
    return f"{text} {unit}".strip()


def _resolve_day(today: dt.date, day: int, month: int) -> str:
    """The date with that day and month nearest before (or on) the article date."""
    for year in (today.year, today.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return f"--{month:02d}-{day:02d}"
        if candidate <= today + dt.timedelta(days=7):
            return candidate.isoformat()
    return candidate.isoformat()
