"""Which sentence encoder? all-MiniLM-L6-v2 (numpy BERT) beside WordLlama (static) on dev data.

    python benchmarks/encoder_candidates.py [--dgen 400] [--cefr-train 1500] [--quick]

Every number is printed beside a baseline measured in the same run:
1. Word sense in context (benchmarks/data/senses.tsv, 100 annotated pairs): the sense whose
   gloss is nearest the sentence, for three gloss texts; beside WordNet's first sense and the
   current extended-Lesk ranker (toolkit.language.senses).
2. DGen cloze items (../shared/data/dgen-distractors, train split, the first N items):
   (a) key in context: is the answer nearer the gapped sentence than its 3 gold distractors
   (chance 25%)? (b) distractor closeness: how often a gold distractor is nearer the answer
   than an answer of another item (AUC; 50% = no signal): can the encoder find look-alikes?
   Baseline: word frequency (the most frequent option; the nearer Zipf frequency).
3. CEFR-SP (../shared/data/cefr-sp): ridge regression from the vectors to the mean of the
   two labels, cut into 6 levels at points set on the train fit; macro-F1 counting either
   annotator, and adjacent accuracy; beside
   the same regression on two length features (words, characters per word).
4. Speed and size: cold start (a fresh process: load + one sentence), sentences per second
   (CEFR-SP dev sentences, encoded fresh), files on disk.

WordLlama is measured from the files inside its wheel (`pip install --no-deps
wordllama==0.4.0.post1`), read here with `tokenizers` and `safetensors` as its own inference
code does (token vectors averaged, then normalised); its package code is never imported, so
its loader cannot reach the network. It is skipped with a note when not installed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SENSES = ROOT / "benchmarks" / "data" / "senses.tsv"
SHARED = ROOT.parent / "shared" / "data"

Encode = Callable[[Sequence[str]], np.ndarray]


class WordLlama:
    """WordLlama l2_supercat 256-d, from the installed wheel's own files (no network code)."""

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        spec = find_spec("wordllama")
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("wordllama is not installed")
        pkg = Path(list(spec.submodule_search_locations)[0])
        self.files = [pkg / "weights" / "l2_supercat_256.safetensors",
                      pkg / "tokenizers" / "l2_supercat_tokenizer_config.json"]
        self.table = load_file(str(self.files[0]))["embedding.weight"].astype(np.float32)
        self.tok = Tokenizer.from_file(str(self.files[1]))
        self.tok.no_padding()
        self.tok.no_truncation()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for i, e in enumerate(self.tok.encode_batch(list(texts), add_special_tokens=False)):
            if e.ids:
                ids = np.clip(np.array(e.ids), 0, len(self.table) - 1)
                out[i] = self.table[ids].mean(0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def candidates() -> dict[str, Encode]:
    from toolkit.language.encoder import Encoder

    found: dict[str, Encode] = {"all-MiniLM-L6-v2": Encoder().encode}
    try:
        found["WordLlama l2 256"] = WordLlama()
    except FileNotFoundError:
        print("(WordLlama not installed: pip install --no-deps wordllama==0.4.0.post1)")
    return found


def share(xs: Sequence[bool]) -> str:
    return f"{sum(xs) / len(xs):6.1%}" if xs else "   -  "


# ---------------------------------------------------------------------------------------


def gloss(synset, how: str) -> str:  # type: ignore[no-untyped-def]
    names = ", ".join(n.replace("_", " ") for n in synset.lemma_names())
    ex = "; ".join(synset.examples()[:2])
    return {"definition": synset.definition(),
            "definition + examples": f"{synset.definition()}; {ex}" if ex else synset.definition(),
            "words + definition + examples": f"{names}: {synset.definition()}"
                                             + (f"; {ex}" if ex else "")}[how]


def senses_task(encoders: dict[str, Encode]) -> None:
    from toolkit.language.analysis import analyze
    from toolkit.language.senses import candidates as cands
    from toolkit.language.senses import rank

    pairs = []
    for line in SENSES.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, _keys, synsets, sentence = line.split("\t")
        (sent,) = analyze(sentence)
        i = next(k for k, t in enumerate(sent.tokens) if t.text == word)
        tok = sent.tokens[i]
        context = [t.lemma for k, t in enumerate(sent.tokens) if k != i and t.is_word]
        pairs.append((set(synsets.split("|")), sentence, tok.lemma, tok.pos[:2], context))
    half = len(pairs) // 2
    rows: dict[str, list[bool]] = {}
    rows["WordNet first sense"] = [bool(c := cands(lem, pos)) and c[0].name() in gold
                                   for gold, _s, lem, pos, _c in pairs]
    rows["extended Lesk (current ranker)"] = [
        bool(r := rank(lem, pos, ctx)) and r[0].synset.name() in gold
        for gold, _s, lem, pos, ctx in pairs]
    for name, enc in encoders.items():
        for how in ("definition", "definition + examples", "words + definition + examples"):
            right = []
            for gold, sentence, lem, pos, _ctx in pairs:
                syn = cands(lem, pos)
                v = enc([sentence] + [gloss(s, how) for s in syn])
                best = syn[int(np.argmax(v[1:] @ v[0]))] if syn else None
                right.append(best is not None and best.name() in gold)
            rows[f"{name}: {how}"] = right
    print(f"1. Sense in context ({SENSES.relative_to(ROOT)}, {len(pairs)} pairs): "
          "first sense right")
    print(f"  {'':<58}{'all':>7}{'1st half':>10}{'2nd half':>10}")
    for label, xs in rows.items():
        print(f"  {label:<58}{share(xs):>7}{share(xs[:half]):>10}{share(xs[half:]):>10}")


def dgen_task(encoders: dict[str, Encode], n: int) -> None:
    path = SHARED / "dgen-distractors" / "DGen_train_cleaned.json"
    if not path.is_file():
        print(f"2. DGen: skipped, {path} not found")
        return
    items = [x for x in json.loads(path.read_text("utf-8"))
             if "**blank**" in x["sentence"] and len(x["distractors"]) == 3][:n]
    rng = np.random.default_rng(0)
    others = [items[(i + 1 + int(rng.integers(len(items) - 1))) % len(items)]["answer"]
              for i in range(len(items))]
    print(f"\n2. DGen train, first {len(items)} items: (a) key above its 3 distractors in the "
          "gapped sentence (chance 25%); (b) AUC gold distractor vs another item's answer")
    print(f"  {'':<30}{'(a) key in context':>20}{'(b) distractor AUC':>20}{'s':>8}")
    from wordfreq import zipf_frequency

    z = lambda w: zipf_frequency(w, "en")  # noqa: E731
    fit0 = [z(x["answer"]) > max(z(d) for d in x["distractors"]) for x in items]
    auc0 = [float(abs(z(x["answer"]) - z(d)) < abs(z(x["answer"]) - z(o)))
            for x, o in zip(items, others) for d in x["distractors"]]
    print(f"  {'baseline: word frequency':<30}{share(fit0):>20}{np.mean(auc0):>19.1%}{'':>8}")
    for name, enc in encoders.items():
        t = time.perf_counter()
        fit, auc = [], []
        for item, other in zip(items, others):
            opts = [item["answer"], *item["distractors"]]
            context = item["sentence"].replace("**blank**", "___")
            v = enc([context, *opts, other])
            s = v[1:5] @ v[0]
            fit.append(bool(s[0] > s[1:].max()))
            key = v[1]
            auc.extend(float(key @ v[2 + j] > key @ v[5]) for j in range(3))
        print(f"  {name:<30}{share(fit):>20}{np.mean(auc):>19.1%}{time.perf_counter() - t:>8.0f}")


def cefr_task(encoders: dict[str, Encode], n_train: int) -> None:
    from toolkit.language.research.calibrate import either_macro_f1
    from toolkit.language.research.corpora import load_cefr_sp

    if not (SHARED / "cefr-sp").is_dir():
        print("3. CEFR-SP: skipped, ../shared/data/cefr-sp not found")
        return
    train = load_cefr_sp("train", SHARED)
    score = [x for x in train if "SCoRE" in x.source]
    wiki = [x for x in train if "SCoRE" not in x.source][:n_train]
    train = score + wiki
    dev = load_cefr_sp("dev", SHARED)
    ya = np.array([x.labels[0] for x in dev])
    yb = np.array([x.labels[1] for x in dev])
    ytr = np.array([sum(x.labels) / 2 for x in train])

    ta = np.array([x.labels[0] for x in train])
    tb = np.array([x.labels[1] for x in train])

    def classify(score: np.ndarray, cuts: Sequence[float]) -> np.ndarray:
        return 1 + np.searchsorted(np.sort(cuts), score)

    def ridge(xtr: np.ndarray, xdv: np.ndarray, lam: float) -> np.ndarray:
        """Ridge to the mean label, then 5 cut points set on the train fit (as the level
        estimator does), coordinate search for the best either-annotator macro-F1."""
        mu, sd = xtr.mean(0), xtr.std(0) + 1e-6
        a, b = (xtr - mu) / sd, (xdv - mu) / sd
        a1, b1 = np.c_[a, np.ones(len(a))], np.c_[b, np.ones(len(b))]
        reg = lam * np.eye(a1.shape[1])
        reg[-1, -1] = 0
        w = np.linalg.solve(a1.T @ a1 + reg, a1.T @ ytr)
        fit = a1 @ w
        cuts = [1.5, 2.5, 3.5, 4.5, 5.5]
        for _round in range(3):
            for k in range(5):
                grid = np.linspace(cuts[k] - 0.6, cuts[k] + 0.6, 25)
                best = max(grid, key=lambda c: either_macro_f1(
                    classify(fit, cuts[:k] + [c] + cuts[k + 1:]), ta, tb))
                cuts[k] = float(best)
        return classify(b1 @ w, cuts)

    def length(items) -> np.ndarray:  # type: ignore[no-untyped-def]
        rows = []
        for x in items:
            words = x.text.split()
            rows.append([len(words), sum(map(len, words)) / max(1, len(words))])
        return np.array(rows, dtype=float)

    print(f"\n3. CEFR-SP: ridge fit on {len(train)} train sentences (SCoRE + {len(wiki)} "
          f"Wiki-Auto), scored on all {len(dev)} dev sentences")
    print(f"  {'features':<40}{'macro-F1':>10}{'adjacent':>10}{'s':>8}")
    systems: dict[str, Callable[[], tuple[np.ndarray, np.ndarray, float]]] = {
        "length (words, chars/word)": lambda: (length(train), length(dev), 1.0)}
    for name, enc in encoders.items():
        systems[f"{name} vectors"] = lambda enc=enc: (enc([x.text for x in train]),
                                                      enc([x.text for x in dev]), 30.0)
    for label, make in systems.items():
        t = time.perf_counter()
        xtr, xdv, lam = make()
        p = ridge(xtr, xdv, lam)
        adj = float(((abs(p - ya) <= 1) | (abs(p - yb) <= 1)).mean())
        print(f"  {label:<40}{either_macro_f1(p, ya, yb):>10.1%}{adj:>10.1%}"
              f"{time.perf_counter() - t:>8.0f}")
    print("  (the project's level estimator, README Numbers: 78.7% macro-F1 on the same dev set)")


COLD = r"""
import sys, time
t = time.perf_counter()
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "minilm":
    from toolkit.language.encoder import Encoder
    Encoder(disk_cache=False).encode(["A first sentence to load the model."])
else:
    sys.path.insert(0, sys.argv[1] + "/benchmarks")
    from encoder_candidates import WordLlama
    WordLlama()(["A first sentence to load the model."])
print(time.perf_counter() - t)
"""


def speed_task(encoders: dict[str, Encode], quick: bool) -> None:
    from threadpoolctl import threadpool_limits

    from toolkit.language.encoder import Encoder, model_dir

    dev = [line.split("\t")[0] for line in
           (SHARED / "cefr-sp" / "CEFR-SP_Wikiauto_dev.txt").read_text("utf-8").splitlines()]
    dev = [s for s in dev if s][: 100 if quick else 300]
    import os

    print(f"\n4. Speed ({len(dev)} CEFR-SP Wiki-Auto dev sentences, encoded fresh) and size; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'':<34}{'cold start s':>13}{'sent/s':>9}{'files MB':>10}")
    for name, enc in encoders.items():
        key = "minilm" if name.startswith("all-") else "wordllama"
        cold = subprocess.run([sys.executable, "-c", COLD, str(ROOT), key], capture_output=True,
                              text=True, check=True).stdout.strip().splitlines()[-1]
        if key == "minilm":
            fresh = Encoder(disk_cache=False)
            fresh.encode(["warm up"])
            files = [p for p in model_dir().iterdir() if p.is_file()]
            t = time.perf_counter()
            fresh.encode(dev)
            rate = len(dev) / (time.perf_counter() - t)
            with threadpool_limits(limits=2, user_api="blas"):  # what 2 BLAS threads would do
                fresh2 = Encoder(disk_cache=False)
                fresh2.threads = 2
                fresh2.encode(["warm up"])
                t = time.perf_counter()
                fresh2.encode(dev[:50])
                rate2 = 50 / (time.perf_counter() - t)
            extra = f"   (2 BLAS threads: {rate2:.1f}/s)"
        else:
            wl = WordLlama()
            files, extra = wl.files, ""
            t = time.perf_counter()
            wl(dev)
            rate = len(dev) / (time.perf_counter() - t)
        mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"  {name:<34}{float(cold):>13.1f}{rate:>9.0f}{mb:>10.1f}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dgen", type=int, default=400, help="DGen items to score")
    parser.add_argument("--cefr-train", type=int, default=1500, help="Wiki-Auto train sentences")
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    parser.add_argument("--only", choices=["senses", "dgen", "cefr", "speed"])
    args = parser.parse_args()
    if args.quick:
        args.dgen, args.cefr_train = 100, 300
    encoders = candidates()
    t = time.perf_counter()
    tasks = {"senses": lambda: senses_task(encoders),
             "dgen": lambda: dgen_task(encoders, args.dgen),
             "cefr": lambda: cefr_task(encoders, args.cefr_train),
             "speed": lambda: speed_task(encoders, args.quick)}
    for name, task in tasks.items():
        if args.only in (None, name):
            task()
    print(f"\n({time.perf_counter() - t:.0f} s)")


if __name__ == "__main__":
    main()
