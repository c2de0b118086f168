"""Time against article size: one article of 10 thousand to 2.6 million characters (a Cyrillic
character is about two bytes of UTF-8, so 2,600 is just under the 5 MB a file may have), ordinary
text and one line with no punctuation, through `claimex extract` (builtin backend, no cache).

    python bench/size.py [--sizes-kb 10 100 400 1600 2600] [--output bench/size_results.md]

Ordinary text repeats the seed articles' paragraphs; one-line text is their words without
punctuation or line breaks. The growth exponent between successive sizes (1.0 = linear) shows
whether time stays near-linear in size.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def texts(size: int) -> dict[str, str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    body = "\n\n".join(s.split("\n", 1)[1] for s in seeds)
    ordinary = " date 2025-10-31 Заголовок\n\n" + (body * (size // len(body) + 1))[:size]
    words = re.sub(r"[^\w\s]", " ", body).split()
    one_line = (" ".join(words) + " ") * (size // (len(" ".join(words)) + 1) + 1)
    return {"ordinary": ordinary, "one line": one_line[:size]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes-kb", type=int, nargs="+", default=[10, 100, 400, 1600, 2600])
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "size_results.md")
    args = parser.parse_args()
    rows: dict[str, list[tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory() as directory:
        for kb in args.sizes_kb:
            for kind, text in texts(kb * 1000).items():
                path = Path(directory) / "article.txt"
                path.write_text(text, encoding="utf-8")
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "claimex", "extract", str(path), "--format", "json", "--quiet",
                                "--backend", "builtin", "--no-cache", "--output", "/dev/null"], check=False, cwd=REPO)
                rows.setdefault(kind, []).append((kb, time.perf_counter() - started))
                print(kind, kb, "KB", f"{rows[kind][-1][1]:.1f} s", file=sys.stderr)
    lines = ["# Time against article size", "", f"`python bench/size.py --sizes-kb {' '.join(map(str, args.sizes_kb))}` "
             "(one article per run, builtin backend, start-up included)", "",
             "| text | KB | seconds | exponent from the previous size |", "|---|---:|---:|---:|"]
    for kind, measured in rows.items():
        for k, (kb, seconds) in enumerate(measured):
            exponent = ""
            if k:
                kb0, s0 = measured[k - 1]
                exponent = f"{math.log(seconds / s0) / math.log(kb / kb0):.2f}"
            lines.append(f"| {kind} | {kb} | {seconds:.1f} | {exponent} |")
    report = "\n".join(lines) + "\n"
    print(report)
    args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
