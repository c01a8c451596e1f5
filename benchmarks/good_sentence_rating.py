"""Blind rating of good sentences: build the sheet, then unblind the ratings.

    python benchmarks/good_sentence_rating.py sheet --round 2 [--out FILE]  # unlabelled
    python benchmarks/good_sentence_rating.py score [--round 2]             # shares

`sheet` draws the texts (seeded, per round; a later round never reuses an earlier round's
texts), lets the scorer pick, writes the shuffled sentences without labels OUTSIDE the
repository, and stores the key (sentence ID -> group) in benchmarks/. The repository keeps
only IDs (a hash of source + text), groups and ratings, never the data's sentences.
Picked = the scorer's top 3 for a B1 learner per text (fewer when fewer reach min_score);
random = sentences drawn uniformly from the same texts (any sentence the analyser produced,
excluding the picked ones).
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
SEED = 20261124
N_GROUP = 40
LEVEL = "B1"
# texts per round: (OneStopEnglish topics, FairytaleQA stories, include the lesson article)
ROUNDS = {1: (7, 6, True), 2: (10, 8, False), 3: (10, 8, False)}


def key_path(round_: int) -> Path:
    return ROOT / "benchmarks" / f"good_sentence_key_round{round_}.tsv"


def ratings_path(round_: int) -> Path:
    return ROOT / "benchmarks" / f"good_sentence_ratings_round{round_}.tsv"


def texts(round_: int = 1) -> list[tuple[str, str]]:
    """(source id, text) for a round: lesson article, OneStopEnglish topics, FairytaleQA
    stories. Each round draws from what earlier rounds did not use."""
    from toolkit.language.text import split_title

    if not DATA.is_dir():
        raise SystemExit(f"skipped: external data not found at {DATA}")
    rows = [json.loads(line) for line in (DATA / "onestopenglish" / "texts.jsonl").open(encoding="utf-8")]
    bad = {"Royal Baby", "WNL Arctic Ramadan"}  # README: wrong file at one level
    topics = sorted({r["topic"] for r in rows} - bad)
    stories = sorted((DATA / "fairytaleqa" / "section-stories" / "train").glob("*.csv"))
    out: list[tuple[str, str]] = []
    for r in range(1, round_ + 1):
        rng = random.Random(SEED if r == 1 else SEED + 100 * r)
        n_ose, n_fairy, lesson = ROUNDS[r]
        out = [("lesson:hidden-remote-workers", split_title(ARTICLE.read_text("utf-8"))[1])] \
            if lesson else []
        levels = ["ele", "int", "adv"]
        chosen_topics = rng.sample(topics, n_ose)
        for i, topic in enumerate(chosen_topics):
            lv = levels[i % 3]
            row = next(x for x in rows if x["topic"] == topic and x["level"] == lv)
            out.append((f"onestopenglish:{topic}:{lv}", row["text"]))
        chosen_stories = rng.sample(stories, n_fairy)
        for path in chosen_stories:
            with path.open(encoding="utf-8") as fh:
                sections = [x["text"] for x in csv.DictReader(fh)]
            # the stories are hard-wrapped at ~70 characters: one section is one paragraph
            unwrapped = [re.sub(r"\s*\n\s*", " ", sec).strip() for sec in sections[:4]]
            out.append((f"fairytaleqa:{path.stem}", "\n\n".join(unwrapped)))
        topics = [t for t in topics if t not in chosen_topics]  # never reused later
        stories = [p for p in stories if p not in chosen_stories]
    return out


def sentence_id(source: str, text: str) -> str:
    return hashlib.sha1(f"{source}\n{text}".encode()).hexdigest()[:12]


def sample(round_: int) -> list[dict]:
    """Every rated item: id, group ("picked"/"random"), source, text; in sheet order."""
    from toolkit.language.gdex import choose_sentences
    from toolkit.language.profile import analyze_article

    rng = random.Random(SEED + round_)
    picked, pool = [], []
    for source, text in texts(round_):
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


def cmd_sheet(round_: int, out: Path) -> None:
    if key_path(round_).exists():
        raise SystemExit(f"{key_path(round_)} exists: round {round_} was drawn already")
    items = sample(round_)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "sentence", "rating (0/1/2)", "reason"])
        for it in items:
            w.writerow([it["id"], it["text"], "", ""])
    with key_path(round_).open("w", encoding="utf-8") as fh:
        fh.write("# unblinding key: do not read before rating. id\tgroup\tsource\n")
        for it in sorted(items, key=lambda x: x["id"]):
            fh.write(f"{it['id']}\t{it['group']}\t{it['source']}\n")
    print(f"wrote {len(items)} unlabelled sentences to {out} (rate them with "
          f"docs/good-sentence-rubric.md into {ratings_path(round_).relative_to(ROOT)}: "
          "id, rating, reason)")


def _read_tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#") and not line.startswith("id\t")]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval for a share k/n: honest about what 40 ratings can show."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return round(centre - half, 3), round(centre + half, 3)


def shares(round_: int) -> dict[str, dict[str, float]]:
    """Per group: n, share acceptable (rating >= 1), share good (2), mean rating."""
    ratings = {r[0]: int(r[1]) for r in _read_tsv(ratings_path(round_))}
    key = {r[0]: r[1] for r in _read_tsv(key_path(round_))}
    missing = sorted(set(key) - set(ratings))
    if missing:
        raise SystemExit(f"{len(missing)} sentences of round {round_} have no rating "
                         f"(e.g. {missing[:3]})")
    out = {}
    for group in ("picked", "random"):
        rs = [ratings[i] for i, g in key.items() if g == group]
        ok = sum(r >= 1 for r in rs)
        out[group] = {"n": len(rs), "acceptable": round(ok / len(rs), 3),
                      "acceptable_95ci": wilson(ok, len(rs)),
                      "good": round(sum(r == 2 for r in rs) / len(rs), 3),
                      "mean_rating": round(sum(rs) / len(rs), 3)}
    return out


def report(round_: int) -> None:
    result = shares(round_)
    print(f"Round {round_}: blind ratings {ratings_path(round_).relative_to(ROOT)} "
          f"(rubric docs/good-sentence-rubric.md; learner level {LEVEL})")
    print("  group    n   acceptable (95% CI)   good   mean rating (0-2)")
    for g, r in result.items():
        lo, hi = r["acceptable_95ci"]
        print(f"  {g:<7} {r['n']:>3}   {r['acceptable']:>9.0%} ({lo:.0%}-{hi:.0%})   "
              f"{r['good']:>4.0%}   {r['mean_rating']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sheet")
    s.add_argument("--round", type=int, required=True, choices=sorted(ROUNDS))
    s.add_argument("--out", type=Path, default=None)
    c = sub.add_parser("score")
    c.add_argument("--round", type=int, choices=sorted(ROUNDS))
    args = ap.parse_args()
    if args.cmd == "sheet":
        tmp = Path(os.environ.get("TMPDIR", tempfile.gettempdir()))
        cmd_sheet(args.round, args.out or tmp / f"good-sentence-sheet-round{args.round}.tsv")
    else:
        for r in [args.round] if args.round else sorted(ROUNDS):
            if key_path(r).exists() and ratings_path(r).exists():
                report(r)


if __name__ == "__main__":
    main()
