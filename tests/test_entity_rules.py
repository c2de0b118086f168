"""Entity rules added for real news (SlavicNER study): each test is a sentence written for it, on
another topic than the corpus, asserting what the rule changes."""

from __future__ import annotations

from test_nlp_builtin import annotate


def spans(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in annotate(text, lang).mentions]


def normals(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.normal for m in annotate(text, lang).mentions}


# --- gazetteer: US states, the nations of the UK, landmarks ------------------------------------


def test_uk_us_states_and_uk_nations_are_places():
    text = "Фермери з Небраски та Айови продають зерно до Шотландії, а посуха в Північній Дакоті триває."
    found = spans(text, "uk")
    for place in ("Небраски", "Айови", "Шотландії", "Північній Дакоті"):
        assert ("LOC", place) in found


def test_ru_us_states_and_uk_nations_are_places():
    text = "Фермеры из Небраски и Айовы продают зерно в Уэльс, а засуха в Северной Дакоте продолжается."
    found = spans(text, "ru")
    for place in ("Небраски", "Айовы", "Уэльс", "Северной Дакоте"):
        assert ("LOC", place) in found


def test_uk_state_named_like_a_woman_is_a_place():
    # "Кароліна" is a given name too: the two-word state must not become a person
    assert ("LOC", "Південній Кароліні") in spans("Ураган дістався до узбережжя в Південній Кароліні вночі.", "uk")


# --- an organisation and the country it belongs to ---------------------------------------------


def test_uk_organisation_with_its_country_in_the_genitive_is_one_name():
    found = spans("Посол отримав ноту від МЗС Угорщини щодо транзиту газу.", "uk")
    assert ("ORG", "МЗС Угорщини") in found
    assert ("LOC", "Угорщини") not in found


def test_ru_organisation_with_its_country_in_the_genitive_is_one_name():
    text = "Верховный суд Аргентины отклонил иск, сообщает Минфин России."
    found = spans(text, "ru")
    assert ("ORG", "Верховный суд Аргентины") in found
    assert ("ORG", "Минфин России") in found
    assert normals(text, "ru")["Верховный суд Аргентины"] == "Верховный суд Аргентины"


def test_international_body_is_not_joined_with_a_following_country():
    # "ООН Кении" would be no UN of Kenya: the place stays a place
    found = spans("Представитель ЄС Австрії не коментував, а ООН Кенії надіслала допомогу.", "uk")
    assert ("LOC", "Австрії") in found and ("LOC", "Кенії") in found


def test_country_in_another_case_stays_apart():
    found = spans("Угода між ЄС і МЗС Норвегія не коментувала.", "uk")
    assert ("LOC", "Норвегія") in found
