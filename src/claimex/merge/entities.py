"""One entity for all inflected, partial and cross-language forms of a name.

Mentions are keyed by the gazetteer's canonical id when the gazetteer knows them (США /
Сполучені Штати / Соединённые Штаты), else by their nominative form in the shared uk/ru spelling.
A surname alone joins the person with that surname seen before; a close spelling (rapidfuzz
ratio) joins too, which absorbs transliteration differences and lemmatiser misses.
Ids are given in order of first appearance, so they are stable for the same input order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from claimex.nlp.gazetteer import canonical, state_of
from claimex.text.names import NAME_PARTICLES, same_surname, surname_key, surname_keys
from claimex.text.spelling import shared_key

SIMILAR_NAME = 88  # rapidfuzz ratio of two keys of the same label that name one entity


@dataclass
class EntityRecord:
    id: str
    label: str
    key: str
    forms: Counter = field(default_factory=Counter)  # (language, nominative form) -> count
    variants: set[str] = field(default_factory=set)  # surface forms as written
    articles: dict[str, None] = field(default_factory=dict)  # article ids in order of first mention
    known: bool = False  # key is a gazetteer id

    @property
    def claim_key(self) -> str:
        """What claim matching compares: a capital or seat counts as its country ("Москва
        затвердила" = "в РФ ратифицировали"), other entities by their id."""
        return f"G:{state_of(self.key)}" if self.known else self.id

    @property
    def name(self) -> str:
        """The most frequent nominative form; among equals the longest (full name over surname)."""
        return self.name_in(None)

    def name_in(self, lang: str | None) -> str:
        """The name as a text in `lang` writes it ("Андрій Сомов" in Ukrainian, "Андрей Сомов" in
        Russian), from that language's forms when it has any."""
        counts: Counter = Counter()
        for (form_lang, form), count in self.forms.items():
            if form_lang == lang:
                counts[form] += count
        if not counts:  # no form in that language: every form counts
            for (_, form), count in self.forms.items():
                counts[form] += count
        return max(counts.items(), key=lambda item: (len(item[0].split()) > 1, item[1], len(item[0]), item[0]))[0]


class EntityRegistry:
    """Records are found by exact key, else by an index of surnames and a batch comparison of keys
    of the same label, so that adding a name costs no Python loop over every entity seen."""

    def __init__(self) -> None:
        self.records: list[EntityRecord] = []
        self._by_key: dict[tuple[str, str], EntityRecord] = {}
        self._keys: dict[str, list[str]] = {}  # label -> the keys of its records, in order
        self._key_records: dict[str, list[EntityRecord]] = {}  # label -> the records of those keys
        self._by_surname: dict[str, list[EntityRecord]] = {}  # surname_key of a person's last key word -> its records

    def add(self, text: str, normal: str, label: str, lang: str | None, article: str,
            shortens: EntityRecord | None = None, same_as: EntityRecord | None = None) -> EntityRecord:
        """`shortens`: the record of the name an abbreviation was defined for in the article; it
        becomes the abbreviation's record unless the abbreviation has one of its own already.
        `same_as`: the record of the person a given name alone stands for in this article only."""
        if shortens is not None:
            self._by_key.setdefault((label, canonical(normal, lang) or shared_key(normal, lang)), shortens)
        record = same_as or self._find(normal, label, lang)
        record.forms[(lang, normal)] += 1
        record.variants.add(text)
        record.articles[article] = None
        return record

    def _find(self, normal: str, label: str, lang: str | None) -> EntityRecord:
        known = canonical(normal, lang)
        key = known or shared_key(normal, lang)
        if (label, key) in self._by_key:
            return self._by_key[(label, key)]
        record = None if known else self._similar(key, label)
        if record is None:
            record = EntityRecord(f"E{len(self.records) + 1}", label, key, known=known is not None)
            self.records.append(record)
            self._index(record)
        self._by_key[(label, key)] = record
        return record

    def _index(self, record: EntityRecord) -> None:
        self._keys.setdefault(record.label, []).append(record.key)
        self._key_records.setdefault(record.label, []).append(record)
        if record.label == "PER":
            self._by_surname.setdefault(surname_key(_name_words(record.key)[-1]), []).append(record)

    def _similar(self, key: str, label: str) -> EntityRecord | None:
        """The first record of `label` that is the same person by surname ("Мадуро" and "Ніколас
        Мадуро"; "Володимир Путін" and "Владимир Путин") or whose key is spelled closely. A surname
        alone stands for the person of that surname named in the most articles so far: "Джонсон"
        in news is Boris Johnson more often than Ron Johnson, whichever came first."""
        words = _name_words(key)
        named = _without_particles(words)
        found = []
        if label == "PER":
            for surname in surname_keys(words[-1]):
                for record in self._by_surname.get(surname, []):
                    other = _without_particles(_name_words(record.key))
                    if same_surname(words[-1], other[-1]) and (len(named) == 1 or _given_name_fits(named[0], record, other)):
                        found.append(record)
        records = self._key_records.get(label, [])
        found += [records[k] for other, _, k in process.extract(key, self._keys.get(label, []), scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME, limit=None)
                  if spelled_alike(key, other, label)]
        if label == "PER" and len(named) == 1:
            return min(found, key=lambda record: (-len(record.articles), int(record.id[1:])), default=None)
        return min(found, key=lambda record: int(record.id[1:]), default=None)


NUMBER = re.compile(r"^\d+\W*$")  # "поликлиника № 24"
REGNAL_NUMBER = re.compile(r"^(?:\d+|[ivx]+)$")  # "Александр II"


def spelled_alike(key: str, other: str, label: str) -> bool:
    """Whether two keys whose rapidfuzz ratio is at least SIMILAR_NAME may still name one entity: never
    with different numbers ("Александр I", "Александр II"), and for places and organisations, a word
    that differs from the word in its place keeps its first two letters ("Омская область" is not
    "Томская область"): inflection, transliteration and typos change a word's ending, rarely its
    start; person names have their own rules above."""
    words, others = _name_words(key), _name_words(other)
    numerals = REGNAL_NUMBER if label == "PER" else NUMBER
    if {w for w in words if numerals.match(w)} != {w for w in others if numerals.match(w)}:
        return False
    if label == "PER" or len(words) != len(others):
        return True
    return all(a == b or a[:2] == b[:2] for a, b in zip(words, others))


# after a name (and its closing quote) the bracket, with any Latin spelling no entity was found for: "» (Aid to the Church in Need, "
BRACKETED = re.compile(r"[»”\"]?\s*\(\s*(?:[A-Za-z][\w\s.&'’-]*,\s*)?")
LISTED = re.compile(r"\s*,\s*")  # the next name in the same bracket
LATIN = re.compile(r"[A-Za-z]")
ABBREVIATION = re.compile(r"([A-ZА-ЯЁІЇЄҐ]{2,})[a-zа-яёіїєґ]{0,3}")  # "НАБУ", "МИДа", "ВОЗом"
INITIALS_SKIP = {"з", "із", "зі", "по", "в", "у", "во", "і", "й", "та", "и", "с", "со", "на", "для", "of", "and", "for"}
MIN_INITIALS = 3  # "ЄС", "РФ": two letters spell too many names


def defined_abbreviations(text: str, mentions: list) -> dict[int, int]:
    """Abbreviations and spellings an article defines: in brackets right after a name,
    "Національне антикорупційне бюро (НАБУ)", "«Допомога Церкві в нужді» (Aid to the Church in
    Need, ACN)", "Алессандро Монтедуро (Alessandro Monteduro)"; or by a name whose initials spell
    them anywhere in the article ("Національного антикорупційного бюро України" … "НАБУ",
    "Житомирська обласна військова адміністрація" … "Житомирській ОВА"). The index of each such
    mention, and of every later mention spelled the same, mapped to the index of the earlier
    mention it names."""
    defined: dict[str, int] = {}
    found: dict[int, int] = {}
    owner = None  # the name whose bracket the mention stands in
    for k, mention in enumerate(mentions):
        if k > 0 and BRACKETED.fullmatch(text, mentions[k - 1].end, mention.start):
            owner = k - 1
        elif owner is not None and not LISTED.fullmatch(text, mentions[k - 1].end, mention.start):
            owner = None
        if mention.text in defined and mentions[defined[mention.text]].label == mention.label:
            found[k] = defined[mention.text]
        elif owner is not None and _spells(mentions[owner], mention, text[mention.end : mention.end + 1]):
            defined[mention.text] = found[k] = owner
    spelled: dict[tuple[str, str], tuple[int, bool]] = {}  # (label, initials) -> first mention, whether abbreviated
    for k, mention in enumerate(mentions):
        initials = _initials(mention.text) if mention.label != "PER" and k not in found else None
        if initials is None:
            continue
        letters, abbreviated = initials
        first = spelled.setdefault((mention.label, letters), (k, abbreviated))
        if first[1] != abbreviated:  # one spelled out, the other abbreviated: the same name
            found[k] = first[0]
    return found


def names_alone(mentions: list) -> dict[int, int]:
    """A person named by one word of the full name, where no one else in the article has that word
    there: the given name alone after the full name ("Хиллари", "Бориса"), or the surname alone
    anywhere in the article ("According to Umerov" before "Rustem Umerov"). The index of each such
    mention mapped to the index of the first full name (before it, for a given name)."""
    full_names: dict[tuple[int, str], set[str]] = {}  # (0: given name / -1: surname, word) -> full names
    first_named: dict[tuple[int, str], int] = {}
    for k, mention in enumerate(mentions):
        words = (mention.normal or mention.text).split()
        if mention.label == "PER" and len(words) > 1:
            for key in ((0, words[0]), (-1, words[-1])):
                full_names.setdefault(key, set()).add(" ".join(words))
                first_named.setdefault(key, k)
    found: dict[int, int] = {}
    for k, mention in enumerate(mentions):
        words = (mention.normal or mention.text).split()
        if mention.label != "PER" or len(words) != 1:
            continue
        given, surname = (0, words[0]), (-1, words[0])
        if len(full_names.get(given, ())) == 1 and first_named[given] < k and surname not in full_names:
            found[k] = first_named[given]
        elif len(full_names.get(surname, ())) == 1 and given not in full_names:
            found[k] = first_named[surname]
    return found


def _spells(name, mention, after: str) -> bool:
    """`mention`, in a bracket after `name` and followed by `after`, is another way to write it: an
    abbreviation of a name of several words that closes the bracket ("(НАБУ)", not "(ЄС, США)"), or
    its Latin spelling after a name in Cyrillic."""
    if name.label != mention.label:
        return False
    if mention.text.isupper() and len(mention.text) > 1:
        return after == ")" and len(name.text.split()) > 1
    return after in (")", ",") and bool(LATIN.match(mention.text)) and not LATIN.search(name.text)


def _initials(name: str) -> tuple[str, bool] | None:
    """The capital letters a name is abbreviated by, and whether it is written abbreviated: "НАБУ"
    and "Національне антикорупційне бюро України" both give НАБУ. None for a single plain word."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in INITIALS_SKIP]
    letters, abbreviated = [], False
    for word in words:
        capitals = ABBREVIATION.fullmatch(word)
        if capitals:
            letters.append(capitals.group(1))
            abbreviated = True
        else:
            letters.append(word[0].upper())
    spelled = "".join(letters)
    if len(spelled) < MIN_INITIALS or not abbreviated and len(words) < 2:
        return None
    return spelled, abbreviated


GIVEN_NAME_PARTICLES = frozenset("бен бін бин аль ель эль да ван".split())  # "Бен", "Аль", "Ван" (a surname first in Chinese order)
# Particles that are no given names too: "Бена Стайна" is Ben Stein, not a Stein alone
PARTICLE_KEYS = frozenset(shared_key(particle, lang) for particle in NAME_PARTICLES - GIVEN_NAME_PARTICLES for lang in ("uk", "ru"))


def _without_particles(words: list[str]) -> list[str]:
    """A name's words without its particles: "фон дер Ляйен" is a surname alone."""
    return [word for word in words[:-1] if word not in PARTICLE_KEYS] + words[-1:]


VOWELS = "aeiou"
SKELETON = re.compile(r"[aeiouyj]")  # what Ukrainian and Russian forms of one given name differ in
SIMILAR_GIVEN_NAME = 75  # rapidfuzz ratio of two spellings of one foreign given name ("Сакиб", "Сахиб")


def _same_given_name(first: str, second: str) -> bool:
    """Whether two given-name keys can name one person: an initial and its name ("dzh" in "Дж. Буш",
    "dzhordzh"), a short form ("Джо", "Джозеф"), or the Ukrainian and Russian forms ("Дмитро" and
    "Дмитрий", "Олена" and "Елена"), whose consonants agree; or two spellings of a foreign name
    ("Ратерфорд", "Резерфорд"). "Джеб" and "Джордж", "Рон" and "Ричард" do not."""
    if first[0] != second[0] and not (first[0] in VOWELS and second[0] in VOWELS):
        return False
    consonants, others = SKELETON.sub("", first), SKELETON.sub("", second)
    return consonants.startswith(others) or others.startswith(consonants) or fuzz.ratio(first, second) >= SIMILAR_GIVEN_NAME


def _given_name_fits(given: str, record: EntityRecord, words: list[str]) -> bool:
    """Whether a person of this given name can be `record`, whose key words (particles left out) are
    `words`: by the key's given name, or, for a record keyed by a surname alone, by the given names
    of the full names that joined it ("Хиллари Клинтон" joined "Клинтон": "Билл Клинтон" does not)."""
    if len(words) > 1:
        return _same_given_name(given, words[0])
    givens = [_without_particles(_name_words(shared_key(form, lang)))[0] for lang, form in record.forms if len(form.split()) > 1]
    return not givens or any(_same_given_name(given, other) for other in givens)


def _name_words(key: str) -> list[str]:
    """The words of a name key; an initial written close to the surname is a word of its own ("t.mej")."""
    return [word for word in re.split(r"[\s.]+", key) if word] or [key]
