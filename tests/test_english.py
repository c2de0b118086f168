"""The English backend and the English side of attribution: entities by capitalisation, the
gazetteer and titles; "…, it said." closing a sentence; a label before a colon is no speaker."""

from __future__ import annotations

import pytest

from claimex.nlp.builtin import get_builtin
from claimex.reader import article_from_text
from tests.test_claims_sentences import claims_of


def entities(text: str) -> list[tuple[str, str, str]]:
    doc = get_builtin("en").annotate([article_from_text(text, "en")])[0]
    return [(m.text, m.label, m.normal) for m in doc.mentions]


def test_names_places_and_organisations():
    found = entities("Talks\n\nPolish Prime Minister Donald Tusk asked NATO for consultations after drones crossed "
                     "from Belarus into Poland. Tusk spoke in Warsaw.")
    assert found == [("Donald Tusk", "PER", "Donald Tusk"), ("NATO", "ORG", "NATO"), ("Belarus", "LOC", "Belarus"),
                     ("Poland", "LOC", "Poland"), ("Tusk", "PER", "Tusk"), ("Warsaw", "LOC", "Warsaw")]


def test_a_persons_name_ends_before_of_and_a_name_before_a_title_is_its_own():
    found = entities("Talks\n\nPresident Emmanuel Macron of France and President Andrzej Duda of Poland met. "
                     "Later Macron spoke.")
    assert found == [("Emmanuel Macron", "PER", "Emmanuel Macron"), ("France", "LOC", "France"),
                     ("Andrzej Duda", "PER", "Andrzej Duda"), ("Poland", "LOC", "Poland"), ("Macron", "PER", "Macron")]


def test_a_title_followed_by_of_keeps_the_name_after_it():
    found = entities("Talks\n\nYesterday the President of Ukraine Volodymyr Zelensky spoke.")
    assert found and all(text for text, _, _ in found)
    assert found[-1][1] == "PER" and found[-1][0].endswith("Volodymyr Zelensky")


def test_no_name_from_sentence_openers_headings_or_hyphenated_words():
    found = entities("WHAT HAPPENED\n\nSeveral officials met the Kremlin-aligned agency RIA Novosti. The Russian side agreed.")
    assert found == [("RIA Novosti", "ORG", "RIA Novosti")]


def test_a_possessive_ending_is_not_part_of_the_name():
    """As in CoNLL and OntoNotes: "’s" is a clitic of the phrase, not a letter of the name."""
    assert entities("Talks\n\nThe delegation discussed Ukraine's proposal.") == [("Ukraine", "LOC", "Ukraine")]
    assert entities("Talks\n\nIt is Russia’s war, Vladimir Putin’s choice.") == [
        ("Russia", "LOC", "Russia"), ("Vladimir Putin", "PER", "Vladimir Putin")]


def test_two_names_joined_by_and_are_two_names():
    found = entities("Talks\n\nA meeting between Volodymyr Zelenskyy and Vladimir Putin, or between Russia and Ukraine.")
    assert found == [("Volodymyr Zelenskyy", "PER", "Volodymyr Zelenskyy"), ("Vladimir Putin", "PER", "Vladimir Putin"),
                     ("Russia", "LOC", "Russia"), ("Ukraine", "LOC", "Ukraine")]
    assert entities("Talks\n\nHe flew to Bosnia and Herzegovina.") == [("Bosnia and Herzegovina", "LOC", "Bosnia and Herzegovina")]


def test_a_pronoun_in_capitals_inside_a_sentence_is_a_name():
    assert entities("Talks\n\nRelations with the US improved, he told us.") == [("US", "LOC", "US")]


def test_lemmas_and_verbs():
    text = "Talks\n\nThe minister said the officials had agreed. Heads of state made a note of Trump's stated goal."
    doc = get_builtin("en").annotate([article_from_text(text, "en")])[0]
    tagged = {t.text: (t.lemma, t.pos) for t in doc.tokens}
    assert tagged["said"] == ("say", "VERB") and tagged["agreed"] == ("agree", "VERB")
    assert tagged["officials"] == ("official", "NOUN") and tagged["had"][1] == "AUX"
    assert tagged["state"][1] == "NOUN" and tagged["note"][1] == "NOUN" and tagged["stated"][1] == "ADJ"


def test_it_said_closing_a_sentence_is_the_body_named_before():
    text = ("Drones\n\nThe Ministry of Defence said its air defences had shot down 19 drones overnight. "
            "The drones were launched from Belarus, it said.")
    doc, claims = claims_of(text, "en")
    assert [c.found.kind for c in claims] == ["indirect", "indirect"]
    assert claims[1].found.source.name == claims[0].found.source.name


def test_he_is_the_man_named_before():
    doc, claims = claims_of("Talks\n\nDonald Tusk met NATO allies on Monday. He said that Poland would ask for consultations.", "en")
    assert claims[-1].found.source.name == "Donald Tusk"


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Новина\n\nЦитата: «Ми готові до переговорів, але не до капітуляції»."),
    ("ru", "Новость\n\nЦитата: «Мы готовы к переговорам, но не к капитуляции»."),
    ("en", "News\n\nQuote: \"We are ready to negotiate, but not to capitulate.\""),
])
def test_a_label_before_a_colon_is_no_speaker(lang, text):
    doc, claims = claims_of(text, lang)
    assert [c.found.source for c in claims] == [None]


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Новина\n\nЕксперт: «Ціни зростуть до кінця року на десять відсотків»."),
    ("ru", "Новость\n\nЭксперт: «Цены вырастут до конца года на десять процентов»."),
    ("en", "News\n\nSpokesman: \"Prices will rise by ten percent before the end of the year.\""),
], ids=["uk", "ru", "en"])
def test_a_word_for_who_speaks_before_a_colon_is_the_speaker(lang, text):
    doc, claims = claims_of(text, lang)
    assert claims[0].found.source is not None and claims[0].found.kind == "direct_quote"


def test_this_was_stated_by_attributes_the_sentence_before():
    doc, claims = claims_of("Drones\n\nThe operation was postponed by a month. This was stated by the head of the SBU "
                            "Vasyl Malyuk on the air of the telethon.", "en")
    assert [(c.found.source.name, c.found.kind) for c in claims] == [("Vasyl Malyuk", "indirect")]


@pytest.mark.parametrize(("text", "sources"), [
    ("Talks\n\nBoth leaders spoke briefly. While no deal was reached, Trump described the talks as productive.",
     [None, "Trump"]),  # the verb has an object: no tail attributing the sentence before
    ("Talks\n\nBoth leaders spoke briefly. No deal was reached, the White House said in a statement on Friday.",
     ["White House", "White House"]),
    ("Talks\n\nThe drivers were drunk. We had to wait a month - said Malyuk.", ["Malyuk", "Malyuk"]),
    ('Talks\n\nVladimir Medinsky said that Moscow was satisfied.\n\nThe sides will meet again and Moscow has "taken note of this '
     'request," he added.', ["Vladimir Medinsky", "Vladimir Medinsky"]),
])
def test_only_a_verb_that_closes_its_sentence_attributes_the_sentences_before(text, sources):
    assert [c.found.source.name if c.found.source else None for c in claims_of(text, "en")[1]] == sources


def test_an_ing_clause_after_a_comma_speaks_with_the_subject_of_the_verb_before_it():
    text = ("Talks\n\nTrump made a brief statement, praising the work of the delegation.\n\n"
            "Putin expressed confidence that Europe would accept the outcome of U.S.–Russia negotiations, cautioning them not to interfere.")
    doc, claims = claims_of(text, "en")  # the statement before the clause is the outlet's; "U.S.–Russia" ends no sentence
    assert [(c.found.source.name if c.found.source else None, doc.text[c.start : c.end][:20]) for c in claims] == [
        (None, "Trump made a brief s"), ("Trump", "praising the work of"), ("Putin", "Putin expressed conf")]
