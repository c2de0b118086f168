"""Attribution on short sentences of other topics, one expected reading each (fixtures/sentences.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimex.claims.extract import extract
from claimex.nlp.builtin import get_builtin
from claimex.reader import article_from_text

CASES = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "sentences.json").read_text(encoding="utf-8"))


def claims_of(text: str, lang: str):
    article = article_from_text(text, "sentence")
    doc = get_builtin(lang).annotate([article])[0]
    return doc, extract(doc, article.title).claims


def last_source(text: str, lang: str) -> str | None:
    """The source of the text's last claim, by name."""
    source = claims_of(text, lang)[1][-1].found.source
    return source.name if source else None


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['text'][:40]}" for c in CASES])
def test_sentence(case):
    doc, claims = claims_of(case["text"], case["lang"])
    assert claims, "no claim extracted"
    claim = claims[0]
    found = claim.found
    got = {
        "source": found.source.name if found.source else None,
        "cue": doc.text[found.cue[0] : found.cue[1]] if found.cue else None,
        "kind": found.kind,
        "hedged": bool(claim.hedges),
        "stance": claim.stance,
    }
    expected = {k: case[k] for k in got}
    assert got == expected
    assert [h.lower() for h in claim.hedges] == [h.lower() for h in case["hedges"]]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("uk", "За словами речника штабу Олега Тарасенка, серед звільнених є захисники Маріуполя. "
               "«Більшість хлопців потрапили в полон ще у 2022 році, чимало з них оборонці міста», — сказав він.", "Олег Тарасенко"),
        ("ru", "Аналитик компании Марина Коваленко считает, что решение было ожидаемым. "
               "«Снижения ставки в этом году ждать не стоит, риски остаются высокими», — отметила она.", "Марина Коваленко"),
    ],
)
def test_pronoun_after_a_quotation_is_the_person_named_before(lang, text, person):
    _, claims = claims_of(text, lang)
    assert [c.found.source.name for c in claims] == [person, person]
    assert claims[1].found.kind == "direct_quote"


def test_surname_the_tagger_missed_is_the_person_named_before():
    # natasha tags "Олег Сомов" but not "Сомова": the genitive surname still names him
    _, claims = claims_of("Тренер команды Олег Сомов провел пресс-конференцию. "
                          "По словам Сомова, игроки готовы к матчу в субботу.", "ru")
    assert claims[-1].found.source.name == "Олег Сомов"
    assert claims[-1].found.source.mention.text == "Олег Сомов"


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        ("ru", "Поставки продолжатся, сообщили в Министерстве энергетики. Там уточнили, что ремонт займет неделю.",
         "Министерство энергетики"),
        ("uk", "Про це повідомили в Укренерго. Там зазначили, що графіки відключень скасують до вечора.", "Укренерго"),
    ],
)
def test_there_is_the_body_cited_before(lang, text, body):
    assert last_source(text, lang) == body
    _, alone = claims_of(text.split(". ", 1)[1], lang)
    assert alone[0].found.source is None  # with nothing cited before, "там" names nobody


def test_a_role_with_a_quoted_company_name_points_to_its_person():
    _, claims = claims_of("Об этом заявил директор компании «Энергоатом» Петр Котин. "
                          "По словам директора, ремонт блока займет не меньше месяца.", "ru")
    assert claims[-1].found.source.name == "Петр Котин"
    assert claims[-1].found.source.role == "директора"


@pytest.mark.parametrize(
    ("lang", "text", "speakers"),
    [
        ("uk", "Міністр фінансів Сергій Марченко виступив на брифінгу. Він додав, що дефіцит бюджету скоротиться.",
         ["Сергій Марченко"]),
        ("uk", "Прем'єр-міністерка Юлія Свириденко зустрілася з Олегом Кулебою. Вона зазначила, що уряд підтримає "
               "громади. Він сказав, що ремонт мостів почнеться навесні.", ["Юлія Свириденко", "Олег Кулеба"]),
        ("ru", "Министр спорта Олег Матыцин встретился с Ириной Винер. Она заявила, что сборная готова к турниру.",
         ["Ирина Винер"]),
    ],
)
def test_a_pronoun_is_the_last_person_of_its_gender(lang, text, speakers):
    _, claims = claims_of(text, lang)
    assert [c.found.source.name for c in claims if c.found.source] == speakers


def test_a_role_is_the_person_of_the_verbs_gender():
    assert last_source("Глава комиссии Мария Орлова и ее советник Петр Смирнов посетили завод. "
                       "Производство выросло на треть, сказала глава комиссии.", "ru") == "Мария Орлова"


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", "Итоги встречи\n\nПрезидент России Владимир Путин выступил первым. Заявил, что переговоры были конструктивными.",
         "Владимир Путин"),
        ("uk", "Підсумки\n\nПрезидент Володимир Зеленський виступив у Брюсселі. Також наголосив, що Україна потребує ППО.",
         "Володимир Зеленський"),
    ],
)
def test_a_verb_without_a_subject_goes_on_with_the_person_just_named(lang, text, speaker):
    assert last_source(text, lang) == speaker
    _, alone = claims_of(text.split(". ", 1)[1], lang)
    assert alone[-1].found.source is None  # nobody named before: nobody to go on with


@pytest.mark.parametrize(
    ("lang", "text", "cues"),
    [
        ("uk", "Новина\n\nМіністр Сергій Марченко заявив, що бюджет виконано, і додав, що дефіцит скоротиться наступного року.",
         ["заявив", "додав"]),
        ("ru", "Новость\n\n«Нам еще предстоит определить процедуру», - сказал Мишель Барнье после заседания, добавив, что "
               "проект является справедливым.", ["сказал", "добавив"]),
    ],
)
def test_each_reported_statement_is_a_claim_of_its_own(lang, text, cues):
    doc, claims = claims_of(text, lang)
    body = [c for c in claims if c.paragraph == 1]
    assert [doc.text[c.found.cue[0]:c.found.cue[1]] for c in body] == cues
    assert len({c.found.source.name for c in body}) == 1
    assert body[0].end <= body[1].start  # two spans of one sentence, in order, not overlapping
    _, one = claims_of("Новина\n\nПесков заявил, что Кремль не получал информации и что контакты продолжатся.", "ru")
    assert len([c for c in one if c.paragraph == 1]) == 1  # one verb, one statement


@pytest.mark.parametrize(
    ("lang", "text", "speakers"),
    [
        # the latter is the person named last outside the quotation
        ("ru", "Новость\n\nБайден назвал Трампа «щенком Путина», а последний заявил, что сын Байдена получил миллионы.",
         ["Байден", "Трамп"]),
        ("uk", "Новина\n\nМіністр Іван Соколов назвав зростання цін тимчасовим, а голова Держстату Сергій Галкін сказав, "
               "що інфляція сповільниться.", ["Іван Соколов", "Сергій Галкін"]),
    ],
)
def test_another_speaker_after_a_comma_and_conjunction_has_a_statement_of_its_own(lang, text, speakers):
    doc, claims = claims_of(text, lang)
    body = [c for c in claims if c.paragraph == 1]
    assert [c.found.source.name for c in body] == speakers
    assert body[0].end <= body[1].start
    assert doc.text[body[1].start:body[1].end].split()[0] in ("последний", "голова")  # the second opens at its speaker


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('"Ми планували, але вони зайшли в "запій", пробачте. Потім "майовка" у них", - поділився він.',
         ['"Ми планували, але вони зайшли в "запій", пробачте. Потім "майовка" у них"']),
        ('Він сказав "так" і "ні".', ['"так"', '"ні"']),
        ('"Я не получаю средства из России ", - отметил он.', ['"Я не получаю средства из России "']),
        ('"Мы готовы работать в формате "7/24", - добавил он.', ['"Мы готовы работать в формате "7/24"']),
        ('«Він "так" сказав», — сказав він.', ['«Він "так" сказав»']),
    ],
)
def test_straight_quotes_nest_by_their_neighbours(text, quotes):
    from claimex.claims.quotes import quote_spans

    assert [text[a:b] for a, b in quote_spans(text)] == quotes


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # a role written short is the person named with it
        ("uk", "Новина\n\nГолова Служби безпеки України Василь Малюк дав інтерв'ю. Голова СБУ поділився, що операцію відклали.",
         "Василь Малюк"),
        ("ru", "Новость\n\nГлава Министерства иностранных дел Сергей Лавров прибыл в Анкару. Глава МИД заявил, что переговоры "
               "продолжатся.", "Сергей Лавров"),
        ("uk", "Новина\n\nКомандувач Сил оборони Олександр Сирський відвідав фронт. Генерал-лейтенант поділився, що "
               "ситуація складна.", "Олександр Сирський"),
        # an expert is the person who last spoke, not the last named
        ("ru", "Переговоры закончились, считает политолог Иван Петров. Дональд Трамп об этом не говорил. "
               "Уступок ждать не приходится, уверен эксперт.", "Иван Петров"),
        ("uk", "Переговори завершилися, вважає політолог Іван Петренко. Дональд Трамп про це не говорив. "
               "Поступок чекати не варто, переконаний експерт.", "Іван Петренко"),
        # the latter is the person named last
        ("ru", "Расследование вел Роберт Мюллер. Последний заявил, что Россия вмешивалась в выборы.", "Роберт Мюллер"),
        ("uk", "Розслідування вів Роберт Мюллер. Останній заявив, що Росія втручалася у вибори.", "Роберт Мюллер"),
        # "current" before a role says nothing more
        ("uk", "Новина\n\nНинішній президент США Дональд Трамп програв вибори. Джо Байден переміг. Чинний президент "
               "вважав, що були фальсифікації.", "Дональд Трамп"),
        # a spokesperson nobody named holds the role of speaks for the body, not for the last person named
        ("uk", "Прем'єрка Тереза Мей зустрілася з Жан-Клодом Юнкером. Речник Єврокомісії заявив, що робота триває.",
         "Єврокомісія"),
        ("uk", "Речник МЗС України Олег Ніколенко прокоментував ноту. Речник МЗС додав, що відповідь уже надіслано.",
         "Олег Ніколенко"),
    ],
)
def test_a_speaker_named_by_role_or_as_the_latter_is_the_person_meant(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # a person in the genitive after a noun is its attribute: the family, the administration speaks
        ("ru", "Семья Биби ранее говорила, что им придется покинуть родину.", "Семья Биби"),
        ("uk", "Адміністрація Трампа неодноразово говорила, що угода потрібна.", "Адміністрація Трампа"),
        ("ru", "Адвокат Трампа Руди Джулиани заявил, что иск будет подан.", "Руди Джулиани"),
        # a quoted name after a common noun is the body so named; in the genitive it is an attribute
        ("ru", "Партия «Единая Россия» заявила, что поддержит закон.", "Единая Россия"),
        ("uk", "Фермерська спілка «Земля польська» заявила, що протест триватиме.", "Земля польська"),
        ("ru", "Как рассказал источник «Спорт-Экспресса», клуб уже нанял юристов.", "источник"),
        # a participle goes on the body's name
        ("ru", "Оперативное командование вооруженных сил Польши заявило, что пространство нарушено.",
         "Оперативное командование вооруженных сил Польши"),
    ],
)
def test_a_name_in_the_genitive_belongs_to_the_speaking_noun_before_it(lang, text, speaker):
    _, claims = claims_of(text, lang)
    assert claims[0].found.source.name == speaker


def test_a_plural_verb_has_no_single_person_for_its_subject():
    # "Гнатюку повідомили про підозру": they told him; a plural verb, one person's name (no parse in uk)
    _, claims = claims_of("Прокурори затримали Віталія Гнатюка. Гнатюку повідомили про підозру у хабарництві.", "uk")
    assert claims[-1].found.source is None or claims[-1].found.source.name != "Віталій Гнатюк"
    _, claims = claims_of("Чак Шумер і Пелосі закликали посадовців дати свідчення в комітеті.", "uk")
    assert claims[0].found.source is not None  # two people: the plural agrees


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # the surname alone is the person named in full before
        ("uk", "Спікерка Ненсі Пелосі повернула депутатів з відпусток. Лідер сенаторів Чак Шумер і Пелосі "
               "закликали посадовців дати свідчення.", "Чак Шумер і Ненсі Пелосі"),
        ("ru", "Мария Иванова и ее семья говорят, что она невиновна.", "Мария Иванова и ее семья"),
        ("uk", "Обласна рада і міська рада заявили, що бюджет ухвалять у грудні.", "Обласна рада і міська рада"),
        # one title with a genitive after the conjunction, and a singular verb: one speaker
        ("uk", "Міністр аграрної політики та продовольства Олег Ковальчук заявив, що ціни зростуть.", "Олег Ковальчук"),
        ("ru", "Представители партии и правительства заявили, что цены вырастут.", "Представители партии"),
    ],
)
def test_sources_joined_by_a_conjunction_speak_together(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Суд виправдав жінку, передає агенція AFP. Пізніше, за даними ЗМІ, сторони уклали угоду, яка передбачає, "
               "що влада не стане заперечувати проти оскарження вироку."),
        ("ru", "Суд оправдал женщину, передает агентство AFP. Позже, по данным СМИ, стороны заключили соглашение, которое "
               "предполагает, что власти не станут возражать против обжалования приговора."),
    ],
)
def test_the_media_at_large_cite_in_the_sentence_not_a_denial_in_its_clause(lang, text):
    # "ЗМІ" is not the outlet named before; "не стане заперечувати" belongs to the clause after "яка … що"
    _, claims = claims_of(text, lang)
    assert (claims[-1].found.source.name, claims[-1].found.kind) == ({"uk": "ЗМІ", "ru": "СМИ"}[lang], "according_to")


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", "Министерство обороны России сообщило об обмене. По данным ведомства, военные находятся в Белоруссии.",
         "Министерство обороны России"),
        ("uk", "Фонд «Відкрите суспільство» оголосив конкурс. Раніше організація заявляла, що гранти скоротять.",
         "Відкрите суспільство"),
        ("ru", "Верховный суд Пакистана оправдал женщину. НАТО промолчало. Признание она сделала под угрозой, отмечали в суде.",
         "Верховный суд Пакистана"),
        # a body of another kind named last is not what "суд" points to; nothing named: it stays as written
        ("uk", "Компанія Нафтогаз подала позов. У суді заявили, що розгляд перенесуть.", "суд"),
    ],
)
def test_a_bare_institution_noun_is_the_organisation_named_before(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Аналітики банку заявили, що інфляція сповільниться. Адвокат Іван Петренко подав позов. "
               "Вони вважають, що ставку знизять.", "Аналітики банку"),
        ("ru", "Аналитики банка заявили, что инфляция замедлится. Адвокат Иван Петренко подал иск. "
               "Они считают, что ставку снизят.", "Аналитики банка"),
        # sources joined by a conjunction as the subject of a sentence that reports nothing
        ("uk", "Партія «Наш край» і Національний комітет подали позов до суду. Вони вважають, що голоси не врахували.",
         "Наш край і Національний комітет"),
        ("ru", "Минфин и Центробанк подали иск в суд. Они считают, что голоса не учли.", "Минфин и Центробанк"),
    ],
)
def test_they_are_the_last_source_of_several_never_one_person(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Блінкен підтримав заяву радника, засудивши поводження Кремля з опозиціонером.", "Блінкен"),
        ("ru", "Верховный суд оправдал женщину, посчитав, что дело основано на неубедительных свидетельствах.", "Верховный суд"),
        # after a reported clause the gerund goes on with the speaker, not the clause's subject
        ("ru", "Иванов заявил, что санкции не работают, добавив, что Россия готова к переговорам.", "Иванов"),
        ("uk", "Іваненко заявив, що санкції не працюють, додавши, що Україна готова до переговорів.", "Іваненко"),
    ],
)
def test_a_gerund_speaks_with_the_subject_of_the_verb_before_it(lang, text, speaker):
    _, claims = claims_of(text, lang)
    assert claims[-1].found.source.name == speaker
    assert claims[-1].found.outer is None


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Новина\n\nМер Львова Андрій Коваль заявив журналістам, що ремонт мосту завершать восени.\n\n"
               "«Ми вже замовили матеріали. Підрядник працюватиме і вночі».\n\nРемонт почався у травні.", "Андрій Коваль"),
        ("ru", "Новость\n\nГубернатор области Ирина Волкова сказала, что дороги откроют к утру.\n\n"
               "— Все службы работают в усиленном режиме.\n\nСнегопад начался в среду.", "Ирина Волкова"),
    ],
)
def test_a_quoted_paragraph_goes_on_quoting_the_speaker_before_it(lang, text, speaker):
    _, claims = claims_of(text, lang)
    quoted = [c for c in claims if c.paragraph == 2]
    assert quoted and all(c.found.source.name == speaker and c.found.kind == "direct_quote" for c in quoted)
    assert all(c.found.source is None for c in claims if c.paragraph == 3)  # the outlet's own sentence again
    _, alone = claims_of(text.split("\n\n", 2)[2], lang)
    assert alone[0].found.source is None  # nobody spoke before: nobody to go on quoting


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", "Новость\n\nМинистр Ирина Волкова и ее заместитель Петр Иванов посетили завод. По ее словам, завод "
               "откроют в мае.", "Ирина Волкова"),
        ("uk", "Новина\n\nЗа його словами, ремонт мосту завершать восени. Мер міста Андрій Коваль відвідав об'єкт у "
               "понеділок.", "Андрій Коваль"),
    ],
)
def test_a_possessive_according_to_is_the_person_of_its_gender_or_the_one_named_next(lang, text, speaker):
    _, claims = claims_of(text, lang)
    cited = [c for c in claims if c.found.kind == "according_to"]
    assert [c.found.source.name for c in cited] == [speaker]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "kind"),
    [
        ("uk", "Новина\n\nМіністр Олена Ткаченко розповіла про реформу. Як вона зазначила, окремі зміни були дуже "
               "спірними.", "Олена Ткаченко", "according_to"),
        ("ru", "Новость\n\nГубернатор Петр Иванов выступил первым. Неожиданно признал, что должна быть обеспечена "
               "безопасность района: \"Безусловно, безопасность должна быть обеспечена, мы готовы работать\".",
         "Петр Иванов", "indirect"),
    ],
)
def test_the_person_named_before_speaks_after_as_and_before_a_clause_with_a_colon(lang, text, speaker, kind):
    _, claims = claims_of(text, lang)
    assert (claims[-1].found.source.name, claims[-1].found.kind) == (speaker, kind)


def test_a_dateline_with_a_region_and_a_byline_state_no_claim():
    from claimex.claims.extract import extract as extract_article

    text = ("Итоги встречи\n\nАНКОРИДЖ /штат Аляска/, 16 августа. /ТАСС/. Губернатор Петр Иванов заявил, что дороги "
            "откроют к утру.\n\nРедакция сайта ТАСС")
    article = article_from_text(text, "sentence")
    doc = get_builtin("ru").annotate([article])[0]
    result = extract_article(doc, article.title)
    assert result.outlet == "ТАСС"
    body = [doc.text[c.start : c.end] for c in result.claims if c.paragraph > 0]
    assert body == ["Губернатор Петр Иванов заявил, что дороги откроют к утру."]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "relay"),
    [
        # the media report what a named person said: the person speaks, the media relay
        ("uk", "Раніше британські ЗМІ повідомили, що переговірник ЄС Мішель Барньє запропонував продовжити перехідний період.",
         "Мішель Барньє", "британські ЗМІ"),
        ("ru", "Газета «Коммерсант» пишет, что глава Минфина Антон Силуанов предложил повысить налог.",
         "Антон Силуанов", "Коммерсант"),
        ("uk", "Агентство цитує Петра Іваненка, який заявив, що позов буде подано.", "Петро Іваненко", "Агентство"),
        # not for a person who tells what another said: that is the teller's claim
        ("uk", "Зеленський заявив, що Путін сказав неправду.", "Зеленський", None),
        # a plural "как сообщили" with an outlet and a body: the body spoke, the outlet was told
        ("ru", "Как сообщили «КП» в Минздраве, сейчас идут клинические исследования.", "Минздрав", None),
        # "согласно данным" names its source in the genitive
        ("ru", "Согласно данным пакистанского издания «Dawn», правительство заключило соглашение с партией.", "Dawn", None),
    ],
)
def test_media_relay_the_speaker_they_report(lang, text, speaker, relay):
    _, claims = claims_of(text, lang)
    found = claims[0].found
    assert found.source.name == speaker
    assert (found.outer.name if found.outer else None) == relay


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Новость\n\nПротестующие перекрыли дороги в центре города. Прокуроры утверждали, что ее вина доказана. "
               "Признание она сделала перед толпой, отмечали в суде."),
        ("uk", "Новина\n\nПротестувальники перекрили дороги в центрі міста. Прокурори стверджували, що її провину доведено. "
               "Зізнання вона зробила перед натовпом, зазначили в суді."),
    ],
)
def test_a_later_attribution_reaches_back_only_to_the_attributed_sentence_before_it(lang, text):
    _, claims = claims_of(text, lang)
    first, middle, last = claims
    assert first.found.source is None  # the outlet's own, before another speaker
    assert middle.found.source is not None and last.found.source is not None


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Ангела Меркель зустрілася з Емманюелем Макроном у Парижі. Вона заявила, що переговори були корисними.",
         "Ангела Меркель"),
        ("uk", "Петро Коваль зустрівся з Іваном Мельником у Львові. Він заявив, що переговори були корисними.", "Петро Коваль"),
        ("ru", "Министр Олег Петров встретился с послом Иваном Сидоровым. Он заявил, что переговоры были полезными.",
         "Олег Петров"),
    ],
)
def test_a_pronoun_refers_to_the_subject_before_a_person_named_after_it(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # a party member or candidate named by that alone is the person named before, by the verb's gender
        ("ru", "Сенатор Марк Келли выступил в Аризоне. Политолог Анна Петрова рассказала о его шансах. "
               "Демократ пообещал, что снова будет баллотироваться.", "Марк Келли"),
        ("uk", "Сенатор Марк Келлі виступив в Аризоні. Політологиня Ганна Петренко розповіла про його шанси. "
               "Кандидат пообіцяв, що знову балотуватиметься.", "Марк Келлі"),
        # a quotation closed by any verb and a role after a dash: the role speaks
        ("ru", "Политолог Анна Петрова рассказала о выборах. «Он больше не интересуется политикой и много времени "
               "проводит на поле для гольфа», — заключила специалист.", "Анна Петрова"),
    ],
)
def test_a_bare_role_is_the_person_named_before_of_the_verbs_gender(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Синоптикиня Олена Кушнір виступила на брифінгу. За її прогнозом, вода почне спадати до вихідних.", "Олена Кушнір"),
        ("ru", "Министр Олег Петров выступил на брифинге. По его оценке, цены упадут до конца года.", "Олег Петров"),
        # inside a relative clause the phrase qualifies that clause: the sentence is the outlet's
        ("ru", "Военные атаковали лодки, которые, по их данным, перевозили наркотики, резюмировали в WSJ.", "WSJ"),
    ],
)
def test_a_possessive_according_phrase_names_its_owner(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("uk", "Міністр Олег Петренко налаштований оптимістично. «Не думаю, що зміни в політиці уряду будуть різкими. "
               "Однак шанс виправити ситуацію з кадрами, безумовно, з'являється, — написав він у Facebook.", "Олег Петренко"),
        ("ru", "Сенатор Олег Петренко настроен оптимистично. «Не думаю, что перемены в политике правительства будут резкими. "
               "Однако шанс исправить ситуацию с кадрами, безусловно, появляется, — написал он в Facebook.", "Олег Петренко"),
    ],
)
def test_quotation_that_runs_on_to_its_speaker_is_a_direct_quote_from_its_opening_mark(lang, text, person):
    # the closing mark is missing, as often in real articles: the dash before the verb still closes it
    _, claims = claims_of(text, lang)
    assert [(c.found.source and c.found.source.name, c.found.kind) for c in claims] == [
        (None, "unattributed"), (person, "direct_quote"), (person, "direct_quote")]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("uk", "Зараз це урядова криза, тому коментувати треба не лише відставку міністра», — заявила Марія Захарченко.", "Марія Захарченко"),
        ("ru", "Сейчас это правительственный кризис, поэтому комментировать надо не только отставку министра», — заявила Мария Захарченко.", "Мария Захарченко"),
    ],
)
def test_quotation_closed_before_its_speaker_without_its_opening_mark_is_a_direct_quote(lang, text, person):
    _, claims = claims_of(text, lang)
    assert [(c.found.source.name, c.found.kind) for c in claims] == [(person, "direct_quote")]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("uk", "Колишній міністр Олег Петренко пішов у відставку. Саму реформу він назвав «мрією, що помирає».", "Олег Петренко"),
        ("ru", "Бывший министр Олег Петренко ушел в отставку. Саму реформу он назвал «умирающей мечтой».", "Олег Петренко"),
    ],
)
def test_pronoun_after_a_fronted_object_is_the_subject(lang, text, person):
    assert last_source(text, lang) == person


@pytest.mark.parametrize(
    ("lang", "text", "person", "outlet"),
    [
        ("uk", "Сенатор Олег Петренко прокоментував відставку. «Курс Лондона щодо Росії не зміниться», – цитує видання.", "Олег Петренко", "видання"),
        ("uk", "Сенатор Олег Петренко прокоментував відставку. «Курс Лондона щодо Росії не зміниться», – цитує його ТАСС.", "Олег Петренко", "ТАСС"),
        ("ru", "Сенатор Олег Петренко прокомментировал отставку. «Курс Лондона в отношении России не изменится», — цитирует издание.", "Олег Петренко", "издание"),
        ("ru", "Сенатор Олег Петренко прокомментировал отставку. «Курс Лондона в отношении России не изменится», — цитирует его ТАСС.", "Олег Петренко", "ТАСС"),
    ],
)
def test_outlet_that_quotes_nobody_named_relays_the_person_who_last_spoke(lang, text, person, outlet):
    _, claims = claims_of(text, lang)
    found = claims[-1].found
    assert (found.source.name, [s.name for s in found.chain], found.kind) == (person, [outlet], "direct_quote")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "За словами голови митниці Олега Петренка, водії вантажівок застрягли на кордоні до самого свята. "
               "Тому поставки довелося перенести на місяць. Крім того, виникли інші проблеми з документами. "
               "Так само сталося і з поставками зерна."),
        ("ru", "По словам главы таможни Олега Петренко, водители грузовиков застряли на границе до самого праздника. "
               "Поэтому поставки пришлось перенести на месяц. Кроме того, возникли другие проблемы с документами. "
               "Так же произошло и с поставками зерна."),
    ],
)
def test_consequence_and_addition_continue_the_attributed_sentence_before(lang, text):
    _, claims = claims_of(text, lang)
    assert [c.found.source and c.found.source.name for c in claims] == ["Олег Петренко"] * 4


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        ("uk", "Детективи Державного бюро розслідувань затримали чиновника. Як повідомляє пресслужба відомства, йдеться про ділянку площею 25 гектарів.",
         "Державне бюро розслідувань"),
        ("ru", "Детективы Государственного бюро расследований задержали чиновника. Как сообщает пресс-служба ведомства, речь идёт об участке площадью 25 гектаров.",
         "Государственное бюро расследований"),
    ],
)
def test_press_office_of_the_agency_is_the_organisation_named_before(lang, text, body):
    assert last_source(text, lang) == body


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Представник МЗС Угорщини спростував, що Анна Ковач залишила країну. «Анна Ковач перебуває в безпечному місці», - сказав посадовець. "
               "Він також наголосив, що рішення ухвалюватиме суд.", "Представник МЗС Угорщини"),
        ("ru", "Представитель МИД Венгрии опроверг, что Анна Ковач покинула страну. «Анна Ковач находится в безопасном месте», - сказал чиновник. "
               "Он также подчеркнул, что решение будет принимать суд.", "Представитель МИД Венгрии"),
    ],
)
def test_pronoun_of_a_gender_nobody_named_has_and_a_bare_word_for_a_person_are_the_speaker_known_by_a_role(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "За даними ЗМІ, Малала покинула країну. «Малала Юсуфзай перебуває в безпечному місці», "
               "- сказав чиновник. Він також наголосив, що рішення ухвалюватиме суд.", "чиновник"),
        ("ru", "По данным СМИ, Малала покинула страну. «Малала Юсуфзай находится в безопасном месте», "
               "- сказал чиновник. Он также подчеркнул, что решение будет принимать суд.", "чиновник"),
    ],
)
def test_a_name_the_dictionary_does_not_know_takes_the_gender_its_verb_shows(lang, text, speaker):
    assert last_source(text, lang) == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "reporter"),
    [
        ("uk", "Новина\n\nМіністр заявив, що уряд вважає, що ціни зростуть.", "уряд", "Міністр"),
        ("ru", "Новость\n\nМинистр заявил, что правительство считает, что цены вырастут.", "правительство", "Министр"),
    ],
)
def test_a_speaker_reporting_a_clause_inside_another_speakers_is_the_source_and_the_first_relays(lang, text, speaker, reporter):
    _, claims = claims_of(text, lang)
    found = [c for c in claims if c.paragraph == 1][0].found
    assert (found.source.name, found.outer.name) == (speaker, reporter)
    # a verb with an object and no clause of its own reports nothing inside: "WP пише, що президент написав листа"
    _, plain = claims_of("Новина\n\nWP пише, що президент Венесуели написав листа Путіну.", "uk")
    assert [c for c in plain if c.paragraph == 1][0].found.source.name == "WP"


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Ціни на газ не зміняться до весни.\nДжерело: міністр енергетики Герман Галущенко в ефірі телемарафону\n"
               "Пряма мова: «Ціни на газ для населення не зміняться. Запаси в сховищах достатні».", "Герман Галущенко"),
        ("ru", "Цены на газ не изменятся до весны.\n\nИсточник: заявление министра энергетики Сергея Цивилева\n\n"
               "Прямая речь: «Цены на газ для населения не изменятся. Запасов в хранилищах достаточно».", "Сергей Цивилев"),
        ("en", "Gas prices will not change until spring.\n\nSource: Energy Minister Herman Halushchenko on national television\n\n"
               'Quote: "Gas prices for households will not change. There is enough gas in storage."', "Herman Halushchenko"),
    ],
)
def test_a_source_line_names_the_source_of_the_lead_above_and_the_quotation_below(lang, text, speaker):
    _, claims = claims_of(text, lang)
    assert [(c.found.source.name if c.found.source else None, c.found.kind) for c in claims] == (
        [(speaker, "according_to")] + [(speaker, "direct_quote")] * 2)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Ціни на газ не зміняться до весни.\n\nПряма мова: «Ціни на газ для населення не зміняться до весни»."),
        ("ru", "Цены на газ не изменятся до весны.\n\nПрямая речь: «Цены на газ для населения не изменятся до весны»."),
    ],
)
def test_a_quotation_label_names_no_speaker(lang, text):
    assert [c.found.source for c in claims_of(text, lang)[1]] == [None, None]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "Ціни на газ не зміняться до весни — міністр енергетики\n\nМіністр енергетики Герман Галущенко заявив, що запасів достатньо.",
         "Герман Галущенко"),
        ("ru", "Цены на газ не изменятся до весны — министр энергетики\n\nМинистр энергетики Сергей Цивилев заявил, что запасов достаточно.",
         "Сергей Цивилев"),
        ("en", "Gas prices will not change until spring – Ukraine's energy minister\n\n"
               "Ukrainian Energy Minister Herman Halushchenko said that there was enough gas in storage.", "Herman Halushchenko"),
        ("en", "Talks in Geneva were useful, says head of Russian delegation\n\nHead of the Ukrainian delegation Rustem Umerov "
               "said that the talks had failed.\n\nHead of the Russian delegation Vladimir Medinsky said that the talks were useful.",
         "Vladimir Medinsky"),
    ],
)
def test_a_headline_closed_by_a_role_is_the_person_the_article_names_with_it(lang, text, speaker):
    assert claims_of(text, lang)[1][0].found.source.name == speaker
