"""The stanza backend, model management and `claimex models`, against real stanza (no mocks).

(a) `doc_from_stanza` on hand-written CoNLL-U documents (exact expectations);
(b) `StanzaBackend` on tiny trained models (tests/stanza_tiny.py), loaded through the same
    `stanza.Pipeline(..., download_method=None)` call users hit: structural invariants only;
(c) `installed` / `is_available`; (d) offline `download`; (e) the `models` sub-app.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

import stanza
from stanza.utils.conll import CoNLL
from typer.testing import CliRunner

from claimex.cli_models import models_app
from claimex.nlp import stanza_models
from claimex.nlp.stanza_backend import StanzaBackend, StanzaUnavailable, doc_from_stanza, parse_feats
from claimex.reader import ArticleText

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stanza_tiny
from doc_checks import check_invariants, make_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# --- helpers ---------------------------------------------------------------------------------


def conllu(*sentences: list[tuple]) -> str:
    """Rows: (id, form, lemma, upos, feats, head, deprel, misc); MWT range rows have id "4-5"."""
    lines = []
    for rows in sentences:
        for row in rows:
            wid, form, lemma, upos, feats, head, deprel, misc = row
            lines.append("\t".join(str(x) for x in (wid, form, lemma, upos, "_", feats, head, deprel, "_", misc)))
        lines.append("")
    return "\n".join(lines) + "\n"


# --- (a) exact mapping from hand-written CoNLL-U ---------------------------------------------

UK_CONLLU = conllu(
    [
        (1, "Міністр", "міністр", "NOUN", "Case=Nom|Gender=Masc|Number=Sing", 4, "nsubj", "ner=O"),
        (2, "Олена", "Олена", "PROPN", "Case=Nom|Gender=Fem|Number=Sing", 1, "appos", "ner=B-PERS"),
        (3, "Коваль", "Коваль", "PROPN", "Case=Nom|Gender=Fem|Number=Sing", 2, "flat:name", "ner=I-PERS"),
        (4, "заявила", "заявити", "VERB", "Aspect=Perf|Gender=Fem|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin", 0, "root", "SpaceAfter=No|ner=O"),
        (5, ",", ",", "PUNCT", "_", 8, "punct", "ner=O"),
        (6, "що", "що", "SCONJ", "_", 8, "mark", "ner=O"),
        (7, "Києву", "Київ", "PROPN", "Case=Dat|Gender=Masc|Number=Sing", 8, "iobj", "ner=B-LOC"),
        (8, "допоможе", "допомогти", "VERB", "Aspect=Perf|Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin", 4, "ccomp", "ner=O"),
        (9, "НАТО", "НАТО", "PROPN", "_", 8, "nsubj", "SpaceAfter=No|ner=B-ORG"),
        (10, ".", ".", "PUNCT", "_", 4, "punct", "ner=O"),
    ],
    [  # one stanza sentence running across a paragraph break
        (1, "Про", "про", "ADP", "_", 2, "case", "ner=O"),
        (2, "це", "це", "PRON", "Case=Acc|Number=Sing", 3, "obl", "ner=O"),
        (3, "повідомив", "повідомити", "VERB", "Gender=Masc|Number=Sing|Tense=Past", 0, "root", "ner=O"),
        (4, "речник", "речник", "NOUN", "Case=Nom|Number=Sing", 3, "nsubj", "SpacesAfter=\\n\\n|ner=O"),
        (5, "У", "у", "ADP", "_", 6, "case", "ner=O"),
        (6, "Львові", "Львів", "PROPN", "Case=Loc|Number=Sing", 7, "obl", "ner=B-LOC"),
        (7, "тривають", "тривати", "VERB", "Number=Plur", 3, "parataxis", "ner=O"),
        (8, "переговори", "переговори", "NOUN", "Case=Nom|Number=Plur", 7, "nsubj", "SpaceAfter=No|ner=O"),
        (9, ".", ".", "PUNCT", "_", 7, "punct", "ner=O"),
    ],
)

RU_CONLLU = conllu(
    [
        (1, "Песков", "Песков", "PROPN", "Case=Nom|Gender=Masc|Number=Sing", 2, "nsubj", "ner=S-PER"),
        (2, "отложил", "отложить", "VERB", "Gender=Masc|Number=Sing|Tense=Past", 0, "root", "ner=O"),
        (3, "визит", "визит", "NOUN", "Case=Acc|Number=Sing", 2, "obj", "ner=O"),
        ("4-5", "из-за", "_", "_", "_", "_", "_", "ner=O"),
        (4, "из", "из", "ADP", "_", 6, "case", "_"),
        (5, "за", "за", "ADP", "_", 4, "fixed", "_"),
        (6, "погоды", "погода", "NOUN", "Case=Gen|Number=Sing", 2, "obl", "SpaceAfter=No|ner=O"),
        (7, ".", ".", "PUNCT", "_", 2, "punct", "ner=O"),
    ],
    [
        (1, "Об", "о", "ADP", "_", 2, "case", "ner=O"),
        (2, "этом", "это", "PRON", "Case=Loc|Number=Sing", 3, "obl", "ner=O"),
        (3, "сообщил", "сообщить", "VERB", "Gender=Masc|Number=Sing|Tense=Past", 0, "root", "ner=O"),
        (4, "помощник", "помощник", "NOUN", "Case=Nom|Number=Sing", 3, "nsubj", "ner=O"),
        (5, "Дмитрия", "дмитрий", "PROPN", "Case=Gen|Number=Sing", 4, "nmod", "ner=B-PER"),
        (6, "Пескова", "песков", "PROPN", "Case=Gen|Number=Sing", 5, "flat:name", "ner=I-PER"),
        (7, "агентству", "агентство", "NOUN", "Case=Dat|Number=Sing", 3, "iobj", "ner=O"),
        (8, "ТАСС", "тасс", "PROPN", "_", 7, "nmod", "ner=S-ORG"),
        (9, "в", "в", "ADP", "_", 10, "case", "ner=O"),
        (10, "Нью-Йорке", "нью-йорк", "PROPN", "Case=Loc|Number=Sing", 3, "obl", "SpaceAfter=No|ner=S-LOC"),
        (11, ".", ".", "PUNCT", "_", 3, "punct", "ner=O"),
    ],
)


def stanza_doc(text: str):
    doc = CoNLL.conll2doc(input_str=text, reconstruct_text=True)
    doc.build_ents()
    return doc


def test_parse_feats():
    assert parse_feats("Case=Gen|Number=Sing") == {"Case": "Gen", "Number": "Sing"}
    assert parse_feats("PronType=Int,Rel") == {"PronType": "Int,Rel"}
    assert parse_feats(None) == {} and parse_feats("_") == {}


def test_doc_from_stanza_uk_exact():
    sdoc = stanza_doc(UK_CONLLU)
    header = " date 2025-10-31 "
    article = make_article(header + sdoc.text, "uk")
    assert article.body_start == len(header)
    assert len(article.paragraphs) == 2
    doc = doc_from_stanza(sdoc, article)
    check_invariants(doc, article)
    b = len(header)
    assert [t.text for t in doc.tokens] == [
        "Міністр", "Олена", "Коваль", "заявила", ",", "що", "Києву", "допоможе", "НАТО", ".",
        "Про", "це", "повідомив", "речник", "У", "Львові", "тривають", "переговори", ".",
    ]
    assert (doc.tokens[0].start, doc.tokens[0].end) == (b, b + 7)
    assert (doc.tokens[4].start, doc.tokens[4].end) == (b + 28, b + 29)  # the comma right after "заявила"
    # heads are absolute indices into doc.tokens; the root has None
    assert [t.head for t in doc.tokens[:10]] == [3, 0, 1, None, 7, 7, 7, 3, 7, 3]
    assert doc.tokens[3].dep == "root" and doc.tokens[1].dep == "appos"
    assert doc.tokens[6].feats == {"Case": "Dat", "Gender": "Masc", "Number": "Sing"}
    assert doc.tokens[6].case == "Dat" and doc.tokens[6].lemma == "Київ" and doc.tokens[6].pos == "PROPN"
    assert doc.tokens[4].feats == {}
    assert doc.has_parse is True
    # the second stanza sentence crosses the paragraph break: split in two
    assert [(s.first, s.last, s.paragraph) for s in doc.sentences] == [(0, 10, 0), (10, 14, 0), (14, 19, 1)]
    assert doc.sentence_text(doc.sentences[1]) == "Про це повідомив речник"
    assert doc.sentence_text(doc.sentences[2]) == "У Львові тривають переговори."
    assert [t.head for t in doc.tokens[10:]] == [11, 12, None, 12, 15, 16, None, 16, 16]
    assert doc.tokens[16].dep == "root"  # its head ("повідомив") lies in the previous paragraph
    assert [(m.text, m.label, m.normal, m.first, m.last) for m in doc.mentions] == [
        ("Олена Коваль", "PER", "Олена Коваль", 1, 3),  # languk's PERS -> PER
        ("Києву", "LOC", "Київ", 6, 7),
        ("НАТО", "ORG", "НАТО", 8, 9),
        ("Львові", "LOC", "Львів", 15, 16),
    ]
    assert (doc.mentions[0].start, doc.mentions[0].end) == (b + 8, b + 20)


def test_doc_from_stanza_ru_multiword_token_and_normal_forms():
    sdoc = stanza_doc(RU_CONLLU)
    article = make_article(sdoc.text, "ru")  # no header: body_start 0
    doc = doc_from_stanza(sdoc, article)
    check_invariants(doc, article)
    texts = [t.text for t in doc.tokens]
    assert texts[:7] == ["Песков", "отложил", "визит", "из-за", "из-за", "погоды", "."]
    # both words of the multi-word token "из-за" carry its span, with their own lemma and relation
    iz, za = doc.tokens[3], doc.tokens[4]
    assert (iz.start, iz.end) == (za.start, za.end) == (21, 26)
    assert (iz.lemma, iz.dep, iz.head) == ("из", "case", 5)
    assert (za.lemma, za.dep, za.head) == ("за", "fixed", 3)
    assert doc.tokens[5].head == 1 and doc.tokens[1].head is None
    assert [(s.first, s.last, s.paragraph) for s in doc.sentences] == [(0, 7, 0), (7, 18, 0)]
    assert [(m.text, m.label, m.normal) for m in doc.mentions] == [
        ("Песков", "PER", "Песков"),
        ("Дмитрия Пескова", "PER", "Дмитрий Песков"),  # lemmas, capitalised like the surface
        ("ТАСС", "ORG", "ТАСС"),  # acronyms stay upper case
        ("Нью-Йорке", "LOC", "Нью-Йорк"),
    ]
    # sentence 2 heads are offset by the 7 tokens of sentence 1
    assert [t.head for t in doc.tokens[7:]] == [8, 9, None, 9, 10, 11, 9, 13, 16, 9, 9]


def test_doc_from_stanza_without_parse():
    text = conllu([(1, "Київ", "_", "_", "_", "_", "_", "ner=S-LOC"), (2, "чекає", "_", "_", "_", "_", "_", "ner=O")])
    sdoc = stanza_doc(text)
    article = make_article(sdoc.text, "uk")
    doc = doc_from_stanza(sdoc, article)
    check_invariants(doc, article)
    assert doc.has_parse is False
    assert all(t.head is None and t.dep == "" for t in doc.tokens)
    assert doc.tokens[0].lemma == "" and doc.mentions[0].normal == "Київ"


# --- (b) the backend on tiny trained models --------------------------------------------------


@pytest.fixture(scope="module")
def one_thread():
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="module")
def backends(stanza_model_dir, one_thread):
    return {lang: StanzaBackend(lang, str(stanza_model_dir)) for lang in stanza_tiny.LANGS}


def seed_article(name: str, lang: str) -> ArticleText:
    return make_article((SEEDS / name).read_text(encoding="utf-8"), lang, name)


def test_backend_loads_all_installed_processors(backends):
    for lang, backend in backends.items():
        assert backend.name == "stanza" and backend.lang == lang
        assert backend.processors == ["tokenize", "pos", "lemma", "depparse", "ner"]
        assert set(backend.pipeline.processors) == set(backend.processors)


@pytest.mark.parametrize("lang", stanza_tiny.LANGS)
def test_backend_on_template_sentences(backends, lang):
    sentences = stanza_tiny.sample_sentences(lang, 6)
    text = " date 2025-11-01 \n" + " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:]) + "\n"
    article = make_article(text, lang)
    [doc] = backends[lang].annotate([article])
    check_invariants(doc, article)
    assert doc.backend == "stanza" and doc.lang == lang and doc.has_parse
    assert {s.paragraph for s in doc.sentences} == {0, 1}
    assert any(t.lemma for t in doc.tokens) and any(t.pos for t in doc.tokens)
    per = [m for m in doc.mentions if m.label == "PER"]
    assert per, [(m.text, m.label) for m in doc.mentions]
    names = {f"{first} {last}" for first, last, _ in stanza_tiny.PEOPLE[lang]}
    assert any(m.text in names and m.normal == m.text for m in per)


def test_backend_on_seed_files_in_one_batch(backends):
    uk = [seed_article("000_10514d14d83ccc4e.txt", "uk")]
    ru = [seed_article("002_1e1a0fa32f340427.txt", "ru"), seed_article("004_249f5b75d6d70c34.txt", "ru")]
    for lang, articles in (("uk", uk), ("ru", ru)):
        docs = backends[lang].annotate(articles)
        assert len(docs) == len(articles)
        for doc, article in zip(docs, articles):
            assert article.body_start > 0  # the date header is not annotated
            check_invariants(doc, article)
            assert doc.tokens and doc.sentences
            assert {s.paragraph for s in doc.sentences} <= set(range(len(article.paragraphs)))
            assert len({s.paragraph for s in doc.sentences}) == len(article.paragraphs)


def test_backend_empty_batch_and_blank_body(backends):
    assert backends["uk"].annotate([]) == []
    article = make_article(" date 2025-10-31 \n\n", "uk")
    article.paragraphs = []
    [doc] = backends["uk"].annotate([article])
    assert doc.tokens == [] and doc.mentions == [] and doc.backend == "stanza"


def test_one_process_gets_the_backend_it_asks_for(stanza_model_dir, one_thread):
    """Backends are kept per process: asking for stanza and then builtin for one language gives each."""
    from claimex.pipeline import Settings, backend_for

    stanza = backend_for("uk", Settings({"uk": "stanza"}, str(stanza_model_dir)))
    builtin = backend_for("uk", Settings({"uk": "builtin"}, str(stanza_model_dir)))
    assert (stanza.name, builtin.name) == ("stanza", "builtin")
    assert backend_for("uk", Settings({"uk": "stanza"}, str(stanza_model_dir))) is stanza


def test_backend_refuses_a_folder_without_models(tmp_path):
    with pytest.raises(StanzaUnavailable, match="claimex models download uk"):
        StanzaBackend("uk", str(tmp_path))


# --- (c) installed / is_available ------------------------------------------------------------


def test_installed_on_tiny_models(stanza_model_dir):
    for lang in ("uk", "ru"):
        assert stanza_models.installed(lang, stanza_model_dir) == ["tokenize", "pos", "lemma", "depparse", "ner"]
        assert stanza_models.is_available(lang, str(stanza_model_dir))
    assert stanza_models.installed("en", stanza_model_dir) == []
    assert not stanza_models.is_available("en", stanza_model_dir)
    assert stanza_models.installed_languages(stanza_model_dir) == ["ru", "uk"]


def test_installed_on_empty_and_partial_dirs(tmp_path, stanza_model_dir):
    assert stanza_models.installed("uk", tmp_path) == []
    assert not stanza_models.is_available("uk", str(tmp_path))
    assert not stanza_models.is_available("uk", None)
    # resources.json present but the ner model (or its pretrain dependency) missing
    import shutil

    partial = tmp_path / "partial"
    shutil.copytree(stanza_model_dir, partial)
    (partial / "uk" / "pretrain" / "tiny.pt").unlink()
    assert stanza_models.installed("uk", partial) == ["tokenize", "lemma"]
    assert not stanza_models.is_available("uk", partial)
    assert stanza_models.is_available("ru", partial)


def test_resolve_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMEX_STANZA_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    assert stanza_models.resolve_dir(str(tmp_path / "cli")) == str(tmp_path / "cli")
    assert stanza_models.resolve_dir(None) == str(tmp_path / "env")
    monkeypatch.delenv("CLAIMEX_STANZA_DIR")
    assert stanza_models.resolve_dir(None) == str(tmp_path / "stanza") == stanza_models.default_dir()
    monkeypatch.delenv("STANZA_RESOURCES_DIR")
    from stanza.resources.common import USER_CACHE_DIR

    # what stanza itself uses when the variable is unset (computed without importing stanza)
    assert stanza_models.default_dir() == str(Path(USER_CACHE_DIR) / "resources")


# --- (d) download offline --------------------------------------------------------------------


def test_download_offline_fails_fast_with_a_clear_message(tmp_path):
    started = time.perf_counter()
    with pytest.raises(stanza_models.ModelDownloadError) as info:
        stanza_models.download(["uk"], tmp_path / "models")
    assert time.perf_counter() - started < 20
    message = str(info.value)
    assert "\n" not in message and "internet" in message
    assert not (tmp_path / "models" / "uk").exists()


# --- (e) the `models` sub-app ----------------------------------------------------------------


def test_cli_list_shows_tiny_models(stanza_model_dir):
    result = CliRunner().invoke(models_app, ["list", "--dir", str(stanza_model_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for lang in ("uk", "ru"):
        row = next(line for line in lines if re.search(rf"\b{lang}\b", line) and "tokenize" in line)
        assert "ner" in row and "yes" in row
    assert str(stanza_model_dir) in result.stdout


def test_cli_list_empty_dir_says_none(tmp_path):
    result = CliRunner().invoke(models_app, ["list", "--dir", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    stanza_rows = [line for line in result.stdout.splitlines() if " stanza " in line]
    assert len(stanza_rows) == 2 and all("none" in row for row in stanza_rows)


def test_cli_download_offline_exits_1_without_traceback(tmp_path):
    result = CliRunner().invoke(models_app, ["download", "uk", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "error:" in result.stderr and "internet" in result.stderr
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_extract_with_the_stanza_backend_end_to_end(stanza_model_dir):
    """The CLI a user runs, served by stanza's Pipeline for both languages, keeps every contract."""
    import json
    import subprocess

    root = Path(__file__).resolve().parent.parent
    args = ["extract", "seeds", "--backend", "stanza", "--stanza-dir", str(stanza_model_dir), "-f", "json"]
    result = subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=root, timeout=600)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["tool"]["backends"] == {"uk": "stanza", "ru": "stanza", "en": "builtin"}
    assert {a["backend"] for a in output["articles"]} == {"stanza"}
    assert "uk=stanza, ru=stanza" in result.stderr
    for article in output["articles"]:
        text = (root / "seeds" / f"{article['id']}.txt").read_text(encoding="utf-8")
        assert article["claims"]
        for span in article["entities"] + article["claims"]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert output["stories"]
