"""A shared uk/ru spelling, so that inflected and cross-language forms compare equal.

Ukrainian і/ї and Russian и are one sound, as are Ukrainian и and Russian ы, є and е, ґ and г:
"Путін"/"Путин", "Цзіньпін"/"Цзиньпин", "ракети"/"ракеты" map to the same key; doubled
consonants are written once, as Ukrainian often does ("російський"/"российский"). Official
transliteration tables (translitua) differ between the languages (uk г → h, ru г → g), which is
right for passports and wrong for matching, hence this table.
"""

from __future__ import annotations

import re

COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e", "ж": "zh",
    "з": "z", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ь": "",
    "э": "e", "ю": "ju", "я": "ja", "ї": "i", "і": "i", "'": "", "’": "", "ʼ": "", "`": "",
}
DOUBLED = re.compile(r"([bcdfghjklmnpqrstvwxz])\1+")  # ru "российский" / uk "російський"; a run of three is one letter too
BY_LANG = {"uk": {**COMMON, "и": "y"}, "ru": {**COMMON, "и": "i", "ы": "y"}}


def shared_key(text: str, lang: str | None) -> str:
    """Lower-case Latin key of a word or phrase; Latin letters and digits pass through."""
    table = BY_LANG.get(lang or "ru", BY_LANG["ru"])
    key = "".join(table.get(char, char) for char in text.lower())
    return DOUBLED.sub(r"\1", key)
