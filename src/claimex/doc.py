"""The one container every stage reads and enriches.

A backend fills a `Doc` (sentences, tokens, morphology, optional dependency parse, entity spans);
claim extraction and merging read it without knowing which backend ran.  All offsets are Python
string indices into `Doc.text`, the article's full decoded file text, so any span can be cut back
out of the source: ``doc.text[start:end]``.

Plain dataclasses rather than a spaCy ``Doc``: a spaCy ``Doc`` rebuilds its own text from tokens
and trailing spaces, so keeping file offsets would need whitespace tokens and an offset map, and it
expects every sentence to be one parse tree, which the Ukrainian builtin backend cannot give.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Token:
    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""  # Universal POS tag (NOUN, PROPN, VERB, ...); "" when unknown
    feats: dict[str, str] = field(default_factory=dict)  # UD features: {"Case": "Gen", ...}
    head: int | None = None  # index of the head token in Doc.tokens; None: no parse or root
    dep: str = ""  # UD relation to the head ("nsubj", "ccomp", "root", ...); "" without a parse

    @property
    def case(self) -> str:
        return self.feats.get("Case", "")


@dataclass
class Sentence:
    start: int  # char offsets into Doc.text
    end: int
    first: int  # token indices: Doc.tokens[first:last]
    last: int
    paragraph: int  # index into Doc.paragraphs


@dataclass
class Mention:
    """A named-entity span as the backend found it."""

    text: str
    start: int
    end: int
    label: str  # PER, ORG, LOC or MISC
    normal: str = ""  # nominative / dictionary form, e.g. "Путіна" -> "Путін"
    first: int = 0  # token indices: Doc.tokens[first:last]
    last: int = 0


@dataclass
class Doc:
    text: str
    lang: str
    paragraphs: list[tuple[int, int]]
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    has_parse: bool = False
    backend: str = ""

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first : sentence.last]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def sentence_at(self, i: int) -> Sentence:
        """The sentence that holds tokens[i]."""
        return self.sentences[bisect.bisect_right(self.sentences, i, key=lambda s: s.first) - 1]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions inside text[start:end], found by bisection (mentions are sorted by position):
        rules ask this per sentence and phrase, and a long article has thousands of mentions."""
        at = bisect.bisect_left(self.mentions, start, key=lambda m: m.start)
        found = []
        for mention in self.mentions[at:]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    def mentions_starting_at(self, first: int) -> list[Mention]:
        """Mentions whose first token is tokens[first], found by bisection."""
        start = self.tokens[first].start
        at = bisect.bisect_left(self.mentions, start, key=lambda m: m.start)
        found = []
        for mention in self.mentions[at:]:
            if mention.start != start:
                break
            if mention.first == first:
                found.append(mention)
        return found

    def mentions_within_tokens(self, first: int, last: int) -> list[Mention]:
        """Mentions inside tokens[first:last]."""
        if first >= last:
            return []
        return self.mentions_between(self.tokens[first].start, self.tokens[last - 1].end)
