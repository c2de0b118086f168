"""Tiny stanza models for tests, trained offline in about a minute with stanza's own trainers.

Generates news-like Ukrainian and Russian sentences from templates filled with person, place and
organisation names (gold tokens, lemmas, UPOS, features, dependency trees and BIO entity tags),
trains tokenize, pos, lemma, depparse and ner models on them, and lays the result out exactly as
``stanza.download`` does::

    MODEL_DIR/resources.json
    MODEL_DIR/{uk,ru}/{tokenize,pos,lemma,depparse,ner,pretrain}/tiny.pt

so tests load them through the very ``stanza.Pipeline(lang, dir=MODEL_DIR, download_method=None)``
call users hit.  The Ukrainian NER model is trained with the label ``PERS`` (as stanza's real
``languk`` model uses) and the Russian one with ``PER``.

The models are only good enough to prove that code runs: assert structure (offsets, heads in
range, entities on template-like sentences), never linguistic accuracy.

``cached_model_dir()`` builds once per (this file's source, stanza version, torch version) into
``~/.cache/claimex-tests/stanza-<hash>`` (``$CLAIMEX_TEST_CACHE`` overrides the root), building in a
temporary directory renamed into place, so an interrupted run never leaves a broken cache.

Run as ``python tests/stanza_tiny.py OUT_DIR`` to build a model directory by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LANGS = ("uk", "ru")
PACKAGE = "tiny"
PROCESSORS = ("tokenize", "pos", "lemma", "depparse", "ner")
LANG_NAMES = {"uk": "Ukrainian", "ru": "Russian"}
PER_LABEL = {"uk": "PERS", "ru": "PER"}  # stanza's uk languk model really says PERS
SEED = 1234
N_TRAIN = 160
N_DEV = 40
VECTOR_DIM = 16
NO_SPACE_BEFORE = set(",.:;!?»)")
NO_SPACE_AFTER = set("«(")

# --- vocabulary ------------------------------------------------------------------------------
# PER: (first, last, gender); LOC: (nominative, genitive, locative); ORG: indeclinable names.

PEOPLE = {
    "uk": [
        ("Олена", "Коваль", "f"), ("Андрій", "Мельник", "m"), ("Ірина", "Бондаренко", "f"),
        ("Петро", "Шевчук", "m"), ("Наталія", "Ткаченко", "f"), ("Олег", "Кравченко", "m"),
        ("Юлія", "Савченко", "f"), ("Дмитро", "Кузьменко", "m"), ("Тарас", "Лисенко", "m"),
        ("Марія", "Гончаренко", "f"), ("Василь", "Руденко", "m"), ("Оксана", "Мороз", "f"),
    ],
    "ru": [
        ("Анна", "Смирнова", "f"), ("Сергей", "Иванов", "m"), ("Елена", "Козлова", "f"),
        ("Дмитрий", "Соколов", "m"), ("Ольга", "Морозова", "f"), ("Алексей", "Попов", "m"),
        ("Мария", "Волкова", "f"), ("Игорь", "Лебедев", "m"), ("Наталья", "Новикова", "f"),
        ("Павел", "Федоров", "m"), ("Виктор", "Орлов", "m"), ("Татьяна", "Зайцева", "f"),
    ],
}
PLACES = {
    "uk": [
        ("Київ", "Києва", "Києві"), ("Львів", "Львова", "Львові"), ("Харків", "Харкова", "Харкові"),
        ("Одеса", "Одеси", "Одесі"), ("Дніпро", "Дніпра", "Дніпрі"), ("Варшава", "Варшави", "Варшаві"),
        ("Берлін", "Берліна", "Берліні"), ("Вашингтон", "Вашингтона", "Вашингтоні"),
    ],
    "ru": [
        ("Москва", "Москвы", "Москве"), ("Киев", "Киева", "Киеве"), ("Минск", "Минска", "Минске"),
        ("Казань", "Казани", "Казани"), ("Берлин", "Берлина", "Берлине"), ("Варшава", "Варшавы", "Варшаве"),
        ("Вашингтон", "Вашингтона", "Вашингтоне"), ("Новосибирск", "Новосибирска", "Новосибирске"),
    ],
}
ORGS = {
    "uk": ["ООН", "НАТО", "МАГАТЕ", "Укренерго", "ЮНІСЕФ", "ОБСЄ"],
    "ru": ["ООН", "НАТО", "МАГАТЭ", "Роснефть", "ЮНИСЕФ", "ОБСЕ"],
}
TITLES = {
    "uk": [("міністр", "міністр"), ("президент", "президент"), ("речник", "речник"), ("посол", "посол"), ("мер", "мер")],
    "ru": [("министр", "министр"), ("президент", "президент"), ("представитель", "представитель"), ("посол", "посол"), ("мэр", "мэр")],
}

# --- templates -------------------------------------------------------------------------------
# One element: (form, lemma, upos, feats, head, deprel) with 1-based heads inside the template, or
# a slot ("@PER" | "@TITLE" | "@LOC" | "@LOC_GEN" | "@LOC_LOC" | "@ORG", head, deprel).  "a/b" forms
# are masculine/feminine past-tense verbs agreeing with the sentence's person.

PAST = "Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin"
FUT = "Aspect=Perf|Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin"

TEMPLATES = {
    "uk": [
        [("@TITLE", 3, "nsubj"), ("@PER", 1, "appos"), ("заявив/заявила", "заявити", "VERB", PAST, 0, "root"),
         (",", ",", "PUNCT", "", 7, "punct"), ("що", "що", "SCONJ", "", 7, "mark"), ("@LOC", 7, "nsubj"),
         ("отримає", "отримати", "VERB", FUT, 3, "ccomp"), ("нову", "новий", "ADJ", "Case=Acc|Gender=Fem|Number=Sing", 9, "amod"),
         ("допомогу", "допомога", "NOUN", "Case=Acc|Gender=Fem|Number=Sing", 7, "obj"), (".", ".", "PUNCT", "", 3, "punct")],
        [("про", "про", "ADP", "", 2, "case"), ("це", "це", "PRON", "Case=Acc|Number=Sing", 3, "obl"),
         ("повідомив/повідомила", "повідомити", "VERB", PAST, 0, "root"), ("@TITLE", 3, "nsubj"), ("@PER", 4, "appos"),
         ("у", "у", "ADP", "", 7, "case"), ("@LOC_LOC", 3, "obl"), (".", ".", "PUNCT", "", 3, "punct")],
        [("@ORG", 2, "nsubj"), ("повідомила", "повідомити", "VERB", PAST + "|Gender=Fem", 0, "root"), (",", ",", "PUNCT", "", 6, "punct"),
         ("що", "що", "SCONJ", "", 6, "mark"), ("@PER", 6, "nsubj"), ("прибув/прибула", "прибути", "VERB", PAST, 2, "ccomp"),
         ("до", "до", "ADP", "", 8, "case"), ("@LOC_GEN", 6, "obl"), (".", ".", "PUNCT", "", 2, "punct")],
        [("@PER", 2, "nsubj"), ("зустрівся/зустрілася", "зустрітися", "VERB", PAST, 0, "root"), ("з", "з", "ADP", "", 4, "case"),
         ("представниками", "представник", "NOUN", "Case=Ins|Number=Plur", 2, "obl"), ("@ORG", 4, "nmod"),
         ("у", "у", "ADP", "", 7, "case"), ("@LOC_LOC", 2, "obl"), (".", ".", "PUNCT", "", 2, "punct")],
        [("«", "«", "PUNCT", "", 3, "punct"), ("ми", "ми", "PRON", "Case=Nom|Number=Plur|Person=1", 3, "nsubj"),
         ("продовжимо", "продовжити", "VERB", "Aspect=Perf|Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin", 8, "ccomp"),
         ("роботу", "робота", "NOUN", "Case=Acc|Gender=Fem|Number=Sing", 3, "obj"), ("»", "»", "PUNCT", "", 3, "punct"),
         (",", ",", "PUNCT", "", 3, "punct"), ("—", "—", "PUNCT", "", 3, "punct"),
         ("сказав/сказала", "сказати", "VERB", PAST, 0, "root"), ("@PER", 8, "nsubj"), (".", ".", "PUNCT", "", 8, "punct")],
        [("у", "у", "ADP", "", 2, "case"), ("@LOC_LOC", 4, "obl"), ("триває", "тривати", "VERB", "Aspect=Imp|Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 0, "root"),
         ("нарада", "нарада", "NOUN", "Case=Nom|Gender=Fem|Number=Sing", 3, "nsubj"), ("@ORG", 4, "nmod"), (".", ".", "PUNCT", "", 3, "punct")],
    ],
    "ru": [
        [("@TITLE", 3, "nsubj"), ("@PER", 1, "appos"), ("заявил/заявила", "заявить", "VERB", PAST, 0, "root"),
         (",", ",", "PUNCT", "", 7, "punct"), ("что", "что", "SCONJ", "", 7, "mark"), ("@LOC", 7, "nsubj"),
         ("получит", "получить", "VERB", FUT, 3, "ccomp"), ("новую", "новый", "ADJ", "Case=Acc|Gender=Fem|Number=Sing", 9, "amod"),
         ("помощь", "помощь", "NOUN", "Case=Acc|Gender=Fem|Number=Sing", 7, "obj"), (".", ".", "PUNCT", "", 3, "punct")],
        [("об", "о", "ADP", "", 2, "case"), ("этом", "это", "PRON", "Case=Loc|Number=Sing", 3, "obl"),
         ("сообщил/сообщила", "сообщить", "VERB", PAST, 0, "root"), ("@TITLE", 3, "nsubj"), ("@PER", 4, "appos"),
         ("в", "в", "ADP", "", 7, "case"), ("@LOC_LOC", 3, "obl"), (".", ".", "PUNCT", "", 3, "punct")],
        [("@ORG", 2, "nsubj"), ("сообщила", "сообщить", "VERB", PAST + "|Gender=Fem", 0, "root"), (",", ",", "PUNCT", "", 6, "punct"),
         ("что", "что", "SCONJ", "", 6, "mark"), ("@PER", 6, "nsubj"), ("прибыл/прибыла", "прибыть", "VERB", PAST, 2, "ccomp"),
         ("из", "из", "ADP", "", 8, "case"), ("@LOC_GEN", 6, "obl"), (".", ".", "PUNCT", "", 2, "punct")],
        [("@PER", 2, "nsubj"), ("встретился/встретилась", "встретиться", "VERB", PAST, 0, "root"), ("с", "с", "ADP", "", 4, "case"),
         ("представителями", "представитель", "NOUN", "Case=Ins|Number=Plur", 2, "obl"), ("@ORG", 4, "nmod"),
         ("в", "в", "ADP", "", 7, "case"), ("@LOC_LOC", 2, "obl"), (".", ".", "PUNCT", "", 2, "punct")],
        [("«", "«", "PUNCT", "", 3, "punct"), ("мы", "мы", "PRON", "Case=Nom|Number=Plur|Person=1", 3, "nsubj"),
         ("продолжим", "продолжить", "VERB", "Aspect=Perf|Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin", 8, "ccomp"),
         ("работу", "работа", "NOUN", "Case=Acc|Gender=Fem|Number=Sing", 3, "obj"), ("»", "»", "PUNCT", "", 3, "punct"),
         (",", ",", "PUNCT", "", 3, "punct"), ("—", "—", "PUNCT", "", 3, "punct"),
         ("сказал/сказала", "сказать", "VERB", PAST, 0, "root"), ("@PER", 8, "nsubj"), (".", ".", "PUNCT", "", 8, "punct")],
        [("в", "в", "ADP", "", 2, "case"), ("@LOC_LOC", 4, "obl"), ("продолжается", "продолжаться", "VERB", "Aspect=Imp|Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 0, "root"),
         ("совещание", "совещание", "NOUN", "Case=Nom|Gender=Neut|Number=Sing", 3, "nsubj"), ("@ORG", 4, "nmod"), (".", ".", "PUNCT", "", 3, "punct")],
    ],
}


@dataclass
class Tok:
    form: str
    lemma: str
    upos: str
    feats: str
    head: int  # 1-based within the sentence, 0 = root
    deprel: str
    ner: str = "O"
    space_after: bool = True


def _feats(feats: str, gender: str | None, form_was_gendered: bool) -> str:
    parts = [p for p in feats.split("|") if p]
    if form_was_gendered and gender:
        parts.append("Gender=" + ("Fem" if gender == "f" else "Masc"))
    return "|".join(sorted(set(parts), key=str.lower)) or "_"


def _slot(lang: str, slot: str, rng: random.Random, person) -> list[tuple[str, str, str, str, str]]:
    """(form, lemma, upos, feats, ner) rows for one slot; the first row is the slot's head."""
    per = PER_LABEL[lang]
    if slot == "@PER":
        first, last, gender = person
        g = "Fem" if gender == "f" else "Masc"
        return [(first, first, "PROPN", f"Case=Nom|Gender={g}|Number=Sing", f"B-{per}"),
                (last, last, "PROPN", f"Case=Nom|Gender={g}|Number=Sing", f"I-{per}")]
    if slot == "@TITLE":
        form, lemma = rng.choice(TITLES[lang])
        return [(form, lemma, "NOUN", "Case=Nom|Gender=Masc|Number=Sing", "O")]
    if slot.startswith("@LOC"):
        nom, gen, loc = rng.choice(PLACES[lang])
        case, form = {"@LOC": ("Nom", nom), "@LOC_GEN": ("Gen", gen), "@LOC_LOC": ("Loc", loc)}[slot]
        return [(form, nom, "PROPN", f"Case={case}|Number=Sing", "B-LOC")]
    if slot == "@ORG":
        name = rng.choice(ORGS[lang])
        return [(name, name, "PROPN", "Number=Sing", "B-ORG")]
    raise ValueError(slot)


def make_sentence(lang: str, template: list[tuple], rng: random.Random) -> list[Tok]:
    person = rng.choice(PEOPLE[lang])
    gender = person[2]
    groups: list[list[Tok]] = []
    for element in template:
        if element[0].startswith("@"):
            slot, _head, _deprel = element
            rows = _slot(lang, slot, rng, person)
            groups.append([Tok(f, l, u, fe, 0, "", ner) for f, l, u, fe, ner in rows])
        else:
            form, lemma, upos, feats, _head, _deprel = element
            gendered = "/" in form
            if gendered:
                masc, fem = form.split("/")
                form = fem if gender == "f" else masc
            groups.append([Tok(form, lemma, upos, _feats(feats, gender, gendered), 0, "")])
    # renumber: element i's head token sits at position start[i] (1-based)
    start, pos = [], 1
    for group in groups:
        start.append(pos)
        pos += len(group)
    tokens: list[Tok] = []
    for element, group, first in zip(template, groups, start):
        head, deprel = element[-2], element[-1]
        group[0].head = 0 if head == 0 else start[head - 1]
        group[0].deprel = deprel
        for tok in group[1:]:
            tok.head, tok.deprel = first, "flat:name"
        tokens.extend(group)
    first_word = next(t for t in tokens if t.form[0].isalpha())
    first_word.form = first_word.form[0].upper() + first_word.form[1:]
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1].form if i + 1 < len(tokens) else ""
        tok.space_after = bool(nxt) and nxt not in NO_SPACE_BEFORE and tok.form not in NO_SPACE_AFTER
    return tokens


def generate(lang: str, n: int, seed: int) -> list[list[Tok]]:
    rng = random.Random(f"{lang}-{seed}")
    templates = TEMPLATES[lang]
    return [make_sentence(lang, templates[i % len(templates)], rng) for i in range(n)]


def sentence_text(tokens: list[Tok]) -> str:
    return "".join(t.form + (" " if t.space_after else "") for t in tokens).rstrip()


def sample_sentences(lang: str, n: int = 6, seed: int = 99) -> list[str]:
    """Fresh template-like sentences (a different seed from training), for tests."""
    return [sentence_text(s) for s in generate(lang, n, seed)]


# --- files -----------------------------------------------------------------------------------

SENTENCES_PER_PARAGRAPH = 4


def write_conllu(sentences: list[list[Tok]], path: Path) -> None:
    lines = []
    for n, sent in enumerate(sentences, 1):
        lines += [f"# sent_id = {n}", f"# text = {sentence_text(sent)}"]
        for i, t in enumerate(sent, 1):
            misc = "_" if t.space_after or i == len(sent) else "SpaceAfter=No"
            lines.append(f"{i}\t{t.form}\t{t.lemma}\t{t.upos}\t_\t{t.feats or '_'}\t{t.head}\t{t.deprel}\t_\t{misc}")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_raw(sentences: list[list[Tok]], path: Path) -> None:
    paragraphs = [
        " ".join(sentence_text(s) for s in sentences[i : i + SENTENCES_PER_PARAGRAPH])
        for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    ]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def write_ner(sentences: list[list[Tok]], path: Path) -> None:
    data = [[{"text": t.form, "ner": t.ner} for t in sent] for sent in sentences]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_vectors(sentences: list[list[Tok]], path: Path, seed: int) -> None:
    rng = random.Random(seed)
    words = sorted({t.form.lower() for sent in sentences for t in sent} | {t.form for sent in sentences for t in sent})
    rows = [f"{w} " + " ".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(VECTOR_DIM)) for w in words]
    path.write_text(f"{len(words)} {VECTOR_DIM}\n" + "\n".join(rows) + "\n", encoding="utf-8")


# --- training (runs in a child process per language) -----------------------------------------


def train_language(lang: str, lang_dir: Path, work: Path) -> dict[str, float]:
    """Train all processors for `lang` into lang_dir/<processor>/tiny.pt; returns seconds per step."""
    import torch

    torch.set_num_threads(1)
    from stanza.models import lemmatizer, ner_tagger, parser, tagger, tokenizer
    from stanza.models.common.pretrain import Pretrain
    from stanza.utils.datasets import prepare_tokenizer_data

    timings: dict[str, float] = {}
    work.mkdir(parents=True, exist_ok=True)
    train, dev = generate(lang, N_TRAIN, SEED), generate(lang, N_DEV, SEED + 1)
    files = {}
    for split, sents in (("train", train), ("dev", dev)):
        files[f"{split}.conllu"] = work / f"{split}.conllu"
        files[f"{split}.txt"] = work / f"{split}.txt"
        files[f"{split}.ner.json"] = work / f"{split}.ner.json"
        write_conllu(sents, files[f"{split}.conllu"])
        write_raw(sents, files[f"{split}.txt"])
        write_ner(sents, files[f"{split}.ner.json"])
    write_vectors(train + dev, work / "vectors.txt", SEED)
    short = f"{lang}_{PACKAGE}"
    out = {p: lang_dir / p for p in (*PROCESSORS, "pretrain")}
    for d in out.values():
        d.mkdir(parents=True, exist_ok=True)
    common = ["--shorthand", short, "--cpu", "--seed", str(SEED)]

    def step(name, fn):
        t0 = time.perf_counter()
        fn()
        timings[name] = round(time.perf_counter() - t0, 2)

    def tok():
        for split in ("train", "dev"):
            prepare_tokenizer_data.main([
                str(files[f"{split}.txt"]), str(files[f"{split}.conllu"]),
                "-o", str(work / f"{split}.toklabels"), "-m", str(work / f"{split}-mwt.json"),
            ])
        tokenizer.main([
            "--mode", "train", "--lang", lang, *common,
            "--txt_file", str(files["train.txt"]), "--label_file", str(work / "train.toklabels"),
            "--mwt_json_file", str(work / "train-mwt.json"),
            "--dev_txt_file", str(files["dev.txt"]), "--dev_label_file", str(work / "dev.toklabels"),
            "--dev_conll_gold", str(files["dev.conllu"]), "--conll_file", str(work / "tok.pred.conllu"),
            "--no_use_mwt", "--emb_dim", "16", "--hidden_dim", "32", "--steps", "150", "--batch_size", "16",
            "--save_dir", str(out["tokenize"]), "--save_name", f"{PACKAGE}.pt",
        ])

    pretrain_file = out["pretrain"] / f"{PACKAGE}.pt"

    def pretrain():
        Pretrain(str(pretrain_file), str(work / "vectors.txt"), -1, save_to_file=True).load()

    def ner():
        ner_tagger.main([
            "--mode", "train", *common, "--train_file", str(files["train.ner.json"]),
            "--eval_file", str(files["dev.ner.json"]), "--wordvec_pretrain_file", str(pretrain_file),
            "--hidden_dim", "32", "--char_hidden_dim", "32", "--char_emb_dim", "16", "--word_emb_dim", "16",
            "--max_steps", "150", "--eval_interval", "50", "--batch_size", "32",
            "--save_dir", str(out["ner"]), "--save_name", f"{PACKAGE}.pt",
        ])

    def pos():
        tagger.main([
            "--mode", "train", "--lang", lang, *common, "--train_file", str(files["train.conllu"]),
            "--eval_file", str(files["dev.conllu"]), "--output_file", str(work / "pos.pred.conllu"),
            "--wordvec_pretrain_file", str(pretrain_file),
            "--hidden_dim", "32", "--char_hidden_dim", "32", "--char_emb_dim", "16", "--word_emb_dim", "16",
            "--tag_emb_dim", "8", "--deep_biaff_hidden_dim", "32", "--composite_deep_biaff_hidden_dim", "16",
            "--transformed_dim", "16", "--num_layers", "1", "--no_char",
            "--max_steps", "60", "--eval_interval", "30", "--batch_size", "200",
            "--save_dir", str(out["pos"]), "--save_name", f"{PACKAGE}.pt",
        ])

    def lemma():
        lemmatizer.main([
            "--mode", "train", *common, "--train_file", str(files["train.conllu"]),
            "--eval_file", str(files["dev.conllu"]), "--output_file", str(work / "lemma.pred.conllu"),
            "--dict_only", "--save_dir", str(out["lemma"]), "--save_name", f"{PACKAGE}.pt",
        ])

    def depparse():
        parser.main([
            "--mode", "train", "--lang", lang, *common, "--train_file", str(files["train.conllu"]),
            "--eval_file", str(files["dev.conllu"]), "--output_file", str(work / "dep.pred.conllu"),
            "--wordvec_pretrain_file", str(pretrain_file),
            "--hidden_dim", "32", "--char_hidden_dim", "32", "--char_emb_dim", "16", "--word_emb_dim", "16",
            "--tag_emb_dim", "8", "--deep_biaff_hidden_dim", "32", "--transformed_dim", "16", "--num_layers", "1", "--no_char",
            "--max_steps", "80", "--eval_interval", "40", "--batch_size", "1000", "--no_checkpoint",
            "--save_dir", str(out["depparse"]), "--save_name", f"{PACKAGE}.pt",
        ])

    for name, fn in (("tokenize", tok), ("pretrain", pretrain), ("ner", ner), ("pos", pos), ("lemma", lemma), ("depparse", depparse)):
        step(name, fn)
    for p, d in out.items():
        if not (d / f"{PACKAGE}.pt").is_file():
            raise RuntimeError(f"training {lang} {p} produced no model in {d}")
    return timings


def resources_json(langs=LANGS) -> dict:
    dep = {"dependencies": [{"model": "pretrain", "package": PACKAGE}]}
    resources: dict = {}
    for lang in langs:
        resources[lang] = {
            "lang_name": LANG_NAMES[lang],
            "tokenize": {PACKAGE: {}},
            "lemma": {PACKAGE: {}},
            "pretrain": {PACKAGE: {}},
            "pos": {PACKAGE: dep},
            "depparse": {PACKAGE: dep},
            "ner": {PACKAGE: dep},
            "packages": {"default": {p: PACKAGE for p in PROCESSORS}},
        }
    return resources


def build(model_dir: Path, langs=LANGS) -> dict[str, dict[str, float]]:
    """Train every language in parallel child processes (one thread each) into model_dir."""
    model_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
    env.pop("STANZA_RESOURCES_DIR", None)
    with tempfile.TemporaryDirectory(prefix="stanza-tiny-work-") as work:
        procs = {}
        for lang in langs:
            log = open(Path(work) / f"{lang}.log", "w+", encoding="utf-8")
            cmd = [sys.executable, __file__, "--train-one", lang, str(model_dir / lang), str(Path(work) / lang)]
            procs[lang] = (subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work), log)
        timings, failures = {}, []
        for lang, (proc, log) in procs.items():
            code = proc.wait()
            log.seek(0)
            output = log.read()
            log.close()
            if code != 0:
                failures.append(f"--- {lang} (exit {code}) ---\n{output[-4000:]}")
                continue
            last = [line for line in output.splitlines() if line.startswith("TIMINGS ")]
            timings[lang] = json.loads(last[-1][len("TIMINGS "):]) if last else {}
        if failures:
            raise RuntimeError("training tiny stanza models failed:\n" + "\n".join(failures))
    (model_dir / "resources.json").write_text(json.dumps(resources_json(langs), indent=2), encoding="utf-8")
    return timings


# --- the cache -------------------------------------------------------------------------------


def cache_key() -> str:
    import importlib.metadata as md

    h = hashlib.sha256(Path(__file__).read_bytes())
    for dist in ("stanza", "torch"):
        h.update(f"{dist}={md.version(dist)}".encode())
    h.update(f"py{sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()[:16]


def cache_root() -> Path:
    if os.environ.get("CLAIMEX_TEST_CACHE"):
        return Path(os.environ["CLAIMEX_TEST_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimex-tests"


def is_complete(model_dir: Path, langs=LANGS) -> bool:
    if not (model_dir / "resources.json").is_file():
        return False
    return all((model_dir / lang / p / f"{PACKAGE}.pt").is_file() for lang in langs for p in (*PROCESSORS, "pretrain"))


def cached_model_dir(root: Path | None = None) -> tuple[Path, dict]:
    """The tiny model dir, built on first use; returns (path, info) with info["built"] and timings."""
    root = root or cache_root()
    final = root / f"stanza-{cache_key()}"
    if is_complete(final):
        return final, {"built": False}
    if final.exists():  # only a hand-damaged cache gets here: builds are renamed in whole
        shutil.rmtree(final, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=root))
    try:
        t0 = time.perf_counter()
        timings = build(tmp)
        elapsed = time.perf_counter() - t0
        (tmp / "BUILD_INFO.json").write_text(json.dumps({"seconds": round(elapsed, 1), "steps": timings}), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:  # another process finished first; its copy is as good as ours
            if not is_complete(final):
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final, {"built": True, "seconds": round(elapsed, 1), "steps": timings}


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--train-one":
        lang, lang_dir, work = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        result = train_language(lang, lang_dir, work)
        print("TIMINGS " + json.dumps(result), flush=True)
    elif len(sys.argv) == 2:
        t0 = time.perf_counter()
        print(json.dumps(build(Path(sys.argv[1])), indent=2))
        print(f"total {time.perf_counter() - t0:.1f} s")
    else:
        sys.exit("usage: stanza_tiny.py OUT_DIR")
