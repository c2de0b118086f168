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

from claimex.claims.lexicon import norm
from claimex.datafiles import rows
from claimex.doc import Doc, Token
from claimex.text.spelling import shared_key

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
NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)(?:-[а-яіїєґ]{1,3})?$")  # an ordinal's case ending is no part of it: "9-ого травня"
GROUP_SEPARATORS = {" ", "\u00a0", "\u202f", "\u2009"}  # "4 641" with a space, no-break or thin space
UNITS = {"км": "km", "кілометрів": "km", "кілометри": "km", "километров": "km", "километра": "km",
         "%": "%", "відсотків": "%", "процентов": "%", "тонн": "t", "тонн.": "t", "тонни": "t", "тонны": "t",
         "доларів": "$", "долларов": "$", "мм": "mm", "міліметрів": "mm", "миллиметров": "mm"}


@dataclass
class ClaimFeatures:
    terms: list[str] = field(default_factory=list)  # content lemmas, shared spelling, in order
    numbers: list[str] = field(default_factory=list)  # "1000 km", "5000", "10 %"
    dates: list[str] = field(default_factory=list)  # ISO dates resolved against the article date
    about_source: bool = False  # the claim says little beyond its source, whose words are counted in
    clauses: list[list[str]] = field(default_factory=list)  # terms of each clause, when the sentence has several


def features(doc: Doc, tokens: list[Token], skip: set[int], article_date: str | None) -> ClaimFeatures:
    """Features of the claim tokens; `skip` holds indices (into `tokens`) of cue and source words."""
    result = ClaimFeatures()
    clause_of = _clauses(tokens)
    by_clause: dict[int, list[str]] = {}
    today = dt.date.fromisoformat(article_date) if article_date else None
    groups = _digit_groups(doc, tokens)
    continued = {k for first, (_, last) in groups.items() for k in range(first + 1, last + 1)}
    for k, token in enumerate(tokens):
        word = token.text.lower()
        if k in continued:
            continue
        if number := NUMBER.match(word):
            value, last = groups.get(k, (float(number.group(1).replace(",", ".")), k))
            month = MONTHS.get(tokens[last + 1].text.lower()) if last + 1 < len(tokens) else None
            if month is None:
                result.numbers.append(_number(tokens, last, value))
            elif today:
                result.dates.append(_resolve_day(today, int(value), month))
            continue
        if token.pos == "NUM" and (value := _number_word(token)) is not None:
            result.numbers.append(_number(tokens, k, float(value)))
            continue
        if today and word in WEEKDAYS and k > 0 and tokens[k - 1].text.lower() in ("в", "у", "во"):
            if _future_near(tokens, k):  # "в понедельник школы перейдут": the coming Monday
                day = today + dt.timedelta(days=(WEEKDAYS[word] - today.weekday()) % 7)
            else:
                day = today - dt.timedelta(days=(today.weekday() - WEEKDAYS[word]) % 7)
            result.dates.append(day.isoformat())
        if k in skip or token.pos not in CONTENT_POS or not any(c.isalnum() for c in word):
            continue
        if word in MULTIPLIERS or word in MONTHS or len(word) < 3 and not word.isupper():
            continue
        result.terms.append(term(token.lemma or word, doc.lang))
        by_clause.setdefault(clause_of[k], []).append(result.terms[-1])
    if len(by_clause) > 1:
        result.clauses = list(by_clause.values())
    return result


CLAUSE_LINKS = {
    # conjunctions that open a clause of their own after a comma: causal, purpose, contrast, addition, time
    "оскільки", "бо", "щоб", "аби", "але", "однак", "проте", "хоча", "після", "а", "і", "й", "та", "при",
    "поскольку", "потому", "так", "чтобы", "но", "однако", "хотя", "после", "и",
}
RELATIVE_LEMMAS = {"який", "котрий", "де", "коли", "который", "где", "когда"}
CONTENT_NOUNS = {
    # "с просьбой предоставить ракеты", "з проханням про співпрацю": what was asked is a clause of its own
    "просьба", "требование", "призыв", "предложение", "прохання", "вимога", "заклик", "пропозиція",
}


def _clauses(tokens: list[Token]) -> list[int]:
    """Clause number of each token: a new clause starts at ";", after a comma or dash at a
    conjunction or a relative word ("..., в котором попросил"), and at "with the request to"."""
    def relative(k: int) -> bool:
        return k < len(tokens) and (tokens[k].lemma or tokens[k].text).lower() in RELATIVE_LEMMAS

    number, numbers = 0, []
    for k, token in enumerate(tokens):
        after_break = k > 0 and tokens[k - 1].text in (",", "—", "–", "-")
        request = token.pos == "ADP" and k + 1 < len(tokens) and tokens[k + 1].lemma.lower() in CONTENT_NOUNS
        if token.text == ";" or request or after_break and (
            token.text.lower() in CLAUSE_LINKS or relative(k) or token.pos == "ADP" and relative(k + 1)
        ):
            number += 1
        numbers.append(number)
    return numbers


def _future_near(tokens: list[Token], k: int) -> bool:
    """Whether the verb nearest to tokens[k] is in the future tense: "в понедельник школы перейдут"
    is the coming Monday, "во вторник министр заявил" the past Tuesday."""
    verbs = [i for i, t in enumerate(tokens) if t.pos in ("VERB", "AUX") and t.feats.get("Tense")]
    return bool(verbs) and tokens[min(verbs, key=lambda i: (abs(i - k), i))].feats["Tense"] == "Fut"


def _digit_groups(doc: Doc, tokens: list[Token]) -> dict[int, tuple[float, int]]:
    """Numbers written in groups of three digits ("4 641", "1 200 000"): index of the first group ->
    (the value, index of the last group)."""
    groups = {}
    k = 0
    while k < len(tokens):
        last = k
        if tokens[k].text.isdigit() and len(tokens[k].text) <= 3:
            while (last + 1 < len(tokens) and tokens[last + 1].text.isdigit() and len(tokens[last + 1].text) == 3
                   and doc.text[tokens[last].end : tokens[last + 1].start] in GROUP_SEPARATORS):
                last += 1
        if last > k:
            groups[k] = (float("".join(t.text for t in tokens[k : last + 1])), last)
        k = last + 1
    return groups


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
    if lang == "uk" and (lang, key) not in _concepts():
        russian = _uk_to_ru().get(lemma) or _uk_to_ru().get(lemma.removesuffix("ся"))  # "планувалася" as "планувати"
        if russian:
            lang, key = "ru", shared_key(russian, "ru")
    return _concepts().get((lang, key), key)


def _number_word(token: Token) -> int | None:
    return NUMBER_WORDS.get(norm(token.lemma or token.text))


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
    """The date with that day and month nearest the article date, before or after it: "27 октября"
    in an article of 1 November is the past October, "11 червня" in one of 23 April the coming June."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return f"--{month:02d}-{day:02d}"
    return min(candidates, key=lambda date: (abs((date - today).days), date)).isoformat()
