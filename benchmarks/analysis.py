"""The analysis on a treebank and in a lesson build: spaCy pipeline beside the old nltk tagger.

    .venv/bin/python benchmarks/analysis.py [--limit N] [--no-build]

1. UD English Web Treebank, dev split (../shared/data/ud-english-ewt), gold tokens given to
   both analysers (multiword-token lines and empty nodes skipped):
   - Penn tag accuracy (gold XPOS), UPOS accuracy, lemma accuracy (case-insensitive: the
     toolkit lower-cases lemmas except names), over all tokens;
   - UAS / LAS over tokens whose gold UPOS is not PUNCT. spaCy's parser uses the ClearNLP
     scheme (prepositions head their objects, the copula heads its predicate, coordination
     chains), so its trees are converted to UD's conventions first (`to_ud` below) and labels
     mapped to UD relations; LAS compares the UD base relation (before ":"). The raw,
     unconverted head agreement is printed too;
   - tokens per second of wall time and of CPU time (the whole dev split in one batch, entity
     recogniser on, as in analyze; the machine is shared, so CPU time is the steadier number).
   The old analyser: nltk's averaged perceptron on the same tokens (curly quotes straightened,
   as the old analyze did), UPOS by the Penn->UPOS mapping, lemmas by the old `lemma_of`.
2. Building the lesson pack of the 782-word lesson article at three levels (A2, B1, B2), old
   analysis vs new, each in a fresh interpreter: cold (interpreter start, imports, tools
   loading, first build) and warm (a second build in the same process, of the article with one
   sentence added so no whole-text result is reused); wall and CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EWT = ROOT.parent / "shared" / "data" / "ud-english-ewt" / "en_ewt-ud-dev.conllu"
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"

# ClearNLP label -> UD relation, after the structural conversion in to_ud.
_UD_LABEL = {
    "nsubjpass": "nsubj", "csubjpass": "csubj", "dobj": "obj", "dative": "iobj",
    "attr": "nsubj", "acomp": "xcomp", "oprd": "xcomp", "relcl": "acl", "quantmod": "advmod",
    "npadvmod": "obl", "predet": "det", "poss": "nmod", "prt": "compound", "auxpass": "aux",
    "neg": "advmod", "preconj": "cc", "intj": "discourse", "meta": "parataxis", "ROOT": "root",
    "prep": "case", "pobj": "obl", "pcomp": "advcl", "agent": "case",
}
_VERBAL = {"VERB", "AUX", "ADJ", "ADV"}


def read_conllu(path: Path, limit: int | None = None) -> list[list[list[str]]]:
    sents: list[list[list[str]]] = []
    cur: list[list[str]] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
                if limit and len(sents) >= limit:
                    break
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(cols)
    if cur and not (limit and len(sents) >= limit):
        sents.append(cur)
    return sents


def to_ud(tokens: list[Any]) -> tuple[list[int], list[str]]:
    """Heads (1-based, 0 root) and UD relations from a ClearNLP-style tree.

    Prepositions become `case` (or `mark`) of their object, which takes their place; the
    copula "be" with an attr/acomp (or a single prepositional predicate) becomes `cop` of
    its predicate, which takes its dependents; chained conjuncts attach to the first one, and
    a coordinator to the conjunct after it.
    """
    n = len(tokens)
    head = [0] + [t.head for t in tokens]
    dep = [""] + [t.dep for t in tokens]
    upos = [""] + [t.upos for t in tokens]
    lemma = [""] + [t.lemma.lower() for t in tokens]

    def children(i: int) -> list[int]:
        return [j for j in range(1, n + 1) if head[j] == i]

    def promote(old: int, new: int, new_dep: str, old_dep: str) -> None:
        """`new` takes `old`'s place in the tree; `old` and its other dependents hang on it."""
        for j in children(old):
            if j != new:
                head[j] = new
        head[new], dep[new] = head[old], new_dep
        head[old], dep[old] = new, old_dep

    for p in range(1, n + 1):  # prepositional phrases
        if dep[p] in {"prep", "agent", "dative"} and upos[p] == "ADP":
            objs = [c for c in children(p) if dep[c] in {"pobj", "pcomp"}]
            if objs:
                c = objs[0]
                verbal = upos[head[p]] in _VERBAL if head[p] else True
                if dep[c] == "pobj":
                    promote(p, c, "obl" if verbal else "nmod", "case")
                else:
                    promote(p, c, "advcl" if verbal else "acl", "mark")
    for v in range(1, n + 1):  # copulas
        if lemma[v] != "be" or dep[v] in {"aux", "auxpass"}:
            continue
        kids = children(v)
        if any(dep[c] == "expl" for c in kids):
            continue
        preds = [c for c in kids if dep[c] in {"attr", "acomp"}]
        if not preds:
            obl = [c for c in kids if dep[c] == "obl"]
            preds = obl if len(obl) == 1 and not any(
                dep[c] in {"dobj", "ccomp", "xcomp"} for c in kids) else []
        if preds:
            promote(v, preds[0], "root" if dep[v] == "ROOT" else dep[v], "cop")
    for c in range(1, n + 1):  # conjunct chains -> first conjunct
        h = head[c]
        while dep[c] == "conj" and h and dep[h] == "conj" and head[h]:
            head[c] = h = head[h]
    for c in range(1, n + 1):  # coordinators attach to the next conjunct
        if dep[c] in {"cc", "preconj"} and head[c]:
            conjs = [j for j in children(head[c]) if dep[j] == "conj" and j > c]
            if conjs:
                head[c] = min(conjs)
    labels = [_UD_LABEL.get(d, d) for d in dep[1:]]
    return head[1:], labels


def treebank(limit: int | None) -> list[dict[str, Any]]:
    from toolkit.language import analysis, parser

    sents = read_conllu(EWT, limit)
    words = [[c[1] for c in s] for s in sents]
    n_tok = sum(len(w) for w in words)
    rows = []

    analysis.data.use()
    parser.pipeline()  # loading is not part of the speed
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = parser.parse_token_lists(words)
    new_s, new_cpu = time.perf_counter() - t0, time.process_time() - c0
    score = {"tag": 0, "upos": 0, "lemma": 0, "lemma_raw": 0, "uas": 0, "las": 0, "raw_uas": 0,
             "scored": 0}
    for gold, (ps,) in zip(sents, parsed):
        toks = ps.tokens
        assert [t.text for t in toks] == [c[1] for c in gold]
        heads, labels = to_ud(toks)
        for g, t, h, lab in zip(gold, toks, heads, labels):
            score["tag"] += t.tag == g[4]
            score["upos"] += t.upos == g[3]
            score["lemma"] += analysis._lemma(t).lower() == g[2].lower()
            score["lemma_raw"] += t.lemma.lower() == g[2].lower()
            if g[3] != "PUNCT":
                score["scored"] += 1
                score["raw_uas"] += t.head == int(g[6])
                score["uas"] += h == int(g[6])
                score["las"] += h == int(g[6]) and lab == g[7].split(":")[0]
    rows.append({"analyser": "spaCy en_core_web_sm 3.8.0 (new)", "tokens": n_tok,
                 "penn": score["tag"] / n_tok, "upos": score["upos"] / n_tok,
                 "lemma": score["lemma"] / n_tok, "lemma_raw": score["lemma_raw"] / n_tok,
                 "uas": score["uas"] / score["scored"], "las": score["las"] / score["scored"],
                 "raw_uas": score["raw_uas"] / score["scored"], "tokens_per_s": n_tok / new_s,
                 "tokens_per_cpu_s": n_tok / new_cpu})

    _, _, tagger = analysis._tools()
    t0, c0 = time.perf_counter(), time.process_time()
    tagged = [tagger.tag([analysis._QUOTES.get(w, w) for w in ws]) for ws in words]
    lemmas = [[analysis.lemma_of(w, tag) for w, (_, tag) in zip(ws, tags)]
              for ws, tags in zip(words, tagged)]
    old_s, old_cpu = time.perf_counter() - t0, time.process_time() - c0
    tag = upos = lem = 0
    for gold, tags, lems in zip(sents, tagged, lemmas):
        for g, (_, tg), lm in zip(gold, tags, lems):
            tag += tg == g[4]
            upos += analysis.penn_to_upos(tg, lm) == g[3]
            lem += lm.lower() == g[2].lower()
    rows.append({"analyser": "nltk averaged perceptron + lemminflect (old)", "tokens": n_tok,
                 "penn": tag / n_tok, "upos": upos / n_tok, "lemma": lem / n_tok,
                 "lemma_raw": None, "uas": None, "las": None, "raw_uas": None,
                 "tokens_per_s": n_tok / old_s, "tokens_per_cpu_s": n_tok / old_cpu})
    return rows


BUILD = r'''
import json, sys, time
t0 = time.perf_counter()
from toolkit.language.text import split_title
from toolkit.lesson.build import build_pack
title, body = split_title(open(sys.argv[1], encoding="utf-8").read())
build_pack(body, title, "bench", levels=["A2", "B1", "B2"])
cold, cold_cpu = time.perf_counter() - t0, time.process_time()
t1, c1 = time.perf_counter(), time.process_time()
build_pack(body + "\n\nThe class read this article together.", title, "bench",
           levels=["A2", "B1", "B2"])
print(json.dumps({"cold": cold, "warm": time.perf_counter() - t1, "cold_cpu": cold_cpu,
                  "warm_cpu": time.process_time() - c1}))
'''


def build_times(engine: str) -> dict[str, float]:
    env = {**os.environ, "VOCABSPHERE_ANALYZER": engine}
    r = subprocess.run([sys.executable, "-c", BUILD, str(ARTICLE)], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=1800)
    if r.returncode:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N treebank sentences")
    ap.add_argument("--no-build", action="store_true", help="skip the lesson build timing")
    ap.add_argument("--no-treebank", action="store_true", help="only the lesson build timing")
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.no_treebank:
        pass
    elif EWT.is_file():
        rows = treebank(args.limit)
        print(f"\nUD English EWT dev ({EWT}), {rows[0]['tokens']:,} gold tokens")
        print(f"{'analyser':<46} {'Penn':>6} {'UPOS':>6} {'lemma':>6} {'UAS':>6} {'LAS':>6} "
              f"{'raw UAS':>8} {'tokens/s':>9} {'per CPU-s':>9}")
        for r in rows:
            print(f"{r['analyser']:<46} {_pct(r['penn']):>6} {_pct(r['upos']):>6} "
                  f"{_pct(r['lemma']):>6} {_pct(r['uas']):>6} {_pct(r['las']):>6} "
                  f"{_pct(r['raw_uas']):>8} {r['tokens_per_s']:>9,.0f} {r['tokens_per_cpu_s']:>9,.0f}")
        print(f"(spaCy's own lemma, before the toolkit's fixes: {_pct(rows[0]['lemma_raw'])}; "
              "goals: Penn >= 92%, lemma >= 96%, UAS >= 80%)")
    else:
        print(f"skipped the treebank: {EWT} is absent")
    if not args.no_build:
        print(f"\nlesson pack of {ARTICLE.name} at A2, B1, B2 (fresh interpreter each)")
        for engine, label in (("nltk", "old (nltk)"), ("spacy", "new (spaCy)")):
            t = build_times(engine)
            print(f"  {label:<12} cold {t['cold']:6.1f} s   warm {t['warm']:6.1f} s   "
                  f"(CPU: cold {t['cold_cpu']:5.1f} s, warm {t['warm_cpu']:5.1f} s)")
        print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
