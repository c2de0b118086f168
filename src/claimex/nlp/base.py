"""What every NLP backend provides: annotated `Doc`s for articles of one language."""

from __future__ import annotations

from typing import Protocol

from claimex.doc import Doc
from claimex.reader import ArticleText


class Backend(Protocol):
    name: str  # e.g. "builtin:natasha", "stanza"
    lang: str

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        """One Doc per article, in order; sentences never cross paragraph boundaries."""
        ...
