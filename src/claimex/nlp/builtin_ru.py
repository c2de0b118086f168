"""The offline Russian backend: natasha's slovnet models (morphology, UD syntax, NER), corrected.

slovnet's NER misses or mislabels a few things on news that rules fix: the gazetteer (places,
organisations, outlets) wins where it matches, spans never cross a line end, a capitalised word
that can only be a verb or an adjective is no entity ("Рванет", "Венесуэльский"), a name right
after a weapon noun is a product ("автомата Калашникова"), a sentence-initial common noun is no
place ("Дело").  The uk person rules find names slovnet missed, and the uk joins apply ("МИД
Великобритании", "Джорджа Вашингтона", "МИА «Россия сегодня»").  Lemmas come from pymorphy3
guided by slovnet's tags, not natasha's MorphVocab (which needs pymorphy2).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice

from threadpoolctl import threadpool_limits

from claimex.doc import Doc, Mention
from claimex.nlp import builtin_uk, morph
from claimex.nlp.gazetteer import after_noun
from claimex.nlp.segment import segment_article, sentence_starts
from claimex.reader import ArticleText

NOUN_POS = frozenset(["NOUN", "PROPN"])
LABELS = frozenset(["PER", "LOC", "ORG"])


def _alias_pymorphy2() -> None:
    """natasha and yargy import pymorphy2, whose import of pkg_resources fails on setuptools ≥ 81.

    They only need the analyzer classes, which pymorphy3 provides under the same names.
    """
    import pymorphy3
    import pymorphy3.analyzer
    import pymorphy3.units
    import pymorphy3.units.base

    for name, module in [
        ("pymorphy2", pymorphy3),
        ("pymorphy2.analyzer", pymorphy3.analyzer),
        ("pymorphy2.units", pymorphy3.units),
        ("pymorphy2.units.base", pymorphy3.units.base),
    ]:
        sys.modules.setdefault(name, module)


SLOVNET_BATCH = 32  # sentences per matrix; with batches sorted by length, 40% faster than natasha's 8


@lru_cache(maxsize=None)
def models():
    """(morph tagger, syntax parser, NER tagger), loaded once per process (~1.5 s)."""
    _alias_pymorphy2()
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    embedding = NewsEmbedding()
    loaded = NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)
    for model in loaded:
        model.batch_size = model.infer.encoder.batch_size = SLOVNET_BATCH
    return loaded


def by_length(model, items: list) -> list:
    """`model.map(items)` in the order of `items`, computed in batches of similar length: a batch
    is padded to its longest item, so sorting saves the work on padding. Each item's result does
    not depend on its batch (padding is masked)."""
    order = sorted(range(len(items)), key=lambda k: len(items[k]))
    results = [None] * len(items)
    for k, result in zip(order, model.map([items[k] for k in order])):
        results[k] = result
    return results


class RussianBackend:
    name = "builtin"
    lang = "ru"

    def annotate(self, articles: list[ArticleText]) -> list[Doc]:
        # slovnet multiplies small matrices; with OpenBLAS's default of one thread per core the
        # threads' hand-offs made it 10-20x slower on a 2-core machine (1.7 s instead of 0.1 s per article)
        tagger, parser, ner = models()  # load numpy's BLAS first, so that the limit below finds it
        docs = [segment_article(article.text, article.paragraphs, self.lang, self.name) for article in articles]
        sentences = [(doc, sentence) for doc in docs for sentence in doc.sentences]
        words = [[t.text for t in doc.sentence_tokens(sentence)] for doc, sentence in sentences]
        paragraphs = [doc.text[start:end] for doc in docs for start, end in doc.paragraphs]
        with threadpool_limits(limits=1, user_api="blas"):
            tags, parses, names = by_length(tagger, words), by_length(parser, words), by_length(ner, paragraphs)
        for (doc, sentence), tagged, parsed in zip(sentences, tags, parses):
            self._fill_sentence(doc, sentence, tagged, parsed)
        markups = iter(names)
        for doc in docs:
            doc.has_parse = True
            doc.mentions = find_entities(doc, list(islice(markups, len(doc.paragraphs))), self.lang)
        return docs

    def _fill_sentence(self, doc: Doc, sentence, tagged, parsed) -> None:
        for token, tag, parse in zip(doc.sentence_tokens(sentence), tagged.tokens, parsed.tokens):
            token.pos, token.feats = tag.pos, dict(tag.feats)
            token.lemma = morph.lemma(morph.guided_parse(token.text, self.lang, token.pos, token.feats), token.text, token.pos, self.lang)
            head = int(parse.head_id)
            token.head = sentence.first + head - 1 if head else None
            token.dep = parse.rel or ""


def find_entities(doc: Doc, paragraph_names: list, lang: str) -> list[Mention]:
    """The gazetteer and quoted names first, then slovnet's spans (its markup of each paragraph),
    then the uk context rules."""
    starts = sentence_starts(doc)
    found = builtin_uk.Found(doc, lang)
    for sentence in doc.sentences:
        builtin_uk.add_gazetteer(found, sentence.first, sentence.last, starts)
        builtin_uk.add_quoted_names(found, sentence.first, sentence.last)
        builtin_uk.add_credits(found, sentence.first, sentence.last)
    spans = list(_slovnet_spans(doc, paragraph_names))
    for first, last, label in spans:
        if label in ("PER", "ORG") and last - first > 1 and all(t.text[:1].isupper() for t in doc.tokens[first:last]):
            # a place's word in a name: "Джорджия Мелони", "Вирджинией Вулф" (a person's given name, so
            # first), "USA Today"
            found.drop_places_inside(first, first + 1 if label == "PER" else last, within=(first, last))
    for first, last, label in spans:
        for first, last in _free_runs(found.taken, first, last):
            for first, last in _outside_brackets(doc, first, last):
                first, last = _trim(doc, first, last)
                if last > first and _plausible(doc, first, last, lang) and not _opening_common_noun(doc, first, last, label, starts):
                    checked = _checked_label(doc.tokens[first].text, lang) if label == "PER" and last - first == 1 else label
                    if checked:
                        found.add(first, last, checked)
    for sentence in doc.sentences:
        for first, last, label in builtin_uk.context_spans(found, sentence.first, sentence.last):
            found.add(first, last, label)
        for first, last, label in builtin_uk.person_spans(doc, sentence.first, sentence.last, starts, found.taken, lang):
            found.add(first, last, label)
    builtin_uk.propagate_surnames(found, starts)
    builtin_uk.join_names_and_places(found)
    builtin_uk.join_owner_country(found)
    builtin_uk.join_named_after(found)
    builtin_uk.join_parent_organisation(found)
    builtin_uk.join_state_forms(found)
    builtin_uk.join_legal_forms(found)
    builtin_uk.agree_labels(found)
    return found.sorted()


def _slovnet_spans(doc: Doc, paragraph_names: list):
    """slovnet spans as token ranges, per paragraph and cut at line ends."""
    starts = [t.start for t in doc.tokens]
    for (offset, _), markup in zip(doc.paragraphs, paragraph_names):
        for span in markup.spans:
            if span.type not in LABELS:
                continue
            first = bisect_right(starts, offset + span.start) - 1
            last = bisect_left(starts, offset + span.stop)
            run_start = first = max(first, 0)
            for i in range(first + 1, last):
                if "\n" in doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]:
                    yield run_start, i, span.type
                    run_start = i
            if last > run_start:
                yield run_start, last, span.type


def _free_runs(taken: list[bool], first: int, last: int):
    """The parts of a span not already claimed by a gazetteer or context match."""
    run_start = None
    for i in range(first, last + 1):
        free = i < last and not taken[i]
        if free and run_start is None:
            run_start = i
        elif not free and run_start is not None:
            yield run_start, i
            run_start = None


def _outside_brackets(doc: Doc, first: int, last: int):
    """A span cut at brackets: "Спортивного арбитражного суда (CAS)" is a name and its abbreviation."""
    start = first
    for i in range(first, last):
        if doc.tokens[i].text in ("(", ")"):
            yield start, i
            start = i + 1
    yield start, last


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Drop punctuation, lowercase function words and capitalised words that can only be function
    words at the edges ("(WP)" → "WP", "и", "Вместо Дэвиса" → "Дэвиса", "Мэй Почему" → "Мэй")."""
    def edge(i: int) -> bool:
        token = doc.tokens[i]
        if not any(c.isalnum() for c in token.text) or token.text.islower() and token.pos not in NOUN_POS:
            return True
        return builtin_uk.only_function_word(token.text, doc.lang)

    while first < last and edge(first):
        first += 1
    while last > first and edge(last - 1):
        last -= 1
    return first, last


# a Latin abbreviation joined to a common noun: "IT-отдела", "PR-служба", "SMS-рассылки"
LATIN_COMPOUND = re.compile(r"[A-Za-z0-9]+-[а-яёіїєґ]")


def _plausible(doc: Doc, first: int, last: int, lang: str) -> bool:
    tokens = doc.tokens[first:last]
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return False
    if len(tokens) == 1 and LATIN_COMPOUND.match(tokens[0].text):
        return False
    before = [t.text for t in doc.tokens[max(0, first - 1) : first]]  # not every token: this runs per name
    if after_noun(before, len(before), builtin_uk.PRODUCT_NOUNS, lang, reach=1):
        return False
    if len(tokens) == 1 and _common_abbreviation(tokens[0].text, lang):
        return False
    if all(builtin_uk.interface_word(t.text) for t in tokens if any(c.isalnum() for c in t.text)):
        return False
    # a capitalised verb or adjective (a headline's first word, a demonym) names nothing
    return any(_can_be_name(t.text, lang) for t in tokens)


def _opening_common_noun(doc: Doc, first: int, last: int, label: str, starts: set[int]) -> bool:
    """"Дело стало резонансным", "Штат считается демократическим": slovnet takes a capitalised
    common noun opening a sentence for a place; a word the dictionary knows only as a common noun
    is none there.  Persons and organisations are left alone: "Пенс" is a penny to the
    dictionary, "Минздрав" a plain noun."""
    if label != "LOC" or last - first != 1 or first not in starts:
        return False
    word = doc.tokens[first].text
    if word.isupper() or not morph.is_known(word, doc.lang):
        return False
    return not any(morph.PROPER_GRAMMEMES & p.tag.grammemes for p in morph.parses(word, doc.lang))


def _checked_label(word: str, lang: str) -> str | None:
    """A one-word person the dictionary knows only otherwise: a place ("Кременчуг") is LOC, a
    plural noun ("Гидрометеорологи", "Синоптики" at a sentence start) no entity."""
    if not morph.is_known(word, lang):
        return "PER"
    readings = morph.parses(word, lang)
    if any(morph.NAME_GRAMMEMES & p.tag.grammemes for p in readings):
        return "PER"
    if any("Geox" in p.tag.grammemes for p in readings):
        return "LOC"
    if {"NOUN", "plur", "nomn"} <= readings[0].tag.grammemes | {readings[0].tag.POS}:
        return None
    return "PER"


def _common_abbreviation(word: str, lang: str) -> bool:
    """"СМИ", "ВВП": an abbreviation the dictionary knows as a common noun, not a name."""
    if not word.isupper() or not morph.is_known(word, lang):
        return False
    readings = morph.parses(word, lang)
    return all("Abbr" in p.tag.grammemes and not morph.PROPER_GRAMMEMES & p.tag.grammemes for p in readings)


def _can_be_name(word: str, lang: str) -> bool:
    if word.isascii() or not morph.is_known(word, lang):
        return True
    return any(p.tag.POS == "NOUN" or p.tag.POS is None for p in morph.parses(word, lang))
