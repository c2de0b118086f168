"""Attribution cue lexicons (data/cues/{lang}.tsv), and matching them against tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from claimex.datafiles import rows
from claimex.doc import Token

CASES = {"nom": "Nom", "gen": "Gen", "dat": "Dat", "acc": "Acc", "ins": "Ins", "loc": "Loc"}


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    case: str = ""  # UD case the source noun after the phrase takes ("Gen" after "по данным")


@dataclass
class Lexicon:
    lang: str
    speech: set[str] = field(default_factory=set)  # verb lemmas; multi-word ones as phrases below
    speech_phrases: list[Phrase] = field(default_factory=list)
    according: list[Phrase] = field(default_factory=list)
    according_pronoun: list[Phrase] = field(default_factory=list)
    as_speech: set[str] = field(default_factory=set)
    impersonal: list[Phrase] = field(default_factory=list)
    this_ref: list[Phrase] = field(default_factory=list)
    hedge: list[Phrase] = field(default_factory=list)
    denial: list[Phrase] = field(default_factory=list)
    refusal: list[Phrase] = field(default_factory=list)
    outlet_ref: set[str] = field(default_factory=set)
    voice_of: set[str] = field(default_factory=set)
    person_role: set[str] = field(default_factory=set)
    consulted_role: set[str] = field(default_factory=set)  # "эксперт", "фахівець": someone asked for comment
    spokesperson: set[str] = field(default_factory=set)  # "речник": speaks for the body named after it
    institution: set[str] = field(default_factory=set)
    any_body: set[str] = field(default_factory=set)  # "ведомство": refers back to whichever organisation was named last
    done_first: set[str] = field(default_factory=set)  # "поспешил назвать": the act of the infinitive after it took place
    speech_act: set[str] = field(default_factory=set)  # verbs whose statement is their object: "призвал жителей экономить"
    speech_adjective: set[str] = field(default_factory=set)  # "уверены, что…", ", переконані польські ЗМІ"
    occasion: set[str] = field(default_factory=set)  # "отметили годовщину": a speech act's object that makes it no statement
    quoting: set[str] = field(default_factory=set)  # "цитирует": its object is who is quoted, its subject relays
    informant: set[str] = field(default_factory=set)  # "источник": unnamed, known by where it sits ("источники в Кремле")
    not_source: set[str] = field(default_factory=set)  # "according to plan": conformity, no source cited
    aside: list[Phrase] = field(default_factory=list)  # parentheticals between subject and verb: "своєю чергою"
    unnamed_report: list[Phrase] = field(default_factory=list)  # "як повідомлялося": reported, by nobody named
    denial_answer: set[str] = field(default_factory=set)  # a quotation that is only this denies: «Нет», — сказал
    source_line: list[Phrase] = field(default_factory=list)  # "Джерело:" opening a line that names the source
    quote_line: list[Phrase] = field(default_factory=list)  # "Пряма мова:" opening a line of that source's words


@cache
def lexicon(lang: str) -> Lexicon:
    """The cue lexicon of a language; Ukrainian and Russian ship with claimex."""
    lex = Lexicon(lang)
    for kind, pattern, *rest in rows(f"cues/{lang}.tsv"):
        phrase = Phrase(tuple(norm(word) for word in pattern.split()), CASES.get(rest[0], "") if rest else "")
        if kind == "speech" and len(phrase.words) > 1:
            lex.speech_phrases.append(phrase)
        elif kind in ("speech", "as_speech", "outlet_ref", "voice_of", "person_role", "consulted_role", "spokesperson", "institution", "any_body", "done_first", "speech_act", "speech_adjective", "occasion", "quoting", "informant", "not_source", "denial_answer"):
            getattr(lex, kind).add(pattern.lower())
        else:
            getattr(lex, kind).append(phrase)
    # longest phrases first, so "по неподтверждённым данным" wins over a shorter overlap
    for name in ("speech_phrases", "according", "according_pronoun", "impersonal", "this_ref", "hedge", "denial", "refusal", "aside", "unnamed_report", "source_line", "quote_line"):
        getattr(lex, name).sort(key=lambda p: -len(p.words))
    return lex


@lru_cache(maxsize=1 << 16)
def norm(word: str) -> str:
    """Lower case, "е" for "ё", one apostrophe: how lexicon words and tokens are compared."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _spellings(tokens: list[Token], by_lemma: bool) -> list[tuple[str, ...]]:
    """What each token may match: its surface form, and with `by_lemma` its lemma too."""
    return [(norm(t.text), norm(t.lemma)) if by_lemma else (norm(t.text),) for t in tokens]


def _length_at(spellings: list[tuple[str, ...]], i: int, phrase: Phrase) -> int:
    if i + len(phrase.words) > len(spellings):
        return 0
    if all(word in spellings[i + k] for k, word in enumerate(phrase.words)):
        return len(phrase.words)
    return 0


def phrase_at(tokens: list[Token], i: int, phrase: Phrase, by_lemma: bool = False) -> int:
    """Number of tokens the phrase covers when it starts at tokens[i] (0: no match).

    Surface forms match exactly; with `by_lemma` each word may also match a token's lemma, which
    lets "отказаться комментировать" match "отказались комментировать".
    """
    return _length_at(_spellings(tokens[i : i + len(phrase.words)], by_lemma), 0, phrase)


def find_phrases(tokens: list[Token], phrases: list[Phrase], by_lemma: bool = False) -> list[tuple[int, int, Phrase]]:
    """Non-overlapping (start, end, phrase) matches, longest phrase first at each position (the
    order of `phrases`). Tokens are normalised once, and at each position only the phrases that
    begin with one of its spellings are tried."""
    spellings = _spellings(tokens, by_lemma)
    starting = _by_first_word(tuple(phrases))
    found = []
    i = 0
    while i < len(tokens):
        candidates = sorted({k for spelling in spellings[i] for k in starting.get(spelling, ())})
        for k in candidates:
            length = _length_at(spellings, i, phrases[k])
            if length:
                found.append((i, i + length, phrases[k]))
                i += length
                break
        else:
            i += 1
    return found


def longest_at(tokens: list[Token], i: int, phrases: list[Phrase], by_lemma: bool = False) -> int:
    """Tokens covered by the longest of `phrases` starting at tokens[i] (0: none); only the phrases
    that begin with its spelling are tried."""
    spellings = _spellings(tokens[i : i + 1], by_lemma)[0]
    starting = _by_first_word(tuple(phrases))
    for k in sorted({k for spelling in spellings for k in starting.get(spelling, ())}):
        length = phrase_at(tokens, i, phrases[k], by_lemma)
        if length:
            return length
    return 0


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[Phrase, ...]) -> dict[str, list[int]]:
    """First word -> positions in `phrases` of the phrases that begin with it."""
    index: dict[str, list[int]] = {}
    for k, phrase in enumerate(phrases):
        index.setdefault(phrase.words[0], []).append(k)
    return index
