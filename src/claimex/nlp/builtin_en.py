"""The offline English backend: English articles turn up in uk/ru news stories (agency wires, the
English editions of Ukrainian outlets), and their claims belong in the same rows.

No English tagger or parser installs offline from PyPI, so this one is rules, enough for what
attribution reads: closed-class word lists give the parts of speech that break or open a phrase,
simplemma gives lemmas ("said" → "say"), a capitalised word inside a sentence is a name.  Names
are runs of capitalised words ("Rustem Umierov", "Sky News", "Ministry of Defence"; an acronym before
a full name stands apart: "SBU Vasyl Malyuk"); the gazetteer labels the places and organisations it
knows, a run after a person's title or of two or three title-case words is a person, a run ending in an
organisation word or opening with an acronym is an organisation, a lone surname of a person named in
the article is that person.  No dependency parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from claimex.datafiles import rows
from claimex.doc import Doc, Mention, Token
from claimex.nlp.builtin_uk import LATIN_ORGANISATION_WORDS
from claimex.nlp.gazetteer import gazetteer
from claimex.nlp.segment import segment_article, sentence_starts
from claimex.reader import ArticleText

CLOSED_CLASS = {
    "DET": "the a an this that these those its his her their our my your some several many any each every all no another",
    "PRON": "he she they it i we you him them us me who whom which what himself herself themselves",
    "ADP": """of in on at by for with from to about into over after before during between against under
              without within through across since per via amid among towards toward upon near""",
    "CCONJ": "and or but nor",
    "SCONJ": "that if whether because although though while as when whereas unless",
    "AUX": "is are was were be been being has have had will would shall should can could may might must do does did",
    "PART": "not 's ’s n't",
    "ADV": "also still already later earlier then however meanwhile previously now yet again too very",
}
CLOSED_POS = {word: pos for pos, words in CLOSED_CLASS.items() for word in words.split()}
NOMINATIVE_PRONOUNS = {"he", "she", "they", "i", "we", "it", "who"}
# Words before a name that make it a person's: "Defence Minister Rustem Umierov", "President Trump".
PERSON_TITLES = frozenset(
    """president minister prime secretary spokesman spokeswoman spokesperson chancellor king queen pope
    senator ambassador general commander chief head envoy aide adviser advisor director chairman mr mrs ms dr""".split()
)
ORGANISATION_WORDS = LATIN_ORGANISATION_WORDS | frozenset(
    """ministry office service council committee commission parliament government party army forces
    agency court union alliance bureau department administration""".split()
)
CUE_VERB_KINDS = frozenset(["speech", "speech_act", "denial"])
LOWER_PART = re.compile(r"-[a-z]")
POSSESSIVE_ENDINGS = ("'s", "’s")
NAME_LINKS = frozenset(["of", "for", "the", "and"])  # inside a name: "Ministry of Defence", "Bank for ..."


class EnglishBackend:
    name = "builtin"
    lang = "en"

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        return [self.annotate_one(article) for article in articles]

    def annotate_one(self, article: ArticleText) -> Doc:
        doc = segment_article(article.text, article.paragraphs, self.lang, self.name)
        starts = sentence_starts(doc)
        for i, token in enumerate(doc.tokens):
            token.lemma, token.pos = analyse(token.text, i in starts)
            if token.pos == "VERB":
                token.pos = _verb_or_not(doc.tokens, i)
            if token.pos == "PRON" and token.lemma in NOMINATIVE_PRONOUNS:
                token.feats = {"Case": "Nom"}
            elif token.pos == "VERB" and token.text.lower().endswith("ing"):
                token.feats = {"VerbForm": "Ger"}
        doc.mentions = find_entities(doc, starts)
        return doc


def _verb_or_not(tokens: list[Token], i: int) -> str:
    """After a determiner a verb form is a noun or an adjective: "a humorous note", "the reports",
    "Trump's stated goal"; "The source said" stays a verb."""
    token, before = tokens[i], [t.pos for t in tokens[max(0, i - 2) : i]]
    word = token.text.lower()
    if word in (token.lemma, token.lemma + "s", token.lemma + "es") and before and (before[-1] == "DET" or before == ["DET", "NOUN"]):
        return "NOUN"
    if word.endswith("ed") and before and before[-1] == "DET":
        return "ADJ"
    if word in (token.lemma, token.lemma + "s") and before and before[-1] == "ADP" and tokens[i - 1].text.lower() != "to":
        return "NOUN"  # "heads of state"
    return "VERB"


@lru_cache(maxsize=100_000)
def analyse(word: str, sentence_start: bool) -> tuple[str, str]:
    """(lemma, UD pos) of a word out of context."""
    lower = word.lower()
    if not any(ch.isalnum() for ch in word):
        return word, "PUNCT"
    if lower in CLOSED_POS and not (CLOSED_POS[lower] == "PRON" and word.isupper() and len(word) > 1 and not sentence_start):
        return lower, CLOSED_POS[lower]  # a pronoun in capitals inside a sentence is a name: "the US", "WHO"
    if word[0].isdigit():
        return word, "NUM"
    if _without_possessive(word) != word:
        return _without_possessive(word), "DET"  # "Russia's defence ministry": the ministry speaks
    if word[:1].isupper() and not sentence_start:
        return word, "PROPN"
    lemma = simplemma.lemmatize(lower, lang="en")
    if lemma[:1].isupper() or word[:1].isupper() and not _common_word(lower):
        return word, "PROPN"  # a name opening the sentence: "Vladimir Medinsky confirmed", "Kaja Kallas"
    if lower.endswith("ly") and len(lower) > 4:
        return lemma, "ADV"
    if lemma in _cue_verbs() or lemma != lower and (lower.endswith("ed") or lower in IRREGULAR_PAST):
        return lemma, "VERB"  # "said", "told", "says" (cues), "carried", "made", "took"
    return lemma, "NOUN"


# The past forms of English irregular verbs that the lemmatiser maps to their base (not "left", "felt",
# "thought", which it keeps as nouns): without them "Trump made a statement" has no verb, and the
# subject of "praising…" after it is lost.
IRREGULAR_PAST = frozenset("""
arisen arose ate awoke awoken became began begun bitten bled blew blown borne bought bred broken brought
built burnt came caught chose chosen clung crept dealt did done drank drawn drew driven drove dug dwelt
eaten fallen fed fell fled flew flown forbade forbidden forgave forgiven forgot forgotten fought found
froze frozen gave given gone got gotten grew grown heard held hid hidden hung kept knelt knew known laid
leapt led lent lost made meant met mislaid misled mistaken mistook overcame overheard oversaw overseen
overtaken overthrew overthrown overtook paid ran rang rebuilt rewritten rewrote ridden risen rode sang
sank sat saw seen sent shaken shone showed shown shrank slept slid sold sought sped spent spoke spoken
sprang spun stole stolen stood strode strove struck stuck stung sung sunk swam swept swore sworn swung
taken taught threw thrown told took tore torn understood undertaken undertook upheld went wept withdrawn
withdrew withheld withstood woke woken wore worn written wrote
""".split())


def _common_word(word: str) -> bool:
    return simplemma.is_known(word, lang="en")


@lru_cache(maxsize=None)
def _cue_verbs() -> frozenset[str]:
    """The verbs of the English cue lexicon: without a tagger, "reports" or "claims" is a verb here."""
    return frozenset(pattern for kind, pattern, *_ in rows("cues/en.tsv") if kind in CUE_VERB_KINDS and " " not in pattern)


def _without_possessive(word: str) -> str:
    for ending in POSSESSIVE_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def find_entities(doc: Doc, starts: set[int]) -> list[Mention]:
    """Runs of capitalised words, labelled; a lone word that is the surname of a person named in
    the article is that person ("Tusk" after "Donald Tusk")."""
    runs = []
    places = gazetteer("en")
    for sentence in doc.sentences:
        i = sentence.first
        while i < sentence.last:
            end = _name_end(doc.tokens, i, sentence.last)
            if end == i:
                i += 1
                continue
            if _acronym_before_name(doc.tokens, i, end):
                runs.append((i, i + 1, _label(doc.tokens, i, i + 1, places)))  # "the head of the SBU Vasyl Malyuk"
                i += 1
            first = _after_title(doc.tokens, i, end)
            if first - 1 > i:  # a name before the title is one of its own: "Russia and President Donald Trump"
                before = next(k for k in range(first - 1, i, -1) if doc.tokens[k - 1].text.lower() not in NAME_LINKS)
                runs.append((i, before, _label(doc.tokens, i, before, places)))
            label = "PER" if first > i else _label(doc.tokens, i, end, places)
            if label is None:  # no name as a whole, but "and" may join two: "between Russia and Ukraine"
                runs += [(a, b, _label(doc.tokens, a, b, places)) for a, b in _split_at_and(doc.tokens, first, end)]
                i = end
                continue
            if label == "PER":  # a person's name holds no "of": "President Vladimir Putin of Russia" names Russia apart
                end = next((k for k in range(first + 1, end) if doc.tokens[k].text.lower() in NAME_LINKS), end)
            runs.append((first, end, label))
            i = end
    surnames = {_without_possessive(doc.tokens[end - 1].text) for first, end, label in runs if label == "PER" and end - first > 1}
    covered = {k for first, end, _ in runs for k in range(first, end)}
    runs += [(i, i + 1, None) for i in starts if i not in covered and _without_possessive(doc.tokens[i].text) in surnames]  # "Tusk said" opening a sentence
    mentions = []
    for first, end, label in sorted(runs):
        tokens = doc.tokens[first:end]
        name = _without_possessive(doc.text[tokens[0].start : tokens[-1].end])  # "Russia’s war" names "Russia"
        if label is None and end - first == 1 and name in surnames:
            label = "PER"
        if label is not None:
            mentions.append(Mention(name, tokens[0].start, tokens[0].start + len(name), label, name, first, end))
    return mentions


def _name_end(tokens: list[Token], i: int, last: int) -> int:
    """Where the run of capitalised words from `i` ends (`i` itself when none starts there)."""
    if not _capitalised(tokens[i]) or tokens[i].pos not in ("PROPN", "DET") or tokens[i].pos == "DET" and tokens[i].text.lower() in CLOSED_POS:
        return i  # "The", "Several" opening a sentence
    end = i + 1
    while end < last and not _after_possessive(tokens[end - 1]):
        if _capitalised(tokens[end]):
            end += 1
        elif tokens[end].text.lower() in NAME_LINKS and end + 1 < last and _capitalised(tokens[end + 1]) and end - i < 4:
            end += 2
        else:
            break
    return end


def _split_at_and(tokens: list[Token], first: int, last: int) -> list[tuple[int, int]]:
    """The parts of a run between its "and"s."""
    parts, start = [], first
    for k in range(first, last + 1):
        if k == last or tokens[k].text == "and":
            if start < k:
                parts.append((start, k))
            start = k + 1
    return parts


def _acronym_before_name(tokens: list[Token], first: int, last: int) -> bool:
    words = [t.text for t in tokens[first:last]]
    return len(words) >= 3 and words[0].isupper() and len(words[0]) > 1 and all(w[1:].islower() for w in words[1:])


def _after_title(tokens: list[Token], first: int, last: int) -> int:
    """Where the name starts after a title written with capitals: "Defence Minister Rustem Umierov"."""
    titles = [k for k in range(first, last - 1) if tokens[k].text.lower() in PERSON_TITLES]
    return titles[-1] + 1 if titles else first


def _capitalised(token: Token) -> bool:
    """A name's word: "Umierov", "NATO"; not "Kremlin-aligned", nor a heading's "HAPPENED"."""
    text = token.text
    if not text[:1].isupper() or LOWER_PART.search(text):
        return False
    return not (text.isupper() and len(text) > 4 and _common_word(text.lower()))


def _after_possessive(token: Token) -> bool:
    return token.text.endswith(POSSESSIVE_ENDINGS)


def _label(tokens: list[Token], first: int, last: int, places) -> str | None:
    words = [t.text for t in tokens[first:last]]
    match = places.lookup(_without_possessive(" ".join(words)))
    if match is not None:
        return match.label
    if _without_possessive(words[-1]).lower() in ORGANISATION_WORDS or words[0].isupper() and len(words[0]) > 1:
        return "ORG"
    before = tokens[first - 1].text.lower() if first else ""
    if before in PERSON_TITLES or len(words) in (2, 3) and all(w[:1].isupper() and w[1:].islower() for w in words):
        return "PER"
    return None
