"""Places and organisations from a hand-written list (data/gazetteer.tsv), matched by lemma.

The uk dictionary has no place or organisation tags, so these come from the list.  Every word of
a form is compared through the set of lemmas it may have, so one nominative form finds every
inflection ("Сполучені Штати" → "Сполученими Штатами").  Entries share an id across languages
and aliases (США / Сполучені Штати / Соединённые Штаты → "US"), the key for cross-lingual merging.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claimex.datafiles import rows
from claimex.nlp import morph
from claimex.nlp.segment import tokenize

SECTION = "# --- "
OUTLETS = "news outlets"
INTERNATIONAL = "international bodies"
COMMON_WORD = "*"  # the form is also a common word: not at sentence start
NEEDS_CONTEXT = "@"  # the form is also a surname: only in quotes or after an organisation noun

# Nouns that introduce an organisation's name ("завод Калашникова", "авіакомпанія «X»").
ORGANISATION_NOUNS = frozenset(
    """завод концерн компанія компания корпорація корпорация держкорпорація госкорпорация
    авіакомпанія авиакомпания агентство агенція видання издание газета журнал телеканал
    радіостанція радиостанция банк фонд партія партия організація организация асоціація
    ассоциация холдинг група группа підприємство предприятие фірма фирма концерну
    виробник производитель оператор клуб команда сервіс сервис платформа""".split()
)
# Nouns that make a quoted name after them something other than an organisation: an operation, an
# event, a work, a product or weapon, a site's section or label ("операція «Павутина»", "фильм
# «Брат»", "ЗРК «Патриот»", "в разделе «Наука»").
NOT_ORGANISATION_NOUNS = frozenset(
    """розділ раздел рубрика пометка позначка плашка тег хештег категорія категория колонка
    операція операция спецоперація спецоперация навчання учения маневри маневры кампанія кампания
    акція акция конкурс фестиваль премія премия форум саміт саммит турнір турнир чемпіонат чемпионат
    фільм фильм серіал сериал книга роман пісня песня альбом вистава спектакль шоу програма программа
    проєкт проект план закон законопроєкт законопроект указ вакцина препарат система комплекс ракета
    дрон безпілотник беспилотник танк літак самолет корабель корабль судно крейсер субмарина""".split()
)
# Nouns that head an organisation's name after capitalised adjectives ("Демократична партія",
# "Європейського суду", "Оксфордський університет"), in their dictionary forms.
ORGANISATION_HEADS = frozenset(
    """партія партия союз рада совет суд університет университет комісія комиссия комітет комитет
    служба агентство банк фонд асоціація ассоциация альянс організація организация парламент
    конгрес конгресс палата міністерство министерство департамент інститут институт академія
    академия церква церковь бюро управління управление федерація федерация рух движение ліга лига
    фронт коаліція коалиция трибунал прокуратура поліція полиция гвардія гвардия сейм дума
    бундестаг кнесет""".split()
)
# Nouns that head a unit of a larger organisation, named with its parent in the genitive: "Комитет
# Сената", "Института Дальнего Востока РАН", "Національного комітету Демократичної партії".
SUBUNIT_HEADS = frozenset(
    """комитет комітет комиссия комісія служба совет рада институт інститут центр отдел відділ
    департамент управление управління фракция фракція группа група лаборатория лабораторія
    факультет кафедра библиотека бібліотека бюро отделение відділення филиал філія секретариат
    секретаріат штаб""".split()
)
# Institutions named after a person ("госпиталь имени Бурденко", "лікарня імені Мечникова"), besides
# the organisation heads and units above.
INSTITUTION_NOUNS = frozenset(
    """больница лікарня госпиталь шпиталь клиника клініка школа гимназия гімназія лицей ліцей музей
    театр библиотека бібліотека университет університет институт інститут академия академія центр
    фонд завод комбинат комбінат""".split()
)
NAMED_AFTER = frozenset(["имени", "им.", "імені", "ім."])
# A state's form written before its name, one place with it: "Республика Казахстан", "Королівство
# Нідерландів".
STATE_FORMS = frozenset(
    """республика республіка королевство королівство княжество князівство федерация федерація
    эмират емірат""".split()
)
# Nouns that introduce a place's name ("штат Арагуа", "місто Н").
PLACE_NOUNS = frozenset(
    """місто город штат регіон регион область провінція провинция село селище поселок посёлок
    округ район острів остров столиця столица порт містечко деревня країна страна""".split()
)
OPENING_QUOTES = frozenset("«„“\"'")
CLOSING_QUOTES = frozenset("»“”\"'")


@dataclass(frozen=True)
class Entry:
    id: str
    label: str  # LOC or ORG
    lang: str  # uk, ru or "*"
    form: str  # the form as listed, nominative
    display: str  # the entry's first form in this language
    words: tuple[str, ...]
    flag: str = ""
    section: str = ""  # the "# --- section ---" of the list it comes from, e.g. "news outlets"


@dataclass(frozen=True)
class Match:
    first: int  # token indices: words[first:last]
    last: int
    entry: Entry


class Gazetteer:
    def __init__(self, lang: str, entries: list[Entry]):
        self.lang = lang
        self.entries = entries
        self.index: dict[str, list[Entry]] = {}
        self.named: dict[str, Entry | None] = {}  # lookup's answers: merging asks for each mention of a name again
        for entry in entries:
            for key in morph.keys(entry.words[0], lang):
                self.index.setdefault(key, []).append(entry)

    def find(self, words: list[str], sentence_starts: set[int] | frozenset = frozenset()) -> list[Match]:
        """Non-overlapping matches, longest first, left to right."""
        matches = []
        i = 0
        while i < len(words):
            match = self._longest_at(words, i, sentence_starts)
            if match:
                matches.append(match)
                i = match.last
            else:
                i += 1
        return matches

    def _longest_at(self, words: list[str], i: int, sentence_starts) -> Match | None:
        best = None
        for key in morph.keys(words[i], self.lang):
            for entry in self.index.get(key, ()):
                last = i + len(entry.words)
                if best and last <= best.last or last > len(words):
                    continue
                if self._fits(entry, words, i, sentence_starts):
                    best = Match(i, last, entry)
        return best

    def _fits(self, entry: Entry, words: list[str], i: int, sentence_starts) -> bool:
        for offset, form_word in enumerate(entry.words):
            word = words[i + offset]
            if form_word[:1].isupper() and not word[:1].isupper():
                return False
            if offset and not morph.keys(form_word, self.lang) & morph.keys(word, self.lang):
                return False
        if entry.flag == COMMON_WORD and i in sentence_starts:
            return False
        if entry.flag == NEEDS_CONTEXT:
            return quoted(words, i, i + len(entry.words)) or after_noun(words, i, ORGANISATION_NOUNS, self.lang)
        return True

    def lookup(self, text: str) -> Entry | None:
        """The entry the whole text names, in any inflection: "Сполученими Штатами" → US.

        An organisation followed by its country is an entry of its own, keyed by both ids, so
        "МЗС Великої Британії" and "МИД Великобритании" are one entity and "МИД России" another.
        """
        if text not in self.named:
            self.named[text] = self._lookup(text)
        return self.named[text]

    def _lookup(self, text: str) -> Entry | None:
        words = [t.text for t in tokenize(text)]
        if not words:
            return None
        if len(words) > 1 and morph.keys(words[0], self.lang) & STATE_FORMS:
            entry = self.lookup(text[text.index(words[1]) :])  # "Республика Казахстан" is Kazakhstan
            if entry is not None and entry.label == "LOC":
                return entry
        match = self._longest_at(words, 0, frozenset())
        if match is None or match.last == len(words):
            return match.entry if match else None
        owner = self._longest_at(words, match.last, frozenset())
        if match.entry.label != "ORG" or owner is None or owner.last != len(words) or owner.entry.label != "LOC":
            return None
        org = match.entry
        return Entry(f"{org.id}/{owner.entry.id}", "ORG", org.lang, text, text, tuple(words), section=org.section)


def quoted(words: list[str], first: int, last: int) -> bool:
    return first > 0 and last < len(words) and words[first - 1] in OPENING_QUOTES and words[last] in CLOSING_QUOTES


def after_noun(words: list[str], first: int, nouns: frozenset[str], lang: str, reach: int = 2) -> bool:
    """One of `nouns` stands at most `reach` words before, with only lowercase words between."""
    for j in range(first - 1, max(first - 1 - reach, -1), -1):
        if morph.keys(words[j], lang) & nouns:
            return True
        if not words[j][:1].islower():
            return False
    return False


def _parse_line(line: str) -> tuple[str, str, str, list[str]] | None:
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    label, entity_id, lang, forms = line.split("\t")
    return label, entity_id, lang, [f.strip() for f in forms.split("|") if f.strip()]


@lru_cache(maxsize=None)
def _all_entries() -> tuple[Entry, ...]:
    entries = []
    text = (resources.files("claimex") / "data" / "gazetteer.tsv").read_text(encoding="utf-8")
    section = ""
    for line in text.splitlines():
        if line.startswith(SECTION):
            section = line[len(SECTION) :].strip(" -")
        parsed = _parse_line(line)
        if parsed is None:
            continue
        label, entity_id, lang, forms = parsed
        display = forms[0].rstrip(COMMON_WORD + NEEDS_CONTEXT)
        for form in forms:
            flag = form[-1] if form[-1] in (COMMON_WORD, NEEDS_CONTEXT) else ""
            form = form.rstrip(COMMON_WORD + NEEDS_CONTEXT)
            words = tuple(t.text for t in tokenize(form))
            entries.append(Entry(entity_id, label, lang, form, display, words, flag, section))
    return tuple(entries)


@lru_cache(maxsize=None)
def gazetteer(lang: str) -> Gazetteer:
    """The entries for one language plus the language-neutral ones, loaded once."""
    return Gazetteer(lang, [e for e in _all_entries() if e.lang in (lang, "*")])


def lookup(text: str, lang: str) -> Entry | None:
    return gazetteer(lang).lookup(text)


def is_outlet(text: str, lang: str) -> bool:
    entry = lookup(text, lang)
    return entry is not None and entry.section == OUTLETS


def belongs_to_no_country(text: str, lang: str) -> bool:
    """An international body or a news outlet: "ЄС Австрії" is no EU of Austria, "BBC Україна" no
    BBC of Ukraine."""
    entry = lookup(text, lang)
    return entry is not None and entry.section in (INTERNATIONAL, OUTLETS)


def canonical(text: str, lang: str) -> str | None:
    """Cross-lingual id of a name: canonical("Соединённых Штатов", "ru") == canonical("США", "uk")."""
    entry = lookup(text, lang)
    return entry.id if entry else None


@lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    return dict(rows("seats.tsv"))


def state_of(entry_id: str) -> str:
    """The country a capital or seat of government stands for in news ("moscow", "kremlin" → "RU");
    any other id is returned as it is."""
    return _seats().get(entry_id, entry_id)
