"""The tab-separated tables in claimex/data, read the one way they are written."""

from __future__ import annotations

from importlib import resources


def rows(name: str) -> list[list[str]]:
    """The fields of each line of data/`name`, blank lines and "#" comments left out."""
    text = (resources.files("claimex") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
