"""Learn which hard words human simplifiers replace, and with what, from the TUNE halves only.

    PYTHONPATH=. python benchmarks/learn_substitutions.py [--data ../shared/data] [--show]

Why: WordNet offers many synonyms for a word and our sense ranking picks among them; the
references of TurkCorpus, ASSET and OneStopEnglish show which ones people actually write
("purchased" -> "bought", "numerous" -> "many"). Each tune source sentence is aligned with
each of its references word by word (difflib); a one-word replacement of a content word is
counted under the source word's lemma and WordNet POS. An entry is kept when it is frequent
(`MIN_SENTENCES` source sentences' worth), common in the references (`MIN_SHARE` of the
source word's uses), meaning-safe by WordNet (the new word shares a synset with the old one
in that POS, names a direct hypernym of one of its senses or a similar adjective, or the
references agree on it strongly: `AGREED_*`) and simpler (more frequent by
wordfreq, and a lower or equal CEFR level). One-word deletions of -ly adverbs are counted the
same way. Only the tune halves are read (benchmarks/adapt_eval.py splits: OneStopEnglish
even-indexed topics, TurkCorpus and ASSET even-numbered lines); the held-out halves are never
seen. The table holds word pairs and counts only, no sentence of any corpus.

Writes toolkit/language/substitutions.json (used by toolkit/language/lexsub.py).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "toolkit" / "language" / "substitutions.json"
MIN_SENTENCES = 0.7  # summed over corpora, each source sentence's references weigh 1 in all
MIN_SHARE = 0.08  # of the source word's uses in tune sources, replaced by this word
MIN_DELETE_SHARE = 0.2
# A pair WordNet does not relate ("inhabitants" -> "people") is kept when the references agree
# on it this strongly; lexsub's encoder check still judges each use.
AGREED_SENTENCES, AGREED_SHARE = 2.0, 0.2
# Too general to stand for a word ("pose" -> "be"), whatever the references did.
GENERAL = frozenset("be have do take".split())
# Pairs read by hand and left out: right for the references' sentences, wrong for another
# common sense of the word ("a bank account" is no story, "suspended for two games" is not
# "hung", "the previous week" is not "the old week").
RISKY = frozenset("account>story application>use compose>write strike>find execute>kill "
                  "trial>test launch>begin design>make suffer>experience figure>number "
                  "close>end compose>create suspend>hang previous>old finding>study".split())
# Adverbs that carry meaning a reader needs even when references drop them: how exact a
# number is, how much of something, who says so.
MEANINGFUL = frozenset("roughly approximately nearly almost about mostly largely partly only "
                       "reportedly allegedly apparently never".split())
_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from benchmarks.adapt_eval import load_sets
    from lemminflect import getLemma
    from wordfreq import zipf_frequency

    from toolkit.language.analysis import analyze
    from toolkit.language.data import wordnet
    from toolkit.language.research.corpora import shared_data_dir
    from toolkit.language.research.sari import tokens
    from toolkit.language.substitute import _listed_level

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--show", action="store_true", help="print the table, do not write it")
    parser.add_argument("--skip", type=int, default=0,
                        help="leave out the first N tune sentences of each set (the ones "
                             "adapt_eval.py scores), to see how the table does on unseen ones")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-share", type=float, default=MIN_SHARE)
    parser.add_argument("--min-sentences", type=float, default=MIN_SENTENCES)
    args = parser.parse_args(argv)
    root = args.data or shared_data_dir()
    sets = load_sets(root)
    if not sets:
        print(f"SKIPPED: no simplification data in {root}")
        return 0
    wn = wordnet()
    occ: Counter[tuple[str, str]] = Counter()
    subs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    dels: Counter[tuple[str, str]] = Counter()
    for name, rows in sets.items():
        tune = [r for r in rows if r[2] == "tune"][args.skip:]
        for src, refs, _ in tune:
            words = [t for s in analyze(src) for t in s.tokens]
            low = [t.text.lower().replace("’", "'") for t in words]
            weight = 1.0 / len(refs)
            for t in words:
                pos = _POS.get(t.coarse)
                if pos and t.is_word and not t.is_name:
                    occ[(t.lemma.lower(), pos)] += 1
            for ref in refs:
                rt = tokens(ref)
                sm = difflib.SequenceMatcher(None, low, rt, autojunk=False)
                for op, a, b, c, d in sm.get_opcodes():
                    if b - a != 1:
                        continue
                    t = words[a]
                    pos = _POS.get(t.coarse)
                    if pos is None or t.is_name or not t.is_word:
                        continue
                    if op == "replace" and d - c == 1 and rt[c].isalpha():
                        lemmas = getLemma(rt[c], upos=t.coarse)
                        subs[(t.lemma.lower(), pos)][(lemmas[0] if lemmas else rt[c]).lower()] += weight
                    elif op == "delete" and pos == "r" and t.text.lower().endswith("ly"):
                        dels[(t.lemma.lower(), pos)] += weight
    replace: dict[str, list] = {}
    for (lemma, pos), found in sorted(subs.items()):
        for new, count in found.most_common(3):
            share = count / occ[(lemma, pos)] if occ[(lemma, pos)] else 0.0
            if count < args.min_sentences or share < args.min_share or new == lemma or new in GENERAL:
                continue
            if f"{lemma}>{new}" in RISKY or difflib.SequenceMatcher(None, new, lemma).ratio() >= 0.75:
                continue  # a sense the references never meant, or a spelling ("centre")
            if not _safe(wn, lemma, new, pos) and (count < AGREED_SENTENCES or share < AGREED_SHARE):
                continue
            if zipf_frequency(new, "en") <= zipf_frequency(lemma, "en"):
                continue
            old_level, new_level = _listed_level(lemma, pos), _listed_level(new, pos)
            if new_level is None or (old_level is not None and new_level > old_level):
                continue
            replace[f"{lemma}|{pos}"] = [new, round(count, 2), round(share, 3)]
            break
    delete = {f"{lemma}|{pos}": [round(c, 2), round(c / occ[(lemma, pos)], 3)]
              for (lemma, pos), c in sorted(dels.items())
              if c >= MIN_SENTENCES and occ[(lemma, pos)] and lemma not in MEANINGFUL and
              c / occ[(lemma, pos)] >= MIN_DELETE_SHARE}
    table = {"about": "learned from the tune halves of OneStopEnglish adv->ele, TurkCorpus tune "
                      "and ASSET valid by benchmarks/learn_substitutions.py; word pairs that are "
                      "WordNet synonyms or hypernyms, with (sentences' worth, share of uses)",
             "replace": replace, "delete": delete}
    if args.show:
        print(json.dumps(table, indent=0))
    else:
        args.out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {args.out}: {len(replace)} replacements, {len(delete)} deletions")
    return 0


def _safe(wn, lemma: str, new: str, pos: str) -> bool:
    """Is `new` a WordNet synonym of `lemma` in `pos`, or a direct hypernym of one of its senses?"""
    poses = (pos, "s") if pos == "a" else (pos,)
    for syn in wn.synsets(lemma):
        if syn.pos() not in poses:
            continue
        if new in {l.name().lower() for l in syn.lemmas()}:
            return True
        if pos == "a" and any(new in {l.name().lower() for l in h.lemmas()}
                              for h in syn.similar_tos()):
            return True
        if pos in ("n", "v") and any(new in {l.name().lower() for l in h.lemmas()}
                                     for h in syn.hypernyms()):
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
