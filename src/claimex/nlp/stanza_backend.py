"""The stanza backend: tokens, lemmas, UD morphology, dependency parse and entities from stanza.

Models are loaded from a folder laid out like ``stanza.download`` leaves it (see
`claimex.nlp.stanza_models`), never downloaded here.  `doc_from_stanza` is the whole mapping
from a processed ``stanza.Document`` to our `Doc`, kept pure so it can be tested on hand-written
CoNLL-U.

Mapping rules:

* one `Token` per stanza *word*; the words of a multi-word token all carry the surface token's
  character span and text (so ``doc.text[t.start:t.end] == t.text`` always holds) and their own
  lemma, UPOS, features and relation;
* ``head`` is an absolute index into ``Doc.tokens`` (None for the root or without a parse); a
  head that would leave its sentence after a paragraph split (below) becomes None with dep "root";
* stanza sentences crossing a paragraph of the article are split at the boundary;
* entity labels: PER/PERS/PERSON -> PER, ORG -> ORG, LOC/GPE -> LOC, anything else -> MISC.
"""

from __future__ import annotations

import bisect
import os
import re

from claimex.doc import Doc, Mention, Sentence, Token
from claimex.nlp import stanza_models
from claimex.reader import ArticleText

LABELS = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "NORP": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC",
}


class StanzaUnavailable(RuntimeError):
    """The stanza backend cannot start: the extra is missing or no usable models for a language."""


class StanzaBackend:
    name = "stanza"

    def __init__(self, lang: str, model_dir: str | os.PathLike | None = None) -> None:
        self.lang = lang
        self.model_dir = os.fspath(model_dir) if model_dir else stanza_models.resolve_dir(None)
        self.processors = stanza_models.usable(lang, self.model_dir)
        if not stanza_models.is_available(lang, self.model_dir):
            have = ",".join(self.processors) or "none"
            raise StanzaUnavailable(
                f"no usable stanza models for {lang} in {self.model_dir} (need tokenize and ner; found {have}): "
                f"run `claimex models download {lang}` (needs internet) or pass --stanza-dir"
            )
        stanza = stanza_models.import_stanza()
        self.has_parse = "depparse" in self.processors
        self.pipeline = stanza.Pipeline(
            lang,
            dir=self.model_dir,
            processors=",".join(self.processors),
            download_method=None,
            use_gpu=False,
            logging_level="WARN",
        )

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        """One Doc per article, in order; all non-empty bodies go through one bulk pipeline call."""
        bodies = [article.text[article.body_start :] for article in articles]
        todo = [i for i, body in enumerate(bodies) if body.strip()]
        processed = self.pipeline.bulk_process([bodies[i] for i in todo]) if todo else []
        by_index = dict(zip(todo, processed))
        docs = []
        for i, article in enumerate(articles):
            if i in by_index:
                doc = doc_from_stanza(by_index[i], article, base=article.body_start)
            else:
                doc = Doc(text=article.text, lang=article.lang or self.lang, paragraphs=list(article.paragraphs))
            doc.backend = self.name
            doc.lang = article.lang or self.lang
            docs.append(doc)
        return docs


# --- the mapping -----------------------------------------------------------------------------


def parse_feats(feats: str | None) -> dict[str, str]:
    """"Case=Gen|Number=Sing" -> {"Case": "Gen", "Number": "Sing"}; "_" / None -> {}."""
    result: dict[str, str] = {}
    if not feats or feats == "_":
        return result
    for part in feats.split("|"):
        key, sep, value = part.partition("=")
        if sep and key:
            result[key] = value
    return result


def map_label(label: str | None) -> str:
    return LABELS.get((label or "").upper(), "MISC")


def doc_from_stanza(stanza_doc, article: ArticleText, base: int | None = None) -> Doc:
    """Map a processed stanza Document to our Doc.

    ``stanza_doc.text`` must be ``article.text[base:]`` (or a prefix of it); `base` defaults to
    ``article.body_start``.  Character offsets are checked against the article text and, should a
    stanza offset not match, re-found by searching forward for the token's text.
    """
    base = article.body_start if base is None else base
    text = article.text
    doc = Doc(text=text, lang=article.lang or "", paragraphs=list(article.paragraphs), backend="stanza")
    para_starts = [start for start, _ in article.paragraphs]
    token_span: dict[int, tuple[int, int]] = {}  # id(stanza Token) -> Doc.tokens[first:last]
    cursor = base
    all_parsed = True
    for sentence in stanza_doc.sentences:
        rows = []  # (surface start, end, stanza word, stanza token), one per word
        for stoken in sentence.tokens:
            start, end = _locate(text, stoken, base, cursor)
            cursor = end
            for word in stoken.words:
                rows.append((start, end, word, stoken))
        if not rows:
            continue
        # pieces of the sentence, each inside one paragraph
        pieces: list[list[int]] = []
        last_para = None
        for k, (start, *_rest) in enumerate(rows):
            para = paragraph_of(para_starts, start)
            if para != last_para:
                pieces.append([])
                last_para = para
            pieces[-1].append(k)
        sentence_first = len(doc.tokens)
        piece_of = {}
        for p, piece in enumerate(pieces):
            for k in piece:
                piece_of[k] = p
        for p, piece in enumerate(pieces):
            first = len(doc.tokens)
            for k in piece:
                start, end, word, stoken = rows[k]
                head = None
                dep = word.deprel or ""
                if word.head is None or word.deprel is None:
                    all_parsed = False
                elif word.head > 0:
                    head_k = _word_row(rows, sentence, word.head)
                    if head_k is not None and piece_of.get(head_k) == p:
                        head = sentence_first + head_k
                    else:  # the head lies across a paragraph boundary: this token roots its piece
                        dep = "root"
                doc.tokens.append(
                    Token(
                        text=text[start:end],
                        start=start,
                        end=end,
                        lemma=word.lemma or "",
                        pos=word.upos or "",
                        feats=parse_feats(word.feats),
                        head=head,
                        dep=dep,
                    )
                )
                span = token_span.get(id(stoken))
                index = len(doc.tokens) - 1
                token_span[id(stoken)] = (span[0], index + 1) if span else (index, index + 1)
            add_sentence(doc, first, para_starts)
    doc.has_parse = bool(doc.tokens) and all_parsed
    doc.mentions = _mentions(stanza_doc, doc, token_span, para_starts)
    return doc


def _word_row(rows, sentence, head_id: int) -> int | None:
    """Row index of the word with 1-based id `head_id` in this sentence."""
    k = head_id - 1
    if 0 <= k < len(rows) and _word_id(rows[k][2]) == head_id:
        return k
    for k, row in enumerate(rows):
        if _word_id(row[2]) == head_id:
            return k
    return None


def _word_id(word) -> int:
    wid = word.id
    return wid[0] if isinstance(wid, tuple) else int(wid)


def _locate(text: str, stoken, base: int, cursor: int) -> tuple[int, int]:
    """Absolute (start, end) of a stanza token in the article text."""
    surface = stoken.text
    if stoken.start_char is not None and stoken.end_char is not None:
        start, end = base + stoken.start_char, base + stoken.end_char
        if text[start:end] == surface or _same(text[start:end], surface):
            return start, end
    found = text.find(surface, cursor)
    if found >= 0:
        return found, found + len(surface)
    # whitespace inside a token ("10 000") may differ: match it loosely
    pattern = r"\s+".join(re.escape(part) for part in surface.split())
    match = re.compile(pattern).search(text, cursor) if pattern else None
    if match:
        return match.start(), match.end()
    raise ValueError(f"cannot align stanza token {surface!r} with the article text after offset {cursor}")


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()


def paragraph_of(para_starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(para_starts, offset) - 1)


def add_sentence(doc: Doc, first: int, para_starts: list[int]) -> None:
    """The sentence of doc.tokens[first:], the tokens just added (shared with the spaCy adapter)."""
    last = len(doc.tokens)
    start = doc.tokens[first].start
    doc.sentences.append(Sentence(start, doc.tokens[last - 1].end, first, last, paragraph_of(para_starts, start)))


def _mentions(stanza_doc, doc: Doc, token_span, para_starts) -> list[Mention]:
    mentions = []
    for ent in getattr(stanza_doc, "ents", None) or []:
        spans = [token_span.get(id(t)) for t in ent.tokens]
        if not spans or any(s is None for s in spans):
            continue
        first, last = spans[0][0], spans[-1][1]
        tokens = doc.tokens[first:last]
        if paragraph_of(para_starts, tokens[0].start) != paragraph_of(para_starts, tokens[-1].start):
            continue  # an entity across paragraphs is a tokenizer accident, not a name
        start, end = tokens[0].start, tokens[-1].end
        mentions.append(
            Mention(
                text=doc.text[start:end],
                start=start,
                end=end,
                label=map_label(ent.type),
                normal=normal_form(doc, first, last),
                first=first,
                last=last,
            )
        )
    return mentions


def normal_form(doc: Doc, first: int, last: int) -> str:
    """Lemmas joined as the surface is spaced, capitalised where the surface word is."""
    parts: list[str] = []
    previous: Token | None = None
    for token in doc.tokens[first:last]:
        if previous is not None and (previous.start, previous.end) == (token.start, token.end):
            # another word of the same multi-word token: its lemma follows without a space
            parts.append(token.lemma or "")
            continue
        if previous is not None and doc.text[previous.end : token.start] != "":
            parts.append(" ")
        parts.append(_cased(token.lemma or token.text, token.text))
        previous = token
    return "".join(parts).strip()


def _cased(lemma: str, surface: str) -> str:
    """Title-case the lemma of a capitalised word; keep acronyms (ООН, НАТО) upper case."""
    if not surface or not surface[0].isupper():
        return lemma
    letters = [ch for ch in surface if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return lemma.upper()
    lemma_parts, surface_parts = lemma.split("-"), surface.split("-")
    if len(lemma_parts) == len(surface_parts):
        return "-".join(
            (lp[:1].upper() + lp[1:]) if sp[:1].isupper() else lp for lp, sp in zip(lemma_parts, surface_parts)
        )
    return lemma[:1].upper() + lemma[1:]
