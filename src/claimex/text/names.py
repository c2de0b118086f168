"""Comparing surnames in the shared uk/ru spelling (claimex.text.spelling), with the case endings a
lemmatiser may leave on surnames it does not know."""

from __future__ import annotations

# Lowercase particles inside a person's name ("фон дер Ляєн", "да Сілва", "бін Салман").
NAME_PARTICLES = frozenset("фон дер ван де да ді дю ла ле дель делла бен бін бин ібн ибн аль ель эль".split())
CASE_ENDINGS = {"a", "ja", "u", "ju", "om", "em", "ovi", "evi"}  # masculine gen / dat / ins, shared spelling
MIN_SURNAME = 4


def same_surname(a: str, b: str) -> bool:
    """Equal, or one is the other with a case ending the lemmatiser left on a surname it does not
    know ("Алвеса" seen before "Маркус Алвес", "Тимченка" for "Олег Тимченко"). In one surname
    Ukrainian и and Russian и (y / i in the shared spelling) are one letter, and so are Ukrainian і
    and Russian е ("Білецький" / "Белецкий")."""
    a, b = surname_key(a), surname_key(b)
    return a == b or _inflected(a, b) or _inflected(b, a)


def surname_key(name: str) -> str:
    """The surname with Ukrainian и/і and Russian и/е written as one letter, as `same_surname` compares it."""
    return name.replace("y", "i").replace("e", "i")


def surname_keys(name: str) -> set[str]:
    """The `surname_key`s of every word `same_surname` can find equal to `name`: an index of
    surnames is looked up with these instead of comparing each surname seen."""
    key = surname_key(name)
    stem = key[:-1] if key.endswith("o") else key
    keys = {key} | {stem + ending for ending in CASE_ENDINGS}
    for ending in CASE_ENDINGS:
        if key.endswith(ending):
            keys |= {key[: -len(ending)], key[: -len(ending)] + "o"}
    return keys


def _inflected(name: str, form: str) -> bool:
    """Whether `form` is the surname `name` with a case ending; a final -о gives way to it (Тимченко,
    Тимченка, Тимченком)."""
    stem = name[:-1] if name.endswith("o") else name
    return len(name) >= MIN_SURNAME and form.startswith(stem) and form[len(stem):] in CASE_ENDINGS
