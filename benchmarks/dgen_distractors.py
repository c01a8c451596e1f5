"""Distractor ranking on DGen: the encoder ranker beside the previous (WordNet) ranker.

    PYTHONPATH=. python benchmarks/dgen_distractors.py [--split held-out|dev|all] [--limit N]
    PYTHONPATH=. python benchmarks/dgen_distractors.py --tune [--limit N]   # dev split only

DGen ships only its train split here (../shared/data/dgen-distractors, the test split is kept
aside), so it is cut in two by file position: even positions are "dev" (every weight of both
rankers was set there), odd positions are "held-out" (never looked at while tuning).
Single-word answers only. Metrics as CDGP's evaluator defines them (see the data's README),
x100, for both rankers and a random same-POS baseline in the same run, with CDGP's published
test-split numbers as the anchor.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DGEN = ROOT.parent / "shared" / "data" / "dgen-distractors" / "DGen_train_cleaned.json"
ANCHOR = {"P@1": 13.13, "F1@3": 12.23, "MRR": 25.12, "NDCG@10": 34.17}


def items(split: str, limit: int) -> list[dict]:
    data = json.loads(DGEN.read_text("utf-8"))
    keep = {"dev": {0}, "held-out": {1}, "all": {0, 1}}[split]
    out = [d for i, d in enumerate(data) if i % 2 in keep and " " not in d["answer"].strip()
           and d["answer"].strip()]
    if limit and limit < len(out):
        out = random.Random(0).sample(out, limit)
    return out


def tag_of(d: dict) -> tuple[str, str]:
    from toolkit.language.analysis import analyze

    filled = d["sentence"].replace("**blank**", d["answer"])
    tokens = [t for s in analyze(filled) for t in s.tokens]
    return filled, next((t.pos for t in tokens if t.text.lower() == d["answer"].lower()), "NN")


def evaluate(split: str, limit: int) -> None:
    from exercises_eval import mean_scores, ranking_scores
    from toolkit.exercises.distractors import random_baseline, rank, rank_wordnet

    data = items(split, limit)
    rows: dict[str, list] = {"encoder + parse + WordNet (ours, now)": [],
                             "WordNet relatives (previous ranker)": [],
                             "random same-POS, Zipf +-0.5 (baseline)": []}
    covered = {k: 0 for k in rows}
    times = {k: 0.0 for k in rows}
    rng = random.Random(1)
    for d in data:
        filled, tag = tag_of(d)
        for name, fn in zip(rows, (
                lambda: [c.word for c in rank(d["answer"], tag, filled, n=10)],
                lambda: [c.word for c in rank_wordnet(d["answer"], tag, filled, n=10)],
                lambda: random_baseline(d["answer"], tag, rng, n=10))):
            t0 = time.perf_counter()
            ranked = fn()
            times[name] += time.perf_counter() - t0
            covered[name] += bool(ranked)
            rows[name].append(ranking_scores(ranked, d["distractors"]))
    print(f"[dgen] {DGEN} : {split} split ({'even' if split == 'dev' else 'odd' if split == 'held-out' else 'all'}"
          f" file positions), {len(data)} single-word items")
    print(f"[dgen] {'ranker':<42}" + "".join(f"{k:>9}" for k in ANCHOR)
          + f"{'any cand.':>11}{'ms/item':>9}")
    for name, r in rows.items():
        m = mean_scores(r)
        print(f"[dgen] {name:<42}" + "".join(f"{m[k]:9.1f}" for k in ANCHOR)
              + f"{covered[name] / len(data):11.1%}{1000 * times[name] / len(data):9.0f}")
    print(f"[dgen] {'CDGP (SciBERT), published, test split':<42}"
          + "".join(f"{v:9.1f}" for v in ANCHOR.values()) + f"{'(anchor, not run)':>20}")


def tune(limit: int) -> None:
    """Grid over the encoder ranker's weights on the dev split (features computed once)."""
    from exercises_eval import mean_scores, ranking_scores
    from toolkit.exercises import distractors as D

    data = items("dev", limit)
    pools = []
    t0 = time.perf_counter()
    for d in data:
        filled, tag = tag_of(d)
        p = D.candidate_pool(d["answer"], tag, filled)
        key, lemma, pos = d["answer"].lower(), D.lemma_of_key(d["answer"], tag), D.lx.upos(tag)
        keep = [k for k, c in enumerate(p.candidates) if D.allowed(c, key, lemma, pos)]
        p = D.Pool([p.candidates[k] for k in keep], [p.features[k] for k in keep])
        pools.append((p, d["distractors"]))
    print(f"[tune] {len(data)} dev items, pools in {time.perf_counter() - t0:.0f} s; "
          f"gold in pool: {sum(any(c.word.lower() in {g.lower() for g in gold} for c in p.candidates) for p, gold in pools) / len(pools):.1%}")
    results = []
    for wk, wc, ww, wf, wm in itertools.product((1.0,), (0.8, 1.6, 2.4, 3.2),
                                                (0.4, 0.8, 1.6),
                                                (0.03, 0.1, 0.2), (0.05, 0.1, 0.2)):
        w = (wk, wc, ww, -wf, wm)
        rows = [ranking_scores([c.word for _, c in D.score_pool(p, w)[:10]], gold)
                for p, gold in pools]  # (pools pre-filtered below, once)
        m = mean_scores(rows)
        m["hit@10"] = 100 * sum(r["NDCG@10"] > 0 for r in rows) / len(rows)
        results.append((m["NDCG@10"] + m["P@1"], w, m))
    results.sort(key=lambda r: -r[0])
    for _, w, m in results[:10]:
        print(f"[tune] weights {w}: " + " ".join(f"{k} {v:.1f}" for k, v in m.items()))
    best = results[0][1]
    top_k = 30
    fitted = []
    for (p, gold), d in zip(pools, data):
        filled, _ = tag_of(d)
        top = D.score_pool(p, best)[:top_k]
        fitted.append((top, D.gap_fit(filled, d["answer"], [c for _, c in top]), gold))
    for wf, cut in itertools.product((0.0, 0.25, 0.5, 1.0, 2.0), (0.95, 0.97, 0.99, 1.01)):
        rows = []
        for top, fits, gold in fitted:
            ranked = sorted(((s + wf * f, c) for (s, c), f in zip(top, fits) if f < cut),
                            key=lambda t: -t[0])
            rows.append(ranking_scores([c.word for _, c in ranked[:10]], gold))
        m = mean_scores(rows)
        print(f"[tune] + gap fit x{wf}, reject >= {cut} (top {top_k}): "
              + " ".join(f"{k} {v:.1f}" for k, v in m.items()))
    print(f"[tune] current {D.WEIGHTS}: " + " ".join(
        f"{k} {v:.1f}" for k, v in mean_scores(
            [ranking_scores([c.word for _, c in D.score_pool(p)[:10]], gold)
             for p, gold in pools]).items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("held-out", "dev", "all"), default="held-out")
    ap.add_argument("--limit", type=int, default=0, help="items sampled (0 = the whole split)")
    ap.add_argument("--tune", action="store_true", help="grid over weights on the dev split")
    args = ap.parse_args()
    if not DGEN.is_file():
        print(f"[dgen] skipped: {DGEN} not found")
        return
    if args.tune:
        tune(args.limit)
    else:
        evaluate(args.split, args.limit)


if __name__ == "__main__":
    main()
