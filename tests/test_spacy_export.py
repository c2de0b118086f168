"""claimex output as spaCy documents: entities in doc.ents, claims in doc.spans["claims"] with their
attribution, and a DocBin written by `--format spacy` that reads back the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def claimex(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_docs_hold_the_file_text_the_entities_and_the_claims():
    from claimex.models import Output
    from claimex.spacy import to_docs

    output = Output.model_validate_json(claimex("extract", str(SEEDS), "-f", "json", "-q").stdout)
    docs = to_docs(output)
    for doc, article in zip(docs, output.articles):
        assert doc.text == Path(article.path).read_text(encoding="utf-8")
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e.start, e.end, e.label) for e in article.entities]
        spans = doc.spans["claims"]
        assert [(s.start_char, s.end_char, s.text) for s in spans] == [(c.start, c.end, c.text) for c in article.claims]
        assert [(s._.source, s._.kind, s._.stance, s._.hedged) for s in spans] == [
            (c.attribution.source, c.attribution.kind, c.stance, c.hedged) for c in article.claims]


def test_format_spacy_writes_a_docbin_that_reads_back(tmp_path):
    from spacy.tokens import DocBin

    from claimex.spacy import to_docs  # noqa: F401  (importing it registers the span attributes)

    path = tmp_path / "seeds.spacy"
    result = claimex("extract", str(SEEDS), "-q", "-f", "spacy", "-o", str(path))
    assert result.returncode == 0, result.stderr
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))
    output = json.loads(claimex("extract", str(SEEDS), "-f", "json", "-q").stdout)
    assert [d.user_data["claimex_article"] for d in docs] == [a["id"] for a in output["articles"]]
    first = output["articles"][0]["claims"][0]
    span = docs[0].spans["claims"][0]
    assert (span.text, span._.source, span._.kind) == (first["text"], first["attribution"]["source"], first["attribution"]["kind"])
    assert claimex("extract", str(SEEDS), "-q", "-f", "spacy").returncode == 2  # binary needs -o


def test_html_report_escapes_untrusted_text_and_renders_in_a_browser(tmp_path):
    import shutil as sh

    news = tmp_path / "news"
    news.mkdir()
    for name in ("000_10514d14d83ccc4e.txt", "003_b3c6b177b3372f57.txt"):
        sh.copy(SEEDS / name, news / name)
    hostile = '<script>alert(1)</script> «Кремль" \'заявив\''
    (news / "evil.txt").write_text(
        f" date 2025-10-31 {hostile}\n\nПресс-секретарь Дмитрий Песков заявил, что <b>Москва</b> не получала "
        f"никаких писем из Каракаса, сообщает <img src=x onerror=alert(2)> ТАСС.\n", encoding="utf-8")
    page = tmp_path / "report.html"
    result = claimex("extract", str(news), "-q", "-f", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html  # self-contained: nothing fetched
    browser = sh.which("chromium") or sh.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium here (.ci/run installs it)")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert '<section id="S1">' in dom.stdout and "<table>" in dom.stdout and "<svg" in dom.stdout
    assert "<script" not in dom.stdout.lower()
