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

import itertools
import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

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


def rank_wordnet(answer: str, tag: str, sentence: str = "", n: int = 10,
                 senses: int = 3, extras: bool = True) -> list[Candidate]:
    """The WordNet-only ranker (the previous `rank`): up to `n` distractors for `answer`
    (Penn `tag`) in `sentence`, best first. `rank` re-ranks its pool with the encoder.
    `extras=False` leaves out peers and gloss neighbours (their tables take seconds to
    read; the encoder's neighbours stand in for them)."""
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
    scorer = _Scorer(tag, ctx, lx.zipf(key), lemma, topic, extras)
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
    if pos in PEER_POS and extras:
        scorer.add(pool, _peers(ranked_senses[0]), 1.0)
    if extras:
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
    extras: bool = True

    @property
    def neighbours(self) -> frozenset[str]:
        return _gloss_neighbours(self.key_lemma.lower()) if self.extras else frozenset()

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


# ---- the encoder ranker ---------------------------------------------------------------------
# `rank` takes the WordNet pool above (wider than it shows) and the encoder's nearest common
# words to the key, scores each by closeness to the key (word vectors), fit to the sentence's
# topic, the WordNet score and frequency, and rejects those that fit the gap as well as the key
# (the filled sentence reads nearly the same) or are synonyms of its sense. Weights were set on
# the DGen dev half (even file positions) only; see benchmarks/dgen_distractors.py.

ENC_VOCAB = 40_000  # wordfreq's most common words that may be encoder candidates
ENC_NEIGHBOURS = 150  # nearest vocabulary words to the key taken into the pool
WN_POOL = 60  # WordNet candidates taken into the pool
W_KEY = 1.0  # weight of cos(candidate, key), word vectors
W_CONTEXT = 1.6  # weight of cos(candidate, gapped sentence)
W_WORDNET = 0.8  # weight of the WordNet score, as log(1 + score / best score)
W_FREQ = 0.2  # weight per Zipf point of distance from the key (a penalty)
W_COMMON = 0.2  # weight per Zipf point above 3 (familiar words)
# A candidate whose filled sentence is this close to the key's filled sentence fits the gap
# as well as the key: a second right answer, not a distractor. One-word synonym swaps read
# 0.96-0.995 (range/reach 0.975, inside/interior 0.995); on the DGen dev half rejecting at
# 0.97 cost 2 points of P@1 (people's distractors are close ones), at 0.99 0.3; on 60
# held-out items 0.98 cost 3.4. The classroom `mcq` generator rejects at 0.95.
FITS_AS_WELL = 0.99
WORDNET_EXTRAS = False  # peers and gloss neighbours in the WordNet pool (slow tables)
W_FILL = 0.0  # gap_fit as a score feature: 0 to 2 only lowered dev scores, so it only rejects
RECHECK = 5  # candidates beyond `n` whose filled sentence is encoded (the slow part)


@dataclass(frozen=True)
class _Vocab:
    words: tuple[str, ...]
    pos: dict[str, frozenset[str]]  # word -> WordNet POS letters it has
    vectors: Any  # (len(words), 384) float32


@lru_cache(maxsize=1)
def _enc_vocab() -> _Vocab:
    """Common plain words with a WordNet entry and their vectors, cached in the data folder
    as one .npy file (encoded once, ~1 min; then loaded in well under a second)."""
    import numpy as np
    from wordfreq import top_n_list

    from toolkit.language.encoder import default, model_dir

    wn = lx.wordnet()
    index = wn._lemma_pos_offset_map
    words, pos = [], {}
    for w in top_n_list("en", ENC_VOCAB):
        entry = index.get(w)
        if not entry or len(w) < 3 or w in STOP or not lx.is_plain_word(w):
            continue
        words.append(w)
        pos[w] = frozenset("a" if p == "s" else p for p in entry)
    enc = default()
    digest = f"{enc.model_hash[:12]}-{ENC_VOCAB}-{len(words)}"
    path = model_dir().parent / f"distractor-vocab-{digest}.npy"
    vectors = None
    if path.is_file():
        try:
            vectors = np.load(path)
        except (OSError, ValueError):
            vectors = None
    if vectors is None or vectors.shape != (len(words), enc.dim):
        vectors = enc.encode(words)
        try:
            tmp = path.with_suffix(".tmp.npy")
            np.save(tmp, vectors)
            tmp.replace(path)
        except OSError:
            pass  # a read-only data folder: keep it in memory only
    return _Vocab(tuple(words), pos, vectors)


def _word_vectors(texts: list[str]) -> list[Any]:
    """Vectors of words (from the vocabulary matrix when there) and other texts (encoded)."""
    from toolkit.language.encoder import encode

    vocab = _enc_vocab()
    row = _vocab_rows()
    todo = [t for t in dict.fromkeys(texts) if t not in row]
    fresh = dict(zip(todo, encode(todo))) if todo else {}
    return [vocab.vectors[row[t]] if t in row else fresh[t] for t in texts]


@lru_cache(maxsize=1)
def _vocab_rows() -> dict[str, int]:
    return {w: i for i, w in enumerate(_enc_vocab().words)}


def _wordnet_pos(tag: str) -> str:
    return {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}.get(lx.upos(tag), "")


def _encoder_neighbours(key_lemma: str, tag: str, k: int) -> list[tuple[str, float]]:
    """The `k` vocabulary words of the key's POS nearest the key lemma (word vectors)."""
    import numpy as np

    vocab = _enc_vocab()
    p = _wordnet_pos(tag)
    sims = vocab.vectors @ _word_vectors([key_lemma])[0]
    order = np.argsort(-sims)
    out: list[tuple[str, float]] = []
    for i in order[: 8 * k]:
        w = vocab.words[int(i)]
        if p in vocab.pos[w] and w != key_lemma:
            out.append((w, float(sims[i])))
            if len(out) >= k:
                break
    return out


@dataclass
class Pool:
    """Candidates for one gap with the features `rank` scores them by (one row each)."""

    candidates: list[Candidate]
    features: list[tuple[float, float, float, float, float]]  # key, context, wordnet, dz, common


def candidate_pool(answer: str, tag: str, sentence: str = "", senses: int = 3) -> Pool:
    """The WordNet ranker's top candidates and the encoder's nearest words to the key, with
    their features; `allowed` says which may be shown (checked lazily: it is the slow part)."""
    from toolkit.language import encoder
    from toolkit.language.analysis import lemma_of

    pos = lx.upos(tag)
    key = answer.lower()
    lemma = lemma_of(key, tag).lower()
    ctx = context_words(sentence)
    wn_pool = rank_wordnet(answer, tag, sentence, n=WN_POOL, senses=senses,
                           extras=WORDNET_EXTRAS)
    best_wn = max((c.score for c in wn_pool), default=1.0) or 1.0
    pool: dict[str, Candidate] = {c.word.lower(): c for c in wn_pool}
    wn_score = {c.word.lower(): c.score / best_wn for c in wn_pool}
    proper = tag.startswith("NNP")
    for w, _sim in _encoder_neighbours(lemma, tag, ENC_NEIGHBOURS):
        form = lx.inflect(w, tag) if not proper else w
        if not form or not lx.is_plain_word(form.lower()) or form.lower() in pool \
                or form.lower() in ctx or (form != w and w not in lx.lemmas_of(form)):
            continue
        if lx.zipf(form) < 2.0:
            continue
        pool[form.lower()] = Candidate(form, w, 0.0, "encoder neighbour")
    cands = list(pool.values())  # forms, synonyms, offensive words: dropped in `rank`, lazily
    if not cands:
        return Pool([], [])
    gapped = GAP_MARK.sub("___", sentence) if GAP_MARK.search(sentence) else \
        re.sub(rf"(?i)\b{re.escape(answer)}\b", "___", sentence, count=1)
    key_v, ctx_v, *cv = _word_vectors([lemma, gapped or lemma, *[c.lemma for c in cands]])
    key_z = lx.zipf(key)
    feats = []
    for c, v in zip(cands, cv):
        z = lx.zipf(c.word)
        feats.append((float(v @ key_v), float(v @ ctx_v),
                      math.log1p(wn_score.get(c.word.lower(), 0.0)), abs(z - key_z),
                      max(z - 3.0, 0.0)))
    return Pool(cands, feats)


WEIGHTS = (W_KEY, W_CONTEXT, W_WORDNET, -W_FREQ, W_COMMON)


def score_pool(pool: Pool, weights: tuple[float, ...] = WEIGHTS) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first."""
    scored = [(sum(w * f for w, f in zip(weights, feats)), c)
              for c, feats in zip(pool.candidates, pool.features)]
    scored.sort(key=lambda t: (-t[0], t[1].word))
    return scored


def rank(answer: str, tag: str, sentence: str = "", n: int = 10,
         senses: int = 3, fits_as_well: float = FITS_AS_WELL,
         need: int | None = None) -> list[Candidate]:
    """Up to `n` distractors for `answer` (Penn `tag`) in `sentence`, best first: related to
    the key and the sentence, same POS and inflection, similar frequency, never a second
    right answer. Falls back to the WordNet ranker when the encoder is not built.
    `need`: a caller that shows only the first `need` stops there (the list is then the
    first `need` of the `n` it would get, found with fewer gaps encoded)."""
    from toolkit.language import encoder

    if lx.upos(tag) == "OTHER" or not lx.is_plain_word(answer.lower()):
        return []
    if not encoder.available():
        return rank_wordnet(answer, tag, sentence, n, senses)
    if lx.zipf(answer) == 0 and not lx.wordnet().synsets(answer.lower()):
        return []  # not a word we know: its "neighbours" would be noise
    key, pos = answer.lower(), lx.upos(tag)
    lemma = lemma_of_key(answer, tag)
    pool = score_pool(candidate_pool(answer, tag, sentence, senses))
    broader = _broader(lemma, pos)

    def shown() -> Iterator[tuple[float, Candidate]]:
        """The first n + RECHECK allowed candidates, best first, less the broader words;
        read lazily, since `allowed` (WordNet lookups) is slow and few are needed."""
        k = 0
        for s, c in pool:
            if k >= n + RECHECK:
                return
            if allowed(c, key, lemma, pos):
                k += 1
                if c.lemma.lower() not in broader:
                    yield s, c

    if W_FILL:
        top = list(shown())
        fits = gap_fit(sentence, answer, [c for _, c in top])
        top = sorted(((s + W_FILL * f, c) for (s, c), f in zip(top, fits) if f < fits_as_well),
                     key=lambda t: (-t[0], t[1].word))
        return _first_spellings(answer, top, n)
    stop = n if need is None else min(n, need)
    return _first_spellings(answer, _fitting(sentence, answer, shown(), stop, fits_as_well),
                            stop)


def _fitting(sentence: str, answer: str, top: Iterator[tuple[float, Candidate]], n: int,
             fits_as_well: float) -> list[tuple[float, Candidate]]:
    """`top` (best first) without the candidates that fit the gap as well as the key, read
    only as far as `n` different spellings: the filled sentences are encoded a few at a time
    (the encoder is the slow part, and most of `top` is never shown). Same result as checking
    them all, since a vector does not depend on which texts share its call."""
    out: list[tuple[float, Candidate]] = []
    spellings = {lx.spelling_key(answer)}
    while len(spellings) <= n:
        part = list(itertools.islice(top, n + 2 - len(spellings)))
        if not part:
            break
        for (s, c), f in zip(part, gap_fit(sentence, answer, [c for _, c in part])):
            if f < fits_as_well:
                out.append((s, c))
                spellings.add(lx.spelling_key(c.word))
    return out


def _first_spellings(answer: str, top: list[tuple[float, Candidate]],
                     n: int) -> list[Candidate]:
    out, spellings = [], {lx.spelling_key(answer)}
    for s, c in top:
        if lx.spelling_key(c.word) not in spellings:
            spellings.add(lx.spelling_key(c.word))  # colour and color: one word, not two
            out.append(Candidate(c.word, c.lemma, round(s, 4), c.relation))
    return out[:n]


def allowed(c: Candidate, key: str, lemma: str, pos: str) -> bool:
    """No form, synonym, broader or narrower word of the key, and nothing offensive."""
    return (lx.too_close(c.word, key, pos) is None and not lx.offensive(c.lemma)
            and lx.too_close(c.lemma, lemma, pos) is None)


def lemma_of_key(answer: str, tag: str) -> str:
    from toolkit.language.analysis import lemma_of

    return lemma_of(answer.lower(), tag).lower()


@lru_cache(maxsize=20_000)
def _broader(lemma: str, pos: str) -> frozenset[str]:
    """Every word above any sense of the key, up to four levels (bus: vehicle, conveyance):
    a broader word is also right in the gap ("the vehicles are charged overnight")."""
    wn = lx.wordnet()
    out: set[str] = set()
    frontier = wn.synsets(lemma, pos=lx.UPOS_TO_WORDNET.get(pos))
    for _ in range(4):
        frontier = [h for s in frontier for h in s.hypernyms() + s.instance_hypernyms()]
        for h in frontier:
            out.update(n.lower() for n in h.lemma_names())
    return frozenset(out)


def gap_fit(sentence: str, answer: str, cands: list[Candidate]) -> list[float]:
    """For each candidate, the cosine of the sentence with it in the gap and the sentence
    with the key: plausible in the gap when high, a second right answer when very high."""
    from toolkit.language import encoder

    if not sentence.strip() or not cands:
        return [0.0] * len(cands)
    pattern = GAP_MARK if GAP_MARK.search(sentence) else \
        re.compile(rf"(?i)\b{re.escape(answer)}\b")
    texts = [pattern.sub(answer, sentence, count=1)]
    for c in cands:
        texts.append(pattern.sub(c.word, sentence, count=1))
    v = encoder.encode(texts)
    return [float(x) for x in v[1:] @ v[0]]


def _main() -> None:
    """`python -m toolkit.exercises.distractors --build-vocab`: encode the word vectors the
    ranker needs into the data folder now (set-up runs it) instead of at the first gap."""
    import sys

    from toolkit.language import encoder

    if sys.argv[1:] != ["--build-vocab"]:
        raise SystemExit("usage: python -m toolkit.exercises.distractors --build-vocab")
    if not encoder.available():
        print("distractor vocabulary: skipped, the encoder is not built")
        return
    vocab = _enc_vocab()
    print(f"distractor vocabulary: {len(vocab.words)} words ready")


if __name__ == "__main__":
    _main()
