"""Tiny uk and ru spaCy pipelines for tests, trained offline in seconds.

The sentences are stanza_tiny's templates filled from its name lists (gold words, UPOS, features,
dependency trees, entities), so both tiny backends learn the same text.  Each pipeline is
``spacy.blank(lang)`` + morphologizer + parser + ner, with no lemmatizer (so the adapter's lemma
fallback runs), saved with ``nlp.to_disk``: exactly what ``--spacy-model uk=FOLDER`` loads.
Persons are labelled ``PERSON`` in uk and ``PER`` in ru, so the label mapping is exercised.

Good enough to prove that code runs: assert structure, never linguistic accuracy.

Run as ``python tests/spacy_tiny.py OUT_DIR`` to build OUT_DIR/uk and OUT_DIR/ru by hand.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import stanza_tiny

LANGS = stanza_tiny.LANGS
PERSON_LABEL = {"uk": "PERSON", "ru": "PER"}
SEED = 1234
N_TRAIN = 60
EPOCHS = 12
WIDTH = 32  # tok2vec width: tiny models train in seconds


def _examples(nlp, lang: str, n: int):
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    for sentence in stanza_tiny.generate(lang, n, SEED):
        tags = [_person_tag(t.ner, lang) for t in sentence]
        words = [t.form for t in sentence]
        spaces = [t.space_after for t in sentence]
        reference = Doc(
            nlp.vocab, words=words, spaces=spaces,
            heads=[t.head - 1 if t.head else i for i, t in enumerate(sentence)],
            deps=[t.deprel if t.head else "ROOT" for t in sentence],
            pos=[t.upos for t in sentence],
            morphs=[t.feats if t.feats != "_" else "" for t in sentence],
            ents=tags,
        )
        examples.append(Example(nlp.make_doc(reference.text), reference))
    return examples


def _person_tag(tag: str, lang: str) -> str:
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{PERSON_LABEL[lang]}" if label in ("PER", "PERS") else tag


def _tok2vec(width: int) -> dict:
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": width, "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                  "rows": [1000, 500, 500, 250], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width, "depth": 1, "window_size": 1, "maxout_pieces": 2},
    }


def train(lang: str, out: Path) -> Path:
    """Train one tiny pipeline and save it to `out`."""
    import spacy

    spacy.util.fix_random_seed(SEED)
    nlp = spacy.blank(lang)
    nlp.meta["name"] = "tiny"
    nlp.meta["version"] = "0.0.1"
    for component in ("morphologizer", "parser", "ner"):
        nlp.add_pipe(component, config={"model": {"tok2vec": _tok2vec(WIDTH)}})
    examples = _examples(nlp, lang, N_TRAIN)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for start in range(0, len(examples), 8):
            nlp.update(examples[start : start + 8], sgd=optimizer, drop=0.1)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: spacy_tiny.py OUT_DIR")
    for lang in LANGS:
        started = time.perf_counter()
        train(lang, Path(sys.argv[1]) / lang)
        print(f"{lang}: {time.perf_counter() - started:.1f} s")
