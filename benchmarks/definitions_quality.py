"""Learner definitions: are the words that explain a word no harder than B1?

    python benchmarks/definitions_quality.py [--examples N]

For every card of a word at or below B1 (by the CEFR-J lists cefrpy holds), the share
whose first definition uses no word above B1 (the headword, names, numbers and grammar
words aside; `toolkit.language.definitions.hard_words`), in the same run for
1. WordNet's raw gloss of the card's sense (before),
2. the gloss's first clause (the definition cards showed until now),
3. the learner definition (`toolkit.language.definitions.learner_definition`, after),
on the three committed lesson packs (the simplifier was written looking at these) and on
text it was not tuned on: 8 OneStopEnglish elementary articles from ../shared/data (each
word's sense is the overlap ranker's first; the encoder is left out for speed: the sense
does not change what this measures, only which gloss is simplified).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PACKS = sorted((ROOT / "lessons").glob("*.lesson.json"))


def shared_root() -> Path:
    """$VOCABSPHERE_SHARED_DATA, else ../shared/data beside the repository."""
    import os

    return Path(os.environ.get("VOCABSPHERE_SHARED_DATA") or ROOT.parent / "shared" / "data")


HELD_OUT = 8  # OneStopEnglish elementary texts, the first by file name


def pack_items() -> dict[str, list[tuple[str, str, str]]]:
    """(headword, synset, raw gloss) of each eligible card, by pack name."""
    from toolkit.model.pack import load_pack

    out = {}
    for path in PACKS:
        pack = load_pack(path)
        out[path.name.split(".")[0]] = [(c.headword, c.senses[0].synset, c.senses[0].definition)
                                        for c in pack.cards.values() if c.kind == "word" and c.senses]
    return out


def held_out_items(limit: int = HELD_OUT) -> tuple[list[tuple[str, str, str]], list[str]]:
    from toolkit.language.analysis import analyze
    from toolkit.language.senses import rank

    from toolkit.language.research.corpora import load_onestop

    texts = sorted((t for t in load_onestop(shared_root()) if t.level == 0),
                   key=lambda t: t.topic)[:limit]
    seen: set[tuple[str, str]] = set()
    items = []
    for text in texts:
        for sent in analyze(text.text):
            toks = sent.tokens
            for i, t in enumerate(toks):
                if not t.is_word or t.is_name:
                    continue
                ctx = [x.lemma for k, x in enumerate(toks) if k != i and x.is_word]
                ranked = rank(t.lemma, t.pos, ctx)
                if not ranked:
                    continue
                key = (t.lemma.lower(), ranked[0].synset.name())
                if key in seen:
                    continue
                seen.add(key)
                items.append((t.lemma.lower(), key[1], ranked[0].synset.definition()))
    return items, [t.topic for t in texts]


def report(name: str, items: list[tuple[str, str, str]], examples: int, rng: random.Random) -> None:
    from toolkit.language.data import wordnet
    from toolkit.language.definitions import eligible, explain, hard_words
    from toolkit.language.wordcard import short_definition

    wn = wordnet()
    rows = [(h, s, g) for h, s, g in items if eligible(h)]
    raw = clause = ours = 0
    hows: dict[str, int] = {}
    t = time.perf_counter()
    shown = []
    for head, syn, gloss in rows:
        raw += not hard_words(gloss, 3, head)
        clause += not hard_words(short_definition(gloss), 3, head)
        c = explain(wn.synset(syn), head)
        ours += not c.hard
        hows[c.how] = hows.get(c.how, 0) + 1
        shown.append((head, gloss, c.text, c.hard))
    dt = time.perf_counter() - t
    n = len(rows) or 1
    print(f"  {name:<28}{len(rows):>6}  {raw / n:>9.1%}  {clause / n:>12.1%}  {ours / n:>9.1%}"
          f"   ({dt:.1f} s; {', '.join(f'{k} {v}' for k, v in sorted(hows.items()))})")
    for head, gloss, text, hard in rng.sample(shown, min(examples, len(shown))):
        print(f"      {head}: {gloss}\n        -> {text}" + (f"  [still hard: {', '.join(hard)}]"
                                                          if hard else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=0, help="print N random examples per set")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("Cards of words at or below B1 whose first definition has no word above B1")
    print(f"  {'cards from':<28}{'cards':>6}  {'raw gloss':>9}  {'first clause':>12}  "
          f"{'learner':>9}")
    everything = []
    for name, items in pack_items().items():
        report(name, items, args.examples, rng)
        everything += items
    if (shared_root() / "onestopenglish").is_dir():
        items, files = held_out_items()
        report(f"held out: OSE ele ({len(files)} texts)", items, args.examples, rng)
    else:
        print(f"  held-out set skipped: {shared_root() / 'onestopenglish'} is absent")
    print("  goal (issue 14): learner >= 90%")


if __name__ == "__main__":
    main()
