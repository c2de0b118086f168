"""The attribution rules (claims/rules.py): each rule decides its example sentence, every rule has
one, and the rules `claimex explain` names are the rules of the lists. A new construction is one rule
in its list and one example here."""

from __future__ import annotations

import inspect

import pytest

from claimex.claims import rules, sources
from claimex.claims.extract import extract
from claimex.nlp.builtin import get_builtin
from claimex.reader import article_from_text

LISTS = (rules.QUOTATION_RULES, rules.SPEAKING_RULES, rules.SPEAKER_RULES, rules.RULES)
RULE_NAMES = {rule.__name__ for rules_list in LISTS for rule in rules_list}

EXAMPLES = [  # (rule, lang, text): the rule decides a claim of the text
    ("speaker_after_quotation", "uk", "«Проблем із постачанням немає», — сказав міністр."),
    ("speaker_after_quotation", "ru", "«Нет проблем с поставками», — сказал министр."),
    ("speaker_before_verb_after_quotation", "en", '"We are ready to negotiate," the minister said.'),
    ("quotation_under_source_line", "uk",
     "Ціни на газ не зміняться.\n\nДжерело: міністр енергетики Герман Галущенко\n\nПряма мова: «Ціни на газ для населення не зміняться до весни»."),
    ("quotation_under_source_line", "ru",
     "Цены на газ не изменятся.\n\nИсточник: министр энергетики Сергей Цивилев\n\nПрямая речь: «Цены на газ для населения не изменятся до весны»."),
    ("speaker_before_quotation", "uk", "Голова Національного банку Андрій Пишний: «Інфляція почне сповільнюватися вже восени»."),
    ("speaker_before_quotation", "ru", "Глава Росстата Сергей Галкин: «Безработица в стране остается на историческом минимуме»."),
    ("speech_verb_speakers", "uk", "Міністр енергетики Герман Галущенко заявив, що ціни не зростуть."),
    ("speech_verb_speakers", "ru", "Экономисты уверены, что инфляция замедлится к лету."),
    ("refusal_or_denial", "uk", "Мер не став коментувати звільнення заступника."),
    ("refusal_or_denial", "ru", "Министр не стал комментировать отставку."),
    ("body_in_locative_spoke", "ru", "Сайт заблокируют до конца недели, сказали Daily Storm в Роскомнадзоре."),
    ("as_speech_subject", "uk", "Як пише Reuters, ціни на нафту марки Brent зросли до 80 доларів за барель."),
    ("as_speech_subject", "ru", "Как пишет газета «Ведомости», правительство обсуждает повышение НДФЛ."),
    ("speech_verb_subject", "uk", "Міністр енергетики Герман Галущенко заявив, що ціни не зростуть."),
    ("speech_verb_subject", "ru", "Экономисты уверены, что инфляция замедлится к лету."),
    ("named_apposition", "uk", "Постачальник газу, ТОВ «Нафтогаз Трейдинг», підтвердив затримку платежів."),
    ("shared_subject_of_coordinated", "uk", "Польща виступає проти нових квот і заявляє, що вони шкодять фермерам."),
    ("shared_subject_of_coordinated", "ru", "Польша выступает против новых квот и заявляет, что они вредят фермерам."),
    ("plural_verb_locative_body", "uk", "Постраждалих серед мешканців немає, кажуть у поліції."),
    ("plural_verb_locative_body", "ru", "В Минобороны заявили, что удар отражен."),
    ("there_the_body_before", "uk", "Про це повідомили в Укренерго. Там зазначили, що графіки відключень скасують до вечора."),
    ("there_the_body_before", "ru", "Поставки продолжатся, сообщили в Министерстве энергетики. Там уточнили, что ремонт займет неделю."),
    ("subjectless_verb_goes_on", "uk",
     "Підсумки\n\nПрезидент Володимир Зеленський виступив у Брюсселі. Також наголосив, що Україна потребує ППО."),
    ("subjectless_verb_goes_on", "ru",
     "Итоги встречи\n\nПрезидент России Владимир Путин выступил первым. Заявил, что переговоры были конструктивными."),
    ("line_naming_the_source", "uk", "Ціни на газ не зміняться до весни.\n\nДжерело: міністр енергетики Герман Галущенко в ефірі телемарафону"),
    ("line_naming_the_source", "ru", "Цены на газ не изменятся до весны.\n\nИсточник: министр энергетики Сергей Цивилев в интервью РБК"),
    ("source_cited_inside_quotation", "uk",
     "«Літак прибув до Каракаса після обходного маршруту над Африкою, згідно з даними Flightradar24», — пише WP."),
    ("source_cited_inside_quotation", "ru",
     "«Самолет прибыл в Каракас после обходного маршрута над Африкой, согласно Flightradar24», — пишет WP."),
    ("as_speech_speaker", "uk", "Як пише Reuters, ціни на нафту марки Brent зросли до 80 доларів за барель."),
    ("as_speech_speaker", "ru", "Как пишет газета «Ведомости», правительство обсуждает повышение НДФЛ."),
    ("according_to_phrase", "uk", "Загиблих, за даними обласної адміністрації, немає."),
    ("according_to_phrase", "ru", "Погибших, по данным областной администрации, нет."),
    ("report_by_nobody_named", "uk", "Як повідомлялося, у січні ціни на газ для населення не зміняться."),
    ("report_by_nobody_named", "ru", "Правительство, как сообщается, готовит новый пакет поддержки для аграриев."),
    ("quotation_speaker", "uk", "«Проблем із постачанням немає», — сказав міністр."),
    ("quotation_speaker", "ru", "«Нет проблем с поставками», — сказал министр."),
    ("named_before_apposition", "uk", "Андрій Коваль, директор компанії, на зустрічі з журналістами розповів, що завод відкриють."),
    ("gerund_shares_main_subject", "uk", "Апеляційний суд скасував вирок, визнавши, що докази зібрали з порушеннями."),
    ("gerund_shares_main_subject", "ru", "Апелляционный суд отменил приговор, посчитав, что доказательства собраны с нарушениями."),
    ("relative_pronoun_antecedent", "uk", "Зустріч провів Петро Іваненко, який заявив, що угоду підпишуть."),
    ("relative_pronoun_antecedent", "ru", "Встречу провел Петр Иваненко, который заявил, что соглашение подпишут."),
    ("according_to_relayed", "uk", "Як повідомив прем'єр Дональд Туск, вночі зафіксували 19 дронів, пишуть RMF24 та Polsat News."),
    ("according_to_relayed", "ru", "По словам премьера, ночью зафиксировали 19 дронов, пишет RMF24."),
    ("speaker", "uk", "Мер не став коментувати звільнення заступника."),
    ("speaker", "ru", "Песков заявил, что встреча не планируется."),
    ("impersonal_cue", "uk", "У документі йдеться про те, що експорт зерна зріс на третину."),
    ("impersonal_cue", "ru", "В отчете говорится, что экспорт зерна вырос на треть."),
    ("headline_name_colon", "uk", "Кличко: у Києві запрацюють нові пункти незламності\n\nПодробиці згодом."),
    ("headline_name_colon", "ru", "Министр финансов Антон Силуанов: бюджет следующего года останется сбалансированным\n\nПодробности позже."),
    ("headline_dash_name", "uk", "Ціни на пальне зростуть до кінця року — Reuters\n\nПодробиці згодом."),
    ("headline_dash_name", "ru", "Цены на топливо вырастут до конца года — Reuters\n\nПодробности позже."),
]


def decisions(text: str, lang: str) -> list[str]:
    article = article_from_text(text, "sentence")
    doc = get_builtin(lang).annotate([article])[0]
    return [claim.found.decided_by for claim in extract(doc, article.title).claims]


@pytest.mark.parametrize(("rule", "lang", "text"), EXAMPLES, ids=[f"{r}:{lang}" for r, lang, _ in EXAMPLES])
def test_each_rule_decides_its_example(rule, lang, text):
    assert any(rule in decided.split(" > ") for decided in decisions(text, lang))


def test_every_rule_has_an_example_and_every_rule_function_is_in_a_list():
    assert {rule for rule, _, _ in EXAMPLES} == RULE_NAMES
    listed = {rule for rules_list in LISTS for rule in rules_list}
    contexts = {"SentenceContext", "CueContext", "Quotation"}
    drivers = {rules.attribute, rules.speaker_of}  # they try the lists in order
    for name, function in inspect.getmembers(rules, inspect.isfunction):
        parameters = list(inspect.signature(function).parameters.values())
        if function.__module__ == rules.__name__ and parameters and parameters[0].annotation in contexts and function not in drivers:
            assert function in listed, f"{name} takes a rule context but is in no list"
    for rule in listed:
        assert any(f"{lang}: " in rule.__doc__ for lang in ("uk", "ru", "en")), f"{rule.__name__}: no example in its docstring"
    for name, function in inspect.getmembers(sources, inspect.isfunction):  # how a phrase names its source
        parameters = list(inspect.signature(function).parameters.values())
        if parameters and parameters[0].annotation == "SourcePhrase":
            assert function in sources.SOURCE_RULES, f"{name} takes a SourcePhrase but is not in SOURCE_RULES"


def test_a_sentence_without_a_cue_declines_every_rule_in_order():
    article = article_from_text("У Львові відкрили новий онкологічний центр для дітей.", "sentence")
    doc = get_builtin("uk").annotate([article])[0]
    (claim,) = extract(doc, article.title).claims
    assert claim.found.decided_by == "" and claim.found.declined == tuple(rule.__name__ for rule in rules.RULES)
