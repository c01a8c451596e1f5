"""Numeric features of sentences and texts that the level estimator weighs.

Every feature is something a teacher can read back ("share of words above B1", "words per
sentence", "clauses per sentence"), so the estimator's evidence is the same numbers it
used. Text length is deliberately absent: a short article is not an easy one.
"""

from __future__ import annotations

from functools import lru_cache
from statistics import mean, pstdev
from typing import Iterable

from toolkit.cefr import LEVELS
from toolkit.model.text import Sentence, Token

# Subordinating words that open a clause (relative pronouns come from the WDT/WP tags).
SUBORDINATORS = frozenset(
    "although though because since unless whereas while whilst if whether until once "
    "after before whenever wherever despite so-called".split())
NEGATIONS = frozenset("not n't n’t no never nobody nothing none nor neither nowhere cannot".split())
_NOMINAL_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism")

SENTENCE_FEATURES: tuple[str, ...] = (
    "words", "log_words", "syllables_per_word", "letters_per_word", "long_word_share",
    *(f"above_{lv}" for lv in LEVELS[:5]), "mean_level", "max_level",
    "mean_zipf", "rare_share", "clauses", "commas", "coordinations", "passives",
    "nominalisations", "punctuation_breaks", "fk_grade", "content_zipf", "below_zipf4",
    "adjectives", "adverbs", "pronouns", "prepositions", "lexical_density", "finite_verbs",
)
# From the dependency parse (spaCy's ClearNLP labels): how deep and how far-reaching the
# structure is, and how many clauses of each kind hang off the main one.
PARSE_FEATURES: tuple[str, ...] = (
    "parse_depth", "dependency_distance", "relative_clauses", "adverbial_clauses",
    "complement_clauses", "coordinated_clauses", "passive_voice", "prep_phrases",
    "noun_modifiers", "words_before_verb", "appositions", "clause_share",
)
# The hardest few words and how many hard words a sentence holds (counts, not shares: a
# learner stumbles on each one, however long the sentence).
HARD_WORD_FEATURES: tuple[str, ...] = (
    *(f"count_above_{lv}" for lv in LEVELS[:4]), "rarest_zipf", "rare3_zipf",
    "second_level", "third_level", "log_words_sq",
)
SENTENCE_FEATURES = (*SENTENCE_FEATURES, *PARSE_FEATURES, *HARD_WORD_FEATURES)
TEXT_FEATURES: tuple[str, ...] = (
    *SENTENCE_FEATURES, "sentence_length_sd", "long_sentence_share", "type_token_ratio",
    "sentence_length_p90", "sentence_length_p75", "very_long_sentence_share",
    "hard_types_share", "hard_words_per_sentence", "hard_sentence_share",
)


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    """Syllables of a word, from cmudict through textstat (vowel groups for unknown words)."""
    from toolkit.language import data

    data.use()
    import textstat

    return max(1, int(textstat.syllable_count(word)))


def fk_grade(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch-Kincaid grade: 0.39*words/sentence + 11.8*syllables/word - 15.59."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def _counts(sentence: Sentence) -> dict[str, float]:
    """Raw counts of one sentence; shares are formed later so texts pool words."""
    words = sentence.words
    levels = [t.level or 0 for t in words]  # names: 0, always known
    c: dict[str, float] = {
        "words": len(words),
        "syllables": sum(syllables(t.text.lower()) for t in words),
        "letters": sum(len(t.text) for t in words),
        "long_words": sum(syllables(t.text.lower()) >= 3 for t in words),
        "levelled": sum(1 for lv in levels if lv),
        "level_sum": sum(levels),
        "max_level": max(levels, default=0),
        "zipf_sum": sum(min(t.zipf, 7.0) for t in words if not t.is_name),
        "rare": sum(1 for t in words if not t.is_name and t.zipf < 3.0),
        "clauses": sum(_opens_clause(t) for t in sentence.tokens),
        "commas": sum(t.text == "," for t in sentence.tokens),
        "coordinations": sum(t.pos == "CC" for t in sentence.tokens),
        "passives": sum(t.pos == "VBN" for t in sentence.tokens),
        "nominalisations": sum(t.text.lower().endswith(_NOMINAL_ENDINGS) and t.pos.startswith("NN")
                               for t in words),
        "content_zipf": sum(min(t.zipf, 7.0) for t in words if t.coarse != "OTHER" and not t.is_name),
        "content": sum(1 for t in words if t.coarse != "OTHER" and not t.is_name),
        "below_zipf4": sum(1 for t in words if not t.is_name and t.zipf < 4.0),
        "adjectives": sum(t.pos.startswith("JJ") for t in words),
        "adverbs": sum(t.pos.startswith("RB") for t in words),
        "pronouns": sum(t.pos in {"PRP", "PRP$"} for t in words),
        "prepositions": sum(t.pos == "IN" for t in words),
        "finite_verbs": sum(t.pos in {"VBD", "VBP", "VBZ", "MD"} for t in sentence.tokens),
        "punctuation_breaks": sum(t.text in {";", ":", "(", "–", "—", "-"} for t in sentence.tokens),
    }
    for i, lv in enumerate(LEVELS[:5], start=1):
        c[f"above_{lv}"] = sum(1 for x in levels if x > i)
    c.update(_parse_counts(sentence.tokens))
    zipfs = sorted(min(t.zipf, 7.0) for t in words if not t.is_name)
    c["rarest_zipf"] = zipfs[0] if zipfs else 7.0
    c["rare3_zipf"] = mean(zipfs[:3]) if zipfs else 7.0
    ranked = sorted(levels, reverse=True)
    c["second_level"] = ranked[1] if len(ranked) > 1 else 0
    c["third_level"] = ranked[2] if len(ranked) > 2 else 0
    return c


_RELATIVE = frozenset({"relcl", "acl"})
_COMPLEMENT = frozenset({"ccomp", "xcomp", "csubj", "csubjpass", "pcomp"})
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod", "quantmod"})


def _parse_counts(tokens: list[Token]) -> dict[str, float]:
    """Counts from the heads and labels of one parsed sentence (zeros without a parse)."""
    n = len(tokens)
    heads = [t.head for t in tokens]
    if not n or not any(t.dep for t in tokens) or any(h < 0 or h > n for h in heads):
        return {k: 0.0 for k in ("depth", "distance", "arcs", "relative_clauses",
                                 "adverbial_clauses", "complement_clauses",
                                 "coordinated_clauses", "passive_voice", "prep_phrases",
                                 "noun_modifiers", "words_before_verb", "appositions")}
    depth = [0] * n

    def depth_of(i: int) -> int:
        # Walk up to the root; a cycle (never from spaCy) stops at the sentence length.
        d, j, seen = 1, i, 0
        while heads[j] and seen < n:
            j, d, seen = heads[j] - 1, d + 1, seen + 1
        return d

    for i in range(n):
        depth[i] = depth_of(i)
    arcs = [(i, heads[i] - 1) for i in range(n) if heads[i] and tokens[i].dep != "punct"]
    root = next((i for i in range(n) if not heads[i]), 0)
    deps = [t.dep for t in tokens]
    return {
        "depth": float(max(depth)),
        "distance": float(sum(abs(i - h) for i, h in arcs)),
        "arcs": float(len(arcs)),
        "relative_clauses": float(sum(d in _RELATIVE for d in deps)),
        "adverbial_clauses": float(sum(d == "advcl" for d in deps)),
        "complement_clauses": float(sum(d in _COMPLEMENT for d in deps)),
        "coordinated_clauses": float(sum(d == "conj" and t.pos.startswith(("VB", "MD"))
                                         for d, t in zip(deps, tokens))),
        "passive_voice": float(sum(d in {"nsubjpass", "csubjpass"} for d in deps)),
        "prep_phrases": float(sum(d == "prep" for d in deps)),
        "noun_modifiers": float(sum(d in _NOUN_MODIFIERS for d in deps)),
        "words_before_verb": float(sum(t.is_word for t in tokens[:root])),
        "appositions": float(sum(d == "appos" for d in deps)),
    }


def _opens_clause(t: Token) -> bool:
    return t.pos in {"WDT", "WP", "WP$", "WRB"} or (t.pos == "IN" and t.text.lower() in SUBORDINATORS)


def _from_counts(c: dict[str, float], n_sentences: int) -> dict[str, float]:
    import math

    n = c["words"] or 1
    per_sentence = max(n_sentences, 1)
    f = {
        "words": c["words"] / per_sentence,
        "log_words": math.log1p(c["words"] / per_sentence),
        "syllables_per_word": c["syllables"] / n,
        "letters_per_word": c["letters"] / n,
        "long_word_share": c["long_words"] / n,
        "mean_level": c["level_sum"] / (c["levelled"] or 1),
        "max_level": c["max_level"],
        "mean_zipf": c["zipf_sum"] / (c["levelled"] or 1),
        "rare_share": c["rare"] / n,
        "fk_grade": fk_grade(int(c["words"]), per_sentence, int(c["syllables"])),
        "content_zipf": c["content_zipf"] / (c["content"] or 1),
        "lexical_density": c["content"] / n,
    }
    for lv in LEVELS[:5]:
        f[f"above_{lv}"] = c[f"above_{lv}"] / n
    for key in ("clauses", "commas", "coordinations", "passives", "punctuation_breaks",
                "finite_verbs", "relative_clauses", "adverbial_clauses", "complement_clauses",
                "coordinated_clauses", "passive_voice", "prep_phrases", "noun_modifiers",
                "words_before_verb", "appositions"):
        f[key] = c[key] / per_sentence
    for lv in LEVELS[:4]:
        f[f"count_above_{lv}"] = c[f"above_{lv}"] / per_sentence
    for key in ("rarest_zipf", "rare3_zipf", "second_level", "third_level"):
        f[key] = c[key] / per_sentence  # a text: the mean over its sentences
    f["log_words_sq"] = f["log_words"] ** 2
    f["parse_depth"] = c["depth"] / per_sentence
    f["dependency_distance"] = c["distance"] / (c["arcs"] or 1)
    # Clauses per word: dense subordination, whatever the sentence length.
    f["clause_share"] = (c["relative_clauses"] + c["adverbial_clauses"]
                         + c["complement_clauses"] + c["coordinated_clauses"]) / n
    for key in ("nominalisations", "below_zipf4", "adjectives", "adverbs", "pronouns",
                "prepositions"):
        f[key] = c[key] / n
    return f


def sentence_features(sentence: Sentence) -> dict[str, float]:
    """The SENTENCE_FEATURES of one analysed sentence."""
    return _from_counts(_counts(sentence), 1)


def text_features(sentences: Iterable[Sentence]) -> dict[str, float]:
    """The TEXT_FEATURES of analysed sentences: words pooled, per-sentence rates averaged.

    `max_level` becomes the mean of each sentence's hardest word, so one rare word in a
    long article does not decide it.
    """
    sents = [s for s in sentences if s.words]
    if not sents:
        return {k: 0.0 for k in TEXT_FEATURES}
    per = [_counts(s) for s in sents]
    total = {k: float(sum(c[k] for c in per)) for k in per[0]}
    f = _from_counts(total, len(sents))
    f["max_level"] = mean(c["max_level"] for c in per)
    lengths = [c["words"] for c in per]
    f["sentence_length_sd"] = pstdev(lengths) if len(lengths) > 1 else 0.0
    f["long_sentence_share"] = sum(n > 20 for n in lengths) / len(lengths)
    ordered = sorted(lengths)
    f["sentence_length_p90"] = ordered[int(0.9 * (len(ordered) - 1))]
    f["sentence_length_p75"] = ordered[int(0.75 * (len(ordered) - 1))]
    f["very_long_sentence_share"] = sum(n > 30 for n in lengths) / len(lengths)
    f["hard_words_per_sentence"] = total["above_B1"] / len(sents)
    f["hard_sentence_share"] = sum(c["above_B1"] >= 2 for c in per) / len(per)
    types = {(t.lemma.lower(), t.coarse): t.level or 0 for s in sents for t in s.words}
    f["hard_types_share"] = sum(lv > 3 for lv in types.values()) / len(types)
    # Type-token ratio over a fixed window so it does not fall with text length.
    lemmas = [t.lemma.lower() for s in sents for t in s.words if not t.is_name][:150]
    f["type_token_ratio"] = len(set(lemmas)) / len(lemmas) if lemmas else 0.0
    return f
