"""Not-given statements (`tfng`), measured: how many come out of the lesson articles and 10
FairytaleQA stories, how many the checks drop per 1,000, and a sample to read by hand.

    PYTHONPATH=. python benchmarks/not_given_eval.py [--stories 10] [--seeds 3] [--show 30]

Reads ../shared/data (never copied into the repo); a missing folder is skipped.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from exercises_eval import ARTICLES, FTQA, stories  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=10)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    from toolkit.exercises.registry import Report, Source, run_one
    from toolkit.language.text import split_title

    texts = [(p.name, split_title(p.read_text("utf-8"))[1]) for p in ARTICLES]
    if (FTQA / "section-stories").is_dir():
        texts += [(f"ftqa:{n}", "\n\n".join(s.values())) for n, s, _ in stories(args.stories)]
    else:
        print(f"[tfng] stories skipped: {FTQA} not found")
    sample = []
    for label, group in (("lesson articles", [t for t in texts if not t[0].startswith("ftqa:")]),
                         ("fairytaleqa stories", [t for t in texts if t[0].startswith("ftqa:")])):
        if not group:
            continue
        report, answers, kinds, seen = Report(), Counter(), Counter(), set()
        for name, text in group:
            src = Source.from_text(text)
            for seed in range(args.seeds):
                for item in run_one("tfng", src, seed=seed, n=200, report=report):
                    answers[item.answer] += 1
                    if item.answer == "Not given" and item.id not in seen:
                        seen.add(item.id)
                        kinds[item.extra["ng"]] += 1
                        sample.append((name, item))
        gen, drop = report.total_generated, report.total_dropped
        print(f"[tfng] {label}: {len(group)} texts x {args.seeds} seeds: {gen} generated, "
              f"{drop} dropped = {1000 * drop / max(gen, 1):.1f} per 1,000; kept by key "
              f"{dict(answers)}; distinct not-given {sum(kinds.values())} {dict(kinds)}")
        for reason, k in report.by_reason().most_common():
            print(f"[tfng]   reason: {reason}: {k}")
    random.Random(0).shuffle(sample)
    for name, item in sample[:args.show]:
        print(f"\n[{name}] {item.extra['ng']}\n  TEXT: {item.source}\n  STMT: "
              f"{item.prompt}\n  WHY:  {item.explanation.split('. The text')[0]}")


if __name__ == "__main__":
    main()
