"""Word substitution that keeps the meaning: sense in context, encoder check, parse check.

Why three checks: a WordNet synonym of the right sense can still be wrong in the sentence
("ease tensions" -> "still tensions": "still" is nearly always an adverb; "free of charge" ->
"free of attack": an idiom read word by word). So a candidate (1) comes from the sense
`toolkit.language.senses` ranks first for this sentence, is listed at or below the level,
common, and used mostly in this part of speech; (2) read in a window of the sentence, the
encoder (all-MiniLM-L6-v2) must find that the new word adds to the window what the old one
added (`contribution` at least `THRESHOLD`, fitted on annotated senses:
benchmarks/adapt_eval.py --fit-threshold); (3) the
sentence with the new word must parse with the word in the same role (same UPOS, label and
head). Words inside a WordNet multi-word expression ("free of charge") are left alone.

A gloss is written only when no simpler word fits and it can be said in words at or below the
target level: for a thing, "a kind of X" with X a more general word at the level; otherwise the
learner definition of the sense (toolkit/language/definitions.py) when every word in it is at
or below the level and it is at most `GLOSS_MAX_WORDS` long. Never a raw WordNet definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.language import senses
from toolkit.language.substitute import (_BAD_CANDIDATES, KEEP, _everyday_sense, _listed_level,
                                         _synsets, inflect_like)
from toolkit.model.tags import UPOS_TO_WORDNET
from toolkit.model.text import Sentence, Token

# `contribution` (the new word's part of the window vector against the old word's) at or
# above which the meaning counts as kept; fitted on the first half of the annotated senses
# (benchmarks/adapt_eval.py --fit-threshold: balanced accuracy 58% there, 68% on the second
# half, against 58% / 65% for the plain window cosine).
THRESHOLD = 0.46
MASK = "something"  # what stands in the word's place for the masked window
WINDOW = 6  # words either side of the word that the encoder reads
MAX_ENCODED = 3  # candidates per word sent to the encoder (best by level and frequency)
MIN_POS_SHARE = 0.3  # a candidate's SemCor uses in this part of speech, at least
MIN_ZIPF = 3.3
# A second sense this close to the first (ranking score) also gives candidates: the ranking
# is right about 8 times in 10, and the encoder and parse checks still judge each candidate.
SENSE_GAP = 0.5
GLOSS_MIN_ZIPF = 4.0
PLURAL_MIN_ZIPF = 2.5
# "a kind of X" says enough only for things: not for people, acts or ideas.
GLOSS_LEXNAMES = frozenset("noun.artifact noun.animal noun.plant noun.food noun.object noun.body "
                           "noun.substance".split())


# A substitution human simplifiers often make (toolkit/language/substitutions.json, learned
# from the tune halves by benchmarks/learn_substitutions.py) needs less from the encoder: the
# references already say the pair reads right, the check still stops a wrong sense.
LEARNED_THRESHOLD = 0.3
LEARNED = "learned"  # Choice.relation of a pair from the table
TABLE = Path(__file__).with_name("substitutions.json")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str]]:
    """(lemma|pos -> simpler lemma, deletable lemma|pos) from substitutions.json."""
    if not TABLE.is_file():
        return {}, frozenset()
    data = json.loads(TABLE.read_text("utf-8"))
    return ({k: v[0] for k, v in data.get("replace", {}).items()},
            frozenset(data.get("delete", {})))


def learned_candidate(token: Token, target: int,
                      ) -> tuple[tuple, str, str, str, int, str] | None:
    """The table's simpler word for `token`, inflected like it, as a `candidates` row."""
    pos = UPOS_TO_WORDNET.get(token.coarse)
    if pos is None or token.is_name:
        return None
    lemma = token.lemma.lower()
    new = _table()[0].get(f"{lemma}|{pos}")
    if new is None:
        return None
    level = _listed_level(new, pos)
    if level is None or level > target or level >= (token.level or 7):
        return None
    form = inflect_like(new, token.pos, token.text)
    if form is None or (token.pos == "NNS" and form.lower() == new):
        return None
    return ((False, False, -99.0), form, new, LEARNED, level, f"{lemma} -> {new}")


def in_table(token: Token) -> bool:
    """Does the learned table hold a simpler word for this word?"""
    pos = UPOS_TO_WORDNET.get(token.coarse)
    return pos is not None and f"{token.lemma.lower()}|{pos}" in _table()[0]


def deletable(token: Token) -> bool:
    """An adverb human simplifiers usually leave out ("currently", "generally")."""
    return token.coarse == "ADV" and f"{token.lemma.lower()}|r" in _table()[1]


@dataclass
class Choice:
    """A simpler word accepted in context, with the evidence for it."""

    word: str  # inflected and cased like the original
    lemma: str
    level: int
    cosine: float
    sense: str  # the WordNet sense chosen for the original word
    relation: str  # "synonym" or "more general word"


def contribution(original: Any, masked: Any, candidate: Any) -> float:
    """Cosine of what the original word and the candidate each add to the window's vector
    (window minus the window with MASK in the word's place). The plain cosine of the two
    windows is 0.96-0.98 for right and wrong words alike: the context dominates it."""
    import numpy as np

    a, b = original - masked, candidate - masked
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return 0.0 if na == 0 or nb == 0 else float(a @ b) / (na * nb)


def _window(tokens: list[Token], i: int, word: str | None = None) -> str:
    lo, hi = max(0, i - WINDOW), min(len(tokens), i + WINDOW + 1)
    out = []
    for k in range(lo, hi):
        out.append(word if k == i and word is not None else tokens[k].text)
    return " ".join(out)


def sentence_with(sentence: Sentence, i: int, word: str) -> str:
    """The sentence's text with token i replaced (offsets kept elsewhere)."""
    t = sentence.tokens[i]
    a, b = t.start - sentence.start, t.end - sentence.start
    return sentence.text[:a] + word + sentence.text[b:]


@lru_cache(maxsize=20_000)
def _pos_share(lemma: str, pos: str) -> float:
    """Share of the word's SemCor uses in this part of speech (1.0 when never counted)."""
    from toolkit.language.substitute import _sense_counts

    counts = {p: sum(_sense_counts(lemma, p)) for p in ("n", "v", "a", "r")}
    total = sum(counts.values())
    return 1.0 if total == 0 else counts[pos] / total


def in_expression(sentence: Sentence, i: int) -> bool:
    """Is token i part of a multi-word expression WordNet lists ("free of charge")?"""
    toks = sentence.tokens
    for lo in range(max(0, i - 3), i + 1):
        for hi in range(i + 1, min(len(toks), lo + 4) + 1):
            if hi - lo < 2:
                continue
            name = "_".join(t.text.lower() for t in toks[lo:hi])
            if _expression(name):
                return True
    return False


@lru_cache(maxsize=100_000)
def _expression(name: str) -> bool:
    return bool(_synsets(name, "n") or _synsets(name, "v") or _synsets(name, "a") or
                _synsets(name, "r"))


def candidates(token: Token, target: int, context: frozenset[str], sentence_text: str,
               stretch: int = 0) -> tuple[Any, list[tuple[tuple, str, str, str, int, str]]]:
    """(chosen sense, [(sort key, form, lemma, relation, level, sense it came from)]) for a
    word above `target`."""
    from wordfreq import zipf_frequency

    from toolkit.language.substitute import _candidates

    pos = UPOS_TO_WORDNET.get(token.coarse)
    lemma = token.lemma.lower()
    if pos is None or lemma in KEEP:
        return None, []
    # Word overlap and sense counts only (no sentence): the encoder's sense ranking would
    # cost three encodings a word, and the encoder judges each candidate below anyway.
    ranked = senses.rank(lemma, token.pos, context)
    if not ranked:
        return None, []
    sense = ranked[0].synset
    close = [r.synset for r in ranked[:3] if r.score >= ranked[0].score - SENSE_GAP and
             r.synset.pos() in (pos, "s" if pos == "a" else pos)]
    found: dict[str, tuple[tuple, str, str, str, int, str]] = {}
    pool = [c for syn in close for c in _candidates(syn, pos)]
    for name, relation, syn in pool:
        cand = name.lower()
        if "_" in cand or "-" in cand or cand == lemma or not cand.isalpha() or \
                cand in _BAD_CANDIDATES or cand[:4] == lemma[:4]:
            continue
        zipf = zipf_frequency(cand, "en")
        if zipf < max(MIN_ZIPF, zipf_frequency(lemma, "en")):
            continue  # simpler means more common too ("periodic" for "monthly" is not)
        level = _listed_level(cand, pos)
        if level is None or level > target + stretch or level >= (token.level or 7):
            continue
        if relation != "synonym" and level > target:
            continue
        if _pos_share(cand, pos) < MIN_POS_SHARE:
            continue  # "still" for "ease": mostly an adverb
        if not _everyday_sense(cand, pos, syn, 0.2 if relation == "synonym" else 0.4):
            continue
        form = inflect_like(cand, token.pos, token.text)
        if form is None or (token.pos == "NNS" and form.lower() == cand):
            continue
        if form.lower() != cand and zipf_frequency(form.lower(), "en") < \
                (PLURAL_MIN_ZIPF if token.pos == "NNS" else 1.0):
            continue  # "housings": a mass noun has no plural in use
        key = (level > target, relation != "synonym", -zipf)
        if cand not in found or key < found[cand][0]:
            found[cand] = (key, form, cand, relation, level, syn.name())
    return sense, sorted(found.values())


@lru_cache(maxsize=20_000)
def _parsed(text: str) -> tuple[int, tuple[tuple[str, str, int], ...]]:
    """(sentence count, (UPOS, label, head) per token) of a text, parsed without entities."""
    from toolkit.language import parser

    sents = parser.parse(text, entities=False)
    return len(sents), tuple((t.upos, t.dep, t.head) for s in sents for t in s.tokens)


@lru_cache(maxsize=50_000)
def _same_role(text: str, new_text: str, i: int) -> bool:
    """Does token i keep its UPOS, dependency label and head when the word is swapped?"""
    (na, ta), (nb, tb) = _parsed(text), _parsed(new_text)
    if len(ta) != len(tb) or na != nb or i >= len(ta):
        return False
    return ta[i] == tb[i]


def simpler_in_context(sentence: Sentence, i: int, target: int, stretch: int = 0,
                       threshold: float | None = None) -> Choice | None:
    """A simpler word for token i of `sentence` that keeps the sentence's meaning, or None."""
    return choices(sentence, [i], target, stretch, threshold)[i]


def choices(sentence: Sentence, indices: list[int], target: int, stretch: int = 0,
            threshold: float | None = None, learned: bool = True) -> dict[int, Choice | None]:
    """`simpler_in_context` for several words of one sentence, encoded in one batch; with
    `learned`, the table's simpler word is tried first (and is the only one for a word at
    the target level)."""
    from toolkit.language import encoder

    context = frozenset(t.text.lower() for t in sentence.words)
    out: dict[int, Choice | None] = {i: None for i in indices}
    pending: list[tuple[int, list[tuple[tuple, str, str, str, int, str]]]] = []
    texts: list[str] = []
    for i in indices:
        token = sentence.tokens[i]
        if token.is_name or not token.is_word or in_expression(sentence, i):
            continue
        # A word at the level itself is offered only the table's word (a lower level).
        _, cands = candidates(token, target, context, sentence.text, stretch) \
            if (token.level or 0) > target else (None, [])
        extra = learned_candidate(token, target) if learned else None
        if extra is not None:
            cands = [extra] + [c for c in cands if c[2] != extra[2]]
        if cands:
            cands = cands[:MAX_ENCODED]
            pending.append((i, cands))
            texts += [_window(sentence.tokens, i), _window(sentence.tokens, i, MASK)] + \
                [_window(sentence.tokens, i, c[1]) for c in cands]
    if not pending:
        return out
    vecs = encoder.encode(texts)
    limit = THRESHOLD if threshold is None else threshold
    learned_limit = LEARNED_THRESHOLD if threshold is None else threshold
    row = 0
    for i, cands in pending:
        cos = [contribution(vecs[row], vecs[row + 1], vecs[row + 2 + k]) for k in range(len(cands))]
        row += 2 + len(cands)
        ok = sorted((k for k in range(len(cands)) if cos[k] >= (
            learned_limit if cands[k][3] == LEARNED else limit)),
                    key=lambda k: (cands[k][3] != LEARNED, cands[k][0][0], -cos[k]))
        for k in ok:
            _, form, lemma, relation, level, source = cands[k]
            if _same_role(sentence.text, sentence_with(sentence, i, form), i):
                out[i] = Choice(form, lemma, level, round(cos[k], 4), source, relation)
                break
    return out


def plain_gloss(token: Token, target: int, context: frozenset[str], sentence_text: str,
                ) -> str | None:
    """A gloss in words at or below `target`, or None: for a thing, "a kind of X"; else the
    learner definition of the sense (toolkit/language/definitions.py) when every word of it
    is at or below `target` and it is short; never a raw WordNet gloss."""
    from wordfreq import zipf_frequency

    if UPOS_TO_WORDNET.get(token.coarse) is None:
        return None
    ranked = senses.rank(token.lemma.lower(), token.pos, context)
    if not ranked:
        return None
    if token.coarse != "NOUN" or ranked[0].synset.lexname() not in GLOSS_LEXNAMES:
        sense = ranked[0].synset
        if sense.pos() not in (UPOS_TO_WORDNET[token.coarse], "s" if token.coarse == "ADJ" else ""):
            return None
        return _learner_gloss(sense, token.lemma.lower(), target)
    for hyper in ranked[0].synset.hypernyms()[:2]:
        if hyper.min_depth() < 4:
            continue
        for lem in hyper.lemmas():
            name = lem.name().lower()
            if not name.isalpha() or zipf_frequency(name, "en") < GLOSS_MIN_ZIPF:
                continue
            level = _listed_level(name, "n")
            if level is not None and level <= target:
                return f"a kind of {name}"
    return _learner_gloss(ranked[0].synset, token.lemma.lower(), target)


GLOSS_MAX_WORDS = 8  # a gloss longer than this is a second sentence to read, not a help
GLOSS_MIN_WORDS = 3  # "alike (as)" says nothing
# Definitions made by swapping the gloss's words for easier ones, or from a more general
# word, can change the sense ("provoked" -> "to call off", "congestion" -> "a kind of
# evidence"): a gloss comes from the sense's own definition, cut to its easy words.
GLOSS_FROM = frozenset({"gloss", "cut", "or-list", "drop"})


def _learner_gloss(synset: Any, headword: str, target: int) -> str | None:
    """The learner definition when all its words are at or below `target` and it is short."""
    from toolkit.language.definitions import explain, hard_words

    c = explain(synset, headword, target)
    text = c.text.strip().rstrip(".")
    words = text.lower().split()
    if not text or c.hard or hard_words(text, target, headword) or c.how not in GLOSS_FROM or\
            any(a == b for a, b in zip(words, words[1:])) or \
            not GLOSS_MIN_WORDS <= len(words) <= GLOSS_MAX_WORDS or \
            any(w[:5] == headword[:5] for w in words):
        return None  # too hard, too short to help, made by swapping words, or the word again
    return text


__all__ = ["Choice", "LEARNED", "THRESHOLD", "candidates", "choices", "deletable",
           "in_expression", "in_table", "learned_candidate", "plain_gloss", "sentence_with",
           "simpler_in_context"]
