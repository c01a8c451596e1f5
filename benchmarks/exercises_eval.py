"""Exercise quality, measured: distractor ranking on DGen, wh-questions on FairytaleQA,
validity rates on the lesson article and stories, and generation speed.

    PYTHONPATH=. python benchmarks/exercises_eval.py [--dgen-limit N] [--stories N]
        [--dgen-half all|dev|held-out] [--dgen-only]

Each number is printed beside a simple baseline from the same run. Reads ../shared/data
(never copied into the repo); a missing folder is skipped with a message.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
DGEN = SHARED / "dgen-distractors" / "DGen_train_cleaned.json"
FTQA = SHARED / "fairytaleqa"
ARTICLES = sorted((ROOT / "lessons" / "articles").glob("*.txt"))


# ---- ranking metrics (CDGP's definitions, see the DGen README) ------------------------------

def ranking_scores(ranked: list[str], gold: list[str]) -> dict[str, float]:
    gold_set = {g.strip().lower() for g in gold}
    ranked = [r.strip().lower() for r in ranked]
    hits = [r in gold_set for r in ranked]
    top3 = hits[:3]
    p3 = sum(top3) / len(top3) if top3 else 0.0
    r3 = sum(top3) / len(gold_set) if gold_set else 0.0
    f1 = 2 * p3 * r3 / (p3 + r3) if p3 + r3 else 0.0
    first = next((i for i, h in enumerate(hits) if h), None)
    dcg = sum(1 / math.log2(i + 2) for i, h in enumerate(hits[:10]) if h)
    ideal = sum(1 / math.log2(i + 2) for i in range(sum(hits[:10])))
    return {"P@1": float(bool(hits[:1] and hits[0])), "F1@3": f1,
            "MRR": 1 / (first + 1) if first is not None else 0.0,
            "NDCG@10": dcg / ideal if ideal else 0.0}


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: 100 * statistics.fmean(r[k] for r in rows) for k in rows[0]} if rows else {}


def eval_dgen(limit: int, half: str = "all") -> None:
    """`half`: "dev" keeps the sampled items at even positions of the DGen file (where the
    ranker's weights were tuned), "held-out" those at odd positions, "all" both."""
    import json

    from toolkit.exercises.distractors import random_baseline, rank
    from toolkit.language.analysis import analyze

    if not DGEN.is_file():
        print(f"[dgen] skipped: {DGEN} not found")
        return
    data = json.loads(DGEN.read_text("utf-8"))
    items = [(i, d) for i, d in enumerate(data) if " " not in d["answer"].strip()]
    sample = random.Random(0).sample(items, min(limit, len(items))) if limit else items
    keep = {"dev": {0}, "held-out": {1}, "all": {0, 1}}[half]
    sample = [d for i, d in sample if i % 2 in keep]
    ours, base, coverage = [], [], 0
    rng = random.Random(1)
    t0 = time.perf_counter()
    for d in sample:
        filled = d["sentence"].replace("**blank**", d["answer"])
        tokens = [t for s in analyze(filled) for t in s.tokens]
        tag = next((t.pos for t in tokens if t.text.lower() == d["answer"].lower()), "NN")
        ranked = [c.word for c in rank(d["answer"], tag, filled, n=10)]
        coverage += bool(ranked)
        ours.append(ranking_scores(ranked, d["distractors"]))
        base.append(ranking_scores(random_baseline(d["answer"], tag, rng, n=10), d["distractors"]))
    dt = time.perf_counter() - t0
    print(f"[dgen] data: {DGEN} ({len(sample)} of {len(data)} train items, single-word answers;"
          f" seed 0 sample; {half} half)")
    print(f"[dgen] {'ranker':<34} " + " ".join(f"{k:>8}" for k in ("P@1", "F1@3", "MRR", "NDCG@10")))
    for name, rows in (("WordNet relatives (ours)", ours),
                       ("random same-POS, Zipf +-0.5 (baseline)", base)):
        m = mean_scores(rows)
        print(f"[dgen] {name:<34} " + " ".join(f"{m[k]:8.1f}" for k in m))
    print("[dgen] anchor, CDGP (SciBERT) on the test split:      13.1     12.2     25.1     34.2")
    print(f"[dgen] items with any distractor: {coverage / len(sample):.1%}; "
          f"{1000 * dt / len(sample):.0f} ms per item (both rankers)")


# ---- FairytaleQA ---------------------------------------------------------------------------

def unwrap(text: str) -> str:
    """Story sections mix paragraph breaks and hard-wrapped lines: a line that does not end a
    sentence continues on the next one."""
    text = re.sub(r"(?<![.!?\"”'’:])\n(?=\S)", " ", text.strip())
    return text.replace("\n", "\n\n")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def stories(limit: int) -> list[tuple[str, dict[int, str], dict[int, list[dict[str, str]]]]]:
    out = []
    qdir, sdir = FTQA / "questions" / "train", FTQA / "section-stories" / "train"
    for sfile in sorted(sdir.glob("*-story.csv"))[:limit]:
        name = sfile.name.removesuffix("-story.csv")
        qfile = qdir / f"{name}-questions.csv"
        if not qfile.is_file():
            continue
        sections = {int(r["section"]): unwrap(r["text"]) for r in _read_csv(sfile)}
        qs: dict[int, list[dict[str, str]]] = {}
        for q in _read_csv(qfile):
            if q.get("local-or-sum") == "local" and q.get("cor_section", "").isdigit():
                qs.setdefault(int(q["cor_section"]), []).append(q)
        out.append((name, sections, qs))
    return out


def eval_fairytaleqa(limit: int) -> None:
    from toolkit.exercises.registry import Source, run_one
    from toolkit.language.research.rouge import rouge_l

    if not (FTQA / "section-stories").is_dir():
        print(f"[ftqa] skipped: {FTQA} not found")
        return
    ours, base, per_section, in_text = [], [], [], []
    expert_explicit = []
    rng = random.Random(0)
    n_sections = 0
    for _, sections, qs in stories(limit):
        for sec, text in sections.items():
            experts = [q["question"] for q in qs.get(sec, [])]
            if not experts:
                continue
            n_sections += 1
            src = Source.from_text(text)
            items = run_one("wh", src, seed=0, n=3)
            per_section.append(len(items))
            for it in items:
                ours.append(max(rouge_l(it.prompt, e) for e in experts))
                in_text.append(it.answer.lower() in text.lower())
            sents = [s.text for s in src.sentences if len(s.words) >= 5]
            if sents:
                base.append(max(rouge_l(rng.choice(sents), e) for e in experts))
            for q in qs.get(sec, []):
                expert_explicit.append(bool(q["answer1"]) and q["answer1"].lower() in text.lower())
    print(f"[ftqa] data: {FTQA} (train split, first {limit} stories, {n_sections} sections with "
          "local expert questions)")
    print(f"[ftqa] ROUGE-L F1 (best-matching expert question of the same section), x100:")
    print(f"[ftqa]   wh-questions (ours):              {100 * statistics.fmean(ours):5.1f}  "
          f"({len(ours)} questions, {statistics.fmean(per_section):.2f} per section, "
          f"{sum(1 for p in per_section if p) / len(per_section):.0%} of sections get one)")
    print(f"[ftqa]   a random sentence of the section (baseline): {100 * statistics.fmean(base):5.1f}")
    print(f"[ftqa] answer found verbatim in the section: ours {statistics.fmean(in_text):.0%}, "
          f"experts' first answers {statistics.fmean(expert_explicit):.0%}")


# ---- validity ------------------------------------------------------------------------------

def eval_validity(n_stories: int, seeds: int) -> None:
    from toolkit.exercises.registry import Report, Source, generate
    from toolkit.language.text import split_title

    texts = [(p.name, split_title(p.read_text("utf-8"))[1]) for p in ARTICLES]
    if (FTQA / "section-stories").is_dir():
        for name, sections, _ in stories(n_stories):
            texts.append((f"ftqa:{name}", "\n\n".join(sections.values())))
    for label, group in (("lesson articles", [t for t in texts if not t[0].startswith("ftqa:")]),
                         ("fairytaleqa stories", [t for t in texts if t[0].startswith("ftqa:")])):
        if not group:
            continue
        report = Report()
        for _, text in group:
            src = Source.from_text(text)
            for seed in range(seeds):
                generate(src, n=60, seed=seed, report=report)
        gen, drop = report.total_generated, report.total_dropped
        print(f"[validity] {label}: {len(group)} texts x {seeds} seeds: {gen} generated, "
              f"{drop} dropped = {1000 * drop / max(gen, 1):.1f} per 1,000")
        per_gen: Counter = Counter()
        for (g, _), k in report.dropped.items():
            per_gen[g] += k
        for g in sorted(report.generated):
            print(f"[validity]   {g:<17} generated {report.generated[g]:>5}  dropped "
                  f"{per_gen[g]:>4} ({1000 * per_gen[g] / report.generated[g]:.0f}/1000)")
        for reason, k in report.by_reason().most_common():
            print(f"[validity]   reason: {reason}: {k}")


def eval_speed() -> None:
    from toolkit.exercises.registry import Source, generate
    from toolkit.language.text import split_title

    text = split_title(ARTICLES[0].read_text("utf-8"))[1]
    t0 = time.perf_counter()
    src = Source.from_text(text)
    generate(src, n=30, seed=0)
    cold = time.perf_counter() - t0
    times = []
    for seed in range(1, 4):
        t0 = time.perf_counter()
        generate(src, n=30, seed=seed)
        times.append(time.perf_counter() - t0)
    words = sum(len(s.words) for s in src.sentences)
    print(f"[speed] 30 mixed items from {ARTICLES[0].name} ({words} words): first run "
          f"{cold:.2f} s (loads WordNet, analyses); warm, other seeds: "
          f"median {statistics.median(times):.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dgen-limit", type=int, default=600, help="DGen items (0 = all)")
    ap.add_argument("--dgen-half", choices=("all", "dev", "held-out"), default="all",
                    help="DGen items at even (dev: tuned on) or odd (held-out) file positions")
    ap.add_argument("--dgen-only", action="store_true", help="run only the DGen part")
    ap.add_argument("--stories", type=int, default=30, help="FairytaleQA stories")
    ap.add_argument("--seeds", type=int, default=3, help="seeds per text for validity")
    args = ap.parse_args()
    if args.dgen_only:
        eval_dgen(args.dgen_limit, args.dgen_half)
        return
    eval_speed()
    eval_validity(min(args.stories, 10), args.seeds)
    eval_fairytaleqa(args.stories)
    eval_dgen(args.dgen_limit, args.dgen_half)


if __name__ == "__main__":
    main()
