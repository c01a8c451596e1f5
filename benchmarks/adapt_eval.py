"""Adapter quality on OneStopEnglish (advanced -> elementary) and its speed.

    PYTHONPATH=. python benchmarks/adapt_eval.py [--data ../shared/data] [--limit N]
                                                 [--half all|even|odd]

--half picks the articles by their index in the sorted topic list (even: tuning half, odd:
held out), for level drop and SARI alike.

Reports, with the data it used:
- level drop: estimated difficulty of the advanced text, of our A2 (and B1) version, and of the
  human elementary version, per article and on average; share of outputs at or below target;
- SARI (Xu et al. 2016, implemented in toolkit/language/sari.py) of our A2 version of each
  aligned advanced sentence against the human elementary sentence, next to copying the input;
- meaning kept: share of numbers and names of the advanced text found in our version;
- speed: adapting an ~800-word article to A2, B1 and B2 (warm), next to `profile` alone.
Skips with a message (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import statistics as st
import sys
import time
from pathlib import Path

from toolkit.language.adapt import adapt, numbers_names_negations
from toolkit.language.research.corpora import load_onestop, load_pairs, shared_data_dir
from toolkit.language.estimate import estimate_text
from toolkit.language.profile import profile_text
from toolkit.language.research.sari import corpus_sari
from toolkit.language.text import TextInputError

ROOT = Path(__file__).resolve().parents[1]


def half_topics(root: Path, half: str) -> set[str]:
    """Topics of one half by index in the sorted topic list ("all", "even" or "odd")."""
    topics = sorted({t.topic for t in load_onestop(root)})
    return {t for i, t in enumerate(topics) if half == "all" or (i % 2 == 0) == (half == "even")}


def level_drop(root: Path, limit: int | None, half: str = "all") -> None:
    texts = load_onestop(root)
    by_topic: dict[str, dict[int, str]] = {}
    for t in texts:
        by_topic.setdefault(t.topic, {})[t.level] = t.text
    chosen = half_topics(root, half)
    topics = [t for t in sorted(by_topic) if t in chosen]
    topics = topics[:limit] if limit else topics
    print(f"OneStopEnglish: {root / 'onestopenglish' / 'texts.jsonl'}: {len(topics)} articles, "
          "advanced -> A2 and -> B1 (human elementary ~ A2, intermediate ~ B1)")
    rows = []
    kept_numbers = kept_names = total_numbers = total_names = kept_neg = total_neg = 0
    for topic in topics:
        adv, ele, inter = by_topic[topic][2], by_topic[topic][0], by_topic[topic][1]
        d_adv = estimate_text(adv).difficulty
        out_a2 = adapt(adv, "A2")
        out_b1 = adapt(adv, "B1")
        d_ele, d_int = estimate_text(ele).difficulty, estimate_text(inter).difficulty
        rows.append((d_adv, out_a2.difficulty, d_ele, out_a2.at_target,
                     out_b1.difficulty, d_int, out_b1.at_target, d_ele < 2.5, d_int < 3.5,
                     len(adv.split()), len(out_a2.text.split()), len(ele.split())))
        src = numbers_names_negations(adv)
        dropped = " ".join(c.before for c in out_a2.changes if c.kind == "drop")
        for kind in ("numbers", "names"):
            for item in src[kind]:
                if item in dropped:
                    continue  # its whole sentence was left out (logged as a change)
                ok = item in out_a2.text
                if kind == "numbers":
                    total_numbers += 1
                    kept_numbers += ok
                else:
                    total_names += 1
                    kept_names += ok
        # Negations by count, outside dropped sentences: as many in ours as in the source.
        n_src = len(src["negations"]) - len(numbers_names_negations(dropped)["negations"]) \
            if dropped else len(src["negations"])
        total_neg += n_src
        kept_neg += min(n_src, len(numbers_names_negations(out_a2.text)["negations"]))
    col = list(zip(*rows))
    mean = lambda xs: st.mean(xs)  # noqa: E731
    print(f"  mean difficulty (CEFR scale, A2=2, B1=3, B2=4): advanced {mean(col[0]):.2f}")
    print(f"  -> our A2 version {mean(col[1]):.2f} (drop {mean(col[0]) - mean(col[1]):.2f}); "
          f"human elementary {mean(col[2]):.2f} (drop {mean(col[0]) - mean(col[2]):.2f}); "
          f"ours at or below A2: {mean(col[3]):.0%}")
    print(f"  -> our B1 version {mean(col[4]):.2f} (drop {mean(col[0]) - mean(col[4]):.2f}); "
          f"human intermediate {mean(col[5]):.2f} (drop {mean(col[0]) - mean(col[5]):.2f}); "
          f"ours at or below B1: {mean(col[6]):.0%}")
    print(f"  human versions estimated at or below their level: elementary at A2 {mean(col[7]):.0%}, "
          f"intermediate at B1 {mean(col[8]):.0%}")
    print(f"  words: advanced {mean(col[9]):.0f}, our A2 {mean(col[10]):.0f}, human elementary "
          f"{mean(col[11]):.0f}")
    print(f"  kept in our A2 version (outside dropped sentences): numbers "
          f"{kept_numbers / max(total_numbers, 1):.1%} of {total_numbers}, names "
          f"{kept_names / max(total_names, 1):.1%} of {total_names}, negations "
          f"{kept_neg / max(total_neg, 1):.1%} of {total_neg}")


def sari_pairs(root: Path, limit: int | None, half: str = "all") -> None:
    chosen = half_topics(root, half)
    pairs = [p for p in load_pairs(root) if half == "all" or p["topic"] in chosen]
    pairs = pairs[:limit * 6 if limit else None]
    print(f"SARI: {root / 'onestopenglish' / 'adv_ele_pairs.jsonl'}: {len(pairs)} aligned "
          "sentence pairs (advanced -> human elementary), one reference each")
    sources = [p["src"] for p in pairs]
    refs = [[p["ref"]] for p in pairs]
    refused: list[str] = []

    def ours(src: str, level: str) -> str:
        try:
            return adapt(src, level, shorten=False).text
        except TextInputError:  # e.g. too short to be recognised as English: keep it
            refused.append(src)
            return src

    ours_a2 = [ours(s, "A2") for s in sources]
    ours_b1 = [ours(s, "B1") for s in sources]
    print(f"  copy the input  SARI {corpus_sari(sources, sources, refs):.1f}")
    print(f"  ours, to A2     SARI {corpus_sari(sources, ours_a2, refs):.1f}")
    print(f"  ours, to B1     SARI {corpus_sari(sources, ours_b1, refs):.1f}")
    changed = sum(a != s for a, s in zip(ours_a2, sources))
    print(f"  sentences changed by ours (A2): {changed}/{len(sources)}; refused as input and "
          f"copied: {len(set(refused))}")


def speed(root: Path) -> None:
    """Adapt an ~800-word advanced article (OneStopEnglish if present, else the lesson)."""
    from toolkit.language.text import split_title

    text = split_title((ROOT / "lessons" / "articles" / "hidden-remote-workers.txt").read_text())[1]
    source, other = "lesson article", None
    if (root / "onestopenglish").is_dir():
        advanced = sorted((t for t in load_onestop(root) if t.level == 2),
                          key=lambda t: abs(len(t.text.split()) - 800))
        text, source = advanced[0].text, f"OneStopEnglish advanced '{advanced[0].topic}'"
        other = advanced[1]
    n_words = len(text.split())
    for level in ("A2", "B1", "B2"):  # warm up: language data, WordNet, caches
        adapt(text, level)
    profile_text(text)
    t0 = time.perf_counter()
    for _ in range(3):
        profile_text(text)
    t_profile = (time.perf_counter() - t0) / 3
    t0 = time.perf_counter()
    for _ in range(3):
        for level in ("A2", "B1", "B2"):
            adapt(text, level)
    t_adapt = (time.perf_counter() - t0) / 3
    print(f"Speed ({n_words}-word {source}, warm, mean of 3): profile alone {t_profile:.2f} s; "
          f"adapt to A2+B1+B2 {t_adapt:.2f} s (budget 3 s)")
    if other is not None:  # a warm process meeting a new article (its words not yet cached)
        t0 = time.perf_counter()
        profile_text(other.text)
        t_profile_new = time.perf_counter() - t0
        t0 = time.perf_counter()
        for level in ("A2", "B1", "B2"):
            adapt(other.text, level)
        print(f"  new article in a warm process ({len(other.text.split())} words, "
              f"'{other.topic}'): profile {t_profile_new:.2f} s; adapt to A2+B1+B2 "
              f"{time.perf_counter() - t0:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--half", choices=("all", "even", "odd"), default="all",
                        help="even = tuning half of the articles, odd = held-out half")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed part")
    args = parser.parse_args(argv)
    root = args.data or shared_data_dir()
    t0 = time.time()
    if not args.no_speed:
        speed(root)
    if not (root / "onestopenglish").is_dir():
        print(f"SKIPPED quality: OneStopEnglish not found in {root}")
        return 0
    print(f"articles: {args.half}")
    level_drop(root, args.limit, args.half)
    sari_pairs(root, args.limit, args.half)
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
