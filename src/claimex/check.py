"""`claimex check`: a regression gate over human-editable expectations (YAML or JSON).

The format is documented in fixtures/README.md. Every expectation names claims by quotes from
the articles, so the file stays readable and survives changes of claim ids or offsets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from claimex.locate import Index, QuoteNotFound
from claimex.models import Output

SECTIONS = ("stories", "entities", "merged", "not_merged", "claims", "non_claims")


class ExpectationsError(Exception):
    """The expectations file is broken; the message names the line."""


@dataclass
class Result:
    section: str
    line: int
    ok: bool
    message: str


class _LineLoader(yaml.SafeLoader):
    """Records the line of every mapping, so problems can name it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_expectations(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except OSError as error:
        raise ExpectationsError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "somewhere"
        raise ExpectationsError(f"{path}: {where}: not valid YAML/JSON: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict):
        raise ExpectationsError(f"{path}: line 1: expected a mapping with sections {', '.join(SECTIONS)}")
    unknown = [k for k in data if k not in SECTIONS and k != "__line__"]
    if unknown:
        raise ExpectationsError(f"{path}: line {data['__line__']}: unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})")
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ExpectationsError(f"{path}: section {section!r} must be a list")
        for item in items:
            _validate(path, section, item)
    return data


REQUIRED = {
    "stories": ("articles",),
    "entities": ("article", "text", "label"),
    "merged": ("quotes",),
    "not_merged": ("quotes",),
    "claims": ("article", "quote"),
    "non_claims": ("article", "quote"),
}


def _validate(path: Path, section: str, item) -> None:
    if not isinstance(item, dict):
        raise ExpectationsError(f"{path}: section {section!r}: each entry must be a mapping, got {item!r}")
    line = item["__line__"]
    for key in REQUIRED[section]:
        if key not in item:
            raise ExpectationsError(f"{path}: line {line}: {section} entry needs {key!r}")
    quotes = item.get("quotes")
    if quotes is not None:
        if not isinstance(quotes, list) or len(quotes) < 2:
            raise ExpectationsError(f"{path}: line {line}: 'quotes' needs at least two {{article, quote}} entries")
        for quote in quotes:
            if not isinstance(quote, dict) or "article" not in quote or "quote" not in quote:
                raise ExpectationsError(f"{path}: line {line}: each quote needs 'article' and 'quote'")


def run_checks(expectations: dict, output: Output) -> list[Result]:
    index = Index.of(output)
    results = []
    for section in SECTIONS:
        for item in expectations.get(section) or []:
            try:
                ok, message = CHECKS[section](item, index)
            except QuoteNotFound as error:
                ok, message = False, str(error)
            results.append(Result(section, item["__line__"], ok, message))
    return results


def _stories(item, index: Index):
    stories = {a: index.story_of.get(a) for a in item["articles"]}
    together = item.get("together", True)
    distinct = len(set(stories.values()))
    ok = distinct == 1 if together else distinct == len(stories)
    want = "in one story" if together else "in separate stories"
    return ok, f"articles {want}: " + ", ".join(f"{a}→{s}" for a, s in stories.items())


def _entity(item, index: Index):
    article = index.articles.get(item["article"])
    found = article is not None and any(
        e.text == item["text"] and e.label == item["label"] for e in article.entities
    )
    return found, f"{item['label']} {item['text']!r} in {item['article']}"


def _story_claims(item, index: Index) -> list[set[str] | None]:
    claims = [index.claim_at(q["article"], q["quote"]) for q in item["quotes"]]
    return [index.story_claims_of.get(c.id, set()) if c else None for c in claims]


def _rows(rows: set[str] | None) -> str:
    return "/".join(sorted(rows)) if rows else str(rows)


def _merged(item, index: Index):
    rows = _story_claims(item, index)
    ok = None not in rows and bool(set.intersection(*rows))
    return ok, f"{item.get('name', 'claims')} merged: " + ", ".join(_rows(r) for r in rows)


def _not_merged(item, index: Index):
    rows = [r for r in _story_claims(item, index) if r]
    ok = all(not (a & b) for k, a in enumerate(rows) for b in rows[k + 1:])
    return ok, f"{item.get('name', 'claims')} kept apart: " + ", ".join(_rows(r) for r in rows)


def _claim(item, index: Index):
    claim = index.claim_at(item["article"], item["quote"])
    if claim is None:
        return False, f"claim not extracted in {item['article']}: {item['quote']!r}"
    wrong = []
    if "source" in item and not index.source_matches(claim, item["source"]):
        wrong.append(f"source {claim.attribution.source!r} ≠ {item['source']!r}")
    actual = {"kind": claim.attribution.kind, "hedged": claim.hedged, "stance": claim.stance}
    wrong += [f"{k} {actual[k]!r} ≠ {item[k]!r}" for k in ("kind", "hedged", "stance") if k in item and item[k] != actual[k]]
    return not wrong, f"{item['article']} {item['quote']!r}: " + ("; ".join(wrong) or "as expected")


def _non_claim(item, index: Index):
    claim = index.claim_at(item["article"], item["quote"])
    return claim is None, f"not a claim in {item['article']}: {item['quote']!r}" + (f" (extracted as {claim.id})" if claim else "")


CHECKS = {"stories": _stories, "entities": _entity, "merged": _merged, "not_merged": _not_merged,
          "claims": _claim, "non_claims": _non_claim}


def report_json(results: list[Result]) -> dict:
    return {
        "passed": sum(r.ok for r in results),
        "failed": sum(not r.ok for r in results),
        "results": [asdict(r) for r in results],
    }
