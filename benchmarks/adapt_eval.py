"""Adapter quality and speed: the parse-based adapter beside the previous one and copying.

    PYTHONPATH=. python benchmarks/adapt_eval.py [--data ../shared/data] [--sentences N]
                                                 [--articles N] [--no-speed] [--fit-threshold]

Every table prints four systems from the same run: copy-the-input, the previous adapter
(`adapt(method="previous")`, the tag-based one), the parse adapter without the learned
substitutions (`method="parse-1"`, main's default before them) and the current one
(`method="parse"`: the learned table of benchmarks/learn_substitutions.py on top). Each development
split is cut in two: the tuning part (OneStopEnglish: even-indexed topics; TurkCorpus and
ASSET: even-numbered lines) and the held-out part (odd), reported apart.

- SARI (toolkit/language/research/sari.py) of the A2 version of each source sentence against
  the references: OneStopEnglish advanced -> elementary aligned pairs (one reference each),
  TurkCorpus tune (8 references; lower-cased PTB text, brackets restored) and ASSET valid
  (10 references); with the share of outputs the estimator puts at or below A2, the word
  ratio to the source and the facts kept (numbers, names and negations of the source found
  in the output).
- Articles: OneStopEnglish advanced texts adapted to A2 (with shortening): share at A2, word
  ratio (the human elementary versions' ratio beside it) and facts kept outside dropped
  sentences.
- Speed: three levels (A2, B1, B2) of an ~800-word advanced article, warm: the same article
  again, and a new one in the warm process.
- `--fit-threshold`: the encoder threshold of lexsub, fitted on the annotated senses
  (benchmarks/data/senses.tsv): a synonym from the right sense should pass, one from a wrong
  sense should not; fitted on the first half of the rows, reported on the second.
Skips with a message (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import statistics as st
import sys
import time
from pathlib import Path
from typing import Callable

from toolkit.cefr import level_index
from toolkit.language.adapt import PARSE, PARSE_1, PREVIOUS, adapt, numbers_names_negations
from toolkit.language.estimate import estimate_text
from toolkit.language.research.corpora import detokenize, load_onestop, load_pairs, shared_data_dir
from toolkit.language.research.sari import corpus_sari
from toolkit.language.text import TextInputError

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("copy", PREVIOUS, PARSE_1, PARSE)
TARGET = "A2"


def _turk_clean(line: str) -> str:
    line = line.replace("-lrb-", "(").replace("-rrb-", ")").replace("-lsb-", "[").replace("-rsb-", "]")
    text = detokenize(line.strip())
    return text[:1].upper() + text[1:]


def load_sets(root: Path) -> dict[str, list[tuple[str, list[str], str]]]:
    """name -> [(source, references, part)], part "tune" or "held-out"."""
    out: dict[str, list[tuple[str, list[str], str]]] = {}
    if (root / "onestopenglish").is_dir():
        topics = sorted({p["topic"] for p in load_pairs(root)})
        even = {t for i, t in enumerate(topics) if i % 2 == 0}
        out["OneStopEnglish adv->ele"] = [(p["src"], [p["ref"]], "tune" if p["topic"] in even
                                           else "held-out") for p in load_pairs(root)]
    turk = root / "turkcorpus"
    if turk.is_dir():
        src = (turk / "tune.8turkers.tok.norm").read_text("utf-8").splitlines()
        refs = [(turk / f"tune.8turkers.tok.turk.{k}").read_text("utf-8").splitlines()
                for k in range(8)]
        out["TurkCorpus tune"] = [(_turk_clean(s), [_turk_clean(r[i]) for r in refs],
                                   "tune" if i % 2 == 0 else "held-out") for i, s in enumerate(src)]
    asset = root / "asset"
    if asset.is_dir():
        src = (asset / "asset.valid.orig").read_text("utf-8").splitlines()
        refs = [(asset / f"asset.valid.simp.{k}").read_text("utf-8").splitlines()
                for k in range(10)]
        out["ASSET valid"] = [(s, [r[i] for r in refs], "tune" if i % 2 == 0 else "held-out")
                              for i, s in enumerate(src)]
    return out


def _facts(source: str, output: str) -> tuple[int, int]:
    """(kept, total) numbers, names and negations of `source` found in `output`."""
    try:
        src = numbers_names_negations(source)
        out = numbers_names_negations(output)
    except TextInputError:
        return 0, 0
    kept = total = 0
    for kind in ("numbers", "names"):
        for item in src[kind]:
            total += 1
            kept += item in output
    total += len(src["negations"])
    kept += min(len(src["negations"]), len(out["negations"]))
    return kept, total


def _system(name: str) -> Callable[[str], tuple[str, str | None]]:
    def run(src: str) -> tuple[str, str | None]:
        if name == "copy":
            return src, None
        try:
            a = adapt(src, TARGET, shorten=False, method=name)
            return a.text, a.level
        except TextInputError:
            return src, None  # refused (e.g. too short to be recognised): copied
    return run


def sentence_sets(root: Path, n: int) -> None:
    for name, rows in load_sets(root).items():
        print(f"\n{name}: {len(rows)} sentences; first {n} of each part, target {TARGET}")
        print(f"  {'part':9} {'system':10} {'SARI':>6} {'at A2':>6} {'words':>6} {'facts':>7}  s")
        for part in ("tune", "held-out"):
            chosen = [r for r in rows if r[2] == part][:n]
            sources = [r[0] for r in chosen]
            refs = [r[1] for r in chosen]
            for system in SYSTEMS:
                t0 = time.perf_counter()
                outs = [_system(system)(s) for s in sources]
                took = time.perf_counter() - t0
                texts = [o for o, _ in outs]
                levels = [_level(o) if system == "copy" else lv for o, lv in outs]
                at = [lv is not None and level_index(lv) <= level_index(TARGET) for lv in levels]
                ratio = sum(len(o.split()) for o in texts) / max(1, sum(len(s.split())
                                                                       for s in sources))
                kept = total = 0
                if system != "copy":
                    for s, o in zip(sources, texts):
                        k, t = _facts(s, o)
                        kept, total = kept + k, total + t
                facts = f"{kept / total:.1%}" if total else "100%"
                print(f"  {part:9} {system:10} {corpus_sari(sources, texts, refs):6.1f} "
                      f"{sum(at) / len(at):6.0%} {ratio:6.2f} {facts:>7}  {took:.0f}")


def _level(text: str) -> str | None:
    try:
        return estimate_text(text).level
    except TextInputError:
        return None


def articles(root: Path, n: int) -> None:
    texts = load_onestop(root)
    by_topic: dict[str, dict[int, str]] = {}
    for t in texts:
        by_topic.setdefault(t.topic, {})[t.level] = t.text
    topics = sorted(t for t in by_topic if {0, 2} <= set(by_topic[t]))
    print(f"\nOneStopEnglish articles: advanced -> {TARGET} with shortening; first {n} of each "
          f"part of {len(topics)} topics (human elementary beside)")
    print(f"  {'part':9} {'system':10} {'at A2':>6} {'words':>6} {'median':>6} {'facts':>7} "
          f"{'drops':>6}  s")
    for part in ("tune", "held-out"):
        chosen = [t for i, t in enumerate(topics) if (i % 2 == 0) == (part == "tune")][:n]
        human = [len(by_topic[t][0].split()) / len(by_topic[t][2].split()) for t in chosen]
        print(f"  {part:9} {'human':9} {'':>6} {st.mean(human):6.2f} {st.median(human):6.2f}")
        for system in (PREVIOUS, PARSE_1, PARSE):
            t0 = time.perf_counter()
            at, ratios, drops = [], [], []
            kept = total = 0
            for t in chosen:
                adv = by_topic[t][2]
                a = adapt(adv, TARGET, method=system)
                at.append(a.at_target)
                ratios.append(len(a.text.split()) / len(adv.split()))
                dropped = [c.before for c in a.changes if c.kind == "drop"]
                drops.append(len(dropped))
                src = numbers_names_negations(adv)
                gone = " ".join(dropped)
                for kind in ("numbers", "names"):
                    for item in src[kind]:
                        if item in gone:
                            continue
                        total += 1
                        kept += item in a.text
                n_src = len(src["negations"]) - (len(numbers_names_negations(gone)["negations"])
                                                 if gone else 0)
                total += n_src
                kept += min(n_src, len(numbers_names_negations(a.text)["negations"]))
            print(f"  {part:9} {system:10} {st.mean(at):6.0%} {st.mean(ratios):6.2f} "
                  f"{st.median(ratios):6.2f} {kept / max(total, 1):7.1%} {st.mean(drops):6.1f}  "
                  f"{time.perf_counter() - t0:.0f}")


def speed(root: Path) -> None:
    """Three levels of an ~800-word advanced article, warm, both adapters."""
    from toolkit.language.text import split_title

    text = split_title((ROOT / "lessons" / "articles" / "hidden-remote-workers.txt").read_text())[1]
    source, other = "lesson article", None
    if (root / "onestopenglish").is_dir():
        advanced = sorted((t for t in load_onestop(root) if t.level == 2),
                          key=lambda t: abs(len(t.text.split()) - 800))
        text, source = advanced[0].text, f"OneStopEnglish advanced '{advanced[0].topic}'"
        other = advanced[1]
    print(f"Speed: {len(text.split())}-word {source}, A2+B1+B2, warm (mean of 2)")
    for method in (PREVIOUS, PARSE_1, PARSE):
        for level in ("A2", "B1", "B2"):
            adapt(text, level, method=method)
        t0 = time.perf_counter()
        for _ in range(2):
            for level in ("A2", "B1", "B2"):
                adapt(text, level, method=method)
        same = (time.perf_counter() - t0) / 2
        line = f"  {method:10} same article again {same:.2f} s"
        if other is not None:
            t0 = time.perf_counter()
            for level in ("A2", "B1", "B2"):
                adapt(other.text, level, method=method)
            line += (f"; a new article ({len(other.text.split())} words) in the warm process "
                     f"{time.perf_counter() - t0:.2f} s")
        print(line + " (goal: 10 s)")


def fit_threshold(measure: str = "contribution") -> None:
    """Fit lexsub.THRESHOLD: right-sense synonyms pass, wrong-sense ones do not."""
    from toolkit.language import encoder
    from toolkit.language.analysis import analyze
    from toolkit.language.data import wordnet
    from toolkit.language.lexsub import MASK, _window, contribution
    from toolkit.language.substitute import inflect_like

    wn = wordnet()
    rows = [line.split("\t") for line in (ROOT / "benchmarks" / "data" / "senses.tsv")
            .read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    scored: list[tuple[int, float, bool]] = []  # (row, cosine, right sense)
    for r, (word, _keys, synsets, sentence) in enumerate(rows):
        (sent,) = analyze(sentence)[:1]
        i = next((k for k, t in enumerate(sent.tokens) if t.lemma.lower() == word.lower()
                  or t.text.lower() == word.lower()), None)
        if i is None:
            continue
        tok = sent.tokens[i]
        gold = {wn.synset(s) for s in synsets.split("|")}
        pos = next(iter(gold)).pos()
        for syn in wn.synsets(word, pos):
            for lem in syn.lemmas():
                name = lem.name().lower()
                if "_" in name or name == word.lower() or not name.isalpha():
                    continue
                form = inflect_like(name, tok.pos, tok.text)
                if form is None:
                    continue
                v = encoder.encode([_window(sent.tokens, i), _window(sent.tokens, i, MASK),
                                    _window(sent.tokens, i, form)])
                scored.append((r, contribution(v[0], v[1], v[2]) if measure == "contribution"
                               else float(v[0] @ v[2]), syn in gold))
    half = len(rows) // 2

    def acc(th: float, part: list[tuple[int, float, bool]]) -> float:
        pos = [c >= th for _, c, ok in part if ok]
        neg = [c < th for _, c, ok in part if not ok]
        return (sum(pos) / max(1, len(pos)) + sum(neg) / max(1, len(neg))) / 2

    first = [s for s in scored if s[0] < half]
    second = [s for s in scored if s[0] >= half]
    grid = [x / 100 for x in range(0, 100)]
    best = max(grid, key=lambda th: acc(th, first))
    print(f"{measure}: threshold fit on {len(rows)} annotated senses ({len(scored)} candidate words; right "
          f"sense {sum(ok for *_, ok in scored)}): best {best:.2f}, balanced accuracy "
          f"{acc(best, first):.1%} on the first half, {acc(best, second):.1%} on the second")
    for th in ((0.3, 0.4, 0.46, 0.5, 0.6) if measure == "contribution" else (0.84, 0.88, 0.91)):
        print(f"  threshold {th:.2f}: first half {acc(th, first):.1%}, second {acc(th, second):.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--sentences", type=int, default=300, help="sentences per part and set")
    parser.add_argument("--articles", type=int, default=15, help="OneStopEnglish articles per part")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed part")
    parser.add_argument("--only", choices=("speed", "sentences", "articles"), default=None)
    parser.add_argument("--fit-threshold", action="store_true")
    args = parser.parse_args(argv)
    root = args.data or shared_data_dir()
    t0 = time.time()
    if args.fit_threshold:
        fit_threshold("contribution")
        fit_threshold("window cosine")
        return 0
    if not args.no_speed and args.only in (None, "speed"):
        speed(root)
    if not any((root / d).is_dir() for d in ("onestopenglish", "turkcorpus", "asset")):
        print(f"SKIPPED quality: no simplification data in {root}")
        return 0
    if args.only in (None, "sentences"):
        sentence_sets(root, args.sentences)
    if args.only in (None, "articles") and (root / "onestopenglish").is_dir():
        articles(root, args.articles)
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
