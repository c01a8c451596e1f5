"""Good sentences, evaluated: CEFR-SP labels of the sentences chosen for a B1 learner, and
the blind rating rounds.

    python benchmarks/good_sentences_eval.py [--per 30]

CEFR-SP (Arase et al. 2022) has sentences labelled A1..C2 by two experts. Its dev files are
shuffled (seeded) into pseudo-articles of `--per` sentences; the scorer picks the top 3 of
each for a learner, and the labels of the picks are compared with all sentences. A scorer
that fits the learner should pick mostly sentences labelled at or near the learner's level.
Labels are pooled over both annotators (each sentence counts half for each label).
Prints which data it used, and skips clearly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "cefr-sp"
FILES = ("CEFR-SP_SCoRE_dev.txt", "CEFR-SP_Wikiauto_dev.txt")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
SEED = 7


def detokenize(text: str) -> str:
    """CEFR-SP is tokenised ("I sent roses ."); undo the spaces the tokeniser added."""
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"`` ?| ?''", '"', text)
    return text.strip()


def load() -> list[tuple[str, int, int]]:
    rows = []
    for name in FILES:
        for line in (DATA / name).read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                rows.append((detokenize(parts[0]), int(parts[1]), int(parts[2])))
    return rows


def distribution(rows: list[tuple[str, int, int]]) -> dict[str, float]:
    c: Counter[int] = Counter()
    for _, a, b in rows:
        c[a] += 0.5
        c[b] += 0.5
    n = len(rows) or 1
    return {LEVELS[i - 1]: c[i] / n for i in range(1, 7)}


def mean_label(rows: list[tuple[str, int, int]]) -> float:
    return sum((a + b) / 2 for _, a, b in rows) / max(1, len(rows))


def cefr_sp(per: int, levels: tuple[str, ...]) -> None:
    from toolkit.language.analysis import analyze
    from toolkit.language.gdex import choose_sentences

    rows = load()
    print(f"Data: {', '.join(str(DATA / f) for f in FILES)} ({len(rows)} sentences, dev files; "
          "test files unused)")
    rng = random.Random(SEED)
    rng.shuffle(rows)
    t0 = time.perf_counter()
    analysed = []
    for text, a, b in rows:
        sents = analyze(text)
        if len(sents) == 1:  # a few lines hold two sentences; keep the rows that are one
            analysed.append((sents[0], (text, a, b)))
    chunks = [analysed[i:i + per] for i in range(0, len(analysed), per)]
    all_rows = [r for _, r in analysed]
    print(f"{len(analysed)} single-sentence rows in {len(chunks)} pseudo-articles of {per}; "
          f"top 3 per pseudo-article (analysis {time.perf_counter() - t0:.0f} s)")
    header = "picked for  n     mean  " + "  ".join(f"{lv:>5}" for lv in LEVELS) + \
        "   <=level  level+-1"
    print(header)
    dist = distribution(all_rows)
    print(f"{'all':<10} {len(all_rows):>4}  {mean_label(all_rows):5.2f}  "
          + "  ".join(f"{dist[lv]:5.1%}" for lv in LEVELS))
    for level in levels:
        picked = []
        for chunk in chunks:
            picks = choose_sentences([s for s, _ in chunk], level)
            picked += [chunk[c.index][1] for c in picks.chosen]
        d = distribution(picked)
        k = LEVELS.index(level)
        at_or_below = sum(d[lv] for lv in LEVELS[:k + 1])
        near = sum(d[lv] for lv in LEVELS[max(0, k - 1):k + 2])
        print(f"{level + ' learner':<10} {len(picked):>4}  {mean_label(picked):5.2f}  "
              + "  ".join(f"{d[lv]:5.1%}" for lv in LEVELS)
              + f"   {at_or_below:6.1%}   {near:6.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per", type=int, default=30, help="sentences per pseudo-article")
    ap.add_argument("--levels", default="A2,B1,B2", help="learner levels to pick for")
    args = ap.parse_args()
    print("== CEFR-SP labels of the chosen sentences ==")
    if not DATA.is_dir():
        print(f"skipped: CEFR-SP not found at {DATA} (only present beside CI checkouts)")
    else:
        cefr_sp(args.per, tuple(x.strip().upper() for x in args.levels.split(",")))
    print()
    print("== Blind ratings (docs/good-sentence-rubric.md) ==")
    import good_sentence_rating as rating

    for r in sorted(rating.ROUNDS):
        if rating.key_path(r).exists() and rating.ratings_path(r).exists():
            rating.report(r)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
