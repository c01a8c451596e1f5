"""Blind rating of good sentences: build the sheet, then unblind the ratings.

    python benchmarks/good_sentence_rating.py sheet [--out FILE]   # shuffled, unlabelled
    python benchmarks/good_sentence_rating.py score [RATINGS]      # shares acceptable

The sample is rebuilt deterministically from ../shared/data and the lesson article every
time (seeded), so the repository stores only sentence IDs (a hash of source + text) and
ratings, never the data's sentences; the sheet is written outside the repository.
Picked = the scorer's top 3 for a B1 learner per text; random = sentences drawn uniformly
from the same texts (any sentence the analyser produced, excluding the picked ones).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"
RATINGS = ROOT / "benchmarks" / "good_sentence_ratings.tsv"
SEED = 20261124
N_GROUP = 40
LEVEL = "B1"
N_ONESTOP, N_FAIRY = 7, 6


def texts() -> list[tuple[str, str]]:
    """(source id, text) for the lesson article, OneStopEnglish topics and FairytaleQA stories."""
    from toolkit.language.text import split_title

    if not DATA.is_dir():
        raise SystemExit(f"skipped: external data not found at {DATA}")
    rng = random.Random(SEED)
    out = [("lesson:hidden-remote-workers", split_title(ARTICLE.read_text("utf-8"))[1])]
    rows = [json.loads(line) for line in (DATA / "onestopenglish" / "texts.jsonl").open(encoding="utf-8")]
    bad = {"Royal Baby", "WNL Arctic Ramadan"}  # README: wrong file at one level
    topics = sorted({r["topic"] for r in rows} - bad)
    levels = ["ele", "int", "adv"]
    for i, topic in enumerate(rng.sample(topics, N_ONESTOP)):
        lv = levels[i % 3]
        row = next(r for r in rows if r["topic"] == topic and r["level"] == lv)
        out.append((f"onestopenglish:{topic}:{lv}", row["text"]))
    stories = sorted((DATA / "fairytaleqa" / "section-stories" / "train").glob("*.csv"))
    for path in rng.sample(stories, N_FAIRY):
        with path.open(encoding="utf-8") as fh:
            sections = [r["text"] for r in csv.DictReader(fh)]
        # the stories are hard-wrapped at ~70 characters: one section is one paragraph
        unwrapped = [re.sub(r"\s*\n\s*", " ", sec).strip() for sec in sections[:4]]
        out.append((f"fairytaleqa:{path.stem}", "\n\n".join(unwrapped)))
    return out


def sentence_id(source: str, text: str) -> str:
    return hashlib.sha1(f"{source}\n{text}".encode()).hexdigest()[:12]


def sample() -> list[dict]:
    """Every rated item: id, group ("picked"/"random"), source, text; in sheet order."""
    from toolkit.language.gdex import choose_sentences
    from toolkit.language.profile import analyze_article

    rng = random.Random(SEED + 1)
    picked, pool = [], []
    for source, text in texts():
        _, sents, _ = analyze_article(text)
        chosen = {c.index for c in choose_sentences(sents, LEVEL).chosen}
        for i, s in enumerate(sents):
            item = {"id": sentence_id(source, s.text), "source": source, "text": s.text}
            (picked if i in chosen else pool).append(item)
    picked = rng.sample(picked, min(N_GROUP, len(picked)))
    randoms = rng.sample(pool, N_GROUP)
    items = [{**p, "group": "picked"} for p in picked] + [{**r, "group": "random"} for r in randoms]
    rng.shuffle(items)
    return items


def cmd_sheet(out: Path) -> None:
    items = sample()
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "sentence", "rating (0/1/2)", "reason"])
        for it in items:
            w.writerow([it["id"], it["text"], "", ""])
    print(f"wrote {len(items)} unlabelled sentences to {out} (rate them with "
          f"docs/good-sentence-rubric.md; keep only id, rating and reason columns)")


def read_ratings(path: Path) -> dict[str, tuple[int, str]]:
    ratings = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        parts = line.split("\t")
        ratings[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return ratings


def shares(path: Path = RATINGS) -> dict[str, dict[str, float]]:
    """Per group: n, share acceptable (rating >= 1), share good (2), mean rating."""
    ratings = read_ratings(path)
    items = sample()
    missing = [it["id"] for it in items if it["id"] not in ratings]
    if missing:
        raise SystemExit(f"{len(missing)} sentences of the sample have no rating "
                         f"(e.g. {missing[:3]}); did the sample change? rebuild the sheet")
    out = {}
    for group in ("picked", "random"):
        rs = [ratings[it["id"]][0] for it in items if it["group"] == group]
        out[group] = {"n": len(rs), "acceptable": round(sum(r >= 1 for r in rs) / len(rs), 3),
                      "good": round(sum(r == 2 for r in rs) / len(rs), 3),
                      "mean_rating": round(sum(rs) / len(rs), 3)}
    return out


def cmd_score(path: Path) -> None:
    result = shares(path)
    print(f"Blind ratings from {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
          f" (rubric: docs/good-sentence-rubric.md; learner level {LEVEL})")
    print("group    n   acceptable   good   mean rating (0-2)")
    for g, r in result.items():
        print(f"{g:<7} {r['n']:>3}   {r['acceptable']:>9.0%}   {r['good']:>4.0%}   {r['mean_rating']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sheet")
    s.add_argument("--out", type=Path,
                   default=Path(os.environ.get("TMPDIR", tempfile.gettempdir()))
                   / "good-sentence-sheet.tsv")
    c = sub.add_parser("score")
    c.add_argument("ratings", nargs="?", type=Path, default=RATINGS)
    args = ap.parse_args()
    cmd_sheet(args.out) if args.cmd == "sheet" else cmd_score(args.ratings)


if __name__ == "__main__":
    main()
