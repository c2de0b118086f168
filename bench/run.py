"""End-to-end throughput, memory and per-stage timing of `claimex extract` on synthetic corpora.

    python bench/run.py [--sizes 100 1000 10000] [--workers 1 2] [--backends builtin stanza]
                        [--seed 0] [--corpus-root DIR] [--stage-sizes 100 1000] [--output bench/results.md]

For every size a corpus is generated with bench/make_corpus.py (cached under --corpus-root). For every
(backend, workers, size) `python -m claimex extract DIR --format jsonl --quiet --output /dev/null
--backend B --workers W` runs as a subprocess, under a small wrapper process that measures:

* wall time (from spawning claimex to its exit) and articles/s;
* peak RSS of the claimex process tree (the claimex process plus its worker processes, summed),
  sampled every 50 ms with psutil when installed, else by reading /proc;
* the largest single process's peak RSS, from getrusage(RUSAGE_CHILDREN).ru_maxrss in the wrapper
  (exact, but the maximum over the processes, not their sum).

Then, in this process and for workers=1 only, the same work is timed stage by stage by calling the
library directly: reading (reader.read_article), NLP annotation (nlp.builtin.get_builtin(lang).annotate,
in the pipeline's batches of 8), claim extraction (claims.extract.extract), the per-claim features and
records (pipeline._fill, without re-running extract), and merging (assemble.Assembler.add, and
Assembler.finish with its matching_pairs share). Model load time per language is measured first.

A Markdown report goes to stdout and to --output (default bench/results.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SRC = REPO / "src"
POLL_SECONDS = 0.05


# --- measuring one subprocess (runs in a wrapper process) --------------------------------------


def _tree_rss_psutil(root: int) -> int:
    import psutil

    try:
        proc = psutil.Process(root)
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _tree_rss_proc(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants, from /proc (Linux), in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(pid, []))
    return total


def rss_method() -> str:
    try:
        import psutil  # noqa: F401

        return "psutil"
    except ImportError:
        return "proc" if os.path.isdir("/proc") else "none"


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    """Run cmd, polling its process tree's RSS; return wall time, peaks and exit code."""
    method = rss_method()
    sample = {"psutil": _tree_rss_psutil, "proc": _tree_rss_proc}.get(method)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        if sample is not None:
            peak = max(peak, sample(proc.pid))
        time.sleep(POLL_SECONDS)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    max_single_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {
        "wall": wall, "rc": proc.returncode, "tree_peak_mib": peak / 2**20 if sample else None,
        "max_single_mib": max_single_kib / 1024, "rss_method": method, "stderr": stderr[-2000:],
    }


def run_measured(cmd: list[str], env: dict[str, str]) -> dict:
    """Measure in a fresh wrapper process, so RUSAGE_CHILDREN covers this one run only."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--_measure", json.dumps(cmd)]
    out = subprocess.run(wrapper, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- helpers -------------------------------------------------------------------------------------


def claimex_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def corpus(size: int, seed: int, root: Path) -> Path:
    sys.path.insert(0, str(BENCH))
    import make_corpus

    directory = root / f"n{size}-seed{seed}"
    if not directory.is_dir() or len(list(directory.glob("*.txt"))) != size:
        if directory.is_dir():
            for old in directory.glob("*.txt"):
                old.unlink()
        make_corpus.make_corpus(size, directory, seed)
    return directory


def stanza_available(env: dict[str, str]) -> tuple[bool, str]:
    """Whether `claimex models list` shows models usable by claimex."""
    out = subprocess.run(
        [sys.executable, "-m", "claimex", "models", "list"], env={**env, "COLUMNS": "200"},
        capture_output=True, text=True,
    )
    rows = [line for line in out.stdout.splitlines() if line.startswith("│")]
    usable = [row.split("│")[1].strip() for row in rows if row.split("│")[3].strip() == "yes"]
    if out.returncode != 0:
        return False, f"`claimex models list` failed (exit {out.returncode})"
    if not usable:
        return False, "`claimex models list` shows no usable stanza models"
    return True, "stanza models for " + ", ".join(usable)


def corpus_chars(directory: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in directory.glob("*.txt"))


# --- stages, in process -------------------------------------------------------------------------


def load_models(backend: str, langs=("uk", "ru")) -> dict[str, dict[str, float]]:
    """Per language: seconds to construct the backend, to annotate that language's seed articles the
    first time (lazy model loading happens here) and the second time; load = construct + first - second."""
    sys.path.insert(0, str(SRC))
    from claimex.reader import read_article

    seeds = [read_article(p, p.stem) for p in sorted((REPO / "seeds").glob("*.txt"))]
    times = {}
    for lang in langs:
        articles = [a for a in seeds if a.lang == lang]
        started = time.perf_counter()
        backend_obj = _backend_object(backend, lang)
        built = time.perf_counter() - started
        started = time.perf_counter()
        backend_obj.annotate(articles)
        first = time.perf_counter() - started
        started = time.perf_counter()
        backend_obj.annotate(articles)
        second = time.perf_counter() - started
        times[lang] = {"construct": built, "first": first, "second": second, "load": built + first - second,
                       "seeds": len(articles)}
    return times


def _backend_object(backend: str, lang: str):
    if backend == "stanza":
        from claimex.nlp import stanza_models
        from claimex.nlp.stanza_backend import StanzaBackend

        return StanzaBackend(lang, stanza_models.resolve_dir(None))
    from claimex.nlp.builtin import get_builtin

    return get_builtin(lang)


def time_stages(directory: Path, backend: str) -> dict[str, float]:
    """One workers=1 pass over the corpus, stage by stage (models already loaded)."""
    import claimex.assemble as assemble
    import claimex.pipeline as pipeline
    from claimex.claims.extract import extract
    from claimex.reader import ArticleError, read_article

    paths = sorted(directory.glob("*.txt"))
    ids = pipeline.article_ids(paths)
    t = dict.fromkeys(["read", "annotate", "extract", "features", "add", "finish", "matching_pairs", "build_stories"], 0.0)
    total_started = time.perf_counter()
    results = []
    backends = {"uk": backend, "ru": backend}
    for b in range(0, len(paths), pipeline.BATCH_SIZE):
        batch_results = []
        by_lang: dict[str, list] = {}
        for path, article_id in zip(paths[b : b + pipeline.BATCH_SIZE], ids[b : b + pipeline.BATCH_SIZE]):
            started = time.perf_counter()
            try:
                article = read_article(path, article_id)
            except ArticleError as error:
                t["read"] += time.perf_counter() - started
                batch_results.append(pipeline.FileProblem(str(path), str(error)))
                continue
            t["read"] += time.perf_counter() - started
            batch_results.append(pipeline._record(article))
            if article.lang in pipeline.SUPPORTED:
                by_lang.setdefault(article.lang, []).append(article)
        records = {r.id: r for r in batch_results if isinstance(r, pipeline.Analysed)}
        for lang, articles in by_lang.items():
            backend_obj = _backend_object(backend, lang)
            started = time.perf_counter()
            docs = backend_obj.annotate(articles)
            t["annotate"] += time.perf_counter() - started
            for article, doc in zip(articles, docs):
                started = time.perf_counter()
                found = extract(doc, article.title)
                t["extract"] += time.perf_counter() - started
                # pipeline._fill calls extract again; hand it the result just timed
                pipeline.extract = lambda _doc, _title, found=found: found
                started = time.perf_counter()
                try:
                    pipeline._fill(records[article.id], article, doc, backend_obj.name)
                finally:
                    pipeline.extract = extract
                t["features"] += time.perf_counter() - started
        results.extend(batch_results)
    assembler = assemble.Assembler(backends)
    started = time.perf_counter()
    for result in results:
        assembler.add(result)
    t["add"] = time.perf_counter() - started
    original_pairs, original_stories = assemble.matching_pairs, assemble.build_stories

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                t[name] += time.perf_counter() - started
        return wrapper

    assemble.matching_pairs = timed("matching_pairs", original_pairs)
    assemble.build_stories = timed("build_stories", original_stories)
    try:
        started = time.perf_counter()
        output = assembler.finish()
        t["finish"] = time.perf_counter() - started
    finally:
        assemble.matching_pairs, assemble.build_stories = original_pairs, original_stories
    t["total"] = time.perf_counter() - total_started
    t["claims"] = len(assembler.refs)
    t["stories"] = len(output.stories)
    t["entities"] = len(output.entities)
    return t


# --- report -------------------------------------------------------------------------------------


def fmt(value, digits=2):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def report(args, runs, stages, loads, notes, sizes_chars) -> str:
    method = rss_method()
    tree_label = {"psutil": "psutil", "proc": "/proc"}.get(method, "n/a")
    lines = [
        "# claimex benchmark",
        "",
        f"- command: `{' '.join(['python', 'bench/run.py'] + sys.argv[1:])}`",
        f"- machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}",
        f"- corpora: bench/make_corpus.py --seed {args.seed}; "
        + ", ".join(f"n={n}: {c / n:.0f} chars/article" for n, c in sizes_chars.items()),
        "- each run: `python -m claimex extract DIR --format jsonl --quiet --output /dev/null --backend B --workers W`",
        f"- peak tree RSS: claimex process + its workers, summed, sampled every {int(POLL_SECONDS * 1000)} ms via {tree_label};"
        " max single RSS: getrusage(RUSAGE_CHILDREN).ru_maxrss in a per-run wrapper = the largest single process, exact",
        *[f"- note: {note}" for note in notes],
        "",
        "## End to end (subprocess)",
        "",
        "| backend | OMP_NUM_THREADS | workers | articles | wall s | articles/s | kchars/s | peak tree RSS MiB | max single RSS MiB | exit |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r['backend']} | {r['omp']} | {r['workers']} | {r['size']} | {r['wall']:.2f} | {r['size'] / r['wall']:.1f} | "
            f"{sizes_chars[r['size']] / r['wall'] / 1000:.1f} | {fmt(r['tree_peak_mib'], 0)} | {r['max_single_mib']:.0f} | {r['rc']} |"
        )
    growth = []
    keyed: dict[tuple, list] = {}
    for r in runs:
        if r["rc"] == 0:
            keyed.setdefault((r["backend"], r["omp"], r["workers"]), []).append(r)
    for (backend, omp, workers), rs in keyed.items():
        rs.sort(key=lambda r: r["size"])
        for a, b in zip(rs, rs[1:]):
            exponent = math.log(b["wall"] / a["wall"]) / math.log(b["size"] / a["size"])
            growth.append(f"| {backend} | {omp} | {workers} | {a['size']} → {b['size']} | {exponent:.3f} |")
    if growth:
        lines += ["", "Time-growth exponent log(t2/t1)/log(n2/n1) (1.0 = linear; includes fixed start-up cost, which pulls it below 1 at small n):", "",
                  "| backend | OMP_NUM_THREADS | workers | sizes | exponent |", "|---|---|---:|---|---:|", *growth]
    if loads:
        lines += ["", "## Model load (in process)", "",
                  "load = construct + first annotate of the language's seed articles − second (warm) annotate of the same articles", "",
                  "| backend | lang | construct s | 1st annotate s | 2nd annotate s | load s |", "|---|---|---:|---:|---:|---:|"]
        for backend, per_lang in loads.items():
            for lang, t in per_lang.items():
                lines.append(f"| {backend} | {lang} | {t['construct']:.2f} | {t['first']:.2f} | {t['second']:.2f} | {t['load']:.2f} |")
    if stages:
        lines += [
            "", f"## Stages, workers=1 (in process, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, models already loaded; seconds)", "",
            "| backend | articles | read | NLP annotate | claims.extract | features+records | Assembler.add | Assembler.finish | ↳ matching_pairs | ↳ build_stories | total | claims | entities | stories |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for (backend, size), t in stages.items():
            lines.append(
                f"| {backend} | {size} | {t['read']:.2f} | {t['annotate']:.2f} | {t['extract']:.2f} | {t['features']:.2f} | "
                f"{t['add']:.2f} | {t['finish']:.2f} | {t['matching_pairs']:.2f} | {t['build_stories']:.2f} | {t['total']:.2f} | "
                f"{t['claims']} | {t['entities']} | {t['stories']} |"
            )
        lines += ["", "Share of the total per stage:", "", "| backend | articles | read | annotate | extract | features | add | finish |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for (backend, size), t in stages.items():
            share = lambda k: f"{100 * t[k] / t['total']:.1f}%"  # noqa: E731
            lines.append(f"| {backend} | {size} | " + " | ".join(share(k) for k in ("read", "annotate", "extract", "features", "add", "finish")) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_measure"]:
        print(json.dumps(measure(json.loads(argv[1]), dict(os.environ))))
        return 0
    parser = argparse.ArgumentParser(description="Benchmark claimex extract on synthetic corpora.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backends", nargs="+", default=["builtin", "stanza"], choices=["builtin", "stanza"])
    parser.add_argument("--omp", nargs="+", default=["unset"],
                        help="OMP_NUM_THREADS values for the subprocess runs ('unset' = as inherited)")
    parser.add_argument("--stage-omp", default="unset", help="OMP_NUM_THREADS for the in-process stage timing")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--corpus-root", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "claimex-bench")
    parser.add_argument("--stage-sizes", type=int, nargs="*", default=None,
                        help="sizes to time stage by stage in process (default: all --sizes up to 1000)")
    parser.add_argument("--runs", nargs="*", default=None,
                        help="only these backend:workers:size combinations, e.g. builtin:2:10000")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)

    env = claimex_env()
    notes: list[str] = []
    backends = []
    for backend in args.backends:
        if backend == "stanza":
            ok, why = stanza_available(env)
            if not ok:
                print(f"skipping stanza: {why}", file=sys.stderr)
                notes.append(f"stanza skipped: {why}")
                continue
        backends.append(backend)
    if rss_method() != "psutil":
        notes.append("psutil is not installed: tree RSS sampled from /proc instead")

    sizes_chars: dict[int, int] = {}
    directories = {}
    for size in args.sizes:
        directories[size] = corpus(size, args.seed, args.corpus_root)
        sizes_chars[size] = corpus_chars(directories[size])

    runs = []
    for omp in args.omp:
        run_env = dict(env)
        if omp != "unset":  # "unset": as inherited from this process
            run_env["OMP_NUM_THREADS"] = omp
        omp_label = run_env.get("OMP_NUM_THREADS", "unset")
        for backend in backends:
            for workers in args.workers:
                for size in args.sizes:
                    if args.runs is not None and f"{backend}:{workers}:{size}" not in args.runs:
                        continue
                    cmd = [sys.executable, "-m", "claimex", "extract", str(directories[size]), "--format", "jsonl", "--quiet",
                           "--output", "/dev/null", "--backend", backend, "--workers", str(workers)]
                    print(f"running {backend} workers={workers} n={size} OMP_NUM_THREADS={omp_label} ...", file=sys.stderr, flush=True)
                    result = run_measured(cmd, run_env)
                    result.update(backend=backend, workers=workers, size=size, omp=omp_label)
                    if result["rc"] != 0:
                        print(f"  exit {result['rc']}: {result['stderr'][-500:]}", file=sys.stderr)
                        notes.append(f"{backend} workers={workers} n={size} exited {result['rc']}: {result['stderr'].strip().splitlines()[-1:]}")
                    print(f"  {result['wall']:.2f} s, {size / result['wall']:.1f} articles/s", file=sys.stderr, flush=True)
                    runs.append(result)
                    args.output.with_suffix(".partial.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")

    stage_sizes = args.stage_sizes if args.stage_sizes is not None else [s for s in args.sizes if s <= 1000]
    loads, stages = {}, {}
    if stage_sizes:
        if args.stage_omp != "unset":  # before numpy / OpenBLAS is loaded in this process
            os.environ["OMP_NUM_THREADS"] = args.stage_omp
        sys.path.insert(0, str(SRC))
        for backend in backends:
            print(f"loading {backend} models ...", file=sys.stderr, flush=True)
            loads[backend] = load_models(backend)
            for size in stage_sizes:
                directory = directories.get(size) or corpus(size, args.seed, args.corpus_root)
                sizes_chars.setdefault(size, corpus_chars(directory))
                print(f"stages {backend} n={size} ...", file=sys.stderr, flush=True)
                stages[(backend, size)] = time_stages(directory, backend)

    text = report(args, runs, stages, loads, notes, sizes_chars)
    sys.stdout.write(text)
    args.output.write_text(text, encoding="utf-8")
    return 0 if all(r["rc"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
