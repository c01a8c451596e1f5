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


def _related(sense: object) -> list[tuple[str, float, str]]:
    """(lemma, weight, relation) around one sense."""
    out: list[tuple[str, float, str]] = []
    hypers = sense.hypernyms() + sense.instance_hypernyms()  # type: ignore[attr-defined]
    for h in hypers:
        for sister in h.hyponyms() + h.instance_hyponyms():
            if sister != sense:
                out += [(n, 1.0, "sister") for n in sister.lemma_names()]
        for g in h.hypernyms():
            for aunt in g.hyponyms():
                if aunt == h:
                    continue
                for cousin in [aunt, *aunt.hyponyms()]:
                    out += [(n, 0.45, "cousin") for n in cousin.lemma_names()]
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
    for rank_i, sense in enumerate(ranked_senses):
        sense_w = 1.0 / (1 + rank_i)
        for name, rel_w, rel in _related(sense):
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
            score = rel_w * sense_w * math.exp(-abs(z - key_zipf) / 1.5)
            prev = pool.get(form)
            if prev is None or prev.score < score:
                pool[form] = Candidate(form, cand, score, rel)
    out = []
    for c in sorted(pool.values(), key=lambda c: (-c.score, c.word)):
        if lx.too_close(c.word, key, pos) is None:
            out.append(c)
            if len(out) >= n:
                break
    return out


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
