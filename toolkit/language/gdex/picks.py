"""Scoring sentences and choosing the best few for a learner: per article and per word.

GDEX (Kilgarriff et al. 2008) in two steps: sentences that are not sentences (headings,
list items, fragments, quotation pieces, no finite verb) are filtered out, the rest get the
weighted mean of the feature scores. The top N above `min_score` are offered, each with its
evidence and a readable explanation.
"""

from __future__ import annotations

from typing import Any, Iterable

from toolkit.errors import UserInputError
from toolkit.cefr import LEVELS, level_index
from toolkit.language.analysis import lemma_of
from toolkit.language.gdex.config import GdexConfig
from toolkit.language.gdex.explain import explain, label
from toolkit.language.gdex.features import DETECTORS
from toolkit.model.sentences import FeatureResult, ScoredSentence, SentencePicks
from toolkit.model.text import Sentence


def _filter_reason(features: dict[str, FeatureResult]) -> str | None:
    if features["form"].score == 0:
        return features["form"].evidence["problem"]
    if features["main_clause"].evidence["finite_verb"] is None:
        return "no finite verb"
    return None


def score_sentence(sentence: Sentence, level: str | int = "B1", config: GdexConfig | None = None,
                   index: int = -1, source: str = "article",
                   target_lemmas: Iterable[str] = ()) -> ScoredSentence:
    """Score one analysed sentence for a learner at `level` (e.g. "B1")."""
    cfg = config or GdexConfig()
    lv = level if isinstance(level, int) else level_index(level)
    targets = frozenset(t.lower() for t in target_lemmas)
    features = {name: fn(sentence, lv, cfg, target_lemmas=targets)
                for name, fn in DETECTORS.items()}
    total = sum(cfg.weights[k] for k in features)
    score = sum(cfg.weights[k] * f.score for k, f in features.items()) / total
    for k, strength in cfg.gates.items():
        score *= 1 - strength * (1 - features[k].score)
    score = round(score, 4)
    eligible = _filter_reason(features) is None
    evidence = {k: f.evidence for k, f in features.items()}
    good = eligible and score >= cfg.min_score
    return ScoredSentence(sentence.text, index, source, LEVELS[lv - 1], score, eligible,
                          features, explain(evidence, lv, good), label(evidence, lv))


def _top(scored: list[ScoredSentence], cfg: GdexConfig) -> list[ScoredSentence]:
    """Best first; ties go to the earlier sentence; the same text is offered once."""
    ranked = sorted((s for s in scored if s.eligible and s.score >= cfg.min_score),
                    key=lambda s: (-s.score, s.source != "article", s.index))
    out: list[ScoredSentence] = []
    for s in ranked:
        if all(s.text.strip().lower() != o.text.strip().lower() for o in out):
            out.append(s)
        if len(out) == cfg.top_n:
            break
    return out


def _summary_notes(scored: list[ScoredSentence], chosen: list[ScoredSentence],
                   cfg: GdexConfig, what: str) -> list[str]:
    notes = []
    eligible = [s for s in scored if s.eligible]
    if not scored:
        notes.append(f"{what} has no sentences")
    elif not eligible:
        reasons = sorted({_filter_reason(s.features) or "" for s in scored})
        notes.append(f"none of the {len(scored)} sentences in {what} is a complete sentence "
                     f"(found: {', '.join(reasons)}); give running text with full stops")
    elif len(eligible) < cfg.top_n:
        notes.append(f"only {len(eligible)} complete sentence{'s' * (len(eligible) != 1)} "
                     f"to choose from in {what}")
    elif len(chosen) < cfg.top_n:
        notes.append(f"only {len(chosen)} of {len(eligible)} complete sentences scored "
                     f"{cfg.min_score} or more")
    return notes


def choose_sentences(sentences: list[Sentence], level: str = "B1",
                     config: GdexConfig | None = None,
                     target_words: Iterable[str] = ()) -> SentencePicks:
    """The top N sentences of an article for a learner at `level`.

    `target_words` are lemmas a teacher picked; they count as useful whatever their level.
    """
    cfg = config or GdexConfig()
    level_index(level)
    scored = [score_sentence(s, level, cfg, i, "article", target_words)
              for i, s in enumerate(sentences)]
    chosen = _top(scored, cfg)
    return SentencePicks(level.upper(), None, chosen, len(scored),
                         sum(s.eligible for s in scored),
                         _summary_notes(scored, chosen, cfg, "the article"))


def word_lemmas(word: str) -> frozenset[str]:
    """The forms a word can be looked up under: itself and its lemma as noun, verb, adjective."""
    low = word.strip().lower()
    return frozenset({low} | {lemma_of(low, tag).lower() for tag in ("NN", "NNS", "VBD", "VBZ",
                                                                      "VBG", "JJ", "RB")})


def _contains(sentence: Sentence, lemmas: frozenset[str], parts: list[str]) -> bool:
    words = [t for t in sentence.words]
    if len(parts) > 1:  # a phrase: the words in a row, any inflection of the first
        low = [t.text.lower() for t in words]
        lem = [t.lemma.lower() for t in words]
        n = len(parts)
        return any((low[i] in lemmas or lem[i] in lemmas) and low[i + 1:i + n] == parts[1:]
                   for i in range(len(words) - n + 1))
    return any(t.text.lower() in lemmas or t.lemma.lower() in lemmas for t in words)


def sentences_for_word(sentences: list[Sentence], word: str, level: str = "B1",
                       config: GdexConfig | None = None, use_wordnet: bool = True) -> SentencePicks:
    """The top N example sentences for a target word: the article's sentences that contain
    it and, when `use_wordnet`, WordNet's example sentences for it, scored together."""
    cfg = config or GdexConfig()
    level_index(level)
    parts = word.strip().lower().split()
    if not parts or not any(ch.isalpha() for ch in word):
        raise UserInputError("give a word to find sentences for, e.g. --word identity")
    lemmas = word_lemmas(parts[0])
    targets = lemmas | ({" ".join(parts)} if len(parts) > 1 else set())
    scored = [score_sentence(s, level, cfg, i, "article", targets)
              for i, s in enumerate(sentences) if _contains(s, lemmas, parts)]
    in_article = len(scored)
    if use_wordnet:
        from toolkit.language.gdex.wordnet_examples import wordnet_examples

        scored += [score_sentence(s, level, cfg, -1, "wordnet", targets)
                   for s in wordnet_examples(word) if _contains(s, lemmas, parts)]
    chosen = _top(scored, cfg)
    notes = []
    if not in_article:
        notes.append(f"'{word}' does not appear in any sentence of the article")
    if not scored:
        notes.append(f"no example sentence contains '{word}'"
                     + (" (WordNet has none either); check the spelling" if use_wordnet else ""))
    else:
        notes += _summary_notes(scored, chosen, cfg, f"the article and WordNet for '{word}'" if use_wordnet
                                else f"the article for '{word}'")
    return SentencePicks(level.upper(), word, chosen, len(scored),
                         sum(s.eligible for s in scored), notes)
