"""The offline builtin backends: segmentation, morphology, names, gazetteer, entity spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimex.nlp import morph
from claimex.nlp.builtin import get_builtin
from claimex.nlp.gazetteer import canonical, lookup
from claimex.nlp.segment import segment_article
from claimex.reader import ArticleText

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
HEADER = re.compile(r" ?date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*\n?")
BLOCK = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)


def article(text: str, lang: str | None = None, article_id: str = "t") -> ArticleText:
    """Paragraphs are the blank-line-separated blocks after the optional date header."""
    header = HEADER.match(text)
    body = header.end() if header else 0
    paragraphs = [(m.start() + body, m.end() + body) for m in BLOCK.finditer(text[body:])]
    return ArticleText(article_id, article_id, text, "utf-8", None, body, None, paragraphs, lang)


def annotate(text: str, lang: str):
    return get_builtin(lang).annotate([article(text, lang)])[0]


def sentences(text: str, lang: str = "uk") -> list[str]:
    doc = segment_article(text, article(text).paragraphs, lang, "test")
    return [doc.sentence_text(s) for s in doc.sentences]


def tokens(text: str) -> list[str]:
    return [t.text for t in segment_article(text, [(0, len(text))], "uk", "test").tokens]


def mentions(doc) -> list[tuple[str, str, str]]:
    return [(m.label, m.text, m.normal) for m in doc.mentions]


# --- segmentation ----------------------------------------------------------------------------


def test_abbreviations_do_not_end_sentences():
    text = "Матч відбудеться на стадіоні ім. Лобановського, т.зв. «Динамо-Арені». Квитки по 200 грн. Продаж уже почався."
    assert sentences(text) == [
        "Матч відбудеться на стадіоні ім. Лобановського, т.зв. «Динамо-Арені».",
        "Квитки по 200 грн.",
        "Продаж уже почався.",
    ]


def test_year_abbreviation_ends_a_sentence_before_a_capital():
    assert sentences("Зростання ВВП у 2024 р. Склало 3,2%. Уряд чекає більшого.") == [
        "Зростання ВВП у 2024 р.",
        "Склало 3,2%.",
        "Уряд чекає більшого.",
    ]


def test_russian_abbreviations():
    text = "Бюджет г. Казани вырос на 1,2 млрд руб. в прошлом году. В 2023 г. Рост был меньше."
    assert sentences(text, "ru") == [
        "Бюджет г. Казани вырос на 1,2 млрд руб. в прошлом году.",
        "В 2023 г.",
        "Рост был меньше.",
    ]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_web_addresses_of_outlets_are_one_word(lang):
    text = "Как сообщает портал Press.lv, кампания Leave.EU началась. Об этом писал Delfi.lt."
    assert sentences(text, lang) == ["Как сообщает портал Press.lv, кампания Leave.EU началась.", "Об этом писал Delfi.lt."]


def test_initials_stay_with_the_surname():
    assert sentences("Суддя В. Коваленко оголосив перерву. Засідання продовжать завтра.") == [
        "Суддя В. Коваленко оголосив перерву.",
        "Засідання продовжать завтра.",
    ]
    assert "В." in tokens("Суддя В. Коваленко оголосив перерву.")


def test_quote_then_reporting_clause_is_one_sentence():
    assert sentences("«Ми виграємо!» — заявив тренер. \"Ні\", - відповів суддя.") == [
        "«Ми виграємо!» — заявив тренер.",
        "\"Ні\", - відповів суддя.",
    ]


def test_sentences_never_cross_paragraphs_or_lines():
    text = "Прогноз погоди\n\nУ Львові дощ\nУ Києві сонячно. Вітер слабкий"
    assert sentences(text) == ["Прогноз погоди", "У Львові дощ", "У Києві сонячно.", "Вітер слабкий"]


def test_words_with_apostrophes_hyphens_and_numbers():
    words = tokens("Все пов'язано з пов’язаністю та м'ячем: Іл-76ТД, РБК-Україна, військово-транспортний, 4,5 і 10%.")
    for word in ["пов'язано", "пов’язаністю", "м'ячем", "Іл-76ТД", "РБК-Україна", "військово-транспортний", "4,5", "10"]:
        assert word in words


# --- morphology and names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "label", "lang", "normal"),
    [
        ("Володимира Путіна", "PER", "uk", "Володимир Путін"),
        ("Веласкесом", "PER", "uk", "Веласкес"),
        ("Сергію Реброву", "PER", "uk", "Сергій Ребров"),
        ("Юлії Тимошенко", "PER", "uk", "Юлія Тимошенко"),
        ("Олександром Усиком", "PER", "uk", "Олександр Усик"),
        ("Владимиру Путину", "PER", "ru", "Владимир Путин"),
        ("Денису Мантурову", "PER", "ru", "Денис Мантуров"),
        ("Марии Захаровой", "PER", "ru", "Мария Захарова"),
        ("Си Цзиньпином", "PER", "ru", "Си Цзиньпин"),
        ("Мадуро", "PER", "ru", "Мадуро"),
        ("Песков", "PER", "ru", "Песков"),
        ("Сполученими Штатами", "LOC", "uk", "Сполучені Штати"),
        ("Венесуели", "LOC", "uk", "Венесуела"),
        ("Соединенных Штатов", "LOC", "ru", "Соединенные Штаты"),
        ("Белого дома", "ORG", "ru", "Белый дом"),
        ("Министерства юстиции", "ORG", "ru", "Министерство юстиции"),
        ("Сомов", "PER", "ru", "Сомов"),  # not the plural of "сом"
        ("Національного банку", "ORG", "uk", "Національний банк"),  # genitive of "банк", not accusative of "банка"
        ("Координаційному штабі", "ORG", "uk", "Координаційний штаб"),  # locative of "штаб", not dative of "штаба"
        ("Житомирській ОВА", "ORG", "uk", "Житомирська ОВА"),  # an abbreviation as the head
    ],
)
def test_normal_name(words, label, lang, normal):
    assert morph.normal_name(words.split(), label, lang) == normal


def test_capitalised_surnames_keep_their_name_reading_inside_a_sentence():
    assert morph.analyse("Песков", "ru")[0] == "Песков"
    assert morph.analyse("Мадуро", "ru")[:2] == ("Мадуро", "PROPN")
    lemma, pos, feats = morph.analyse("Путіна", "uk")
    assert (lemma, pos, feats["Case"]) == ("Путін", "PROPN", "Gen")


def test_ud_features():
    lemma, pos, feats = morph.analyse("написав", "uk")
    assert (lemma, pos) == ("написати", "VERB")
    assert feats["Tense"] == "Past" and feats["Aspect"] == "Perf" and feats["VerbForm"] == "Fin"
    assert morph.analyse("судами", "uk")[2]["Case"] == "Ins"


@pytest.mark.parametrize(("word", "verb"), [("заявивши", "заявити"), ("звинувачуючи", "звинувачувати"),
                                            ("посилаючись", "посилатися"), ("кажучи", "казати")])
def test_uk_gerunds_have_their_verb_as_lemma(word, verb):
    # the uk dictionary lists a gerund as a word of its own
    lemma, pos, feats = morph.analyse(word, "uk")
    assert (lemma, pos, feats["VerbForm"]) == (verb, "VERB", "Conv")


def test_uk_readings_are_ordered_by_lexeme_frequency():
    # the uk dictionary lists "війни" as the imperative of "війнути" first, and "листі" as "листя";
    # the lemma alone is no guide ("стала", the noun, is a common word form of "стати")
    assert morph.analyse("війни", "uk")[:2] == ("війна", "NOUN")
    assert morph.analyse("листі", "uk")[0] == "лист"
    assert morph.normal_name(["листі"], "MISC", "uk") == "лист"
    assert morph.analyse("стала", "uk")[0] == "стати"
    assert morph.analyse("напиши", "uk")[:2] == ("написати", "VERB")  # no other reading


# --- gazetteer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        ("Сполученими Штатами", "uk", "US"),
        ("США", "uk", "US"),
        ("Соединённых Штатов", "ru", "US"),
        ("Соединенных Штатах", "ru", "US"),
        ("Росії", "uk", "RU"),
        ("РФ", "ru", "RU"),
        ("WP", "uk", "wapo"),
        ("The Washington Post", "ru", "wapo"),
        ("Верховної Ради", "uk", "rada"),
        ("Мін'юсту", "uk", "moj"),
        ("Минюста", "ru", "moj"),
        ("Карибському басейні", "uk", "caribbean"),
        ("Карибском бассейне", "ru", "caribbean"),
        ("Білому домі", "uk", "white-house"),
        ("Белым домом", "ru", "white-house"),
    ],
)
def test_gazetteer_finds_inflected_forms_and_shares_ids(text, lang, entity_id):
    assert canonical(text, lang) == entity_id


def test_gazetteer_entry_labels():
    assert lookup("Кремлі", "uk").label == "ORG"
    assert lookup("Харкова", "uk").label == "LOC"
    assert lookup("Рада", "uk") is None  # only as part of a longer name


# --- entities: Ukrainian ---------------------------------------------------------------------


def test_uk_a_surname_in_another_case_before_a_full_name_is_another_person():
    doc = annotate("Адвокат Гнатюка Андрій Кравець заявив, що оскаржить арешт. Речник Арнаут Дейкстра погодився.", "uk")
    assert [m[1] for m in mentions(doc) if m[0] == "PER"] == ["Гнатюка", "Андрій Кравець", "Арнаут Дейкстра"]


def test_uk_sport_persons_places_and_clubs():
    doc = annotate(
        "Головний тренер збірної України Сергій Ребров похвалив Артема Довбика після матчу з Італією. "
        "Нападник забив у ворота «Барселони».",
        "uk",
    )
    assert mentions(doc) == [
        ("LOC", "України", "Україна"),
        ("PER", "Сергій Ребров", "Сергій Ребров"),
        ("PER", "Артема Довбика", "Артем Довбик"),
        ("LOC", "Італією", "Італія"),
        ("ORG", "Барселони", "Барселона"),
    ]


def test_uk_economy_outlets_and_institutions():
    doc = annotate("Національний банк знизив ставку, повідомляє Укрінформ. Голова НБУ Андрій Пишний пояснив рішення.", "uk")
    assert ("ORG", "Укрінформ", "Укрінформ") in mentions(doc)
    assert ("ORG", "НБУ", "НБУ") in mentions(doc)
    assert ("PER", "Андрій Пишний", "Андрій Пишний") in mentions(doc)


def test_uk_court_names_in_oblique_cases():
    doc = annotate("Суд призначив Геннадію Труханову запобіжний захід. Вирок оголосила суддя Олена Коваль у Києві.", "uk")
    assert mentions(doc) == [
        ("PER", "Геннадію Труханову", "Геннадій Труханов"),
        ("PER", "Олена Коваль", "Олена Коваль"),
        ("LOC", "Києві", "Київ"),
    ]


def test_uk_weather_places_after_place_nouns_and_quoted_companies():
    doc = annotate(
        "Синоптики прогнозують дощі у Львові та в місті Жовква. Авіакомпанія \"Скайап Ейрлайнс\" скасувала рейси.",
        "uk",
    )
    assert mentions(doc) == [
        ("LOC", "Львові", "Львів"),
        ("LOC", "Жовква", "Жовква"),
        ("ORG", "Скайап Ейрлайнс", "Скайап Ейрлайнс"),
    ]


def test_uk_sentence_initial_common_words_are_not_names():
    doc = annotate("Видання пише, що Зазначимо не є іменем. Крім того, Трамп промовчав.", "uk")
    assert [(m.label, m.text) for m in doc.mentions] == [("PER", "Трамп")]


def test_uk_product_named_after_a_maker_is_no_entity():
    doc = annotate("Армія отримала партію автоматів Калашникова, а завод Калашникова працює далі.", "uk")
    assert [(m.label, m.text) for m in doc.mentions] == [("ORG", "Калашникова")]
    assert doc.mentions[0].start == doc.text.rindex("Калашникова")


def test_uk_backend_has_no_parse():
    doc = annotate("Сергій Ребров залишився в збірній.", "uk")
    assert not doc.has_parse and doc.backend == "builtin"
    assert all(t.head is None for t in doc.tokens)
    assert doc.tokens[0].pos == "PROPN" and doc.tokens[0].lemma == "Сергій"


# --- entities: Russian -----------------------------------------------------------------------


def test_ru_parse_and_lemmas():
    doc = annotate("Об этом ТАСС сообщил глава Центробанка Эльвира Набиуллина.", "ru")
    assert doc.has_parse
    root = [t for t in doc.tokens if t.dep == "root"]
    assert [t.text for t in root] == ["сообщил"] and root[0].head is None
    assert all(t.head is None or 0 <= t.head < len(doc.tokens) for t in doc.tokens)
    assert next(t for t in doc.tokens if t.text == "сообщил").lemma == "сообщить"
    assert ("PER", "Эльвира Набиуллина", "Эльвира Набиуллина") in mentions(doc)
    assert ("ORG", "Центробанка", "Центробанк") in mentions(doc)


def test_ru_court_names_in_dative_and_genitive():
    doc = annotate("Мосгорсуд назначил Тимуру Иванову срок, сообщил адвокат Дениса Бушнева.", "ru")
    persons = [(m.text, m.normal) for m in doc.mentions if m.label == "PER"]
    assert persons == [("Тимуру Иванову", "Тимур Иванов"), ("Дениса Бушнева", "Денис Бушнев")]


def test_ru_mentions_never_cross_a_line_end():
    doc = annotate("Фото: Reuters\nМОСКВА, 2 ноября. /ТАСС/. Синоптик Роман Вильфанд обещает снег.", "ru")
    for mention in doc.mentions:
        assert "\n" not in mention.text
    assert ("LOC", "МОСКВА", "Москва") in mentions(doc)
    assert ("ORG", "Reuters", "Reuters") in mentions(doc)


def test_ru_parenthesised_abbreviation_is_its_own_mention():
    doc = annotate("Как пишет газета The Washington Post (WP), матч перенесли.", "ru")
    assert [(m.label, m.text) for m in doc.mentions] == [("ORG", "The Washington Post"), ("ORG", "WP")]


def test_ru_capitalised_verb_in_a_headline_is_no_entity():
    doc = annotate("Рванет или нет: как далеко зайдут цены на нефть", "ru")
    assert doc.mentions == []


def test_ru_surname_known_from_the_article_is_found_at_sentence_start():
    doc = annotate("Песков ответил журналистам.\n\nПресс-секретарь Дмитрий Песков отказался от комментариев.", "ru")
    assert [(m.text, m.normal) for m in doc.mentions if m.label == "PER"] == [
        ("Песков", "Песков"),
        ("Дмитрий Песков", "Дмитрий Песков"),
    ]


# --- every seed: offsets ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_offsets_on_seeds(path, lang):
    text = path.read_text(encoding="utf-8")
    doc = get_builtin(lang).annotate([article(text, lang, path.stem)])[0]
    assert doc.tokens and doc.sentences
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text
    for mention in doc.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
        assert doc.tokens[mention.first].start == mention.start and doc.tokens[mention.last - 1].end == mention.end
        assert "\n" not in mention.text
    for sentence in doc.sentences:
        start, end = doc.paragraphs[sentence.paragraph]
        assert start <= sentence.start < sentence.end <= end


def test_ru_name_and_its_bracketed_abbreviation_are_two_mentions():
    # slovnet tags "Спортивного арбитражного суда (CAS" as one span
    doc = annotate("Клуб обжалует решение Спортивного арбитражного суда (CAS) в Швейцарии.", "ru")
    orgs = [(m.text, m.normal) for m in doc.mentions if m.label == "ORG"]
    assert ("Спортивного арбитражного суда", "Спортивный арбитражный суд") in orgs
    assert all("(" not in text for text, _ in orgs)


def test_ru_one_word_person_the_dictionary_knows_otherwise():
    # slovnet tags these as PER: a city, and a plural common noun opening the sentence
    doc = annotate("Гидрометеорологи отмечают, что дроны атаковали ТЭЦ в Кременчуге, сообщил Песков.", "ru")
    labels = {m.text: m.label for m in doc.mentions}
    assert "Гидрометеорологи" not in labels
    assert labels.get("Кременчуге") == "LOC"
    assert labels.get("Песков") == "PER"


def test_ru_annotation_of_a_batch_is_that_of_each_article_alone():
    """Sentences of a whole batch go through slovnet sorted by length: an article's analysis must
    not depend on the articles it shares a batch with (output is the same for any --workers)."""
    texts = [
        "Глава МИД России Сергей Лавров заявил, что Москва не будет отвечать.\n\nОб этом сообщает ТАСС.",
        "В Женеве прошли переговоры. Дмитрий Песков предложил не ждать новостей.",
        "Короткий текст.",
    ]
    articles = [article(text, "ru", f"a{k}") for k, text in enumerate(texts)]
    backend = get_builtin("ru")

    def described(doc):
        return ([(t.text, t.lemma, t.pos, t.head, t.dep, sorted(t.feats.items())) for t in doc.tokens],
                [(m.start, m.end, m.label) for m in doc.mentions])

    together = [described(doc) for doc in backend.annotate(articles)]
    assert together == [described(backend.annotate([article])[0]) for article in articles]
    assert together[0][1]  # the analysis is not empty: names were found


def test_normal_form_of_a_title_headed_by_an_adjective_is_a_persons():
    assert morph.normal_name(["уполномоченного", "по", "правам", "человека"], "MISC", "ru") == "уполномоченный по правам человека"
    assert morph.normal_name(["уповноваженого", "з", "прав", "людини"], "MISC", "uk") == "уповноважений з прав людини"
    assert morph.normal_name(["Верховного", "суда"], "MISC", "ru") == "Верховный суд"
