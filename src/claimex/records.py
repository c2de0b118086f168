"""Per-article analysis records as JSON: what `claimex analyse` writes, `claimex merge` reads and the
cache stores. Plain data only (no pickle), so a record read back can never run code."""

from __future__ import annotations

import json

from claimex.claims.features import ClaimFeatures
from claimex.pipeline import Analysed, ClaimOut, MentionOut
from claimex.reader import FileProblem


class RecordError(ValueError):
    pass


def dump(result: Analysed | FileProblem) -> str:
    """One line of JSON."""
    if isinstance(result, FileProblem):
        return json.dumps({"type": "error", **vars(result)}, ensure_ascii=False, sort_keys=True)
    return json.dumps({"type": "article", **_plain(result)}, ensure_ascii=False, sort_keys=True)


def _plain(result: Analysed) -> dict:
    """`dataclasses.asdict(result)` spelled out for the record's known shape: asdict copies every
    list and string recursively (2.2 s for the 748 SlavicNER records, against 0.44 s)."""
    return vars(result) | {
        "mentions": [vars(mention) for mention in result.mentions],
        "claims": [vars(claim) | {"features": vars(claim.features)} for claim in result.claims],
    }


def load(line: str) -> Analysed | FileProblem:
    try:
        data = json.loads(line)
    except ValueError as error:
        raise RecordError(f"not a claimex article record: {error}") from error
    return from_data(data)


def from_data(data: dict) -> Analysed | FileProblem:
    """A record from one line already parsed."""
    try:
        data = dict(data)
        kind = data.pop("type")
        if kind == "error":
            return FileProblem(**data)
        if kind != "article":
            raise RecordError(f"unknown record type {kind!r}")
        data["mentions"] = [MentionOut(**m) for m in data["mentions"]]
        data["claims"] = [ClaimOut(**{**c, "features": ClaimFeatures(**c["features"])}) for c in data["claims"]]
        return Analysed(**data)
    except RecordError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise RecordError(f"not a claimex article record: {error}") from error
