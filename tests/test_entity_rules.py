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


def test_uk_organisation_noun_taken_for_a_name_before_a_body_is_that_body():
    # "Рада" is a given name too; "Ради ЄС" is the Council of the EU
    assert ("ORG", "Ради ЄС") in spans("Рішення щодо мит на сталь ухвалили на засіданні Ради ЄС у вівторок.", "uk")


def test_outlet_owns_no_organisation():
    # the staff of an outlet, then the outlet: two names, not "the service of УНН"
    found = spans("Матеріал підготувала Національна служба новин УНН за даними поліції.", "uk")
    assert ("ORG", "УНН") in found


def test_ru_unit_of_an_organisation_with_its_parent_is_one_name():
    text = "Доклад подготовил Центр азиатских исследований Института мировой экономики, его обсудил Комитет Сената."
    found = spans(text, "ru")
    assert ("ORG", "Центр азиатских исследований Института мировой экономики") in found
    assert ("ORG", "Комитет Сената") in found


def test_uk_unit_of_an_organisation_with_its_parent_is_one_name():
    found = spans("Заяву оприлюднила Юридична служба Європейської комісії в середу.", "uk")
    assert ("ORG", "Юридична служба Європейської комісії") in found


def test_two_organisations_without_a_unit_noun_stay_apart():
    # a chamber is a body of its own, not a unit named after its parent
    found = spans("Законопроект схвалила Палата представителей Конгресса США в пятницу.", "ru")
    assert ("ORG", "Палата представителей Конгресса США") not in found


def test_ru_state_form_and_its_name_are_one_place():
    from claimex.nlp.gazetteer import canonical

    text = "Соглашение с Республикой Молдова подписано, переговоры с Королевством Нидерландов завершились."
    found = spans(text, "ru")
    assert ("LOC", "Республикой Молдова") in found and ("LOC", "Королевством Нидерландов") in found
    assert normals(text, "ru")["Республикой Молдова"] == "Республика Молдова"
    assert canonical("Королевством Нидерландов", "ru") == canonical("Нидерланды", "ru")


def test_normal_form_keeps_the_spacing_of_initials_and_commas():
    assert normals("Прем'єр Т.Мей зустрілася з Дж. Бушем.", "uk")["Т.Мей"] == "Т.Мей"
    text = "Сайт заблокировала Федеральная служба по надзору в сфере связи, информационных технологий и массовых коммуникаций."
    name = "Федеральная служба по надзору в сфере связи, информационных технологий и массовых коммуникаций"
    assert normals(text, "ru")[name] == name


def test_unknown_foreign_name_in_a_vowel_does_not_decline():
    found = normals("Сторонники Берни Сандерса поддержали Нэнси Пелоси.", "ru")
    assert found["Берни Сандерса"] == "Берни Сандерс" and found["Нэнси Пелоси"] == "Нэнси Пелоси"
    assert normals("Позиция Джасинды Ардерн не изменилась.", "ru")["Джасинды Ардерн"] == "Джасинда Ардерн"
    # after a hushing consonant -и is the genitive of -а
    assert normals("Выводы Зарины Мирхоши поддержали.", "ru")["Зарины Мирхоши"] == "Зарина Мирхоша"


def test_uk_initial_vouches_for_an_unknown_surname():
    assert ("PER", "С. Ковальчі") in spans("Завданням С. Ковальчі, пояснили в уряді, буде нова угода.", "uk")


def test_uk_initial_opens_a_name_at_a_sentence_start():
    found = spans("Угоду схвалили в Лондоні. Т.Мей заявила, що вона задоволена.", "uk")
    assert ("PER", "Т.Мей") in found


def test_unknown_surname_of_a_full_name_is_that_person_elsewhere():
    found = spans("Новим міністром став Стівен Ковальчі. Завданням Ковальчі буде нова угода.", "uk")
    assert ("PER", "Стівен Ковальчі") in found and ("PER", "Ковальчі") in found


def test_surname_written_as_in_the_full_name_before_keeps_that_form():
    # the dictionary reads "Джуліані" as a case of the given name "Джуліан", "Карпова" as one of "Карпов"
    assert normals("Адвокат Рудольф Джуліані подав позов. Агентство цитує Джуліані, який заявив про свідків.", "uk")["Джуліані"] == "Джуліані"
    assert normals("Министр Анна Карпова приехала в Киев. Позже Карпова рассказала о переговорах.", "ru")["Карпова"] == "Карпова"
    # an inflected surname of a full name in the nominative still goes to it
    assert normals("Президент Дональд Трамп приехал. Позже Трампа спросили о выборах.", "ru")["Трампа"] == "Трамп"


def test_ru_name_tagged_organisation_and_place_takes_the_label_most_mentions_have():
    found = spans("Ровенская ОВА сообщила об эвакуации. В Ровенской ОВА от комментариев отказались. "
                  "Позже Ровенская ОВА опубликовала список пунктов обогрева.", "ru")
    assert found == [("ORG", "Ровенская ОВА"), ("ORG", "Ровенской ОВА"), ("ORG", "Ровенская ОВА")]


def test_uk_capitalised_noun_after_a_place_preposition_is_a_place():
    text = "Конференція відбулася в Торонто, а наступна пройде у Базелі. Заяву оприлюднили в Міністерстві охорони здоров'я."
    found = spans(text, "uk")
    assert ("LOC", "Торонто") in found and ("LOC", "Базелі") in found
    assert ("LOC", "Міністерстві") not in found
    assert ("LOC", "Сеймі") not in spans("Законопроєкт розглянули у Сеймі в четвер.", "uk")
    assert normals(text, "uk")["Базелі"] == "Базель"


def test_institution_named_after_a_person_is_one_organisation():
    text = "Вакцину создали в центре им. Гамалеи, а испытали в госпитале имени Бурденко."
    found = spans(text, "ru")
    assert ("ORG", "центре им. Гамалеи") in found and ("ORG", "госпитале имени Бурденко") in found
    assert normals(text, "ru")["госпитале имени Бурденко"] == "госпиталь имени Бурденко"
    assert ("ORG", "лікарні імені Мечникова") in spans("Пацієнта перевели до лікарні імені Мечникова.", "uk")


# --- capitalised function words glued to a name ---------------------------------------------------


def test_ru_capitalised_adverb_after_a_name_is_no_part_of_it():
    # a missing full stop: the next sentence's first word follows the surname
    found = spans("Об этом сказал Джонсон Совсем недавно премьер обещал иное.", "ru")
    assert ("PER", "Джонсон") in found and ("PER", "Джонсон Совсем") not in found


def test_uk_capitalised_preposition_after_a_name_is_no_part_of_it():
    found = spans("Прем'єр Мей За підсумками зустрічі нічого не сказала.", "uk")
    assert ("PER", "Мей") in found and ("PER", "Мей За") not in found


# --- organisations named by capitalised adjectives -----------------------------------------------


def test_uk_capitalised_adjectives_with_an_organisation_noun():
    text = "Лідер Соціалістичної партії зустрівся з головою Національного агентства з питань запобігання корупції."
    found = spans(text, "uk")
    assert ("ORG", "Соціалістичної партії") in found
    assert ("ORG", "Національного агентства з питань запобігання корупції") in found
    assert normals(text, "uk")["Соціалістичної партії"] == "Соціалістична партія"


def test_uk_organisation_name_takes_coordinated_genitives():
    found = spans("Дані оприлюднив Державний інститут харчування та фармакології напередодні.", "uk")
    assert ("ORG", "Державний інститут харчування та фармакології") in found


def test_uk_plural_or_sentence_initial_adjective_phrase_is_no_organisation():
    found = spans("Американські університети скасували заняття. Там були Американські університети й коледжі.", "uk")
    assert not [span for span in found if span[0] == "ORG"]


def test_uk_adjective_phrase_stops_before_a_preposition_of_the_sentence():
    found = spans("Угоду з Митним союзом до кінця року не підпишуть.", "uk")
    assert ("ORG", "Митним союзом") in found


# --- Latin words that are no names ---------------------------------------------------------------


def test_uk_capitalised_word_of_an_english_sentence_is_no_organisation():
    found = spans("Тренер написав у мережі: We will win the next match. Клуб Arsenal поки мовчить.", "uk")
    assert ("ORG", "We") not in found
    assert ("ORG", "Arsenal") in found


def test_uk_keyboard_keys_are_no_organisations():
    assert spans("Помітили помилку? Виділіть її та натисніть Ctrl + Enter.", "uk") == []


# --- gazetteer: bodies and outlets ---------------------------------------------------------------


def test_electoral_college_and_outlets():
    assert ("ORG", "колегії виборників") in spans("Голосування колегії виборників у Вісконсині відбудеться в понеділок.", "uk")
    assert ("ORG", "коллегии выборщиков") in spans("Голосование коллегии выборщиков в Висконсине пройдет в понедельник.", "ru")
    assert ("ORG", "Європейська правда") in spans("Про це пише Європейська правда з посиланням на джерела.", "uk")


# --- persons next to places ----------------------------------------------------------------------


def test_uk_given_name_read_as_a_place_joins_the_surname():
    # "Берні" is also the locative of Bern
    found = spans("Сенатор Берні Сандерс виступив на мітингу в Айові.", "uk")
    assert ("PER", "Берні Сандерс") in found


def test_ru_given_name_and_a_surname_read_as_a_place_are_one_person():
    text = "Памятник Джорджу Вашингтону открыли в парке, а Имран Хан прислал поздравление."
    found = spans(text, "ru")
    assert ("PER", "Джорджу Вашингтону") in found
    assert ("PER", "Имран Хан") in found
    assert normals(text, "ru")["Джорджу Вашингтону"] == "Джордж Вашингтон"


def test_place_before_a_full_name_stays_a_place():
    found = spans("Сенатор від штату Віргінія Річард Блек подав позов, а президент Франції Макрон мовчить.", "uk")
    assert ("LOC", "Віргінія") in found and ("PER", "Річард Блек") in found
    assert ("LOC", "Франції") in found and ("PER", "Макрон") in found


def test_a_place_the_article_names_only_before_one_surname_is_a_given_name():
    text = ("Суд виправдав Азію Бібі. Адвокат Азії Бібі заявив, що його клієнтка в безпеці. "
            "Азія Бібі провела у в'язниці вісім років.")
    mentions = annotate(text, "uk").mentions
    assert [(m.label, m.text) for m in mentions] == [("PER", "Азію Бібі"), ("PER", "Азії Бібі"), ("PER", "Азія Бібі")]
    assert {m.normal.split()[0] for m in mentions} == {"Азія"}  # the given name in the nominative
    text = "Адвокат Сидни Пауэлл подала иск. Позже Сидни Пауэлл отозвала его."
    assert [(m.label, m.text) for m in annotate(text, "ru").mentions] == [("PER", "Сидни Пауэлл"), ("PER", "Сидни Пауэлл")]


def test_a_place_named_on_its_own_too_stays_a_place_before_a_surname():
    text = "Визит президента Франции Макрона в Киев. Франция поддержит Украину. Президента Франции Макрона ждут."
    found = spans(text, "ru")
    assert found.count(("LOC", "Франции")) == 2 and found.count(("PER", "Макрона")) == 2


def test_particles_before_a_surname_found_alone_belong_to_the_name():
    found = spans("Позже фон дер Ляйен уточнила детали, а бразильский президент промолчал.", "ru")
    assert ("PER", "фон дер Ляйен") in found


def test_function_word_before_a_surname_is_no_given_name():
    found = spans("Теннисист проиграл финал. У Медведева был шанс, и Медведев им не воспользовался.", "ru")
    assert ("PER", "Медведева") in found
    assert not [text for _, text in found if text.startswith(("У ", "И "))]


# --- sentence-initial common nouns ---------------------------------------------------------------


def test_ru_sentence_initial_common_noun_is_no_place():
    found = spans("Суд рассмотрел иск фермеров. Дело стало резонансным в Кении. Штат потерял урожай.", "ru")
    assert ("LOC", "Дело") not in found and ("LOC", "Штат") not in found
    assert ("LOC", "Кении") in found


def test_ru_keyboard_keys_and_virus_names_are_no_organisations():
    found = spans("Вирус SARS-CoV-2 вызывает COVID-19. Нашли ошибку? Выделите ее и нажмите Ctrl+Enter.", "ru")
    assert not [span for span in found if span[0] == "ORG"]


def test_place_lemma_shared_with_a_verb_is_no_match():
    # "Дели" and "Дело" both read as forms of the verb "деть"
    found = spans("Дело рассмотрели быстро. Делегация прилетела в Дели вечером.", "ru")
    assert ("LOC", "Дело") not in found and ("LOC", "Дели") in found


# --- Latin abbreviations and web addresses -------------------------------------------------------


def test_uk_latin_abbreviation_of_an_agency_is_an_organisation():
    found = spans("Препарат схвалили FDA та EMA ще в XXI столітті, пише RMF24.", "uk")
    assert ("ORG", "FDA") in found and ("ORG", "EMA") in found and ("ORG", "RMF24") in found
    assert ("ORG", "XXI") not in found


def test_uk_common_latin_abbreviations_and_codes_are_no_organisations():
    found = spans("Тест PCR показав результат, а штам B1 та GPS-трекер перевірили.", "uk")
    assert not [span for span in found if span[0] == "ORG"]


def test_web_address_of_an_outlet_is_one_token_and_one_name():
    text = "Про це повідомляє Sport.ua з посиланням на клуб. Матч перенесли."
    doc = annotate(text, "uk")
    assert "Sport.ua" in [t.text for t in doc.tokens]
    assert [doc.sentence_text(s) for s in doc.sentences][0].endswith("на клуб.")
    assert ("ORG", "Sport.ua") in spans(text, "uk")


def test_organisation_with_its_country_has_one_cross_lingual_key():
    from claimex.nlp.gazetteer import canonical

    assert canonical("МЗС Польщі", "uk") == canonical("МИД Польши", "ru") == "mfa/PL"
    assert canonical("МИД Польши", "ru") != canonical("МИД Чехии", "ru")
    assert canonical("Москва Россия", "ru") is None


# --- uk person runs ------------------------------------------------------------------------------


def test_uk_common_word_opening_a_name_run_is_left_out():
    found = spans("Вакцину хвалить вірусолог із Філадельфії Пол Оффіт.", "uk")
    assert ("PER", "Пол Оффіт") in found


def test_uk_oblique_surname_then_a_given_name_are_two_people():
    found = spans("Речник Байдена Ендрю Бейтс відповів журналістам.", "uk")
    assert ("PER", "Байдена") in found and ("PER", "Ендрю Бейтс") in found


def test_uk_name_particles_stay_inside_a_name():
    found = spans("Концерт присвятили композитору, якого обожнював Людвіг ван Бетховен, і його учню Карлу фон Веберу.", "uk")
    assert ("PER", "Людвіг ван Бетховен") in found


def test_uk_organisation_noun_before_a_persons_name_names_the_organisation():
    found = spans("Дослідження профінансував Фонд Рокфеллера, а провели його в Інституті Макса Планка.", "uk")
    assert ("ORG", "Фонд Рокфеллера") in found and ("ORG", "Інституті Макса Планка") in found


def test_ru_dictionary_name_slovnet_missed_is_a_person():
    assert ("PER", "Мухаммеда") in spans("В мечети вспоминали пророка Мухаммеда и его сподвижников.", "ru")


def test_sentence_initial_preposition_is_no_person():
    found = spans("Рынок вырос. По данным биржи, акции подорожали.", "ru")
    assert not [span for span in found if span[1] == "По"]


def test_legal_form_and_quoted_name_are_one_organisation():
    found = spans("Тендер виграло ТОВ «Київ Буд», а не ПрАТ «Оболонь».", "uk")
    assert ("ORG", "ТОВ «Київ Буд»") in found and ("ORG", "ПрАТ «Оболонь»") in found
    assert ("LOC", "Київ") not in found
    found = spans("Поставщиком стало ООО «Сибирь Логистик».", "ru")
    assert ("ORG", "ООО «Сибирь Логистик»") in found


def test_a_quoted_name_after_an_operation_or_a_work_is_no_organisation():
    found = spans("Операція «Павутина» тривала рік, а компанія «Ліра» постачала дрони.", "uk")
    assert ("ORG", "Павутина") not in found and ("ORG", "Ліра") in found
    found = spans("Глава СБУ рассказал об операции СБУ «Паутина» и о фильме «Брат».", "ru")
    assert ("ORG", "СБУ") in found and not {"Паутина", "Брат"} & {text for label, text in found if label == "ORG"}


def test_a_site_section_and_the_labels_listed_after_it_are_no_organisations():
    found = spans('Статьи с пометками "Спорт", "Культура" и "Погода" выходят по пятницам, а компания «Ростех» молчит.', "ru")
    assert {text for label, text in found if label == "ORG"} == {"Ростех"}
    found = spans("Про це йдеться в розділі «Наука». Компанія «Укрнафта» і «Нафтогаз» підписали угоду.", "uk")
    assert {text for label, text in found if label == "ORG"} == {"Укрнафта", "Нафтогаз"}
    found = spans("Выпуск вакцины «Корвак» «Биокада» отложила.", "ru")  # the maker's name right after is no list
    assert ("ORG", "Биокада") in found and ("ORG", "Корвак") not in found


def test_a_place_word_inside_a_name_is_no_place():
    text = ("Премьер Италии Джорджия Мелони встретилась с Вирджинией Вулф. Газета USA Today пишет, что в Москве "
            "Путин промолчал.")
    found = [(m.label, m.text, m.normal) for m in annotate(text, "ru").mentions]
    assert found == [
        ("LOC", "Италии", "Италия"), ("PER", "Джорджия Мелони", "Джорджия Мелони"), ("PER", "Вирджинией Вулф", "Вирджиния Вулф"),
        ("ORG", "USA Today", "USA Today"), ("LOC", "Москве", "Москва"), ("PER", "Путин", "Путин")]


def test_latin_company_names_of_several_words():
    found = spans("Акції Procter & Gamble та Moderna Pharma зросли, повідомляє Kyiv Post. Борт Air Force One сів.", "uk")
    assert ("ORG", "Procter & Gamble") in found and ("ORG", "Moderna Pharma") in found and ("ORG", "Kyiv Post") in found
    assert not [span for span in found if "Air" in span[1]]


# --- nominative forms of names -------------------------------------------------------------------


def test_ru_foreign_mans_surname_unknown_to_the_dictionary_is_put_in_the_nominative():
    text = "Встреча Мартина Гройсмана с Себастьяном Курцем и Дэвидом Скрипалем прошла спокойно."
    names = normals(text, "ru")
    assert names.get("Себастьяном Курцем") == "Себастьян Курц"
    assert names.get("Дэвидом Скрипалем") == "Дэвид Скрипаль"


def test_ru_name_the_tagger_sees_as_a_subject_keeps_its_form():
    # the dictionary reads "Камала" as the genitive of a man's name "Камал"
    assert normals("Вчера Камала Харрис выступила в Сенате.", "ru").get("Камала Харрис") == "Камала Харрис"


def test_a_latin_abbreviation_joined_to_a_common_noun_is_no_name():
    found = spans("Сотрудники IT-отдела банка уволились, а PR-служба «Сбера» молчит.", "ru")
    assert {text for _, text in found} == {"Сбера"}


def test_a_surname_of_the_article_tagged_a_place_is_the_person():
    """Whichever rule or tagger read the lone surname as a place, the full name in the article wins;
    a place the gazetteer knows stays one."""
    from claimex.nlp.builtin_uk import Found, propagate_surnames
    from claimex.nlp.segment import sentence_starts

    doc = annotate("Джордж Вашингтон і сенатор Джеймс Ланкфорд прибули до Вашингтона. Ланкфорд виступив.", "uk")
    found = Found(doc, "uk")
    words = [t.text for t in doc.tokens]
    found.add(0, 2, "PER")
    found.add(words.index("Джеймс"), words.index("Джеймс") + 2, "PER")
    found.add(words.index("Вашингтона"), words.index("Вашингтона") + 1, "LOC")
    found.add(len(words) - 3, len(words) - 2, "LOC")  # the lone "Ланкфорд"
    propagate_surnames(found, sentence_starts(doc))
    assert [(m.label, m.text, m.normal) for m in found.sorted()][-2:] == [("LOC", "Вашингтона", "Вашингтон"), ("PER", "Ланкфорд", "Ланкфорд")]


def test_a_surname_that_is_a_common_word_is_the_person_inside_a_sentence_only():
    found = spans("Конгресмен Майкл Кран виступив у Сенаті. Вчора Кран заявив про реформу. Кран на кухні протікає.", "uk")
    assert [text for label, text in found if label == "PER"] == ["Майкл Кран", "Кран"]
