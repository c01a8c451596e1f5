"""WordNet senses ranked by how well they fit the sentence a word is read in.

A simplified extended Lesk: each sense gets a signature (its definition, examples, synonyms
and the names and definitions of its neighbours: hypernyms, hyponyms, parts, domains);
the sentence's content words that appear in it add up, rare words counting more than
common ones. Sense frequency (SemCor counts in WordNet's cntlist) and WordNet's own order
break ties and carry the ranking when the sentence says nothing: then the card says the
first sense is the most frequent one, not the one proven by context.

Given the sentence itself, the ranking also asks the sentence encoder (all-MiniLM-L6-v2,
toolkit.language.encoder) how near each of the few best senses' gloss is to the sentence:
on the annotated pairs that lifts the first sense's fit from 62% to 76%
(benchmarks/wordcards_quality.py). The call without a sentence is the previous ranker.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, Sequence

from toolkit.language import data
from toolkit.language.data import wordnet
from toolkit.model.tags import PENN_TO_WORDNET

# Penn tag prefix -> WordNet POS letter.
# Weights of the score, chosen on the first half of benchmarks/data/senses.tsv (a small grid;
# the second half is reported apart). Context evidence dominates; frequency breaks ties.
OVERLAP_WEIGHT = 1.0
COUNT_WEIGHT = 0.2  # per log(1 + SemCor count)
ORDER_WEIGHT = 0.2  # divided by (1 + position in WordNet's list)
MIN_FIT = 0.3  # overlap that counts as evidence from context (about one shared content word)
# Per unit of cosine(sentence, gloss); set on the first half of senses.tsv with the weights
# above kept (grid 1, 2, 3, 5, 8: 5 and 8 tie there, the smaller was taken); the best 3
# (82% on that half) rather than 4 (80%) or all (78%), which is also the cheapest.
ENCODER_WEIGHT = 5.0
USE_ENCODER = True  # False: the previous ranker even when a sentence is given (benchmarks)
ENCODER_TOP = 3  # only the best 3 by the overlap score are encoded: as right, far cheaper
# No encoding when the overlap score already leads by this much: skips 19% of the pairs
# with no change on either half (0.5 would skip 44% but lose 4 points on the first half).
ENCODER_SKIP_GAP = 1.0
USE_FITTED = True  # False: word cards use rank() above (main's ranker), for benchmarks

_WORD = re.compile(r"[a-z]+")
_STOP = frozenset("""a an the of to in on at by for with from and or but not no is are was were be been
being am do does did has have had it its this that these those there their they them he she his her
him we us our you your i me my as if so than then when where which who whom what how all any some
one also very can could will would shall should may might must into over under about after before
such other more most out up down off only just own same too s t""".split())


@dataclass
class RankedSense:
    """A WordNet sense with the evidence for its place in the ranking."""

    synset: Any  # nltk Synset
    lemma: Any  # the nltk Lemma of the headword in that synset (or the first lemma)
    score: float
    overlap: float  # word-overlap evidence only
    matched: tuple[str, ...]  # context words found in the sense's signature
    fit: float | None = None  # cosine of the sentence and the gloss (None: not encoded)
    context: float | None = None  # all evidence from the sentence: overlap + encoder margin

    @property
    def evidence(self) -> float:
        """How strongly the sentence chose this sense (MIN_FIT and up counts as chosen)."""
        return self.overlap if self.context is None else self.context

    @property
    def key(self) -> str:
        return self.lemma.key()




@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=300_000)
def stem(word: str) -> str:
    """One normal form for signature and context words (Porter: cheap, no data)."""
    return _stemmer().stem(word.lower())


@lru_cache(maxsize=300_000)
def weight(stemmed: str) -> float:
    """Rare words are better evidence: 7 minus the Zipf frequency, at least 0.5."""
    from wordfreq import zipf_frequency

    return max(0.5, 7.0 - zipf_frequency(stemmed, "en")) / 4.0


def content_stems(words: Iterable[str]) -> set[str]:
    out = set()
    for w in words:
        for part in _WORD.findall(w.lower().replace("_", " ")):
            if part not in _STOP and len(part) > 1:
                out.add(stem(part))
    return out


@lru_cache(maxsize=200_000)
def signature(synset_name: str) -> frozenset[str]:
    """Stems describing a sense: its gloss and its neighbourhood in WordNet."""
    wn = wordnet()
    s = wn.synset(synset_name)
    texts = [s.definition(), *s.examples(), *s.lemma_names()]
    def by_name(items: list[Any], n: int = 1000) -> list[Any]:
        # nltk keeps some relations in sets: sort, or the cut and the ranking vary by run
        return sorted(items, key=lambda x: x.name())[:n]

    near = (by_name(s.hypernyms()) + by_name(s.instance_hypernyms()) + by_name(s.hyponyms(), 12)
            + by_name(s.part_meronyms(), 6) + by_name(s.member_holonyms(), 4)
            + by_name(s.part_holonyms(), 4) + by_name(s.topic_domains())
            + by_name(s.similar_tos(), 6) + by_name(s.also_sees(), 4) + by_name(s.entailments())
            + by_name(s.verb_groups()))
    for n in near:
        texts.append(n.definition())
        texts.extend(n.lemma_names())
    for lem in s.lemmas():
        for d in by_name(lem.derivationally_related_forms(), 4):
            texts.append(d.name())
    return frozenset(content_stems(texts))


def _lemma_in(synset: Any, name: str) -> Any:
    low = name.lower()
    for lem in synset.lemmas():
        if lem.name().lower() == low:
            return lem
    return synset.lemmas()[0]


@lru_cache(maxsize=100_000)
def synsets_for(lemma: str, wn_pos: str | None) -> tuple[Any, ...]:
    """WordNet synsets for a lemma in one POS (adjective satellites included)."""
    wn = wordnet()
    key = lemma.replace(" ", "_")
    if wn_pos == "a":
        return tuple(wn.synsets(key, "a")) or tuple(wn.synsets(key, "s"))
    return tuple(wn.synsets(key, wn_pos)) if wn_pos else tuple(wn.synsets(key))


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    """SemCor counts by sense key, read once from cntlist.rev (nltk searches the file per call)."""
    root = data.use()
    counts: dict[str, int] = {}
    with open(root / "corpora" / "wordnet" / "cntlist.rev", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                counts[parts[0]] = int(parts[2])
    return counts


def count(lemma: Any) -> int:
    """How often this sense of the word was seen in SemCor."""
    return _counts().get(lemma.key(), 0)


def rank(lemma: str, penn: str | None, context: Iterable[str],
         sentence: str | None = None) -> list[RankedSense]:
    """Senses of `lemma` best first, given the Penn tag and the sentence's words.

    Only senses of the tagged POS are considered when there are any; the target word
    itself is left out of the context so it cannot match every sense. With `sentence`, the
    encoder's sentence-to-gloss similarity joins the score of the best ENCODER_TOP senses.
    Cached by (lemma, POS, context, sentence), so a word ranked twice costs one ranking.
    """
    ctx = frozenset(content_stems(context))
    if not sentence or not USE_ENCODER:
        return list(_rank(lemma, (penn or "")[:2], ctx))
    return list(_rank_in(lemma, (penn or "")[:2], ctx, sentence))


def gloss(synset: Any) -> str:
    """What the encoder reads for a sense: its words, definition and up to two examples."""
    names = ", ".join(n.replace("_", " ") for n in synset.lemma_names())
    examples = "; ".join(synset.examples()[:2])
    return f"{names}: {synset.definition()}" + (f"; {examples}" if examples else "")


@lru_cache(maxsize=50_000)
def _rank_in(lemma: str, penn: str, context: frozenset[str],
             sentence: str) -> tuple[RankedSense, ...]:
    ranked = _rank(lemma, penn, context)
    if len(ranked) < 2 or ranked[0].score - ranked[1].score >= ENCODER_SKIP_GAP:
        return ranked
    from toolkit.language import encoder

    top = ranked[:ENCODER_TOP]
    v = encoder.encode([sentence] + [gloss(r.synset) for r in top])
    cos = [float(c) for c in v[1:] @ v[0]]
    out = []
    for j, (r, c) in enumerate(zip(top, cos)):
        runner_up = max(x for k, x in enumerate(cos) if k != j)
        margin = ENCODER_WEIGHT * max(0.0, c - runner_up)
        out.append(replace(r, score=round(r.score + ENCODER_WEIGHT * c, 6), fit=round(c, 6),
                           context=round(r.overlap + margin, 6)))
    out.sort(key=lambda r: -r.score)  # stable: ties keep the previous order
    return tuple(out) + ranked[ENCODER_TOP:]  # the rest keep their overlap-only order


@lru_cache(maxsize=100_000)
def candidates(lemma: str, penn: str) -> tuple[Any, ...]:
    """The synsets a ranking chooses among, in WordNet's order (`penn`: a 2-letter prefix)."""
    wn_pos = PENN_TO_WORDNET.get(penn)
    if penn and wn_pos is None and "_" not in lemma and " " not in lemma:
        return ()  # a preposition, determiner, pronoun...: WordNet's "in" (adverb) is not it
    synsets = synsets_for(lemma, wn_pos) if wn_pos else ()
    if not synsets:
        synsets = synsets_for(lemma, None)
    if lemma[:1].islower():  # "crane" the bird or machine, not Crane the poet
        synsets = tuple(s for s in synsets if not s.instance_hypernyms()) or synsets
    return synsets


@lru_cache(maxsize=50_000)
def _rank(lemma: str, penn: str, context: frozenset[str]) -> tuple[RankedSense, ...]:
    synsets = candidates(lemma, penn)
    if not synsets:
        return ()
    ctx = context - content_stems([lemma])
    ranked = []
    for order, s in enumerate(synsets):
        lem = _lemma_in(s, lemma.replace(" ", "_"))
        matched = tuple(sorted(ctx & signature(s.name())))
        overlap = sum(weight(m) for m in matched)
        score = (OVERLAP_WEIGHT * overlap + COUNT_WEIGHT * math.log1p(count(lem))
                 + ORDER_WEIGHT / (1 + order))
        ranked.append(RankedSense(s, lem, round(score, 6), round(overlap, 6), matched))
    ranked.sort(key=lambda r: -r.score)  # stable: ties keep WordNet's order
    return tuple(ranked)


# ---------------------------------------------------------------- the ranker cards use now

_IN_CONTEXT: dict[tuple[str, str, str, int], tuple[tuple[RankedSense, ...], float]] = {}


def rank_in_context(lemma: str, penn: str | None, tokens: Sequence[Any], i: int,
                    sentence: str) -> tuple[list[RankedSense], float]:
    """Senses best first with the fitted model of sense_context (encoder + parse + prior),
    and the calibrated confidence that the first is right (1.0 with one sense, 0.0 none).

    `tokens` are the analysed sentence's tokens and `i` the word's index, so the parse is
    read, never redone. Cached by (lemma, tag, sentence, index). `rank()` stays as it was on
    main (the previous ranker), for benchmarks and phrases.
    """
    key = (lemma, (penn or "")[:2], sentence, i)
    hit = _IN_CONTEXT.get(key)
    if hit is None:
        rank_many_in_context([(lemma, penn, tokens, i, sentence)])
        hit = _IN_CONTEXT[key]
    return list(hit[0]), hit[1]


def _context_stems(tokens: Sequence[Any], i: int) -> frozenset[str]:
    context = [t.lemma for k, t in enumerate(tokens) if k != i and t.is_word and not t.is_name]
    context += [t.text for k, t in enumerate(tokens) if k != i and t.is_name]
    return frozenset(content_stems(context))


def rank_many_in_context(items: Sequence[tuple[str, str | None, Sequence[Any], int, str]]) -> None:
    """rank_in_context for many words at once (lemma, tag, tokens, index, sentence each),
    with the texts of all of them in one encoder call: the encoder then fills whole batches
    of equally long texts (and both cores) instead of a few texts per word. The results go
    to rank_in_context's cache; they are the same as one word at a time (a text's vector
    does not depend on its batch, toolkit.language.encoder)."""
    from toolkit.language import sense_context as C
    from toolkit.language import sense_table

    todo: dict[tuple[str, str, str, int], tuple[list[Any], frozenset[str], list[str]]] = {}
    for lemma, penn, tokens, i, sentence in items:
        key = (lemma, (penn or "")[:2], sentence, i)
        if key in _IN_CONTEXT or key in todo:
            continue
        ctx = _context_stems(tokens, i)
        cands = C.features(lemma, penn or "", tokens, i, sentence, ctx, encode=False)
        todo[key] = (cands, ctx, C.encoder_texts(cands, sentence, C.local_text(tokens, i)))
    texts = list(dict.fromkeys(t for _c, _x, ts in todo.values() for t in ts))
    vectors = sense_table.encode(texts) if texts else None  # common senses: read, not encoded
    row = {t: n for n, t in enumerate(texts)}
    if len(_IN_CONTEXT) + len(todo) > 100_000:
        _IN_CONTEXT.clear()
    for key, (cands, ctx, ts) in todo.items():
        v = vectors[[row[t] for t in ts]] if ts and vectors is not None else None
        C.add_vectors(cands, key[2], v)
        scored = C.score(cands)
        out = tuple(RankedSense(c.synset, c.lemma, c.score, round(c.feats["overlap"], 6),
                                tuple(sorted(ctx & signature(c.synset.name()))),
                                fit=round(c.feats.get("gloss_cos", 0.0), 6),
                                context=round(c.prob, 6)) for c in scored)
        conf = (1.0 if len(scored) == 1 else
                C.model().confidence(scored[0].prob) if scored else 0.0)
        _IN_CONTEXT[key] = (out, round(conf, 4))


__all__ = ["RankedSense", "candidates", "rank_in_context", "rank_many_in_context", "content_stems", "gloss", "rank", "signature",
           "stem", "wordnet"]
