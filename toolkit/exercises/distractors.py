"""Ranking distractors for a gap: related, same form, similar frequency, never correct.

Candidates are the key's WordNet "sisters" (other hyponyms of its hypernyms) and
"cousins" (one level further up), for the senses the sentence suggests. Sisters are
related enough to be plausible, and are not synonyms, so usually wrong in the gap.
Each candidate is put in the key's inflection (lemminflect) and scored by relation,
sense weight and frequency closeness. Forms, synonyms, broader and narrower words of the
key are removed (`lexicon.too_close`).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.exercises import lexicon as lx

STOP = frozenset("""a an the of to in on at for with by from and or but is are was were be been
being it its this that these those as not no he she they we you i his her their our your my
""".split())


@dataclass(frozen=True)
class Candidate:
    word: str  # in the key's inflection
    lemma: str
    score: float
    relation: str


def context_words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", sentence.lower()) if w not in STOP}


# Weight of a relative by how far up the shared ancestor is: sisters share the parent,
# cousins the grandparent, second cousins the great-grandparent. Chosen on a DGen dev
# sample (see benchmarks/exercises_eval.py), not on the reported items.
RELATION_WEIGHT = {1: 1.0, 2: 0.6, 3: 0.3}
MAX_FAMILY = 400
FREQ_SCALE = 1.5  # Zipf difference at which a candidate's score falls to 1/e
COMMON_BONUS = 0.3  # extra weight per Zipf point: familiar words make better distractors  # synsets listed under one ancestor: keeps very general ones ("entity") out


def _family(ancestor: object, depth: int) -> list[object]:
    """Hyponyms of `ancestor` down to `depth` levels (bounded)."""
    out, frontier = [], [ancestor]
    for _ in range(depth):
        nxt = []
        for s in frontier:
            nxt += s.hyponyms() + s.instance_hyponyms()  # type: ignore[attr-defined]
        out += nxt
        frontier = nxt
        if len(out) > MAX_FAMILY:
            return []
    return out


def _related(sense: object, levels: int = 1) -> list[tuple[str, float, str]]:
    """(lemma, weight, relation) for the relatives whose closest shared ancestor is
    `levels` up, plus antonyms at level 1."""
    out: list[tuple[str, float, str]] = []
    ancestors = [sense]
    for _ in range(levels):
        ancestors = [h for a in ancestors for h in a.hypernyms() + a.instance_hypernyms()]  # type: ignore[attr-defined]
    name = {1: "sister", 2: "cousin", 3: "second cousin"}[levels]
    for anc in ancestors:
        for rel in _family(anc, levels):
            if rel != sense:
                out += [(n, RELATION_WEIGHT[levels], name) for n in rel.lemma_names()]
    if levels > 1:
        return out
    for lm in sense.lemmas():  # type: ignore[attr-defined]
        for ant in lm.antonyms():  # opposite meaning: wrong in the gap, still related
            out.append((ant.name(), 0.8, "antonym"))
    for sim in sense.similar_tos():  # type: ignore[attr-defined]
        for lm in sim.lemmas():
            for ant in lm.antonyms():
                out.append((ant.name(), 0.6, "antonym"))
    return out


def rank(answer: str, tag: str, sentence: str = "", n: int = 10,
         senses: int = 3) -> list[Candidate]:
    """Up to `n` distractors for `answer` (Penn `tag`) in `sentence`, best first."""
    pos = lx.upos(tag)
    if pos == "OTHER" or not lx.is_plain_word(answer.lower()):
        return []
    key = answer.lower()
    from toolkit.language.analysis import lemma_of

    lemma = lemma_of(key, tag)
    ctx = context_words(sentence)
    ranked_senses = lx.sense_rank(lemma, pos, ctx)[:senses]
    key_zipf = lx.zipf(key)
    pool: dict[str, Candidate] = {}
    for levels in RELATION_WEIGHT:
        for rank_i, sense in enumerate(ranked_senses):
            _add(pool, _related(sense, levels), 1.0 / (1 + rank_i), tag, ctx, key_zipf)
    out = []
    for c in sorted(pool.values(), key=lambda c: (-c.score, c.word)):
        if lx.too_close(c.word, key, pos) is None:
            out.append(c)
            if len(out) >= n:
                break
    return out


def _add(pool: dict[str, Candidate], related: list[tuple[str, float, str]], sense_w: float,
         tag: str, ctx: set[str], key_zipf: float) -> None:
    """Score related lemmas in the key's inflection into `pool` (best score per form)."""
    for name, rel_w, rel in related:
        cand = name.lower()
        if not lx.is_plain_word(cand) or name[:1].isupper() or len(cand) < 3 \
                or not re.search("[aeiouy]", cand):
            continue
        form = lx.inflect(cand, tag)
        if not form or not lx.is_plain_word(form) or form in ctx:
            continue
        z = lx.zipf(form)
        if z < 2.0:
            continue
        score = rel_w * sense_w * math.exp(-abs(z - key_zipf) / FREQ_SCALE) \
            * (1 + COMMON_BONUS * max(z - 3.0, 0.0))
        prev = pool.get(form)
        if prev is None or prev.score < score:
            pool[form] = Candidate(form, cand, score, rel)


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[tuple[str, float]]]:
    """Common words by coarse POS (a word's WordNet POS list), with their Zipf frequency."""
    from wordfreq import top_n_list

    wn = lx.wordnet()
    by_pos: dict[str, list[tuple[str, float]]] = {p: [] for p in lx.WN_POS}
    for w in top_n_list("en", 25000):
        if not lx.is_plain_word(w) or w in STOP or len(w) < 3:
            continue
        for pos, p in lx.WN_POS.items():
            if wn.synsets(w, pos=p) and w in {n.lower() for s in wn.synsets(w, pos=p)[:1] for n in s.lemma_names()}:
                by_pos[pos].append((w, lx.zipf(w)))
    return by_pos


def random_baseline(answer: str, tag: str, rng: random.Random, n: int = 10,
                    window: float = 0.5) -> list[str]:
    """The comparison: random words of the key's POS and inflection within +-`window` Zipf."""
    pos = lx.upos(tag)
    if pos == "OTHER":
        return []
    key_z = lx.zipf(answer)
    pool = [w for w, z in _vocabulary()[pos] if abs(z - key_z) <= window]
    rng.shuffle(pool)
    out: list[str] = []
    for w in pool:
        form = lx.inflect(w, tag)
        if form and form != answer.lower() and form not in out and lx.too_close(form, answer, pos) is None:
            out.append(form)
            if len(out) >= n:
                break
    return out
