"""The spaCy backend against real spaCy (no mocks).

(a) `doc_from_spacy` on spaCy Docs built by hand (exact expectations);
(b) `SpacyBackend` and the CLI on tiny uk/ru pipelines trained in this session (tests/spacy_tiny.py)
    and loaded from their folders as users' pipelines are: structure only, not accuracy;
(c) choosing backends, `models list`, the missing-extra hint and the cache key.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc as SpacyDoc
from typer.testing import CliRunner

from claimex.cache import ArticleCache
from claimex.cli import app
from claimex.cli_models import models_app
from claimex.nlp import spacy_models
from claimex.nlp.select import LANGUAGES, BackendUnavailable, plan_backends
from claimex.nlp.spacy_backend import SpacyBackend, doc_from_spacy, get_spacy, import_spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spacy_tiny
import stanza_tiny
from doc_checks import check_invariants, make_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
UK_SEED = SEEDS / "000_10514d14d83ccc4e.txt"


@pytest.fixture(scope="session")
def spacy_pipelines(tmp_path_factory) -> dict[str, Path]:
    """Tiny pipeline folders, trained once per session (a few seconds each)."""
    root = tmp_path_factory.mktemp("spacy-tiny")
    return {lang: spacy_tiny.train(lang, root / lang) for lang in spacy_tiny.LANGS}


def spacy_model_args(pipelines: dict[str, Path]) -> list[str]:
    return [arg for lang, path in pipelines.items() for arg in ("--spacy-model", f"{lang}={path}")]


# --- (a) the mapping on hand-built Docs ------------------------------------------------------

# (word, space after, head, dep, lemma, IOB entity); one tree runs across the paragraph break
# after "НАТО." (spaCy's "\n\n" whitespace token), so the mapping must split that sentence.
ROWS = [
    ("Олена", True, 2, "nsubj", "Олена", "B-PERSON"), ("Коваль", True, 0, "flat:name", "Коваль", "I-PERSON"),
    ("заявила", False, 2, "ROOT", "заявити", "O"), (",", True, 6, "punct", ",", "O"),
    ("що", True, 6, "mark", "що", "O"), ("Києву", True, 6, "iobj", "Київ", "B-GPE"),
    ("допоможе", True, 2, "ccomp", "допомогти", "O"), ("НАТО", False, 6, "nsubj", "НАТО", "B-NORP"),
    (".", False, 2, "punct", ".", "B-EVENT"), ("\n\n", False, 8, "dep", "\n\n", "I-EVENT"),
    ("У", True, 11, "case", "у", "I-EVENT"),  # an entity across the paragraph break: dropped
    ("Львові", True, 12, "obl", "", "B-FAC"), ("тривають", True, 2, "parataxis", "", "O"),
    ("переговори", False, 12, "nsubj", "переговори", "O"), (".", True, 12, "punct", ".", "O"),
    ("Про", True, 16, "case", "про", "O"), ("це", True, 17, "obl", "це", "B-PRODUCT"),
    ("повідомив", True, 17, "ROOT", "повідомити", "O"), ("Петро", True, 17, "nsubj", "Петро", "B-PER"),
    ("Шевчук", False, 18, "flat:name", "Шевчук", "I-PER"), (".", False, 17, "punct", ".", "O"),
    ("\n", False, 20, "dep", "\n", "O"),
]
POS = ["PROPN", "PROPN", "VERB", "PUNCT", "SCONJ", "PROPN", "VERB", "PROPN", "PUNCT", "SPACE", "ADP", "PROPN",
       "VERB", "NOUN", "PUNCT", "ADP", "PRON", "VERB", "PROPN", "PROPN", "PUNCT", "SPACE"]


def hand_built(vocab, parsed: bool = True) -> SpacyDoc:
    words, spaces, heads, deps, lemmas, ents = (list(column) for column in zip(*ROWS))
    if not parsed:
        return SpacyDoc(vocab, words=words, spaces=spaces)
    morphs = [""] * len(words)
    morphs[5] = "Case=Dat|Gender=Masc|Number=Sing"
    return SpacyDoc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, lemmas=lemmas, pos=POS, morphs=morphs, ents=ents)


def test_import_spacy_is_the_real_package_not_claimex_spacy():
    assert import_spacy() is spacy and hasattr(spacy, "load")


def test_doc_from_spacy_exact():
    sdoc = hand_built(spacy.blank("uk").vocab)
    header = " date 2025-10-31 "
    article = make_article(header + sdoc.text, "uk")
    assert len(article.paragraphs) == 2
    doc = doc_from_spacy(sdoc, article)
    check_invariants(doc, article)
    b = len(header)
    assert doc.backend == "spacy" and doc.has_parse
    assert [t.text for t in doc.tokens] == [w for w, *_ in ROWS if not w.isspace()]  # no whitespace tokens
    assert (doc.tokens[9].text, doc.tokens[9].start) == ("У", b + 47)
    assert [t.head for t in doc.tokens] == [2, 0, None, 6, 6, 6, 2, 6, 2, 10, 11, None, 11, 11, 15, 16, None, 16, 17, 16]
    assert [t.dep for t in doc.tokens[:3]] == ["nsubj", "flat:name", "root"]
    assert doc.tokens[11].dep == "root"  # "тривають": its head "заявила" is in the previous paragraph
    assert doc.tokens[5].feats == {"Case": "Dat", "Gender": "Masc", "Number": "Sing"} and doc.tokens[5].pos == "PROPN"
    assert doc.tokens[11].lemma == "тривати"  # no lemma from spaCy: claimex's own morphology
    assert doc.tokens[10].lemma  # "Львові" too
    assert [(s.first, s.last, s.paragraph) for s in doc.sentences] == [(0, 9, 0), (9, 14, 1), (14, 20, 1)]
    assert doc.sentence_text(doc.sentences[1]) == "У Львові тривають переговори."
    assert [(m.text, m.label, m.first, m.last) for m in doc.mentions] == [
        ("Олена Коваль", "PER", 0, 2),  # PERSON
        ("Києву", "LOC", 5, 6),  # GPE
        ("НАТО", "ORG", 7, 8),  # NORP
        ("Львові", "LOC", 10, 11),  # FAC
        ("це", "MISC", 15, 16),  # PRODUCT
        ("Петро Шевчук", "PER", 17, 19),
    ]
    assert doc.mentions[1].normal == "Київ" and doc.mentions[0].normal == "Олена Коваль"


def test_doc_from_spacy_without_parse_or_sentences():
    sdoc = hand_built(spacy.blank("uk").vocab, parsed=False)
    article = make_article(sdoc.text, "uk")
    doc = doc_from_spacy(sdoc, article)
    check_invariants(doc, article)
    assert doc.has_parse is False and doc.mentions == []
    assert all(t.head is None and t.dep == "" and t.lemma for t in doc.tokens)
    assert [(s.first, s.last, s.paragraph) for s in doc.sentences] == [(0, 9, 0), (9, 20, 1)]  # cut at the paragraph


def test_doc_from_spacy_refuses_another_text():
    sdoc = spacy.blank("ru")("Песков отложил визит.")
    with pytest.raises(ValueError, match="not the article's text"):
        doc_from_spacy(sdoc, make_article("Песков перенес визит.", "ru"))


# --- (b) tiny trained pipelines --------------------------------------------------------------


@pytest.mark.parametrize("lang", spacy_tiny.LANGS)
def test_backend_on_template_sentences(spacy_pipelines, lang):
    backend = get_spacy(lang, str(spacy_pipelines[lang]))
    assert isinstance(backend, SpacyBackend) and backend is get_spacy(lang, str(spacy_pipelines[lang]))
    sentences = stanza_tiny.sample_sentences(lang, 6)
    text = " date 2025-11-01 \n" + " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:]) + "\n"
    article = make_article(text, lang)
    empty = make_article(" date 2025-11-01 \n\n", lang)
    doc, blank = backend.annotate([article, empty])
    check_invariants(doc, article)
    assert doc.backend == blank.backend == "spacy" and doc.lang == lang and doc.has_parse
    assert blank.tokens == [] and blank.mentions == []
    assert {s.paragraph for s in doc.sentences} == {0, 1}
    assert all(t.lemma and t.pos for t in doc.tokens)
    names = {f"{first} {last}" for first, last, _ in stanza_tiny.PEOPLE[lang]}
    assert any(m.label == "PER" and m.text in names for m in doc.mentions), [(m.text, m.label) for m in doc.mentions]


def test_backend_on_a_pipeline_without_parser_splits_by_punctuation(tmp_path):
    spacy.blank("ru").to_disk(tmp_path / "blank")
    text = "Песков отложил визит. Об этом сообщил помощник.\n\nВ Москве холодно.\n"
    article = make_article(text, "ru")
    [doc] = SpacyBackend("ru", str(tmp_path / "blank")).annotate([article])
    check_invariants(doc, article)
    assert doc.has_parse is False and doc.mentions == []
    assert [doc.sentence_text(s) for s in doc.sentences] == ["Песков отложил визит.", "Об этом сообщил помощник.", "В Москве холодно."]
    assert doc.tokens[1].lemma == "отложить"


def test_extract_end_to_end_with_the_spacy_backend(spacy_pipelines, tmp_path):
    """The CLI a user runs, on the seeds and a template-like article, served by the tiny pipelines."""
    template = tmp_path / "template_uk.txt"
    template.write_text(" date 2025-11-01 \n" + " ".join(stanza_tiny.sample_sentences("uk", 6)) + "\n", encoding="utf-8")
    args = ["extract", "seeds", str(template), "--backend", "spacy", *spacy_model_args(spacy_pipelines), "--format", "json"]
    result = subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "uk=spacy, ru=spacy" in result.stderr
    output = json.loads(result.stdout)
    assert output["tool"]["backends"] == {"uk": "spacy", "ru": "spacy", "en": "builtin"}
    assert {a["backend"] for a in output["articles"]} == {"spacy"} and len(output["articles"]) == 6
    for article in output["articles"]:
        path = template if article["id"] == "template_uk" else SEEDS / f"{article['id']}.txt"
        text = path.read_text(encoding="utf-8")
        for span in article["entities"] + article["claims"]:
            assert text[span["start"] : span["end"]] == span["text"]
    found = next(a for a in output["articles"] if a["id"] == "template_uk")
    names = {f"{first} {last}" for first, last, _ in stanza_tiny.PEOPLE["uk"]}
    assert any(e["label"] == "PER" and e["text"] in names for e in found["entities"]), found["entities"]


def test_auto_takes_spacy_where_stanza_has_no_models(spacy_pipelines, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMEX_STANZA_DIR", str(tmp_path))
    args = ["extract", str(UK_SEED), "--format", "json", "--spacy-model", f"uk={spacy_pipelines['uk']}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert output["tool"]["backends"] == {"uk": "spacy", "ru": "builtin", "en": "builtin"}
    assert output["articles"][0]["backend"] == "spacy"


def test_models_list_shows_all_three_backends(spacy_pipelines, tmp_path):
    args = ["list", "--dir", str(tmp_path), "--spacy-model", f"uk={spacy_pipelines['uk']}"]
    result = CliRunner().invoke(models_app, args, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    rows = {tuple(cell.strip() for cell in line.split("│")[1:3]): line for line in result.stdout.splitlines() if "│" in line}
    assert set(rows) == {(lang, backend) for lang in LANGUAGES for backend in ("builtin", "stanza", "spacy")}
    assert "uk_tiny 0.0.1" in rows["uk", "spacy"] and "yes" in rows["uk", "spacy"]
    assert str(spacy_pipelines["uk"]) in rows["uk", "spacy"]
    assert "none" in rows["ru", "spacy"] and "spacy download" in result.stdout


# --- (c) choosing, errors, cache key ---------------------------------------------------------


def test_plan_backends_with_spacy(spacy_pipelines, tmp_path):
    found = spacy_models.find_pipelines(LANGUAGES, {"uk": str(spacy_pipelines["uk"])})
    assert found["uk"].name == "uk_tiny" and found["uk"].is_folder
    assert plan_backends("auto", str(tmp_path), found) == {"uk": "spacy", "ru": "builtin", "en": "builtin"}
    assert plan_backends("builtin", str(tmp_path), found) == {"uk": "builtin", "ru": "builtin", "en": "builtin"}
    with pytest.raises(BackendUnavailable, match=r"no spaCy pipeline for ru: .*ru_core_news_sm.*--spacy-model ru=PATH"):
        plan_backends("spacy", str(tmp_path), found)


def test_spacy_model_values_that_name_no_pipeline(spacy_pipelines, tmp_path):
    for value, message in [
        ("uk", "LANG=PATH"),
        (f"uk={tmp_path}", "not a spaCy pipeline folder"),
        (f"uk={spacy_pipelines['ru']}", "for language 'ru'"),
        (f"en={spacy_pipelines['uk']}", "uk and ru only"),
    ]:
        result = CliRunner().invoke(app, ["extract", str(UK_SEED), "-b", "spacy", "--spacy-model", value])
        assert result.exit_code == 2 and message in result.stderr, (value, result.stderr)


def test_spacy_backend_without_spacy_is_one_line():
    code = ("import sys; sys.modules['spacy'] = None; from claimex.cli import app; "
            "app(['extract', sys.argv[1], '--backend', 'spacy'], prog_name='claimex')")
    result = subprocess.run([sys.executable, "-c", code, str(UK_SEED)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: spaCy is not installed: pip install 'claimex[spacy]'"


def test_cache_key_holds_the_backend_and_the_spacy_pipeline(spacy_pipelines, tmp_path):
    uk = spacy_models.from_folder("uk", str(spacy_pipelines["uk"]))
    assert uk.identity == f"uk_tiny-0.0.1@{spacy_pipelines['uk']}"
    keys = set()
    for backends, pipelines in [({"uk": "builtin"}, None), ({"uk": "spacy"}, {"uk": uk.identity}),
                                ({"uk": "spacy"}, {"uk": "uk_core_news_sm-3.8.0"})]:
        cache = ArticleCache(tmp_path / "articles.sqlite", backends, None, pipelines)
        keys.add(cache.key(b"the same file"))
        cache.close()
    assert len(keys) == 3
