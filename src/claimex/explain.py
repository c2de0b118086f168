"""`claimex explain FILE`: each claim of one article with the rule that attributed it, so a reader
can see why, and a developer which rule to change: `rule` words the decision (with what the article
walk added: a role resolved to the person, a later sentence attributing this one), `decided_by`
names the rule functions of `claims/rules.py` that decided for the sentence ("speaker >
speech_verb_subject": the sentence rule, then the speaker rule), `declined` those tried before them,
in order."""

from __future__ import annotations

from pathlib import Path

from claimex.claims.extract import extract
from claimex.pipeline import SUPPORTED, Settings, backend_for
from claimex.reader import read_article


def explain(path: Path, settings: Settings) -> dict:
    article = read_article(path, path.name[:-4] if path.name.endswith(".txt") else path.name)
    rows = []
    if article.lang in SUPPORTED:
        doc = backend_for(article.lang, settings).annotate([article])[0]
        for draft in extract(doc, article.title).claims:
            found = draft.found
            rows.append({
                "start": draft.start, "end": draft.end, "text": doc.text[draft.start:draft.end],
                "source": found.source.name if found.source else None,
                "cue": doc.text[found.cue[0]:found.cue[1]] if found.cue else None,
                "kind": found.kind, "hedges": draft.hedges, "stance": draft.stance,
                "rule": found.rule or "no cue: the outlet's own statement",
                "decided_by": found.decided_by or None, "declined": list(found.declined),
            })
    return {"article": article.id, "lang": article.lang, "backend": settings.backends.get(article.lang or ""), "claims": rows}
