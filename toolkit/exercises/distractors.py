"""Ranking distractors for a gap: related, same kind, similar frequency, never correct.

Candidates, for the senses the sentence suggests: the key's WordNet relatives ("sisters",
other hyponyms of its hypernyms; "cousins", one level further up; second cousins when those
run short; antonyms), its "peers" (common words whose main sense is in the same
lexicographer file, e.g. noun.process) and its gloss neighbours (words of the WordNet glosses
that name the key). Peers and neighbours are weighted by Wu-Palmer closeness to the key's
sense. Each candidate is put in the key's inflection (lemminflect) and scored by relation,
sense weight, frequency closeness and familiarity, with bonuses for sharing rare gloss words
with the sentence and the key's gloss, for being a gloss neighbour, for the key's suffix,
and a penalty when the relation goes through a minor sense of the word. Forms, synonyms,
broader and narrower words of the key are removed (`lexicon.too_close`), and so are words
WordNet marks as obscene, slurs or disparaging (`lexicon.offensive`).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit.errors import UserInputError
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
# cousins the grandparent, second cousins the great-grandparent. All weights here were
# checked on the DGen dev half only (even file positions; benchmarks/exercises_eval.py
# --dgen-half), most left at round values since changes moved scores under a point.
RELATION_WEIGHT = {1: 1.0, 2: 0.6, 3: 0.3}
MAX_FAMILY = 400  # synsets listed under one ancestor: keeps very general ones ("entity") out
# Verb sisters are often near-synonyms that also fit the gap (spot: notice, discover;
# fire: expel), so verbs start from cousins; noun sisters are distinct things.
SISTERS_TOO_CLOSE = frozenset({"VERB"})
# Weight of the 2nd, 3rd sense's relatives relative to the sense the sentence suggests most.
SENSE_DECAY = 0.5
FREQ_SCALE = 1.5  # Zipf difference at which a candidate's score falls to 1/e
COMMON_BONUS = 0.3  # extra weight per Zipf point: familiar words make better distractors
# Peers: common words whose main sense is in the key sense's lexicographer file
# (noun.process, noun.substance, verb.motion ...). Many human distractors are such
# same-kind words without a close WordNet ancestor (friction for gravity).
PEER_WEIGHT = 0.2
WUP_POWER = 3.0  # peers weighted by (Wu-Palmer similarity to the key's sense) ** this
PEER_POS = frozenset({"NOUN", "VERB"})  # adjective files (adj.all) say nothing of kind
PEER_VOCAB = 50_000  # wordfreq's most common words searched for peers (Zipf >= ~2.5)
TOPIC_BONUS = 0.5  # per word stem a candidate's gloss shares with the key's gloss + sentence
TOPIC_ZIPF = 6.0  # a shared word counts (TOPIC_ZIPF - its Zipf) / 2: common words little
MAX_TOPIC = 3  # overlap counted at most this far: long glosses should not win by length
SUFFIX_BONUS = 0.5  # same ending as the key (-tion, -sis, -ase, -ism): same kind of term
STEM = 5  # letters compared when matching gloss words (attraction ~ attract)
# Words that share WordNet glosses with the key (the glosses naming a process also name the
# processes it is contrasted with): 5x likelier among human distractors on the dev half than
# other candidates.
GLOSS_NEIGHBOUR_BONUS = 2.0
NEIGHBOUR_WEIGHT = 0.3  # gloss neighbours as candidates (x Wu-Palmer ** WUP_POWER)
MAX_GLOSSES = 1500  # a key named in more glosses (water, make) is too general to say much
# A relative reached through a minor sense of a word (front: weather front; pocket: air
# pocket) reads as unrelated to a student: full weight only when it is the word's main sense.
MINOR_SENSE = 0.4


def _family(ancestor: Any, depth: int) -> list[Any]:
    """Hyponyms of `ancestor` down to `depth` levels (bounded)."""
    out, frontier = [], [ancestor]
    for _ in range(depth):
        nxt = []
        for s in frontier:
            nxt += s.hyponyms() + s.instance_hyponyms()
        out += nxt
        frontier = nxt
        if len(out) > MAX_FAMILY:
            return []
    return out


Related = tuple[str, float, str, object]  # lemma, relation weight, relation, its synset


def _related(sense: Any, levels: int = 1) -> list[Related]:
    """The relatives whose closest shared ancestor is `levels` up, plus antonyms at level 1."""
    out: list[Related] = []
    ancestors = [sense]
    for _ in range(levels):
        ancestors = [h for a in ancestors
                     for h in a.hypernyms() + a.instance_hypernyms()]
    name = {1: "sister", 2: "cousin", 3: "second cousin"}[levels]
    for anc in ancestors:
        for rel in _family(anc, levels):
            if rel != sense:
                out += [(n, RELATION_WEIGHT[levels], name, rel) for n in rel.lemma_names()]
    if levels > 1:
        return out
    for lm in sense.lemmas():
        for ant in lm.antonyms():  # opposite meaning: wrong in the gap, still related
            out.append((ant.name(), 0.8, "antonym", ant.synset()))
    for sim in sense.similar_tos():
        for lm in sim.lemmas():
            for ant in lm.antonyms():
                out.append((ant.name(), 0.6, "antonym", ant.synset()))
    return out


def _stems(text: str) -> frozenset[str]:
    """Content-word stems of a text: a crude but cheap topic signature."""
    return frozenset(w[:STEM] for w in re.findall(r"[a-z]+", text.lower())
                     if len(w) > 2 and w not in STOP)


def _topic(text: str) -> dict[str, float]:
    """Stems of a text weighted by rarity: sharing "vapor" says more than sharing "process"."""
    out: dict[str, float] = {}
    for w in re.findall(r"[a-z]+", text.lower()):
        if len(w) > 2 and w not in STOP:
            out[w[:STEM]] = max(out.get(w[:STEM], 0.0), max(TOPIC_ZIPF - lx.zipf(w), 0.0) / 2)
    return out


@lru_cache(maxsize=100_000)
def _gloss(sense: object) -> frozenset[str]:
    """Stems of a sense's definition and examples."""
    return _stems(sense.definition() + " " + " ".join(sense.examples()))  # type: ignore


@lru_cache(maxsize=1)
def _peer_table() -> dict[str, list[tuple[str, object]]]:
    """Common words by the lexicographer file of their first sense, as (word, that sense).
    Read straight from WordNet's index (no morphology) so that the table builds in ~1 s."""
    from wordfreq import top_n_list

    wn = lx.wordnet()
    index = wn._lemma_pos_offset_map  # lemma -> {pos: [offsets, most frequent first]}
    table: dict[str, list[tuple[str, object]]] = {}
    for w in top_n_list("en", PEER_VOCAB):
        entry = index.get(w)
        if not entry or len(w) < 3 or w in STOP or not lx.is_plain_word(w):
            continue
        for p in ("n", "v"):
            if p in entry:
                s = wn.synset_from_pos_and_offset(p, entry[p][0])
                if w in s.lemma_names():  # lower-case in WordNet: not a proper name
                    table.setdefault(s.lexname(), []).append((w, s))
    return table


@lru_cache(maxsize=100_000)
def _ancestors(sense: Any) -> dict[Any, int]:
    """A sense and all its hypernyms, with each one's depth below the root (longest path)."""
    out = {sense: sense.max_depth()}
    for h in sense.hypernyms() + sense.instance_hypernyms():
        out.update(_ancestors(h))
    return out


def _wup(a: Any, b: Any) -> float:
    """Wu-Palmer similarity from cached ancestor tables: 2 depth(shared) / (depth a + b)."""
    ta, tb = _ancestors(a), _ancestors(b)
    shared = max((d for s, d in ta.items() if s in tb), default=-1)
    return 2 * (shared + 1) / (ta[a] + tb[b] + 2)


def _peers(sense: Any) -> list[Related]:
    """Peers of the key's sense: words whose first sense is in the same lexicographer file,
    weighted by how close they are in the hierarchy (electricity for gravity: both physical
    phenomena)."""
    return [(w, PEER_WEIGHT * _wup(sense, s) ** WUP_POWER, "peer", s)
            for w, s in _peer_table().get(sense.lexname(), [])]


@lru_cache(maxsize=1)
def _gloss_index() -> tuple[list[frozenset[str]], dict[str, list[int]]]:
    """Every WordNet gloss (definition and examples) as a word set, and word -> glosses.
    Read from the data files directly: ~2 s once, against ~12 s through nltk's synsets."""
    wn = lx.wordnet()
    glosses: list[frozenset[str]] = []
    index: dict[str, list[int]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with wn.open(f"data.{pos}") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue  # the licence header
                words = frozenset(re.findall(r"[a-z]+", line.partition(" | ")[2].lower()))
                for w in words:
                    index.setdefault(w, []).append(len(glosses))
                glosses.append(words)
    return glosses, index


@lru_cache(maxsize=20_000)
def _gloss_neighbours(lemma: str) -> frozenset[str]:
    """Words of the glosses that name `lemma`: its everyday company in the dictionary."""
    glosses, index = _gloss_index()
    hits = index.get(lemma, [])
    if len(hits) > MAX_GLOSSES:
        return frozenset()
    return frozenset(w for i in hits for w in glosses[i]) - {lemma}


def _neighbours_as_candidates(sense: Any, lemma: str) -> list[Related]:
    """Gloss neighbours of the key's POS, by their main sense, weighted by its closeness to
    the key's sense (nouns, verbs; adjectives have no hierarchy and take a flat weight)."""
    wn = lx.wordnet()
    p = sense.pos()
    out: list[Related] = []
    for w in _gloss_neighbours(lemma):
        offsets = wn._lemma_pos_offset_map.get(w, {}).get("a" if p == "s" else p)
        if not offsets or len(w) < 3 or w in STOP:
            continue
        s = wn.synset_from_pos_and_offset("a" if p == "s" else p, offsets[0])
        close = _wup(sense, s) ** WUP_POWER if p in ("n", "v") else 0.5
        out.append((w, NEIGHBOUR_WEIGHT * close, "gloss neighbour", s))
    return out


def _main_sense(word: str, sense: object) -> bool:
    """Whether `sense` is the most frequent sense of `word` in its POS (WordNet's order)."""
    entry = lx.wordnet()._lemma_pos_offset_map.get(word, {})
    p = sense.pos()  # type: ignore[attr-defined]
    offsets = entry.get("n" if p == "n" else p) or entry.get("s" if p == "a" else "a") or []
    return bool(offsets) and offsets[0] == sense.offset()  # type: ignore[attr-defined]


def _suffix(a: str, b: str) -> bool:
    """Same 3-letter ending: terms of one kind often share a suffix (oxidation, conduction)."""
    return len(a) > 4 and len(b) > 4 and a[-3:] == b[-3:]


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
    if not ranked_senses:
        return []
    s0 = ranked_senses[0]
    topic = _topic(" ".join(ctx - {key, lemma}) + " " + s0.definition() + " "
                   + " ".join(s0.examples()))
    scorer = _Scorer(tag, ctx, lx.zipf(key), lemma, topic)
    pool: dict[str, Candidate] = {}
    for levels in RELATION_WEIGHT:
        if levels == 1 and pos in SISTERS_TOO_CLOSE:
            for rank_i, sense in enumerate(ranked_senses):
                scorer.add(pool, [r for r in _related(sense, 1) if r[2] == "antonym"],
                           SENSE_DECAY ** rank_i)
            continue
        if levels == 3 and len(pool) >= 2 * n:
            break  # second cousins are many and slow to list; only when closer ones run short
        for rank_i, sense in enumerate(ranked_senses):
            scorer.add(pool, _related(sense, levels), SENSE_DECAY ** rank_i)
    if pos in PEER_POS:
        scorer.add(pool, _peers(ranked_senses[0]), 1.0)
    scorer.add(pool, _neighbours_as_candidates(ranked_senses[0], lemma.lower()), 1.0)
    out = []
    for c in sorted(pool.values(), key=lambda c: (-c.score, c.word)):
        if lx.too_close(c.word, key, pos) is None and not lx.offensive(c.lemma):
            out.append(c)
            if len(out) >= n:
                break
    return out


@dataclass
class _Scorer:
    """Scores related lemmas, put in the key's inflection, into a pool (best per form)."""

    tag: str
    ctx: set[str]
    key_zipf: float
    key_lemma: str
    topic: dict[str, float]

    @property
    def neighbours(self) -> frozenset[str]:
        return _gloss_neighbours(self.key_lemma.lower())

    @property
    def proper(self) -> bool:
        return self.tag.startswith("NNP")

    def add(self, pool: dict[str, Candidate], related: list[Related], sense_w: float) -> None:
        for name, rel_w, rel, synset in related:
            cand = name.lower()
            if not lx.is_plain_word(cand) or len(cand) < 3 or not re.search("[aeiouy]", cand) \
                    or (name[:1].isupper() and not self.proper):
                continue  # names only for a name (June: March, Moon: Mars)
            form = name if self.proper else lx.inflect(cand, self.tag)
            if not form or not lx.is_plain_word(form.lower()) or form.lower() in self.ctx:
                continue
            if form != name and cand not in lx.lemmas_of(form):
                continue  # lemminflect cannot read its own form back (themed): a rare use
            z = lx.zipf(form)
            if z < 2.0:
                continue
            shared = min(sum(self.topic.get(g, 0.0) for g in _gloss(synset)), MAX_TOPIC)
            score = rel_w * sense_w * math.exp(-abs(z - self.key_zipf) / FREQ_SCALE) \
                * (1 + COMMON_BONUS * max(z - 3.0, 0.0)) * (1 + TOPIC_BONUS * shared) \
                * (1 + SUFFIX_BONUS * _suffix(cand, self.key_lemma)) \
                * (1.0 if _main_sense(cand, synset) else MINOR_SENSE) \
                * (1 + GLOSS_NEIGHBOUR_BONUS * (cand in self.neighbours))
            prev = pool.get(form.lower())  # one entry per word whatever its case (Sun, sun)
            if prev is None or prev.score < score:
                pool[form.lower()] = Candidate(form, cand, score, rel)


GAP_MARK = re.compile(r"\*\*blank\*\*|_{3,}")


def rank_in_gap(sentence: str, answer: str, n: int = 10) -> list[Candidate]:
    """Distractors for a gapped sentence ("... ___ ..." or "**blank**"): the answer's tag
    is read from the sentence with the answer put back."""
    from toolkit.language.analysis import analyze

    if not GAP_MARK.search(sentence):
        raise UserInputError("the sentence needs a gap: ___ or **blank**")
    if not answer.strip():
        raise UserInputError("give the answer that fills the gap")
    filled = GAP_MARK.sub(answer.strip(), sentence, count=1)
    tokens = [t for s in analyze(filled) for t in s.tokens]
    tag = next((t.pos for t in tokens if t.text.lower() == answer.strip().lower()), "NN")
    return rank(answer.strip(), tag, filled, n=n)


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[tuple[str, float]]]:
    """Common words by coarse POS (a word's WordNet POS list), with their Zipf frequency."""
    from wordfreq import top_n_list

    wn = lx.wordnet()
    by_pos: dict[str, list[tuple[str, float]]] = {p: [] for p in lx.UPOS_TO_WORDNET}
    for w in top_n_list("en", 25000):
        if not lx.is_plain_word(w) or w in STOP or len(w) < 3:
            continue
        for pos, p in lx.UPOS_TO_WORDNET.items():
            first = wn.synsets(w, pos=p)[:1]  # the word heads its first sense of this POS
            if first and w in {n.lower() for n in first[0].lemma_names()}:
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
        if form and form != answer.lower() and form not in out \
                and lx.too_close(form, answer, pos) is None:
            out.append(form)
            if len(out) >= n:
                break
    return out
