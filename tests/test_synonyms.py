"""The meaning classes (data/synonyms.tsv) and the capitals-as-states table (data/seats.tsv)."""

from __future__ import annotations

import pymorphy3
import pytest

from claimex.claims.features import CONCEPT, term
from claimex.datafiles import rows
from claimex.merge.entities import EntityRegistry
from claimex.nlp.gazetteer import canonical, state_of


def test_every_class_has_russian_and_ukrainian_lemmas_and_no_lemma_is_in_two_classes():
    seen: dict[tuple[str, str], str] = {}
    for row in rows("synonyms.tsv"):
        assert len(row) == 3, row
        concept, *columns = row
        for lang, column in zip(("ru", "uk"), columns):
            lemmas = column.split(" | ")
            assert len(lemmas) >= 2 or concept in ("gas", "oil"), (concept, lang)
            for lemma in lemmas:
                assert lemma == lemma.strip().lower() and " " not in lemma, (concept, lemma)
                assert (lang, lemma) not in seen, f"{lemma} in {seen.get((lang, lemma))} and {concept}"
                seen[(lang, lemma)] = concept


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_lemmas_are_dictionary_forms(lang):
    """A lemma the lemmatiser never produces would never match."""
    morph = pymorphy3.MorphAnalyzer(lang=lang)
    column = 1 if lang == "ru" else 2
    unknown = []
    for row in rows("synonyms.tsv"):
        for lemma in row[column].split(" | "):
            if not any(p.normal_form.replace("ё", "е") == lemma for p in morph.parse(lemma)):
                unknown.append(lemma)
    assert unknown == []


def test_one_meaning_gives_one_term_across_words_and_languages():
    request = term("обратиться", "ru")
    assert request.startswith(CONCEPT)
    assert term("попросить", "ru") == term("просьба", "ru") == term("звернутися", "uk") == term("прохання", "uk") == request
    assert term("ратифицировать", "ru") == term("затвердити", "uk")
    assert term("приземлиться", "ru") == term("прибути", "uk")
    assert term("ратифицировать", "ru") != request
    # words outside the classes keep their shared spelling; Ukrainian through the uk→ru lexicon
    assert term("завод", "uk") == term("завод", "ru") and not term("завод", "ru").startswith(CONCEPT)
    assert term("тиждень", "uk") == term("неделя", "ru")


def test_capitals_and_seats_of_government_are_compared_as_their_country():
    assert state_of(canonical("Москва", "ru")) == canonical("Россия", "ru") == canonical("Росія", "uk")
    assert state_of(canonical("Кремль", "ru")) == canonical("РФ", "ru")
    assert state_of(canonical("Вашингтон", "ru")) == canonical("США", "ru")
    assert state_of(canonical("Харьков", "ru")) == canonical("Харьков", "ru")  # not a capital
    registry = EntityRegistry()
    moscow = registry.add("Москва", "Москва", "LOC", "uk", "a")
    russia = registry.add("РФ", "РФ", "LOC", "ru", "b")
    assert moscow.id != russia.id  # still two entities in the output
    assert moscow.claim_key == russia.claim_key
    velasquez = registry.add("Веласкес", "Веласкес", "PER", "ru", "a")
    assert velasquez.claim_key == velasquez.id


def test_every_seat_and_country_is_in_the_gazetteer():
    ids = {row[1] for row in rows("gazetteer.tsv")}
    for seat, country in rows("seats.tsv"):
        assert seat in ids and country in ids, (seat, country)
