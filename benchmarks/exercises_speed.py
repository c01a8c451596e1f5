"""Exercise generation speed: this checkout beside a previous commit, in the same run.

    PYTHONPATH=. python benchmarks/exercises_speed.py [--baseline main] [--article FILE]
        [--runs 1] [--skip-baseline]

Cold: `python -m toolkit exercises ARTICLE --n 30` in a fresh process, wall clock (imports,
parser and WordNet loads, analysis, generation, JSON out). Warm: in one process, after a
first call, 30 items for three other seeds (median), analysis of the article included.
The baseline is the same commands on a copy of the `--baseline` commit (git archive into a
temporary folder), with this checkout's environment and data folder. Both use the on-disk
encoder cache as a user's machine would; the load average is printed because the machine
is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"

WARM = r"""
import statistics, sys, time
sys.path.insert(0, sys.argv[1])
from toolkit.exercises.registry import Source, generate
from toolkit.language.text import split_title
text = split_title(open(sys.argv[2], encoding="utf-8").read())[1]
generate(Source.from_text(text), n=30, seed=0)
times = []
for seed in (1, 2, 3):
    t = time.perf_counter()
    items, _ = generate(Source.from_text(text), n=30, seed=seed)
    times.append(time.perf_counter() - t)
print(statistics.median(times), len(items))
"""


def cold(code: Path, article: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(code)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "toolkit", "exercises", str(article), "--n", "30",
                    "--format", "json", "-o", os.devnull], cwd=code, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - t


def warm(code: Path, article: Path) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", WARM, str(code), str(article)], cwd=code,
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[-2]), int(out[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default="main", help="git commit or branch to compare with")
    ap.add_argument("--article", type=Path, default=ARTICLE)
    ap.add_argument("--runs", type=int, default=1, help="cold runs each (median)")
    ap.add_argument("--skip-baseline", action="store_true")
    args = ap.parse_args()
    words = len(args.article.read_text("utf-8").split())
    print(f"[speed] {args.article.name} ({words} words), 30 items of all types; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    codes = {"this checkout": ROOT}
    tmp = None
    if not args.skip_baseline:
        tmp = tempfile.TemporaryDirectory()
        archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp.name], input=archive, check=True)
        codes[f"previous ({args.baseline})"] = Path(tmp.name)
    for name, code in codes.items():
        c = statistics.median(cold(code, args.article) for _ in range(args.runs))
        w, n = warm(code, args.article)
        print(f"[speed] {name:<22} cold (CLI, fresh process) {c:6.1f} s   warm {w:5.2f} s "
              f"for {n} items")
    print(f"[speed] goals: cold <= 20 s, warm <= 1 s; load average now {os.getloadavg()[0]:.1f}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
