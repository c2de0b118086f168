"""The spaCy backend: tokens, lemmas, UD morphology, dependency parse and entities from a trained
spaCy pipeline (the published ``uk_core_news_*`` / ``ru_core_news_*`` or any pipeline folder; see
`claimex.nlp.spacy_models`).  Not to be confused with `claimex.spacy`, which exports *results* as
spaCy Docs.  spaCy itself is imported only when this backend loads (the extra claimex[spacy]).

`doc_from_spacy` is the whole mapping from a processed ``spacy.tokens.Doc`` to our `Doc`, kept
pure so it can be tested on a Doc built by hand.  spaCy is given the article body as it is, so its
character offsets plus the body's start are file offsets, with no search.

Mapping rules (the shape of `claimex.nlp.stanza_backend`):

* one `Token` per spaCy token, except whitespace tokens (``token.is_space``), which spaCy keeps
  for runs such as a paragraph break and claimex does not;
* ``pos`` is ``token.pos_``, ``feats`` is ``token.morph.to_dict()`` (UD features);
* ``lemma`` is ``token.lemma_``; a pipeline without a lemmatizer leaves it empty, and then
  claimex's own pymorphy3 reading, guided by the tagger's POS and features, supplies it;
* ``head`` is an absolute index into ``Doc.tokens`` (None for the root or without a parse); ``dep``
  is spaCy's label in lower case, the root's "ROOT" becoming "root";
* spaCy sentences crossing a paragraph of the article are split at the boundary, and a head that
  would leave its piece (or points at a whitespace token) becomes None with dep "root";
* entity labels, as for stanza: PER/PERS/PERSON -> PER, ORG/NORP -> ORG, LOC/GPE/FAC -> LOC,
  anything else (spaCy's MISC, EVENT, PRODUCT, ...) -> MISC; an entity across paragraphs is dropped;
* ``Mention.normal`` is the entity's lemmas, capitalised like its words (`stanza_backend.normal_form`).
"""

from __future__ import annotations

from functools import lru_cache

from claimex.doc import Doc, Mention, Token
from claimex.nlp import morph
from claimex.nlp.spacy_models import INSTALL_HINT
from claimex.nlp.stanza_backend import add_sentence, map_label, normal_form, paragraph_of
from claimex.reader import ArticleText


class SpacyUnavailable(RuntimeError):
    """spaCy is not installed (the extra claimex[spacy])."""


def import_spacy():
    """The real spaCy package: absolute imports never resolve to claimex.spacy."""
    try:
        import spacy
    except ImportError as error:
        raise SpacyUnavailable(INSTALL_HINT) from error
    return spacy


@lru_cache(maxsize=None)
def get_spacy(lang: str, source: str) -> SpacyBackend:
    """One loaded pipeline per language and source, per process."""
    return SpacyBackend(lang, source)


class SpacyBackend:
    name = "spacy"

    def __init__(self, lang: str, source: str) -> None:
        self.lang = lang
        self.nlp = import_spacy().load(source)
        if not any(self.nlp.has_pipe(name) for name in ("parser", "senter", "sentencizer")):
            self.nlp.add_pipe("sentencizer")  # sentences by punctuation rather than one per article

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        """One Doc per article, in order; the non-empty bodies go through one `nlp.pipe`."""
        bodies = [article.text[article.body_start :] for article in articles]
        todo = [i for i, body in enumerate(bodies) if body.strip()]
        # spaCy refuses texts over max_length (a memory guard); claimex has --time-budget for long articles
        self.nlp.max_length = max([self.nlp.max_length] + [len(bodies[i]) + 1 for i in todo])
        processed = dict(zip(todo, self.nlp.pipe(bodies[i] for i in todo)))
        docs = []
        for i, article in enumerate(articles):
            if i in processed:
                doc = doc_from_spacy(processed[i], article)
            else:
                doc = Doc(text=article.text, lang=article.lang or self.lang, paragraphs=list(article.paragraphs))
            doc.backend = self.name
            doc.lang = article.lang or self.lang
            docs.append(doc)
        return docs


# --- the mapping -----------------------------------------------------------------------------


def doc_from_spacy(spacy_doc, article: ArticleText, base: int | None = None) -> Doc:
    """Map a processed spaCy Doc of ``article.text[base:]`` (`base` defaults to the body start)."""
    base = article.body_start if base is None else base
    text = article.text
    if text[base : base + len(spacy_doc.text)] != spacy_doc.text:
        raise ValueError(f"the spaCy Doc's text is not the article's text from offset {base}")
    lang = article.lang or spacy_doc.lang_
    doc = Doc(text=text, lang=article.lang or "", paragraphs=list(article.paragraphs), backend="spacy")
    para_starts = [start for start, _ in article.paragraphs]
    parsed = spacy_doc.has_annotation("DEP")
    index_of: dict[int, int] = {}  # spaCy token index -> index into doc.tokens
    for span in _sentences(spacy_doc):
        words = [t for t in span if not t.is_space]
        for piece in _by_paragraph(words, base, para_starts):
            first = len(doc.tokens)
            for k, word in enumerate(piece):
                index_of[word.i] = first + k
            for word in piece:
                head, dep = _head(word, index_of, first, parsed)
                start = base + word.idx
                doc.tokens.append(
                    Token(
                        text=word.text,
                        start=start,
                        end=start + len(word.text),
                        lemma=word.lemma_ or _own_lemma(word, lang),
                        pos=word.pos_,
                        feats=word.morph.to_dict(),
                        head=head,
                        dep=dep,
                    )
                )
            add_sentence(doc, first, para_starts)
    doc.has_parse = bool(doc.tokens) and parsed
    doc.mentions = _mentions(spacy_doc, doc, index_of, para_starts)
    return doc


def _sentences(spacy_doc):
    """spaCy's sentences, or the whole text as one when nothing set sentence boundaries."""
    if spacy_doc.has_annotation("SENT_START"):
        return list(spacy_doc.sents)
    return [spacy_doc[:]] if len(spacy_doc) else []


def _by_paragraph(words, base: int, para_starts: list[int]):
    """The words of one sentence, cut where a new paragraph of the article begins."""
    pieces, last_para = [], None
    for word in words:
        para = paragraph_of(para_starts, base + word.idx)
        if para != last_para:
            pieces.append([])
            last_para = para
        pieces[-1].append(word)
    return pieces


def _head(word, index_of: dict[int, int], first: int, parsed: bool) -> tuple[int | None, str]:
    """(absolute head index or None, lower-case relation); `index_of` already holds the piece,
    which begins at `first`, so a head outside it (or on a whitespace token) is not found there."""
    if not parsed:
        return None, ""
    head = index_of.get(word.head.i)
    if word.head.i == word.i or head is None or head < first:
        return None, "root"
    dep = word.dep_.lower()
    return head, "root" if dep == "root" else dep


def _own_lemma(word, lang: str) -> str:
    """claimex's pymorphy3 lemma, guided by the tagger's POS and features, for a pipeline without a lemmatizer."""
    if lang not in ("uk", "ru"):
        return word.text.lower()
    feats = word.morph.to_dict()
    return morph.lemma(morph.guided_parse(word.text, lang, word.pos_, feats), word.text, word.pos_, lang)


def _mentions(spacy_doc, doc: Doc, index_of: dict[int, int], para_starts: list[int]) -> list[Mention]:
    mentions = []
    for ent in spacy_doc.ents:
        words = [t for t in ent if t.i in index_of]
        if not words:
            continue
        first, last = index_of[words[0].i], index_of[words[-1].i] + 1
        start, end = doc.tokens[first].start, doc.tokens[last - 1].end
        if paragraph_of(para_starts, start) != paragraph_of(para_starts, doc.tokens[last - 1].start):
            continue  # an entity across paragraphs is a tagging accident, not a name
        mentions.append(
            Mention(
                text=doc.text[start:end],
                start=start,
                end=end,
                label=map_label(ent.label_),
                normal=normal_form(doc, first, last),
                first=first,
                last=last,
            )
        )
    return mentions
