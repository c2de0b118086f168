"""pymorphy3 morphology for uk and ru: UD tags, lemmas and the nominative form of names.

The dictionaries read some surnames as common words (ru "Песков" → песок, "Мадуро" → мадурый);
a capitalised word inside a sentence is far more often a name, so name readings win there.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pymorphy3
from wordfreq import word_frequency

NAME_GRAMMEMES = frozenset(["Name", "Surn", "Patr"])
PROPER_GRAMMEMES = NAME_GRAMMEMES | {"Geox", "Orgn", "Trad"}

POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "NUMB": "NUM",
    "ROMN": "NUM",
    "ADVB": "ADV",
    "NPRO": "PRON",
    "PRED": "ADV",
    "PREP": "ADP",
    "CONJ": "CCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
    "PNCT": "PUNCT",
    "LATN": "X",
    "UNKN": "X",
}
SUBORDINATORS = frozenset("що щоб якщо бо оскільки коли хоча что чтобы если потому поскольку когда хотя ли".split())
AUXILIARIES = frozenset("бути быть є".split())
FEATURES = {
    "nomn": ("Case", "Nom"),
    "gent": ("Case", "Gen"),
    "gen2": ("Case", "Gen"),
    "datv": ("Case", "Dat"),
    "accs": ("Case", "Acc"),
    "acc2": ("Case", "Acc"),
    "ablt": ("Case", "Ins"),
    "loct": ("Case", "Loc"),
    "loc2": ("Case", "Loc"),
    "voct": ("Case", "Voc"),
    "sing": ("Number", "Sing"),
    "plur": ("Number", "Plur"),
    "masc": ("Gender", "Masc"),
    "femn": ("Gender", "Fem"),
    "neut": ("Gender", "Neut"),
    "anim": ("Animacy", "Anim"),
    "inan": ("Animacy", "Inan"),
    "perf": ("Aspect", "Perf"),
    "impf": ("Aspect", "Imp"),
    "past": ("Tense", "Past"),
    "pres": ("Tense", "Pres"),
    "futr": ("Tense", "Fut"),
    "1per": ("Person", "1"),
    "2per": ("Person", "2"),
    "3per": ("Person", "3"),
    "indc": ("Mood", "Ind"),
    "impr": ("Mood", "Imp"),
    "actv": ("Voice", "Act"),
    "pssv": ("Voice", "Pass"),
    "Supr": ("Degree", "Sup"),
    "Abbr": ("Abbr", "Yes"),
    "Name": ("NameType", "Giv"),
    "Surn": ("NameType", "Sur"),
    "Patr": ("NameType", "Pat"),
}
VERB_FORMS = {"INFN": "Inf", "GRND": "Conv", "PRTF": "Part", "PRTS": "Part"}
CASE_OF = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}
UD_CASE = {ud: oc for oc, (feature, ud) in FEATURES.items() if feature == "Case" and oc in ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")}
CASE_PREFERENCE = ("gent", "datv", "ablt", "loct", "accs", "voct")  # ties: same nominative anyway

# Slavic surname endings by case, for surnames the dictionary reads as something else
# (ru "Мантурову" → the town Мантурово).  Longest ending first.
SURNAME_ENDINGS = {
    "ru": {
        "gent": [("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын")],
        "accs": [("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын")],
        "datv": [("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ёву", "ёв"), ("ину", "ин"), ("ыну", "ын")],
        "ablt": [("ским", "ский"), ("цким", "цкий"), ("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"), ("иным", "ин"), ("ыным", "ын")],
        "loct": [("ском", "ский"), ("цком", "цкий"), ("ове", "ов"), ("еве", "ев"), ("ёве", "ёв"), ("ине", "ин"), ("ыне", "ын")],
    },
    "uk": {
        "gent": [("ського", "ський"), ("цького", "цький"), ("ова", "ов"), ("ева", "ев"), ("єва", "єв"), ("іна", "ін"), ("їна", "їн"), ("ина", "ин")],
        "accs": [("ського", "ський"), ("цького", "цький"), ("ова", "ов"), ("ева", "ев"), ("єва", "єв"), ("іна", "ін"), ("їна", "їн"), ("ина", "ин")],
        "datv": [("ському", "ський"), ("цькому", "цький"), ("ову", "ов"), ("ові", "ов"), ("еву", "ев"), ("єву", "єв"), ("іну", "ін"), ("їну", "їн"), ("ину", "ин")],
        "ablt": [("ським", "ський"), ("цьким", "цький"), ("овим", "ов"), ("евим", "ев"), ("євим", "єв"), ("іним", "ін"), ("їним", "їн"), ("иним", "ин")],
        "loct": [("ському", "ський"), ("цькому", "цький"), ("ові", "ов"), ("еві", "ев"), ("єві", "єв"), ("іні", "ін"), ("їні", "їн"), ("ині", "ин")],
    },
}

# Case endings of a man's foreign surname ending in a consonant (or a soft sign), longest first.
FOREIGN_SURNAME_ENDINGS = {
    "ru": {
        "gent": [("я", "ь"), ("а", "")],
        "accs": [("я", "ь"), ("а", "")],
        "datv": [("ю", "ь"), ("у", "")],
        "ablt": [("ем", "ь"), ("ом", "")],
        "loct": [("е", "")],
    },
    "uk": {
        "gent": [("я", "ь"), ("а", "")],
        "accs": [("я", "ь"), ("а", "")],
        "datv": [("еві", "ь"), ("ові", ""), ("ю", "ь"), ("у", "")],
        "ablt": [("ем", "ь"), ("ом", "")],
        "loct": [("еві", "ь"), ("ові", ""), ("і", "")],
    },
}
VOWELS = frozenset("аеёиоуыэюяіїєь")
HUSHING = frozenset("цжшчщ")  # take no soft sign
FUNCTION_WORDS = {"PREP", "CONJ", "PRCL"}  # pymorphy3 parts of speech that head no name


MORPHOLOGY_LANGUAGES = ("uk", "ru")


@lru_cache(maxsize=None)
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """One analyzer per language per process (loading costs ~0.1 s and ~15 MB)."""
    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def parses(word: str, lang: str) -> tuple:
    """pymorphy3's readings, most likely first. The uk dictionary gives no frequencies and lists
    "війни" as "війнути" first and "листі" as "листя", so uk readings with different lemmas are
    ordered by how common their lexeme is in wordfreq's counts (all its forms together: the lemma
    alone would favour "стала" the noun over "стати"). pymorphy3 looks up every character's
    Unicode name, so characters without one (unassigned or private-use code points) are replaced
    first rather than crashing.  Languages pymorphy3 has no dictionary for (English) have no readings."""
    if lang not in MORPHOLOGY_LANGUAGES:
        return ()
    try:
        readings = analyzer(lang).parse(word)
    except (KeyError, ValueError):
        readings = analyzer(lang).parse("".join(ch if unicodedata.name(ch, "") else "?" for ch in word))
    if lang == "uk" and len({parse.normal_form for parse in readings}) > 1:
        readings.sort(key=lambda parse: -_lexeme_frequency(parse))  # stable: ties keep their order
    return tuple(readings)


_LEXEME_FREQUENCY: dict[tuple[str, str | None], float] = {}


def _lexeme_frequency(parse) -> float:
    """Summed wordfreq frequency of all the forms of the reading's lexeme, once per lemma and POS."""
    key = (parse.normal_form, parse.tag.POS)
    if key not in _LEXEME_FREQUENCY:
        _LEXEME_FREQUENCY[key] = sum(word_frequency(form, "uk") for form in {f.word for f in parse.lexeme})
    return _LEXEME_FREQUENCY[key]


def fold(word: str) -> str:
    """Lowercase with ё → е and one apostrophe: the spelling gazetteer keys are compared in."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'").replace("`", "'")


# Readings whose lemma names no thing: "Дело" and "Дели" share the lemma of the verb "деть".
VERB_TAGS = frozenset(["VERB", "INFN", "GRND", "PRTS"])


@lru_cache(maxsize=200_000)
def keys(word: str, lang: str) -> frozenset[str]:
    """Every lemma the word may have as a noun or adjective, plus the word itself, folded."""
    found = {fold(word)}
    if any(ch.isalpha() for ch in word) and not word.isascii():
        found.update(fold(p.normal_form) for p in parses(word, lang) if p.tag.POS not in VERB_TAGS)
    return frozenset(found)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_name_parse(parse) -> bool:
    return bool(NAME_GRAMMEMES & parse.tag.grammemes)


def name_parses(word: str, lang: str) -> list:
    return [p for p in parses(word, lang) if is_name_parse(p)]


@lru_cache(maxsize=4096)
def given_name_gender(name: str, lang: str) -> str | None:
    """"masc" or "femn" as the given name of a full name tells it ("Тереза Мей" → femn); None for
    one word or a given name the dictionary does not know. Surnames are no guide: "Піневич" reads femn."""
    words = name.split()
    if len(words) < 2:
        return None
    readings = [p for p in name_parses(words[0], lang) if "Name" in p.tag.grammemes and p.tag.case == "nomn"]
    if any("Fixd" in p.tag.grammemes for p in readings):
        return None  # an indeclinable name ("Мішель") is read as either
    genders = {p.tag.gender for p in readings if p.tag.gender in ("masc", "femn")}
    return genders.pop() if len(genders) == 1 else None


def plural_nominative(word: str, lang: str) -> str:
    """"лікарів" after "багато" → "лікарі", "опитаних" → "опитані": the genitive plural a quantifier governs."""
    for parse in parses(word, lang):
        if parse.tag.POS in ("NOUN", "ADJF", "PRTF") and parse.tag.case == "gent" and parse.tag.number == "plur":
            form = parse.inflect({"nomn", "plur"})
            if form is not None:
                return restore_case(form.word, word)
    return word


def is_plural(word: str, lang: str) -> bool:
    """Every reading of the word is plural: "експерти", not "експерт"."""
    readings = parses(word, lang)
    return bool(readings) and all(p.tag.number == "plur" for p in readings)


def could_be(word: str, lang: str, case: str) -> bool:
    """Whether any reading is in the UD case: without a tagger, "аналітики" may be a subject
    ("Nom") and "управління" a genitive ("Gen")."""
    grammeme = UD_CASE.get(case)
    return any(grammeme in p.tag.grammemes for p in parses(word, lang))


def is_known(word: str, lang: str) -> bool:
    return analyzer(lang).word_is_known(word.lower())


def best_parse(word: str, lang: str, proper: bool = False):
    """For a capitalised word inside a sentence its first proper-noun reading; else a function-word
    reading when there is one ("до", "про", "на" are prepositions far more often than nouns or
    particles, and the uk dictionary lists no frequencies), else the most likely reading; for a
    word in lower case, not a name's ("польські" is the adjective, not the plural of "Польський")."""
    candidates = parses(word, lang)
    if word.islower():
        candidates = [p for p in candidates if not NAME_GRAMMEMES & p.tag.grammemes] or candidates
    if proper:
        for parse in candidates:
            if PROPER_GRAMMEMES & parse.tag.grammemes:
                return parse
    for pos in ("PREP", "CONJ"):
        for parse in candidates:
            if parse.tag.POS == pos:
                return parse
    return candidates[0]


def ud_pos(parse, word: str) -> str:
    grammemes = parse.tag.grammemes
    pos = parse.tag.POS
    if pos is None:
        if "NUMB" in grammemes or "ROMN" in grammemes:
            return "NUM"
        if "PNCT" in grammemes or not any(ch.isalnum() for ch in word):
            return "SYM" if word in "%$€№#+=<>/" else "PUNCT"
        if "LATN" in grammemes or "UNKN" in grammemes:
            return "PROPN" if is_capitalised(word) else "X"
        return "X"
    if pos == "NOUN" and (PROPER_GRAMMEMES & grammemes or ("Abbr" in grammemes and word.isupper())):
        return "PROPN"
    if pos == "CONJ":
        return "SCONJ" if "subord" in grammemes or parse.normal_form in SUBORDINATORS else "CCONJ"
    if pos == "VERB" and parse.normal_form in AUXILIARIES:
        return "AUX"
    return POS.get(pos, "X")


def ud_feats(parse) -> dict[str, str]:
    grammemes = parse.tag.grammemes
    feats = dict(FEATURES[g] for g in grammemes if g in FEATURES)
    pos = parse.tag.POS
    if pos in VERB_FORMS or "infn" in grammemes:
        feats["VerbForm"] = VERB_FORMS.get(pos, "Inf")
    elif pos == "VERB":
        feats["VerbForm"] = "Fin"
    if pos in ("ADJS", "PRTS"):
        feats["Variant"] = "Short"
    if pos == "COMP":
        feats["Degree"] = "Cmp"
    return feats


# A gerund's ending and the finite form with the same stem: "заявивши" / "заявив", "вважаючи" / "вважають".
GERUND_FINITE = (("вшись", "вся"), ("ючись", "ються"), ("учись", "уться"), ("ачись", "аться"), ("ячись", "яться"),
                 ("вши", "в"), ("ючи", "ють"), ("учи", "уть"), ("ачи", "ать"), ("ячи", "ять"))


def gerund_verb(word: str, lang: str) -> str | None:
    """The verb of a gerund the dictionary lists as a word of its own (the uk dictionary does:
    "заявивши" has the lemma "заявивши"), found through the finite form with the same stem:
    "заявивши" → "заявив" → "заявити", "звинувачуючи" → "звинувачують" → "звинувачувати"."""
    lower = word.lower()
    for ending, finite in GERUND_FINITE:
        if lower.endswith(ending):
            stem = lower[: -len(ending)] + finite
            return next((p.normal_form for p in parses(stem, lang) if p.tag.POS == "VERB"), None)
    return None


def lemma(parse, word: str, pos: str, lang: str) -> str:
    """Proper nouns keep their capital ("Путіна" → "Путін"), a gerund gets its verb's infinitive
    (see `gerund_verb`), everything else is lowercase."""
    normal = parse.normal_form
    if parse.tag.POS == "GRND" and normal == word.lower():
        normal = gerund_verb(word, lang) or normal
    if pos == "PROPN" or (pos == "X" and is_capitalised(word)):
        return restore_case(normal, word)
    return normal


def analyse(word: str, lang: str, sentence_start: bool = False) -> tuple[str, str, dict[str, str]]:
    """(lemma, UD pos, UD feats) for a word out of context."""
    proper = is_capitalised(word) and not sentence_start
    parse = best_parse(word, lang, proper)
    pos = ud_pos(parse, word)
    return lemma(parse, word, pos, lang), pos, ud_feats(parse)


def guided_parse(word: str, lang: str, pos: str, feats: dict[str, str]):
    """The reading that agrees best with a tagger's UD pos and feats (for ru lemmas after slovnet)."""
    return _guided_parse(word, lang, pos, tuple(sorted(feats.items())))


@lru_cache(maxsize=200_000)
def _guided_parse(word: str, lang: str, pos: str, feats: tuple[tuple[str, str], ...]):
    best, best_score = None, -1
    for parse in parses(word, lang):
        parse_pos = ud_pos(parse, word)
        score = 4 * (parse_pos == pos) + 2 * (pos == "PROPN" and parse_pos == "NOUN")
        parse_feats = ud_feats(parse)
        score += sum(parse_feats.get(k) == v for k, v in feats)
        if pos == "PROPN" and is_name_parse(parse):
            score += 1
        if score > best_score:
            best, best_score = parse, score
    return best


def restore_case(normal: str, original: str) -> str:
    """Give the normal form the capitalisation of the original: "ПУТІНА" → "ПУТІН", "Путіна" → "Путін".

    A text written without ё keeps it that way ("Соединенных" → "Соединенные").
    """
    if "ё" not in original.lower():
        normal = normal.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        return normal.upper()
    parts = normal.split("-")
    originals = original.split("-")
    if len(parts) == len(originals):
        return "-".join(_case_like(p, o) for p, o in zip(parts, originals))
    return _case_like(normal, original)


def _case_like(normal: str, original: str) -> str:
    capitals = len(original) - len(original.lstrip(_UPPER))
    if capitals >= 2 and normal.upper().startswith(original[:capitals]):
        return original[:capitals] + normal[capitals:]  # an abbreviation with a case ending: "МИДа" → "МИД"
    if original[:1].isupper():
        return normal[:1].upper() + normal[1:]
    return normal


_UPPER = "АБВГҐДЕЄЁЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ"


# --- the nominative form of an entity --------------------------------------------------------


def normal_name(tokens, label: str, lang: str) -> str:
    """Nominative form of an entity span: "Володимира Путіна" → "Володимир Путін".

    `tokens` are `Token`s or plain strings.  PER: every word goes to the nominative in the case
    the given name shows.  LOC/ORG: the words up to the first noun are inflected (adjectives agree
    with it: "Сполученими Штатами" → "Сполучені Штати"); what follows is a genitive or a
    prepositional phrase and stays ("Управления по контролю ..." → "Управление по контролю ...").
    """
    words = [t if isinstance(t, str) else t.text for t in tokens]
    if not words:
        return ""
    if label == "PER":
        hints = {UD_CASE.get(t.feats.get("Case", "")) for t in tokens if not isinstance(t, str)} - {None}
        return _as_written(tokens, _person_name(words, lang, hints))
    return _as_written(tokens, _phrase_name(words, lang))


def _as_written(tokens, name: str) -> str:
    """The name's words spaced as in the text: "Т.Мей", "А.В.", "Дж. Буш", "связи, информационных"
    (the words are joined by spaces, which would write "Т. Мей", "связи ,")."""
    words = name.split(" ")
    if len(words) != len(tokens) or any(isinstance(t, str) for t in tokens):
        return name
    out = [words[0]]
    for previous, token, word in zip(tokens, tokens[1:], words[1:]):
        out.append(word if token.start == previous.end else " " + word)
    return "".join(out)


def _person_name(words: list[str], lang: str, hints: set[str] = frozenset()) -> str:
    case, gender = _span_case(words, lang, hints)
    out = []
    for word in words:
        out.append(_nominative_name(word, lang, case, gender) if case else word)
    return " ".join(out)


def _span_case(words: list[str], lang: str, hints: set[str]) -> tuple[str | None, str | None]:
    """Case and gender shared by the words of a name, judged by their singular name readings (never
    the vocative a news text does not use, which the Ukrainian dictionary guesses for any unknown word
    in -о: "Алессандро", "Інфо").

    `hints` are the cases a tagger saw in context: "Александра Ходжаева" is a man in the genitive
    after "по словам", a woman in the nominative elsewhere.
    """
    readings = []
    for word in words:
        if word[:1].isalpha() and not word.endswith("."):
            found = [p for p in name_parses(word, lang) if not {"Fixd", "plur", "voct"} & p.tag.grammemes]
            if found:
                readings.append(found)
    candidates: set[str] | None = None
    for found in readings:
        cases = {CASE_OF.get(p.tag.case, p.tag.case) for p in found if p.tag.case}
        candidates = cases if candidates is None else (candidates & cases or candidates)
    if not candidates:
        # no word is a known name: the surname's noun reading, else another word's (a given name
        # that is also a place, before a foreign surname that does not decline)
        guessed = [_guessed_case(word, lang) for word in reversed(words) if word[:1].isalpha()]
        return next((case for case in guessed if case != "nomn"), "nomn"), None
    if hints == {"nomn"}:
        # the tagger saw a subject: "Асия Биби уехала", "Камала Харрис" stay as written, though
        # the dictionary reads "Асия", "Камала" as genitives of men's names
        return "nomn", None
    if len(hints) == 1 and hints <= candidates:
        candidates = set(hints)
    if "nomn" in candidates:
        return "nomn", None
    case = next((c for c in CASE_PREFERENCE if c in candidates), None)
    genders = {p.tag.gender for found in readings for p in found if CASE_OF.get(p.tag.case, p.tag.case) == case} - {None}
    return case, ("masc" if "masc" in genders or not genders else min(genders))


def _guessed_case(surname: str, lang: str) -> str | None:
    """The case of a surname the dictionary does not know as one ("Цзиньпином"): its noun reading."""
    cases = [
        CASE_OF.get(p.tag.case, p.tag.case)
        for p in parses(surname, lang)
        if p.tag.POS == "NOUN" and p.tag.case and not {"Fixd", "plur"} & p.tag.grammemes  # "Сомов" is no plural of "сом"
    ]
    return "nomn" if {"nomn", "voct"} & set(cases) or not cases else cases[0]  # a vocative reading: a guess, as written


def _nominative_name(word: str, lang: str, case: str, gender: str | None) -> str:
    if case == "nomn" or (len(word) <= 2 and word.endswith(".")) or _foreign_indeclinable(word, lang):
        return word
    readings = [p for p in name_parses(word, lang) if CASE_OF.get(p.tag.case, p.tag.case) == case]
    if gender:
        readings = [p for p in readings if p.tag.gender in (gender, None)] or readings
    for parse in readings:
        if "Fixd" in parse.tag.grammemes:
            return word
        form = nominative(parse, "sing", parse.tag.gender)
        if form is not None:
            return restore_case(form.word, word)
    guess = _surname_by_ending(word, lang, case) or _foreign_surname(word, lang, case, gender)
    if guess:
        return guess
    for parse in parses(word, lang):
        if parse.tag.POS == "NOUN" and CASE_OF.get(parse.tag.case, parse.tag.case) == case:
            form = nominative(parse)
            if form is not None:
                return restore_case(form.word, word)
    return word


def _foreign_indeclinable(word: str, lang: str) -> bool:
    """"Берни", "Пелоси", "Барклі", "Макві": a name the dictionary does not know, ending in a vowel
    that ends no likely case of an unknown name (ru -и after a consonant other than г к х ж ш щ ч,
    uk -і), is a foreign name that does not decline; the guesser would make "Берня", "Баркля" of it."""
    lower = word.lower()
    if is_known(word, lang) or len(lower) < 4:
        return False
    if lang == "ru":  # after г к х ж ш щ ч, -и is the genitive of -а: "Римши" of "Римша"
        return lower.endswith("и") and lower[-2] not in VOWELS and lower[-2] not in "гкхжшщч"
    return lang == "uk" and lower.endswith("і")


def _surname_by_ending(word: str, lang: str, case: str) -> str | None:
    lower = word.lower()
    for ending, nominative in SURNAME_ENDINGS.get(lang, {}).get(case, []):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return restore_case(lower[: -len(ending)] + nominative, word)
    return None


def _foreign_surname(word: str, lang: str, case: str, gender: str | None) -> str | None:
    """A man's surname the dictionary does not know, with a plain case ending: "Рааба" → "Рааб",
    "Скрипаля" → "Скрипаль", "Уолцем" → "Уолц" (the given name before it shows the case)."""
    if gender == "femn" or is_known(word, lang):
        return None
    lower = word.lower()
    for ending, replacement in FOREIGN_SURNAME_ENDINGS.get(lang, {}).get(case, ()):
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and stem[-1] not in VOWELS:
            if stem[-1] in HUSHING:
                replacement = ""  # "Курцем" → "Курц", not "Курць"
            return restore_case(stem + replacement, word)
    return None


def _phrase_name(words: list[str], lang: str) -> str:
    head = _head_index(words, lang)
    if head is None:
        return " ".join(words)
    case, number = _phrase_case(words[: head + 1], lang)
    gender = None if words[head].isupper() else next(
        (p.tag.gender for p in parses(words[head], lang) if p.tag.POS == "NOUN" and p.tag.gender), None)
    substantive = not _is_noun(words[head], lang)  # the head is an adjective standing for a noun
    out = []
    for i, word in enumerate(words):
        if i <= head and case not in (None, "nomn") and word[:1].isalpha() and not word.isupper():
            out.append(_inflect_word(word, lang, case, number, gender, noun=(i == head and not substantive)))
        else:
            out.append(word)
    return " ".join(out)


def _phrase_case(words: list[str], lang: str) -> tuple[str | None, str]:
    """(case, number) the adjectives and their noun (the last word) agree on: "Української правди" →
    genitive singular. Among several, the noun's likelier reading: "у Координаційному штабі" is the
    locative of "штаб", not the dative of "штаба"."""
    per_word = [
        [(CASE_OF.get(p.tag.case, p.tag.case), p.tag.number or "sing")
         for p in parses(word, lang) if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case and p.tag.case != "voct"]
        for word in words
    ]
    shared: set[tuple[str, str]] | None = None
    for readings in per_word:
        shared = set(readings) if shared is None else (shared & set(readings) or shared)
    if not shared:
        return None, "sing"
    noun = per_word[-1]  # in the order of likelihood
    return min(shared, key=lambda reading: (reading[1] != "sing", reading[0] != "nomn",
                                            noun.index(reading) if reading in noun else len(noun), reading))


def _head_index(words: list[str], lang: str) -> int | None:
    """The first noun after the leading adjectives ("Української" may be a surname too)."""
    for i, word in enumerate(words):
        if i > 0 and len(word) > 1 and word.isupper():
            return i  # an abbreviation after its adjectives: "Житомирській ОВА"
        adjective = any(p.tag.POS in ("ADJF", "PRTF") for p in parses(word, lang))
        noun = _is_noun(word, lang)
        if noun and not (adjective and i + 1 < len(words) and _is_noun(words[i + 1], lang)):
            return i
        if not adjective:
            return None
        if i + 1 == len(words) or not any(p.tag.POS in ("ADJF", "PRTF") for p in parses(words[i + 1], lang)) and not _is_noun(words[i + 1], lang):
            return i  # an adjective standing for a noun: "уполномоченного по правам человека"
    return None


def _is_noun(word: str, lang: str) -> bool:
    """A noun reading in some case; not a preposition or conjunction ("по" is also a river)."""
    found = parses(word, lang)
    return any(p.tag.POS == "NOUN" and p.tag.case for p in found) and not any(p.tag.POS in FUNCTION_WORDS for p in found)


def _inflect_word(word: str, lang: str, case: str | None, number: str, gender: str | None, noun: bool) -> str:
    wanted_pos = ("NOUN",) if noun else ("ADJF", "PRTF")
    readings = parses(word, lang)
    if not noun and gender is None:  # no noun to agree with: a person ("уполномоченного" → "уполномоченный"), not "уполномоченное"
        readings = sorted(readings, key=lambda p: p.tag.gender == "neut")
    for parse in readings:
        if parse.tag.POS not in wanted_pos or not parse.tag.case:
            continue
        if case and CASE_OF.get(parse.tag.case, parse.tag.case) != case or (parse.tag.number or "sing") != number:
            continue
        form = nominative(parse, number, None if noun else gender)
        if form is not None:
            return restore_case(form.word, word)
    return word


def nominative(parse, number: str = "sing", gender: str | None = None):
    """The nominative of a reading in the given number (and gender, for adjectives).

    uk tags carry no "sing" grammeme, so `inflect({"nomn", "sing"})` fails there and a bare
    `inflect({"nomn"})` may pick the plural: check the result, fall back to the whole lexeme (where
    the uk dictionary form may carry no case at all: "лист" is tagged "NOUN,inan masc").
    """
    def fits(form) -> bool:
        return (
            form is not None
            and (form.tag.case == "nomn" or form.tag.case is None and form.word == parse.normal_form)
            and (form.tag.number or "sing") == number
            and (number == "plur" or gender is None or form.tag.gender in (gender, None))
        )

    for form in (parse.inflect({"nomn", number}), parse.inflect({"nomn"})):
        if fits(form):
            return form
    return next((form for form in parse.lexeme if fits(form)), None)
