"""Synthetic benchmark corpus: recombined seed paragraphs with shuffled person names and dates.

    python bench/make_corpus.py N OUT_DIR [--seed S] [--seeds DIR]

Each article keeps one language (seeds 000 and 001 are Ukrainian, 002-004 Russian), takes 4-12
paragraphs of that language's seeds, gets a random 2025 date header (" date YYYY-MM-DD ") and has
the seeds' person names replaced by names drawn from Ukrainian / Russian pools. Names are replaced
token by token: every inflected form of a seed person's name that occurs in the seeds is listed
below with its part (first / last / middle) and grammatical case, and the replacement person's name
is put in that case. Surnames that the seeds do not inflect (Мадуро, Сторі) are replaced by
surnames that do not inflect either, so a wrong case cannot show. Within an article each seed
person maps to one replacement person; across articles the pools are drawn Zipf-like, so a few
names recur widely (the "famous" ones) and most are rare. Output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HEADER = re.compile(r"^ ?date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*")
BLANK_LINE = re.compile(r"\n\s*\n")
UK_SEEDS = ("000", "001")  # file name prefixes; the rest are Russian

# --- the seeds' person names, every inflected form: form -> (person, part, case) ---------------
# case None: the form does not inflect; a first name then takes the case of the surname after it.
NAME_FORMS: dict[str, tuple[str, str, str | None]] = {
    # Ukrainian
    "Ніколас": ("maduro", "first", "nom"),
    "Ніколаса": ("maduro", "first", "gen"),
    "Мадуро": ("maduro", "last", None),
    "Володимир": ("putin", "first", "nom"),
    "Володимира": ("putin", "first", "gen"),
    "Володимиру": ("putin", "first", "dat"),
    "Путін": ("putin", "last", "nom"),
    "Путіна": ("putin", "last", "gen"),
    "Путіну": ("putin", "last", "dat"),
    "Сі": ("xi", "first", None),
    "Цзіньпін": ("xi", "last", "nom"),
    "Цзіньпіна": ("xi", "last", "gen"),
    "Цзіньпіну": ("xi", "last", "dat"),
    "Трамп": ("trump", "last", "nom"),
    "Трампа": ("trump", "last", "gen"),
    "Трампу": ("trump", "last", "dat"),
    "Рамон": ("velasquez", "first", "nom"),
    "Селестіно": ("velasquez", "middle", None),
    "Веласкес": ("velasquez", "last", "nom"),
    "Джеймс": ("story", "first", "nom"),
    "Сторі": ("story", "last", None),
    # Russian
    "Николас": ("maduro", "first", "nom"),
    "Николаса": ("maduro", "first", "gen"),
    "Владимир": ("putin", "first", "nom"),
    "Владимира": ("putin", "first", "gen"),
    "Владимиру": ("putin", "first", "dat"),
    "Путин": ("putin", "last", "nom"),
    "Путина": ("putin", "last", "gen"),
    "Путину": ("putin", "last", "dat"),
    "Си": ("xi", "first", None),
    "Цзиньпин": ("xi", "last", "nom"),
    "Цзиньпина": ("xi", "last", "gen"),
    "Цзиньпину": ("xi", "last", "dat"),
    "Дональд": ("trump", "first", "nom"),
    "Трапмом": ("trump", "last", "ins"),  # sic, in seed 002
    "Трампом": ("trump", "last", "ins"),
    "Рамоном": ("velasquez", "first", "ins"),
    "Селестино": ("velasquez", "middle", None),
    "Веласкесом": ("velasquez", "last", "ins"),
    "Денису": ("manturov", "first", "dat"),
    "Мантурову": ("manturov", "last", "dat"),
    "Дмитрий": ("peskov", "first", "nom"),
    "Песков": ("peskov", "last", "nom"),
    "Пескова": ("peskov", "last", "gen"),
    "Сергей": ("ryabkov", "first", "nom"),  # Сергей Рябков and Сергей Карпухин: see rename()
    "Рябков": ("ryabkov", "last", "nom"),
    "Карпухин": ("karpukhin", "last", "nom"),
}
INDECLINABLE_LAST = {"maduro", "story"}
FEMALE = {"Делси": ("rodriguez", "first"), "Родригес": ("rodriguez", "last")}  # nominative only in the seeds

NAME_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, {**NAME_FORMS, **FEMALE}), key=len, reverse=True)) + r")(?![\w-])")
MIDDLE_RE = re.compile(r"(?<![\w-])(?:Селестіно|Селестино)\s+")

# --- replacement pools -----------------------------------------------------------------------
UK_FIRST = "Олександр Богдан Тарас Остап Назар Роман Степан Іван Максим Денис Ярослав Святослав Мирослав Орест Любомир Віктор Антон Семен Вадим Руслан".split()
UK_LAST_HARD = "Ткачук Мельник Шевчук Кравчук Поліщук Савчук Литвин Гордійчук Марчук Бойчук Ковальчук Юрчук Романюк Костюк Олійник Кушнір Гнатюк Данилюк Мартинюк Присяжнюк".split()
UK_LAST_ENKO = "Коваленко Бондаренко Петренко Іщенко Марченко Кравченко Савченко Руденко Левченко Гончаренко Симоненко Тимошенко Литвиненко Мороченко Овчаренко".split()
UK_LAST_FIXED = "Білих Чорних Сивих Довгих Карузо Моретті Ріверо Бруно Гальєго Монті".split()
UK_FEMALE = [("Олена", "Ткачук"), ("Оксана", "Мельник"), ("Ірина", "Шевчук"), ("Наталія", "Коваленко"), ("Галина", "Бойко"), ("Тетяна", "Кравчук")]
RU_FIRST = "Иван Борис Глеб Роман Степан Максим Вадим Антон Денис Олег Руслан Егор Фёдор Тимур Давид Виктор Семён Станислав Ярослав Богдан Марат Артур".split()
RU_LAST_OV = (
    "Соколов Волков Морозов Лебедев Козлов Новиков Павлов Семёнов Голубев Виноградов Богданов Фёдоров Михайлов Беляев "
    "Тарасов Белов Комаров Орлов Макаров Андреев Ильин Гусев Титов Кузьмин Баранов Куликов Степанов Сорокин Захаров "
    "Борисов Герасимов Лазарев Никитин Соболев Рябов Поляков Цветков Данилов Жуков Фролов Крылов Сидоров Осипов Егоров "
    "Бобров Калинин Антонов Марков Миронов Громов Фомин Карпов Власов Маслов Тихонов Гаврилов Котов Быков Зуев"
).split()
RU_LAST_FIXED = "Черных Белых Седых Долгих Шевченко Коваленко Карузо Моретти Риверо Бруно".split()
RU_FEMALE = [("Елена", "Соколова"), ("Ольга", "Морозова"), ("Ирина", "Волкова"), ("Наталья", "Орлова"), ("Анна", "Павлова"), ("Татьяна", "Козлова")]

UK_ENDINGS_HARD = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ом", "loc": "у"}
RU_FIRST_ENDINGS = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ом", "loc": "е"}
RU_OV_ENDINGS = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ым", "loc": "е"}
UK_ENKO_ENDINGS = {"nom": "о", "gen": "а", "dat": "у", "acc": "а", "ins": "ом", "loc": "у"}


def inflect(name: str, kind: str, case: str | None) -> str:
    case = case or "nom"
    if kind == "uk_hard":
        return name + UK_ENDINGS_HARD[case]
    if kind == "uk_enko":
        return name[:-1] + UK_ENKO_ENDINGS[case]
    if kind == "ru_first":
        return name + RU_FIRST_ENDINGS[case]
    if kind == "ru_ov":
        return name + RU_OV_ENDINGS[case]
    return name  # fixed


def zipf_choice(rng: random.Random, pool: list, exponent: float = 1.0):
    weights = [1.0 / (k + 1) ** exponent for k in range(len(pool))]
    return rng.choices(pool, weights)[0]


class Person:
    def __init__(self, first: str, first_kind: str, last: str, last_kind: str):
        self.first, self.first_kind, self.last, self.last_kind = first, first_kind, last, last_kind

    def form(self, part: str, case: str | None) -> str:
        if part == "first":
            return inflect(self.first, self.first_kind, case)
        return inflect(self.last, self.last_kind, case)


def draw_person(rng: random.Random, lang: str, indeclinable: bool, taken: set[str], pools: dict) -> Person:
    for _ in range(100):
        if lang == "uk":
            first = zipf_choice(rng, pools["uk_first"], 0.6)
            if indeclinable:
                last, kind = zipf_choice(rng, UK_LAST_FIXED, 0.6), "fixed"
            elif rng.random() < 0.55:
                last, kind = zipf_choice(rng, pools["uk_hard"]), "uk_hard"
            else:
                last, kind = zipf_choice(rng, pools["uk_enko"]), "uk_enko"
            person = Person(first, "uk_hard", last, kind)
        else:
            first = zipf_choice(rng, pools["ru_first"], 0.6)
            if indeclinable:
                last, kind = zipf_choice(rng, RU_LAST_FIXED, 0.6), "fixed"
            else:
                last, kind = zipf_choice(rng, pools["ru_ov"]), "ru_ov"
            person = Person(first, "ru_first", last, kind)
        if person.last not in taken:
            taken.add(person.last)
            return person
    return person


def rename(text: str, lang: str, rng: random.Random, pools: dict) -> str:
    """Replace the seed persons' name tokens, one replacement person per seed person."""
    text = MIDDLE_RE.sub("", text)
    cast: dict[str, Person] = {}
    taken: set[str] = set()
    female = rng.choice(UK_FEMALE if lang == "uk" else RU_FEMALE)
    matches = list(NAME_RE.finditer(text))
    out, last_end = [], 0
    for k, match in enumerate(matches):
        form = match.group(1)
        out.append(text[last_end : match.start()])
        last_end = match.end()
        if form in FEMALE:
            out.append(female[0] if FEMALE[form][1] == "first" else female[1])
            continue
        person_id, part, case = NAME_FORMS[form]
        if part == "first" and k + 1 < len(matches):
            # a first name belongs to the surname right after it (Сергей Карпухин, Сергей Рябков),
            # and an uninflected one (Сі) takes that surname's case
            nxt = matches[k + 1]
            following = NAME_FORMS.get(nxt.group(1))
            if following and following[1] == "last" and not text[match.end() : nxt.start()].strip():
                person_id = following[0]
                if case is None:
                    case = following[2]
        if person_id not in cast:
            cast[person_id] = draw_person(rng, lang, person_id in INDECLINABLE_LAST, taken, pools)
        out.append(cast[person_id].form(part, case))
    out.append(text[last_end:])
    return "".join(out)


def seed_paragraphs(seeds_dir: Path) -> dict[str, list[str]]:
    paragraphs: dict[str, list[str]] = {"uk": [], "ru": []}
    for path in sorted(seeds_dir.glob("*.txt")):
        lang = "uk" if path.name.startswith(UK_SEEDS) else "ru"
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        text = HEADER.sub("", text, count=1)
        paragraphs[lang].extend(p.strip() for p in BLANK_LINE.split(text) if p.strip())
    return paragraphs


def make_corpus(n: int, out_dir: Path, seed: int = 0, seeds_dir: Path | None = None) -> list[Path]:
    seeds_dir = seeds_dir or Path(__file__).resolve().parent.parent / "seeds"
    paragraphs = seed_paragraphs(seeds_dir)
    rng = random.Random(seed)
    # pool order is shuffled per corpus seed, so which names are "famous" depends on the seed too
    pools = {
        "uk_first": rng.sample(UK_FIRST, len(UK_FIRST)),
        "uk_hard": rng.sample(UK_LAST_HARD, len(UK_LAST_HARD)),
        "uk_enko": rng.sample(UK_LAST_ENKO, len(UK_LAST_ENKO)),
        "ru_first": rng.sample(RU_FIRST, len(RU_FIRST)),
        "ru_ov": rng.sample(RU_LAST_OV, len(RU_LAST_OV)),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    start = date(2025, 1, 1)
    width = max(6, len(str(n - 1)))
    written = []
    for i in range(n):
        lang = "uk" if rng.random() < 0.4 else "ru"  # as in the seeds: 2 of 5
        pool = paragraphs[lang]
        count = min(rng.randint(4, 12), len(pool))
        chosen = sorted(rng.sample(range(len(pool)), count))  # keep the seeds' order: leads stay leads
        if rng.random() < 0.5:
            rng.shuffle(chosen)
        body = "\n\n".join(pool[k] for k in chosen)
        body = rename(body, lang, rng, pools)
        day = start + timedelta(days=rng.randrange(365))
        path = out_dir / f"{i:0{width}d}_{lang}.txt"
        path.write_text(f" date {day.isoformat()} {body}\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=Path, default=None, help="seed article folder (default: seeds/ of this repo)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    paths = make_corpus(args.n, args.out_dir, args.seed, args.seeds)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1024:.0f} KiB, {size / len(paths):.0f} bytes each on average) to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
