"""Sense in context: one fitted score over the encoder, the parse and a frequency prior.

For a word in an analysed sentence every WordNet sense of its POS gets a few features:

- `gloss_cos`: cosine between the sentence and the sense's text (its words, definition and
  examples), from the sentence encoder;
- `related_cos`: cosine between the sentence and the sense's neighbourhood (its words, the
  words of its hypernyms and of up to 12 hyponyms, its domain): "party" the organisation is
  near "political party, Labour Party", the celebration near "birthday party, dance";
- `overlap` / `dep_overlap`: the extended-Lesk overlap of senses.py over the whole sentence
  and over the word's dependency neighbours only (its head and its children);
- `frame` (verbs): how well the sense's WordNet verb frames fit the parse ("charge him with
  fraud": an object that is a person and a with-phrase fit "Somebody ----s somebody with
  something", which only the legal senses have);
- `log_count`, `first`: SemCor frequency and WordNet's order (the prior).

The weights are a conditional logit (softmax over the word's senses) fitted on the TRAIN
part of the annotated pairs by `benchmarks/wordcards_quality.py --fit`, which writes
`sense_model.json` beside this module; the held-out parts are only ever reported. The same
fit gives a calibrated confidence: the softmax probability of the first sense passed
through a logistic fit of "was the first sense right" on the training pairs. A card whose
confidence is under `unsure_below` offers its best two senses to the student.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

FEATURES: tuple[str, ...] = ("gloss_cos", "related_cos", "overlap", "dep_overlap",
                             "log_count", "first", "frame", "gloss_top")
# Tried and left out: `local_cos`, the cosine between the word's dependency neighbourhood as a
# phrase ("the health minister announced") and the sense's text. It gained 1.3 points in
# 5-fold cross-validation on TRAIN (79.3% vs 78.0%) but costs one encoder call per word of
# every new article (the rest is cached per sense), about half of a new article's time.
USE_LOCAL = False
MODEL_FILE = Path(__file__).with_name("sense_model.json")
ENCODE_TOP = 12  # senses encoded per word (by prior and overlap); the rest keep the prior
# A word with one sense encodes its gloss only (False: also its related words, as before;
# benchmarks/wordcards.py times both). With one candidate nothing is ranked, so the card's
# sense and confidence are the same either way; only its unused score differs.
ONE_SENSE_GLOSS = True
_PERSON_PRONOUNS = frozenset("him her them me us you i he she they we himself herself "
                             "themselves someone somebody everyone anyone".split())
_FRAME = re.compile(r"^(Somebody|Something|It)\s+\S+(?:\s+(.*))?$")


@dataclass
class SenseModel:
    """Feature weights and the confidence calibration, as fitted (see the module docstring)."""

    weights: dict[str, float]
    calib_a: float = 4.0  # confidence = sigmoid(calib_a * p_first + calib_b)
    calib_b: float = -2.0
    unsure_below: float = 0.6
    trained_on: str = ""

    def score(self, feats: dict[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def confidence(self, p_first: float) -> float:
        return 1.0 / (1.0 + math.exp(-(self.calib_a * p_first + self.calib_b)))

    def to_dict(self) -> dict[str, Any]:
        return {"weights": self.weights, "calib_a": self.calib_a, "calib_b": self.calib_b,
                "unsure_below": self.unsure_below, "trained_on": self.trained_on}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SenseModel:
        return cls({k: float(v) for k, v in d["weights"].items()}, float(d.get("calib_a", 4.0)),
                   float(d.get("calib_b", -2.0)), float(d.get("unsure_below", 0.6)),
                   str(d.get("trained_on", "")))


# Used until a fit is written: roughly the previous ranker's balance plus the new evidence.
DEFAULT = SenseModel({"gloss_cos": 5.0, "related_cos": 2.0, "overlap": 1.0, "dep_overlap": 0.5,
                      "log_count": 0.2, "first": 0.2, "frame": 0.5, "gloss_top": 0.0})


@lru_cache(maxsize=1)
def model() -> SenseModel:
    if MODEL_FILE.is_file():
        return SenseModel.from_dict(json.loads(MODEL_FILE.read_text("utf-8")))
    return DEFAULT


def reset_model() -> None:
    model.cache_clear()


# ---------------------------------------------------------------- texts the encoder reads


def gloss_text(synset: Any) -> str:
    """Its words, definition and up to two examples (the text senses.gloss encodes)."""
    from toolkit.language.senses import gloss

    return gloss(synset)


@lru_cache(maxsize=200_000)
def related_text(synset_name: str) -> str:
    """The sense's words and those of its WordNet neighbours, as a short list."""
    from toolkit.language.data import wordnet

    s = wordnet().synset(synset_name)

    def names(items: list[Any], n: int) -> list[str]:
        out: list[str] = []
        for x in sorted(items, key=lambda y: y.name())[:n]:
            out.extend(x.lemma_names()[:2])
        return out

    words = (list(s.lemma_names()) + names(s.hypernyms() + s.instance_hypernyms(), 3)
             + names(s.hyponyms(), 12) + names(s.topic_domains(), 2)
             + names(s.member_holonyms() + s.part_holonyms(), 3) + names(s.similar_tos(), 4))
    return ", ".join(dict.fromkeys(w.replace("_", " ") for w in words))


# ---------------------------------------------------------------- the parse


@dataclass
class Parse:
    """What the parse says about the word's arguments (verbs) and its neighbours."""

    neighbours: tuple[str, ...] = ()  # lemmas of the head and the children
    subject: str = ""  # "somebody", "something" or "" (none seen)
    obj: str = ""  # "somebody", "something" or "" (intransitive)
    preps: tuple[str, ...] = ()  # prepositions heading the word's children
    clause: bool = False  # a that-clause or a to-infinitive follows
    passive: bool = False


def _is_person(tok: Any) -> bool:
    if tok.lemma.lower() in _PERSON_PRONOUNS or tok.text.lower() in _PERSON_PRONOUNS:
        return True
    if tok.ent in ("PERSON", "NORP"):
        return True
    return _person_noun(tok.lemma.lower()) if tok.pos.startswith("NN") else False


@lru_cache(maxsize=50_000)
def _person_noun(lemma: str) -> bool:
    from toolkit.language.senses import synsets_for

    ss = synsets_for(lemma, "n")
    return bool(ss) and ss[0].lexname() in ("noun.person", "noun.group")


def parse_of(tokens: Sequence[Any], i: int) -> Parse:
    """The word's dependency neighbourhood from the analysed tokens (CoNLL-U heads)."""
    t = tokens[i]
    me = i + 1
    kids = [k for k in tokens if k.head == me]
    neigh = [k.lemma for k in kids if k.is_word]
    if t.head and 0 < t.head <= len(tokens):
        neigh.append(tokens[t.head - 1].lemma)
    p = Parse(neighbours=tuple(n.lower() for n in neigh))
    if not t.pos.startswith("VB"):
        return p
    for k in kids:
        if k.dep in ("dobj", "dative", "obj") and not p.obj:
            p.obj = "somebody" if _is_person(k) else "something"
        elif k.dep in ("nsubj", "csubj"):
            p.subject = "somebody" if _is_person(k) else "something"
        elif k.dep == "nsubjpass":
            p.passive = True
            p.obj = "somebody" if _is_person(k) else "something"
        elif k.dep in ("prep", "agent") and k.is_word:
            p.preps += (k.lemma.lower(),)
        elif k.dep in ("ccomp", "xcomp"):
            p.clause = True
    return p


def frame_fit(synset: Any, lemma_name: str, parse: Parse) -> float:
    """How well the sense's verb frames fit the parse: object kind, preposition, subject."""
    lem = next((x for x in synset.lemmas() if x.name().lower() == lemma_name.lower()), None)
    frames = (lem.frame_strings() if lem is not None else []) or []
    best = 0.0
    for f in frames:
        m = _FRAME.match(f)
        if not m:
            continue
        subj, rest = m.group(1).lower(), (m.group(2) or "").split()
        obj = rest[0].lower() if rest and rest[0] in ("somebody", "something") else ""
        score = 1.0 if obj == parse.obj else 0.0
        if parse.subject and subj == parse.subject:
            score += 0.5
        words = [r.lower() for r in rest]
        if parse.preps and any(pr in words for pr in parse.preps):
            score += 1.0
        if parse.clause and ("CLAUSE" in rest or "INFINITIVE" in rest):
            score += 0.5
        best = max(best, score)
    return best


# ---------------------------------------------------------------- features and ranking


@dataclass
class Scored:
    synset: Any
    lemma: Any
    feats: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    prob: float = 0.0


def features(lemma: str, penn: str, tokens: Sequence[Any], i: int, sentence: str,
             context: frozenset[str], encode: bool = True) -> list[Scored]:
    """Every candidate sense with its features (unscored), in WordNet's order.

    `encode=False` leaves out the encoder's features, so a caller can gather the texts of
    many words (`encoder_texts`) into one encoder call and add them with `add_vectors`."""
    from toolkit.language import senses as S

    synsets = S.candidates(lemma, penn[:2])
    if not synsets:
        return []
    ctx = context - S.content_stems([lemma])
    parse = parse_of(tokens, i) if tokens else Parse()
    near = frozenset(S.content_stems(parse.neighbours)) - S.content_stems([lemma])
    out = []
    for order, s in enumerate(synsets):
        lem = S._lemma_in(s, lemma.replace(" ", "_"))
        sig = S.signature(s.name())
        f = {"overlap": sum(S.weight(m) for m in ctx & sig),
             "dep_overlap": sum(S.weight(m) for m in near & sig),
             "log_count": math.log1p(S.count(lem)), "first": 1.0 / (1 + order),
             "frame": frame_fit(s, lemma.replace(" ", "_"), parse) if penn.startswith("VB") else 0.0}
        out.append(Scored(s, lem, f))
    if encode:
        texts = encoder_texts(out, sentence, local_text(tokens, i))
        if texts:
            from toolkit.language import sense_table

            add_vectors(out, sentence, sense_table.encode(texts))
        else:
            add_vectors(out, sentence, None)
    return out


def local_text(tokens: Sequence[Any], i: int) -> str:
    """The word's dependency neighbourhood as a phrase (only with USE_LOCAL; else "")."""
    if not tokens or not USE_LOCAL:
        return ""
    t = tokens[i]
    keep = {i} | {k for k, x in enumerate(tokens) if x.head == i + 1 and x.is_word}
    if t.head and 0 < t.head <= len(tokens):
        keep.add(t.head - 1)
    return " ".join(tokens[k].text for k in sorted(keep))


def _pick(cands: list[Scored]) -> list[int]:
    """The ENCODE_TOP senses with the best prior + overlap (the ones worth encoding)."""
    return sorted(range(len(cands)), key=lambda j: -(cands[j].feats["overlap"]
                                                      + 0.3 * cands[j].feats["log_count"]
                                                      + cands[j].feats["first"]))[:ENCODE_TOP]


def encoder_texts(cands: list[Scored], sentence: str, local: str = "") -> list[str]:
    """The texts `add_vectors` needs, in its order: the sentence, the local phrase (or the
    sentence again: the same text twice costs nothing), then per picked sense its gloss and
    its related words. A word with one sense is not ranked at all, so only its gloss is
    encoded (the card's translation trusts a gloss the sentence is near: CONFIRM_FIT)."""
    if not sentence or not cands:
        return []
    texts = [sentence, local or sentence]
    if len(cands) == 1 and ONE_SENSE_GLOSS:
        return texts + [gloss_text(cands[0].synset)]
    for j in _pick(cands):
        texts += [gloss_text(cands[j].synset), related_text(cands[j].synset.name())]
    return texts


def add_vectors(cands: list[Scored], sentence: str, v: np.ndarray | None) -> None:
    """gloss_cos and related_cos from the encoded `encoder_texts` rows `v` for the picked
    senses; the others get the lowest of those values (they rarely fit and cost most)."""
    if not sentence or v is None or not cands:
        for c in cands:
            c.feats.update(gloss_cos=0.0, related_cos=0.0, gloss_top=0.0)
        return
    if len(cands) == 1 and ONE_SENSE_GLOSS:  # nothing to rank: related_cos is not computed
        cands[0].feats.update(gloss_cos=float(v[2] @ v[0]), related_cos=0.0, gloss_top=1.0)
        if USE_LOCAL:
            cands[0].feats["local_cos"] = float(v[2] @ v[1])
        return
    pick = _pick(cands)
    g = {j: float(v[2 + 2 * n] @ v[0]) for n, j in enumerate(pick)}
    r = {j: float(v[3 + 2 * n] @ v[0]) for n, j in enumerate(pick)}
    lo = {j: float(v[2 + 2 * n] @ v[1]) for n, j in enumerate(pick)}
    gmin, rmin, lmin = min(g.values()), min(r.values()), min(lo.values())
    top = max(g, key=lambda j: g[j])
    for j, c in enumerate(cands):
        c.feats.update(gloss_cos=g.get(j, gmin), related_cos=r.get(j, rmin),
                       gloss_top=1.0 if j == top else 0.0)
        if USE_LOCAL:
            c.feats["local_cos"] = lo.get(j, lmin)


def score(cands: list[Scored], m: SenseModel | None = None) -> list[Scored]:
    """Scores and softmax probabilities, best first (ties keep WordNet's order)."""
    m = m or model()
    if not cands:
        return []
    s = np.array([m.score(c.feats) for c in cands])
    p = np.exp(s - s.max())
    p /= p.sum()
    for c, sc, pr in zip(cands, s, p):
        c.score, c.prob = round(float(sc), 6), round(float(pr), 6)
    return sorted(cands, key=lambda c: -c.score)


def fit(groups: list[tuple[list[dict[str, float]], list[int]]], l2: float = 0.01,
        steps: int = 3000, lr: float = 0.1,
        use: Sequence[str] = FEATURES) -> dict[str, float]:
    """Conditional-logit weights: maximise log P(a gold sense) over the word's senses.

    `groups`: per annotated pair, the candidates' feature dicts and the gold indexes.
    Plain gradient ascent with an L2 penalty (small data: a few hundred pairs).
    """
    X = [np.array([[f.get(k, 0.0) if k in use else 0.0 for k in FEATURES] for f in fs])
         for fs, _ in groups]
    gold = [np.array([j in g for j in range(len(fs))], dtype=float) for fs, g in groups]
    w = np.zeros(len(FEATURES))
    for _ in range(steps):
        grad = -l2 * w
        for x, y in zip(X, gold):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y
            q /= max(q.sum(), 1e-12)
            grad += (q - p) @ x
        w += lr * grad / len(X)
    return {k: round(float(v), 4) for k, v in zip(FEATURES, w)}


def fit_calibration(p_first: list[float], right: list[bool]) -> tuple[float, float]:
    """Logistic fit of "first sense right" on its softmax probability (Platt scaling)."""
    x = np.array(p_first)
    y = np.array(right, dtype=float)
    a, b = 1.0, 0.0
    for _ in range(5000):
        z = 1 / (1 + np.exp(-(a * x + b)))
        a += 0.5 * float(((y - z) * x).mean())
        b += 0.5 * float((y - z).mean())
    return round(a, 4), round(b, 4)


__all__ = ["DEFAULT", "FEATURES", "MODEL_FILE", "Parse", "Scored", "SenseModel", "add_vectors",
           "encoder_texts", "features", "fit", "fit_calibration", "frame_fit", "model", "parse_of", "related_text", "score"]
