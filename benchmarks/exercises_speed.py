"""Exercise generation speed: this checkout beside a previous commit, in the same run.

    PYTHONPATH=. python benchmarks/exercises_speed.py [--baseline main] [--article FILE]
        [--runs 1] [--skip-baseline] [--shared-cache]

Cold: `python -m toolkit exercises ARTICLE --n 30` in a fresh process, wall clock (imports,
parser and WordNet loads, analysis, generation, JSON out). Warm: in one process, after a
first call, 30 items for three other seeds (median), analysis of the article included.
The baseline is the same commands on a copy of the `--baseline` commit (git archive into a
temporary folder), with this checkout's environment and data folder. Each side starts from
its own empty encoder text cache (a new article on a user's machine: nothing encoded yet, and
neither side gains from texts the other, or an earlier run, encoded); `--shared-cache` uses
the data folder's cache instead. CPU seconds (user + system of the child process) are printed
beside wall clock, and the load average, because the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
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
times, cpu = [], []
for seed in (1, 2, 3):
    t, c = time.perf_counter(), time.process_time()
    items, _ = generate(Source.from_text(text), n=30, seed=seed)
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
print(statistics.median(times), statistics.median(cpu), len(items))
"""


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _env(code: Path, cache: Path | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    if cache is not None:
        env["VOCABSPHERE_ENCODER_CACHE"] = str(cache)
    return env


def cold(code: Path, article: Path, cache: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds of the command in a fresh process."""
    t, c = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "toolkit", "exercises", str(article), "--n", "30",
                    "--format", "json", "-o", os.devnull], cwd=code, env=_env(code, cache),
                   check=True, capture_output=True)
    return time.perf_counter() - t, _children_cpu() - c


def warm(code: Path, article: Path, cache: Path | None) -> tuple[float, float, int]:
    """Median wall and CPU seconds of the three warm calls, and the items of the last."""
    out = subprocess.run([sys.executable, "-c", WARM, str(code), str(article)], cwd=code,
                         env=_env(code, cache), check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[-3]), float(out[-2]), int(out[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default="main", help="git commit or branch to compare with")
    ap.add_argument("--article", type=Path, default=ARTICLE)
    ap.add_argument("--runs", type=int, default=1, help="cold runs each (median)")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--shared-cache", action="store_true",
                    help="use the data folder's encoder cache (default: an empty one per run)")
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
    caches = tempfile.TemporaryDirectory()
    for name, code in codes.items():
        fresh = iter(range(1000))

        def cache() -> Path | None:
            return None if args.shared_cache else Path(caches.name) / f"{id(code)}-{next(fresh)}"

        colds = [cold(code, args.article, cache()) for _ in range(args.runs)]
        c_wall = statistics.median(x[0] for x in colds)
        c_cpu = statistics.median(x[1] for x in colds)
        w_wall, w_cpu, n = warm(code, args.article, cache())
        print(f"[speed] {name:<22} cold (CLI, fresh process) {c_wall:6.1f} s wall "
              f"{c_cpu:5.1f} s CPU   warm {w_wall:5.2f} s wall {w_cpu:5.2f} s CPU for {n} items "
              f"(load {os.getloadavg()[0]:.1f})")
    caches.cleanup()
    print(f"[speed] goals: cold <= 20 s, warm <= 1 s; load average now {os.getloadavg()[0]:.1f}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
