"""The teacher's first generation in a fresh kernel, with and without the background warm-up.

    .venv/bin/python benchmarks/teacher_console.py [--think 0 15] [--items 12]

Each run is a fresh interpreter (a fresh kernel) doing what the notebook's cell does: open
`TeacherConsole`, load the sample article (`lessons/articles/the-school-garden.txt`) and press
Show profile; then wait `think` seconds (the teacher reading the profile; 0 is a teacher who
clicks at once) and press Generate. Printed, in seconds: opening, the profile, the Generate
click to the items, opening to the items without the think time, and the Publish click (the
three levels A2/B1/B2 adapted and packed, the items as reviewed) for `preload=False`
(the baseline: every step loads what it needs) beside `preload=True` (the analysis loads in a
background thread when the console opens, WordNet and the distractor tables once the profile
is shown).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "lessons" / "articles" / "the-school-garden.txt"

RUN = r"""
import json, sys, tempfile, time
t0 = time.perf_counter()
from toolkit.teacher.console import TeacherConsole
c = TeacherConsole(preload={preload}, drafts_dir=tempfile.mkdtemp(), n_exercises={items},
                   lessons_dir=tempfile.mkdtemp())
opened = time.perf_counter()
c.text.value = open({article!r}, encoding="utf-8").read()
c.analyse_button.click()
profiled = time.perf_counter()
time.sleep({think})
clicked = time.perf_counter()
c.generate_button.click()
done = time.perf_counter()
c.publish_button.click()
published = time.perf_counter()
assert c.published, c.message.value
print(json.dumps({{"open": opened - t0, "profile_click": profiled - opened,
                  "generate_click": done - clicked, "to_items": done - t0 - {think},
                  "publish_click": published - done, "items": len(c.items)}}))
"""


def run(preload: bool, think: float, items: int) -> dict:
    code = RUN.format(preload=preload, think=think, items=items, article=str(ARTICLE))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=1800)
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--think", type=float, nargs="+", default=[0.0, 15.0])
    ap.add_argument("--items", type=int, default=12)
    args = ap.parse_args()
    print(f"{'think s':>8} {'mode':>12} {'open':>6} {'profile':>8} {'generate':>9} "
          f"{'open->items (no think)':>23} {'publish':>8} {'items':>6}")
    for think in args.think:
        for preload in (False, True):
            r = run(preload, think, args.items)
            mode = "warm-up" if preload else "baseline"
            print(f"{think:8.0f} {mode:>12} {r['open']:6.1f} {r['profile_click']:8.1f} "
                  f"{r['generate_click']:9.1f} {r['to_items']:23.1f} {r['publish_click']:8.1f} "
                  f"{r['items']:6d}", flush=True)


if __name__ == "__main__":
    main()
