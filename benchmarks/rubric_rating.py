"""A teacher's acceptance rate, rated blind (docs/exercise-rubric.md).

    # 1. items for a round: generated now from the three unseen articles, or taken from
    #    `exercises --format json` files made by another version of the code
    PYTHONPATH=. python benchmarks/rubric_rating.py make ROUND [--n 100] [--seed S]
        [--items a.json b.json ...]
    # 2. rate benchmarks/data/rubric/ROUND-items.tsv (no type, no generator in it) by
    #    filling ROUND-ratings.tsv: id, ok (1/0), failed criteria (K D G F U), note
    # 3. join the ratings back to the hidden key and report the share per type
    PYTHONPATH=. python benchmarks/rubric_rating.py report ROUND [ROUND ...]

The key file (ROUND-key.tsv: id, type, generator) is written beside the items but never
opened while rating. Items are shuffled with the seed before they are numbered.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLES = sorted((ROOT / "benchmarks" / "data" / "rubric-articles").glob("*.txt"))
OUT = ROOT / "benchmarks" / "data" / "rubric"


def _cell(x: object) -> str:
    if isinstance(x, list):
        x = " | ".join(str(v) for v in x)
    return str(x).replace("\t", " ").replace("\n", " ")


def generate_items(n: int, seed: int) -> list[dict]:
    from toolkit.exercises.registry import Source, generate
    from toolkit.language.text import split_title

    out: list[dict] = []
    per = -(-n // len(ARTICLES)) + 6  # a few spare, so the shuffled sample has n
    for path in ARTICLES:
        body = split_title(path.read_text("utf-8"))[1]
        items, _ = generate(Source.from_text(body), n=per, seed=seed)
        out += [{**i.to_dict(), "article": path.stem} for i in items]
    return out


def make(round_name: str, n: int, seed: int, files: list[str]) -> None:
    if files:
        items = []
        for f in files:
            items += [{**d, "article": Path(f).stem} for d in json.loads(Path(f).read_text())]
    else:
        items = generate_items(n, seed)
    rng = random.Random(seed)
    rng.shuffle(items)
    items = items[:n]
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"{round_name}-items.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "article", "prompt", "stems", "options", "answer", "accepted"])
        for k, d in enumerate(items, 1):
            w.writerow([f"{round_name}-{k:03d}", d["article"], _cell(d["prompt"]),
                        _cell(d["stems"]), _cell(d["options"]), _cell(d["answer"]),
                        _cell(d.get("accepted", []))])
    with (OUT / f"{round_name}-key.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "type", "generator", "version"])
        for k, d in enumerate(items, 1):
            w.writerow([f"{round_name}-{k:03d}", d["type"], d["generator"], d["version"]])
    print(f"wrote {len(items)} items to {OUT / f'{round_name}-items.tsv'} (key beside it)")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def report(rounds: list[str]) -> None:
    for r in rounds:
        key = {row["id"]: row for row in _read(OUT / f"{r}-key.tsv")}
        ratings = _read(OUT / f"{r}-ratings.tsv")
        missing = set(key) - {x["id"] for x in ratings}
        if missing:
            print(f"{r}: {len(missing)} items not rated yet")
        per: dict[str, list[int]] = {}
        why: Counter = Counter()
        for x in ratings:
            t = key[x["id"]]["type"]
            per.setdefault(t, []).append(int(x["ok"]))
            why.update(c for c in x.get("failed", "").split() if c)
        total = [v for vs in per.values() for v in vs]
        print(f"{r}: {sum(total)} of {len(total)} acceptable ({sum(total) / len(total):.0%})")
        for t in sorted(per, key=lambda t: (sum(per[t]) / len(per[t]), t)):
            vs = per[t]
            print(f"  {t:<18} {sum(vs):>3} / {len(vs):<3} {sum(vs) / len(vs):6.0%}")
        print("  failed criteria: " + ", ".join(f"{c} {k}" for c, k in why.most_common()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("round")
    m.add_argument("--n", type=int, default=100)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--items", nargs="*", default=[])
    rp = sub.add_parser("report")
    rp.add_argument("rounds", nargs="+")
    args = ap.parse_args()
    if args.cmd == "make":
        make(args.round, args.n, args.seed, args.items)
    else:
        report(args.rounds)


if __name__ == "__main__":
    main()
