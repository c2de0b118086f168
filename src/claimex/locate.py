"""Finds what a human-written expectation points at: a claim by a quote from the article, a
source by its name. Shared by `claimex check` and `claimex eval`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimex.models import Article, Claim, Output
from claimex.reader import read_article
from claimex.text.spelling import shared_key


class QuoteNotFound(Exception):
    pass


@dataclass
class Index:
    output: Output
    articles: dict[str, Article]
    texts: dict[str, str]
    story_claims_of: dict[str, set[str]]  # claim mention id -> the story claims (rows) it supports
    story_of: dict[str, str]  # article id -> story id
    entity_names: dict[str, set[str]]  # entity id -> name, variants and the mentions' normal forms, as keys

    @classmethod
    def of(cls, output: Output) -> "Index":
        articles = {a.id: a for a in output.articles}
        texts = {a.id: _read_text(a.path) for a in output.articles}
        story_claims_of: dict[str, set[str]] = {}
        for story in output.stories:
            for row in story.claims:
                for mention in row.mentions:
                    story_claims_of.setdefault(mention, set()).add(row.id)
        story_of = {a: s.id for s in output.stories for a in s.articles}
        entity_names = {e.id: {_key(n) for n in [e.name, *e.variants]} for e in output.entities}
        for article in output.articles:  # and each mention's normal form: "Європейська Комісія" of "Європейської Комісії"
            for mention in article.entities:
                if mention.entity in entity_names and mention.lemma:
                    entity_names[mention.entity].add(_key(mention.lemma))
        return cls(output, articles, texts, story_claims_of, story_of, entity_names)

    def quote_span(self, article: str, quote: str) -> tuple[int, int]:
        if article not in self.texts:
            raise QuoteNotFound(f"article {article} is not in the output")
        at = self.texts[article].find(quote)
        if at < 0:
            raise QuoteNotFound(f"quote not found in {article}: {quote!r}")
        return at, at + len(quote)

    def claim_at(self, article: str, quote: str) -> Claim | None:
        """The extracted claim that holds most of the quote, if any."""
        start, end = self.quote_span(article, quote)
        best, best_overlap = None, 0
        for claim in self.articles[article].claims:
            overlap = min(end, claim.end) - max(start, claim.start)
            if overlap > best_overlap:
                best, best_overlap = claim, overlap
        return best if best_overlap * 2 >= end - start else None

    def source_matches(self, claim: Claim, expected: str | None) -> bool:
        got = claim.attribution
        if expected is None or got.source is None:
            return expected is None and got.source is None
        names = {_key(got.source)}
        if got.source_entity:
            names |= self.entity_names.get(got.source_entity, set())
        return _key(expected) in names


def _key(name: str) -> str:
    return "".join(ch for ch in shared_key(name, None) if ch.isalnum())


def _read_text(path: str) -> str:
    """The article text as claimex decoded it (offsets refer to it)."""
    return read_article(Path(path), "").text
