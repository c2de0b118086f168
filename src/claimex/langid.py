"""Tells Ukrainian, Russian and English apart without a model.

Ukrainian and Russian share most of their alphabet, so a generic n-gram detector is both heavy and
shaky on short texts.  Here each word votes: letters only one language has (і ї є ґ and the
apostrophe vs ы э ъ ё), frequent function words only one language uses, and a few endings.  Votes
from quoted speech and from capitalised words inside a sentence (names such as "Київ" in a Russian
text) count less, so a quote or a name does not flip the language of the article around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

UK_LETTERS = frozenset("іїєґ")
RU_LETTERS = frozenset("ыэъё")
APOSTROPHES = "'ʼ’"

# Words common in one language and absent (or rare) in the other; shared ones (не, до, за, на, в,
# у, по, про, через, для, без, при, так, а, над) are left out on purpose.
UK_WORDS = frozenset(
    """
    що це як та які який яка яке якого якому якій яких він вона вони від також з із зі був була
    було були цього цей ця ці цьому цим після його її їх й і ще але чи або бо коли тому щоб адже
    лише тільки вже де є буде будуть має мають ми ви нього неї нею році року заявив повідомив
    сказав зокрема проте однак навіть між під свої свій своє всі усі сьогодні вчора хоча тобто
    якщо ні наразі отже нині
    """.split()
)
RU_WORDS = frozenset(
    """
    что это как и который которая которое которые которых которого он она они от также с к о
    был была было были этого этот эта эти этом после его её ее ещё еще из но или если когда чтобы
    уже только лишь где есть будет будут имеет мы вы их году года заявил сообщил сказал однако
    даже между под со об ко него нее том тем чем сегодня вчера хотя ни пока сейчас
    """.split()
)
EN_WORDS = frozenset(
    """
    the and of to in is are was were that for on with by as at from it its an be has have had
    this said not or but which who will would he she they his her their been after about
    """.split()
)

WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
QUOTED = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"]*\"")
SENTENCE_OPENERS = ".!?…«„“\"—–-:("

SAMPLE_CHARS = 100_000  # far more than an article; keeps a 5 MB file from taking long
MIN_WORDS = 2
EN_MIN_SHARE = 0.15
QUOTE_WEIGHT = 0.5
NAME_WEIGHT = 0.25


@dataclass
class _Votes:
    uk: float = 0.0
    ru: float = 0.0
    cyrillic: int = 0
    latin: int = 0
    english: int = 0


def identify(text: str) -> str | None:
    """Return "uk", "ru" or "en"; None when there are too few words or no clear winner."""
    votes = _count_votes(text[:SAMPLE_CHARS])
    if votes.cyrillic + votes.latin < MIN_WORDS:
        return None
    if votes.latin > votes.cyrillic:
        return "en" if votes.english >= EN_MIN_SHARE * votes.latin else None
    if votes.uk == votes.ru:
        return None
    return "uk" if votes.uk > votes.ru else "ru"


def _count_votes(text: str) -> _Votes:
    votes = _Votes()
    quoted = [m.span() for m in QUOTED.finditer(text)]  # sorted, not overlapping
    for match in WORD.finditer(text):
        word = match.group()
        if word.isascii():
            votes.latin += 1
            votes.english += word.lower() in EN_WORDS
            continue
        if not _is_cyrillic(word):
            continue
        votes.cyrillic += 1
        weight = _weight(text, match.start(), word, quoted)
        uk, ru = _word_votes(word.lower())
        votes.uk += weight * uk
        votes.ru += weight * ru
    return votes


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _weight(text: str, start: int, word: str, quoted: list[tuple[int, int]]) -> float:
    """Quotes may be in the other language, and names keep their own spelling."""
    weight = 1.0
    if _inside(start, quoted):
        weight *= QUOTE_WEIGHT
    if word[0].isupper() and not _starts_sentence(text, start):
        weight *= NAME_WEIGHT
    return weight


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in SENTENCE_OPENERS


def _word_votes(word: str) -> tuple[float, float]:
    """(uk, ru) evidence of one lowercased Cyrillic word."""
    uk = ru = 0.0
    letters = set(word)
    if letters & UK_LETTERS or any(a in word for a in APOSTROPHES):
        uk += 2
    if letters & RU_LETTERS:
        ru += 2
    uk += 1.5 * (word in UK_WORDS)
    ru += 1.5 * (word in RU_WORDS)
    uk += _uk_ending(word)
    ru += _ru_ending(word)
    return uk, ru


def _uk_ending(word: str) -> float:
    """-ськ-/-цьк- adjectives and -ння/-ття nouns are Ukrainian spellings (ru -ск-, -ние)."""
    return float(bool(re.search(r"[сц]ьк|(нн|тт)я$", word)))


def _ru_ending(word: str) -> float:
    """-тся without ь, and и before a vowel (-ие, -ия), do not occur in Ukrainian."""
    return float(bool(re.search(r"[^ь]тся$|и[аеоуюя]", word)))
