from pathlib import Path

import pytest

from claimex.langid import identify

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

UK_SENTENCES = [
    # politics
    "Він сказав, що прийде завтра вранці.",
    "Президент підписав закон про підтримку малого бізнесу.",
    "Депутати знову не змогли ухвалити бюджет на наступний рік.",
    "Міністр заявив, що переговори тривають уже третій тиждень.",
    # sport
    "Збірна України перемогла Іспанію з рахунком два нуль.",
    "Динамо виграло матч завдяки голу на останній хвилині.",
    "Тренер пояснив, чому залишив капітана команди на лаві запасних.",
    "Наша тенісистка вийшла до чвертьфіналу турніру в Мадриді.",
    # economy
    "Національний банк знову підвищив облікову ставку до двадцяти відсотків.",
    "Ціни на пальне зросли вже втретє за місяць.",
    "Гривня подешевшала після рішення уряду про нові кредити.",
    "Експорт зерна через порти Одеси зріс на чверть.",
    # weather
    "Завтра у Києві очікується сильний сніг та ожеледиця.",
    "Синоптики попереджають про грозу і шквальний вітер у понеділок.",
    "На вихідних буде тепло, але вночі можливі заморозки.",
    "У горах випав перший сніг, дороги засипало.",
    # short, few clues
    "Що буде далі, поки невідомо.",
    "Ми чекаємо на відповідь від партнерів.",
]

RU_SENTENCES = [
    # politics
    "Он сказал, что придет завтра утром.",
    "Президент подписал закон о поддержке малого бизнеса.",
    "Депутаты снова не смогли принять бюджет на следующий год.",
    "Министр заявил, что переговоры идут уже третью неделю.",
    # sport
    "Сборная Испании победила Италию со счетом два ноль.",
    "Спартак выиграл матч благодаря голу на последней минуте.",
    "Тренер объяснил, почему оставил капитана команды на скамейке запасных.",
    "Наша теннисистка вышла в четвертьфинал турнира в Мадриде.",
    # economy
    "Центральный банк снова повысил ключевую ставку до двадцати процентов.",
    "Цены на бензин выросли уже в третий раз за месяц.",
    "Рубль подешевел после решения правительства о новых кредитах.",
    "Экспорт зерна через порты Новороссийска вырос на четверть.",
    # weather
    "Завтра в Москве ожидается сильный снег и гололед.",
    "Синоптики предупреждают о грозе и шквалистом ветре в понедельник.",
    "На выходных будет тепло, но ночью возможны заморозки.",
    "В горах выпал первый снег, дороги засыпало.",
    # short, few clues
    "Что будет дальше, пока неизвестно.",
    "Мы ждем ответа от партнеров.",
]

EN_SENTENCES = [
    "The president said that the talks would continue next week.",
    "Heavy snow is expected in the capital on Monday, forecasters warned.",
    "The central bank raised its key rate for the third time this year.",
]


@pytest.mark.parametrize("sentence", UK_SENTENCES)
def test_ukrainian_sentences(sentence):
    assert identify(sentence) == "uk"


@pytest.mark.parametrize("sentence", RU_SENTENCES)
def test_russian_sentences(sentence):
    assert identify(sentence) == "ru"


@pytest.mark.parametrize("sentence", EN_SENTENCES)
def test_english_sentences(sentence):
    assert identify(sentence) == "en"


@pytest.mark.parametrize("text", ["", "   \n\t", "2025-10-31 12:00 42", "!!! ... ---", "Так"])
def test_undecidable_texts_give_none(text):
    assert identify(text) is None


def test_latin_text_that_is_not_english_gives_none():
    assert identify("Prezydent podpisał ustawę o wsparciu małych firm w regionach.") is None


def test_russian_text_with_the_ukrainian_name_kyiv_is_russian():
    text = "Власти сообщили, что Київ готов к отопительному сезону, а запасов угля хватит до весны."
    assert identify(text) == "ru"


def test_russian_article_quoting_a_ukrainian_sentence_is_russian():
    text = (
        "Зеленский заявил журналистам: «Ми будемо боротися до кінця і не віддамо жодного міста». "
        "Позже в офисе президента уточнили, что речь шла о переговорах с партнерами. "
        "По словам источников, встреча может пройти уже на этой неделе."
    )
    assert identify(text) == "ru"


def test_ukrainian_article_quoting_a_russian_sentence_is_uk():
    text = (
        "Пєсков відповів журналістам: «Мы не будем комментировать эти сообщения, это не наш вопрос». "
        "У Кремлі також відмовилися пояснити, чи отримали лист від Мадуро. "
        "Раніше американські ЗМІ писали, що Венесуела просила про військову допомогу."
    )
    assert identify(text) == "uk"


def test_cyrillic_text_wins_over_a_few_latin_names():
    text = "Про це повідомляє The Washington Post з посиланням на документи уряду США."
    assert identify(text) == "uk"


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("000_10514d14d83ccc4e.txt", "uk"),
        ("001_7b1b9add373fc10b.txt", "uk"),
        ("002_1e1a0fa32f340427.txt", "ru"),
        ("003_b3c6b177b3372f57.txt", "ru"),
        ("004_249f5b75d6d70c34.txt", "ru"),
    ],
)
def test_seed_articles(name, lang):
    assert identify((SEEDS / name).read_text(encoding="utf-8")) == lang


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_paragraph_of_the_seeds_with_enough_words_keeps_the_article_language(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    article_lang = identify(text)
    wrong = [
        paragraph
        for paragraph in text.split("\n\n")
        if len(paragraph.split()) >= 8 and identify(paragraph) not in (article_lang, None)
    ]
    assert wrong == []
