"""The offline backends, one per language; models load on first use, once per process."""

from __future__ import annotations

from functools import lru_cache

from claimex.nlp.base import Backend


@lru_cache(maxsize=None)
def get_builtin(lang: str) -> Backend:
    """`builtin` backend for "uk" (rules + pymorphy3), "ru" (natasha/slovnet + rules) or "en" (rules + simplemma)."""
    if lang == "uk":
        from claimex.nlp.builtin_uk import UkrainianBackend

        return UkrainianBackend()
    if lang == "ru":
        from claimex.nlp.builtin_ru import RussianBackend

        return RussianBackend()
    if lang == "en":
        from claimex.nlp.builtin_en import EnglishBackend

        return EnglishBackend()
    raise ValueError(f"no builtin backend for language {lang!r}")
