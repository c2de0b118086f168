"""Quality and speed on real news: the figures README reports first.

    python bench/real.py [--slavicner ../shared/corpora/slavicner] [--output bench/real_results.md]

* Entities on SlavicNER (all its articles): `claimex eval FOLDER --workers 2` — strict span + label
  P / R / F1 per language, label and topic, lemma accuracy, cross-document linking; its wall time.
* Attribution and merging on the project's real-text gold: the SlavicNER claims gold
  (fixtures/gold/slavicner_claims.json, articles read from the corpus) and the real multi-outlet
  stories (fixtures/real_stories); the seeds beside them.
* Speed: `claimex extract` over every SlavicNER article with 1 and 2 workers: wall time, articles/s,
  the largest process's peak RSS; a re-run with the article cache; the Russian articles alone beside
  natasha's own pipeline (segment, morphology, syntax, NER) on the same files, its floor; and 5,000
  articles made by repeating the corpus under new names (copies in a temporary folder), for the
  growth exponent; the stories found over the whole corpus, checked against its topics.

The corpus stays where it is (research licence): nothing of it is copied. Every command runs as a
subprocess with the interpreter running this script, so what is measured is what a user runs.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "fixtures" / "gold"


# runs claimex as its child and prints the largest peak RSS among its processes (KiB), for this run alone
MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def claimex(*args: str, stdin: str | None = None) -> tuple[subprocess.CompletedProcess, float]:
    """Run claimex; (result, wall seconds)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=REPO, input=stdin)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"claimex {' '.join(args)} failed:\n{result.stderr}")
    return result, seconds


def timed_extract(*args: str) -> tuple[float, int]:
    """Wall seconds and the largest process's peak RSS (MiB) of one `claimex extract` run."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "claimex", "extract", *args],
                            capture_output=True, text=True, cwd=REPO, check=True)
    return time.perf_counter() - started, int(result.stdout.strip()) // 1024


def entity_section(slavicner: Path) -> list[str]:
    result, seconds = claimex("eval", str(slavicner), "--workers", "2", "--format", "json", "--quiet", "--backend", "builtin", "--no-cache")
    report = json.loads(result.stdout)
    lines = [f"## Entities on SlavicNER ({report['articles']} real articles, builtin backend)", "",
             f"`python -m claimex eval {slavicner} --workers 2 --format json` — {seconds:.1f} s, "
             f"{report['articles'] / seconds:.1f} articles/s", "",
             "| scope | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for scope, scores in report["entities"].items():
        lines.append(f"| {scope} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} |")
    lemma, linking = report["lemma_accuracy"], report["linking"]
    lines += ["", "Lemma accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in lemma.items()),
              f"Linking: completeness {linking['completeness']:.3f} ({linking['gold_ids']} gold ids), "
              f"purity {linking['purity']:.3f} ({linking['claimex_entities']} claimex entities)", ""]
    return lines


def attribution_section(slavicner: Path) -> list[str]:
    claims_gold = json.loads((GOLD / "slavicner_claims.json").read_text(encoding="utf-8"))
    wanted = {c["article"] for c in claims_gold["claims"]}
    paths = sorted(p for p in slavicner.glob("raw/*/*/*.txt") if p.stem in wanted)
    sets = [
        ("SlavicNER claims (real)", "slavicner_claims.json", ["-"], "\n".join(map(str, paths))),
        ("real stories (real)", "real_stories.json", ["fixtures/real_stories"], None),
        ("seeds", "seeds.json", ["seeds"], None),
        ("heldout", "heldout.json", ["fixtures/heldout"], None),
        ("heldout2", "heldout2.json", ["fixtures/heldout2"], None),
        ("heldout3", "heldout3.json", ["fixtures/heldout3"], None),
    ]
    lines = ["## Claims, attribution and merging", "",
             "`python -m claimex eval fixtures/gold/SET.json ARTICLES --format json` (builtin backend)", "",
             "| set | gold claims | found | source | kind | hedge | stance | merge P | merge R | merge F1 | cross-lingual R | stories F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, gold, paths_arg, stdin in sets:
        result, _ = claimex("eval", str(GOLD / gold), *paths_arg, "--format", "json", "--quiet", "--backend", "builtin", "--no-cache", stdin=stdin)
        report = json.loads(result.stdout)
        c = report["claims"]
        merge = report.get("merging", {})
        pair, cross = merge.get("all"), merge.get("cross_lingual")
        stories = report.get("stories")
        cells = [name, str(c["gold_claims"]), f"{c['recall']:.3f}", f"{c['source_accuracy']:.3f}", f"{c['kind_accuracy']:.3f}",
                 f"{c['hedge_accuracy']:.3f}", f"{c['stance_accuracy']:.3f}"]
        cells += [f"{pair['precision']:.3f}", f"{pair['recall']:.3f}", f"{pair['f1']:.3f}", f"{cross['recall']:.3f}"] if pair else ["—"] * 4
        cells.append(f"{stories['f1']:.3f}" if stories else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def speed_section(slavicner: Path) -> list[str]:
    lines = ["## Speed on real news (all SlavicNER articles, builtin backend)", "",
             "`python -m claimex extract RAW --format jsonl --quiet --output /dev/null --workers W --no-cache`", "",
             "| workers | articles | wall s | articles/s | largest process peak RSS MiB |", "|---:|---:|---:|---:|---:|"]
    count = len(list(slavicner.glob("raw/*/*/*.txt")))
    common = (str(slavicner / "raw"), "--format", "jsonl", "--quiet", "--output", "/dev/null", "--backend", "builtin")
    for workers in (1, 2):
        seconds, rss = timed_extract(*common, "--workers", str(workers), "--no-cache")
        lines.append(f"| {workers} | {count} | {seconds:.1f} | {count / seconds:.1f} | {rss} |")
    with tempfile.TemporaryDirectory() as directory:
        cache = str(Path(directory) / "cache.sqlite")
        first, _ = timed_extract(*common, "--workers", "2", "--cache", cache)
        again, _ = timed_extract(*common, "--workers", "2", "--cache", cache)
        stories = stories_section(slavicner, cache)
    lines += ["", f"Re-run over the same {count} files with the article cache: {again:.1f} s after {first:.1f} s for the run "
              f"that filled it ({again / first:.0%}); what remains is merging.", ""]
    return lines + natasha_floor(slavicner) + scaled(slavicner, count, common, seconds) + stories


def stories_section(slavicner: Path, cache: str) -> list[str]:
    """Stories over the whole corpus, which has four topics and no dates: how many, and the share of
    article pairs within a story that are of one topic (a story never spans two topics; a topic may
    hold several stories)."""
    topic_of = {path.stem: path.parent.parent.name for path in slavicner.glob("raw/*/*/*.txt")}
    result, _ = claimex("extract", str(slavicner / "raw"), "--format", "jsonl", "--quiet", "--backend", "builtin",
                        "--workers", "2", "--cache", cache)
    stories = [line for line in map(json.loads, result.stdout.splitlines()) if line["type"] == "story"]
    same = pairs = 0
    for story in stories:
        topics = [topic_of[a] for a in story["articles"]]
        pairs += len(topics) * (len(topics) - 1) // 2
        same += sum(topics.count(t) * (topics.count(t) - 1) // 2 for t in set(topics))
    sizes = sorted((len(s["articles"]) for s in stories), reverse=True)
    return ["", f"Stories over all {len(topic_of)} articles ({len({*topic_of.values()})} topics, no dates): {len(stories)} stories, "
            f"the largest {', '.join(map(str, sizes[:5]))} articles, {sizes.count(1)} of one article; "
            f"{same / max(pairs, 1):.1%} of the article pairs in a story are of one topic.", ""]


# natasha's own pipeline over files given as arguments, BLAS on one thread as claimex runs it (faster on 2 cores)
NATASHA = """
import sys, time
from pathlib import Path
from claimex.nlp.builtin_ru import _alias_pymorphy2
_alias_pymorphy2()
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
from threadpoolctl import threadpool_limits
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
embedding = NewsEmbedding()
segmenter, tagger, parser, ner = Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)
with threadpool_limits(limits=1, user_api="blas"):
    started = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter); doc.tag_morph(tagger); doc.parse_syntax(parser); doc.tag_ner(ner)
    print(time.perf_counter() - started)
"""


def natasha_floor(slavicner: Path) -> list[str]:
    """claimex (whole run, one worker) and natasha's pipeline (models loaded, NLP only) on the Russian articles."""
    paths = sorted(slavicner.glob("raw/*/ru/*.txt"))
    with tempfile.TemporaryDirectory() as directory:
        for path in paths:
            (Path(directory) / path.name).symlink_to(path.resolve())
        seconds, _ = timed_extract(directory, "--format", "jsonl", "--quiet", "--output", "/dev/null", "--backend", "builtin",
                                   "--workers", "1", "--no-cache")
    floor = float(subprocess.run([sys.executable, "-c", NATASHA, *map(str, paths)], capture_output=True, text=True,
                                 cwd=REPO, check=True).stdout)
    return [f"Russian articles alone ({len(paths)}), one worker: claimex {seconds:.1f} s (whole run: reading, NLP, "
            f"claims, merging); natasha's own pipeline {floor:.1f} s (NLP only, models loaded): {seconds / floor:.2f}×.", ""]


def scaled(slavicner: Path, count: int, common: tuple[str, ...], seconds_at_count: float, size: int = 5000) -> list[str]:
    """`size` articles: the corpus repeated under new names (copies: claimex reads a file reached
    through several links once), two workers; the growth exponent from `count`."""
    paths = sorted(slavicner.glob("raw/*/*/*.txt"))
    with tempfile.TemporaryDirectory() as directory:
        for k in range(size):
            path = paths[k % len(paths)]
            shutil.copyfile(path, Path(directory) / f"r{k // len(paths)}_{path.name}")
        seconds, rss = timed_extract(directory, *common[1:], "--workers", "2", "--no-cache")
    exponent = math.log(seconds / seconds_at_count) / math.log(size / count)
    return [f"{size} articles (the corpus repeated under new names), two workers: {seconds:.1f} s, {size / seconds:.1f} "
            f"articles/s, largest process peak RSS {rss} MiB; time-growth exponent from {count}: {exponent:.2f} "
            "(1.0 = linear; repeated articles are syndicated copies to the merge).", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slavicner", type=Path, default=REPO.parent / "shared" / "corpora" / "slavicner")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "real_results.md")
    parser.add_argument("--skip-speed", action="store_true", help="quality only")
    args = parser.parse_args()
    if not (args.slavicner / "raw").is_dir():
        raise SystemExit(f"{args.slavicner}: no SlavicNER corpus there (raw/ and ner/)")
    lines = ["# claimex on real news", "", f"- machine: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} CPUs, "
             f"Python {sys.version.split()[0]}", ""]
    lines += entity_section(args.slavicner)
    lines += attribution_section(args.slavicner)
    if not args.skip_speed:
        lines += speed_section(args.slavicner)
    report = "\n".join(lines)
    print(report)
    args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
