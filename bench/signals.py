"""What each merging signal contributes: `claimex eval` on the real stories and the seeds with the
signals added one at a time (README's table).

    python bench/signals.py [--output bench/signals_results.md]

Each row runs `claimex eval` in a subprocess that first switches signals off in claimex's merging
modules (nothing of this is a user option: the product always runs with all of them). Each eval runs
with `--no-cache`: a record analysed with a signal switched off must never reach the article cache,
whose key knows claimex's files but not what this script patches at run time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETS = {"real stories": ("real_stories.json", "fixtures/real_stories"), "seeds": ("seeds.json", "seeds")}

NO_LEXICON = "features._uk_to_ru = lambda: {}"  # Ukrainian lemmas stay Ukrainian
NO_CLASSES = "features._concepts = lambda: {}"  # no meaning classes (=request, =meet, ...)
NO_SEMANTIC = "claims.EMBEDDED_PER_RUN = 0"
NO_ENGLISH_SHIFT = "claims.ACROSS_SHIFT = 0.0"
NO_SPEAKER_SHIFT = "claims.SPEAKER_SHIFT = 0.0"
STEPS = [
    ("lexical: stems, entities, numbers", [NO_LEXICON, NO_CLASSES, NO_SEMANTIC]),
    ("+ uk→ru lexicon", [NO_CLASSES, NO_SEMANTIC]),
    ("+ meaning classes", [NO_SEMANTIC]),
    ("+ sentence vectors (e5), one scale", [NO_ENGLISH_SHIFT, NO_SPEAKER_SHIFT]),
    ("+ lower start for English–uk/ru pairs", [NO_SPEAKER_SHIFT]),
    ("+ lower start for claims of one person (all signals: claimex as it runs)", []),
]

RUN = """
import sys
from claimex.claims import features
from claimex.merge import claims
{patches}
from claimex.cli import app
sys.argv = ["claimex", "eval", *sys.argv[1:]]
app()
"""


def evaluate(patches: list[str], gold: str, articles: str) -> dict:
    code = RUN.format(patches="\n".join(patches))
    result = subprocess.run([sys.executable, "-c", code, str(REPO / "fixtures" / "gold" / gold), articles,
                             "--format", "json", "--quiet", "--backend", "builtin", "--no-cache"],
                            capture_output=True, text=True, cwd=REPO)
    if result.returncode not in (0, 1):
        raise SystemExit(f"eval of {gold} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def row(name: str, patches: list[str]) -> str:
    cells = []
    for gold, articles in SETS.values():
        report = evaluate(patches, gold, articles)
        merging, cross = report["merging"]["all"], report["merging"]["cross_lingual"]
        cells.append(f"{merging['precision']:.3f} / {merging['recall']:.3f} / {merging['f1']:.3f} | "
                     f"{cross['recall']:.3f} | {report['stories']['f1']:.3f}")
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "signals_results.md")
    output = parser.parse_args().output
    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = list(pool.map(lambda step: row(*step), STEPS))
    header = " | ".join(f"{name}: merging P / R / F1 | cross-lingual R | stories F1" for name in SETS)
    lines = ["# What each merging signal contributes", "",
             "`python bench/signals.py` (builtin backend; each row adds one signal to the row above)", "",
             f"| signals | {header} |", "|---|" + "---|---|---|" * len(SETS), *rows, ""]
    output.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
