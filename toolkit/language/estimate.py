"""CEFR level and continuous difficulty of a text or sentence, with the evidence behind it.

The numbers come from `level_model.json` (fitted by `toolkit.language.research.calibrate` on CEFR-SP
and OneStopEnglish). The evidence is what a teacher can check by eye: coverage per level,
sentence length and clauses, readability, the features that pushed the score up, and the
words and sentences that push the level up.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.errors import UserInputError
from toolkit.cefr import LEVELS, level_index, level_name
from toolkit.model.level import HardWord, LevelEstimate, SentenceLevel
from toolkit.model.text import Sentence

from toolkit.language.features import sentence_features, text_features
from toolkit.language.level_model import Calibration, load_calibration, sentence_spread

SHORT_TEXT = 10  # below this many sentences the text model is blended with the sentence mean

# Feature -> how a teacher reads it (used in evidence and in "why this sentence is hard").
FEATURE_LABELS: dict[str, str] = {
    "words": "words per sentence", "log_words": "sentence length",
    "syllables_per_word": "syllables per word", "letters_per_word": "letters per word",
    "long_word_share": "share of long words (3+ syllables)",
    **{f"above_{lv}": f"share of words above {lv}" for lv in LEVELS[:5]},
    "mean_level": "average word level", "max_level": "hardest word's level",
    "mean_zipf": "word frequency (higher is easier)",
    "rare_share": "share of rare words", "clauses": "subordinate clauses per sentence",
    "commas": "commas per sentence", "coordinations": "and/but/or per sentence",
    "passives": "past participles (passives) per sentence",
    "nominalisations": "nouns like -tion/-ment/-ity", "punctuation_breaks": "; : ( and dashes",
    "fk_grade": "Flesch-Kincaid grade", "content_zipf": "content-word frequency",
    "below_zipf4": "share of less common words", "adjectives": "share of adjectives",
    "adverbs": "share of adverbs", "pronouns": "share of pronouns",
    "prepositions": "share of prepositions", "lexical_density": "share of content words",
    "finite_verbs": "finite verbs per sentence", "sentence_length_sd": "spread of sentence length",
    "long_sentence_share": "share of sentences over 20 words", "type_token_ratio": "word variety",
    "sentence_length_p90": "length of the longest sentences",
    "sentence_length_p75": "length of the longer sentences",
    "very_long_sentence_share": "share of sentences over 30 words",
    "hard_types_share": "share of distinct words above B1",
    "hard_words_per_sentence": "words above B1 per sentence",
    "hard_sentence_share": "share of sentences with 2+ words above B1",
    "parse_depth": "depth of the sentence structure",
    "dependency_distance": "distance between linked words",
    "relative_clauses": "relative clauses per sentence",
    "adverbial_clauses": "adverbial clauses per sentence",
    "complement_clauses": "that-/to-clauses per sentence",
    "coordinated_clauses": "joined main clauses per sentence",
    "passive_voice": "passive sentences", "prep_phrases": "prepositional phrases per sentence",
    "noun_modifiers": "words describing nouns per sentence",
    "words_before_verb": "words before the main verb", "appositions": "appositions per sentence",
    "clause_share": "clauses per word",
    **{f"count_above_{lv}": f"words above {lv} per sentence" for lv in LEVELS[:4]},
    "rarest_zipf": "frequency of the rarest word", "rare3_zipf": "frequency of the 3 rarest words",
    "second_level": "second-hardest word's level", "third_level": "third-hardest word's level",
    "log_words_sq": "sentence length (squared)",
    "sentence_mean": "average sentence difficulty", "sentence_p75": "harder sentences' difficulty",
    "sentence_p90": "hardest sentences' difficulty",
}


def sentence_difficulty(sentence: Sentence, cal: Calibration | None = None) -> float:
    """The sentence model's CEFR-scale difficulty of one analysed sentence."""
    model = (cal or load_calibration()).sentence
    return round(model.difficulty(model.raw(sentence_features(sentence))), 3)


def _coverage(sentences: list[Sentence]) -> dict[str, float]:
    words = [t for s in sentences for t in s.words]
    n = len(words) or 1
    out, known = {}, sum(t.is_name for t in words)
    for i, lv in enumerate(LEVELS, start=1):
        known += sum(1 for t in words if t.level == i)
        out[lv] = round(known / n, 4)
    return out


def _reasons(sentence: Sentence, feats: dict[str, float], cal: Calibration, ref: int,
             mean_len: float) -> tuple[list[str], list[str]]:
    hard = [t.text for t in sentence.words if (t.level or 0) > ref]
    reasons = []
    if feats["words"] > max(20.0, 1.5 * mean_len):
        reasons.append(f"long: {int(feats['words'])} words")
    if feats["clauses"] >= 2:
        reasons.append(f"{int(feats['clauses'])} subordinate clauses")
    if feats["punctuation_breaks"] >= 1 or feats["commas"] >= 3:
        reasons.append("many parts (commas, semicolons, brackets or dashes)")
    if hard:
        reasons.append(f"words above {LEVELS[ref - 1]}: {', '.join(dict.fromkeys(hard))}")
    if not reasons:
        pushes = sorted(cal.sentence.contributions(feats).items(), key=lambda kv: -kv[1])[:2]
        reasons = [f"{FEATURE_LABELS.get(k, k)} above average" for k, v in pushes if v > 0]
    return hard, reasons


def estimate_sentences(sentences: list[Sentence], reference: str | None = None,
                       top: int = 5) -> LevelEstimate:
    """Estimate analysed sentences as one text.

    `reference` is the level whose above-level words and sentences are listed as what pushes
    the level up (default: the estimated level minus one, so there is always something to see).
    """
    cal = load_calibration()
    indexed = [(i, s) for i, s in enumerate(sentences) if s.words]
    sents = [s for _, s in indexed]
    notes: list[str] = []
    if not sents:
        raise UserInputError("there are no words to level; give an English sentence or text")
    feats = text_features(sents)
    spread = sentence_spread(cal.sentence, sents)
    s_diff = [sentence_difficulty(s, cal) for s in sents]
    if len(sents) == 1:
        kind, difficulty = "sentence", s_diff[0]
        contributions = cal.sentence.contributions(feats)
    else:
        kind = "text"
        all_feats = {**feats, **spread}
        difficulty = cal.text.difficulty(cal.text.raw(all_feats))
        contributions = cal.text.contributions(all_feats)
        if len(sents) < SHORT_TEXT:
            w = (len(sents) - 1) / (SHORT_TEXT - 1)
            difficulty = w * difficulty + (1 - w) * spread["sentence_mean"]
            notes.append(f"only {len(sents)} sentences: the level leans on sentence estimates")
    difficulty = round(min(max(difficulty, 1.0), 6.0), 3)
    level = level_name(difficulty)
    ref = level_index(reference) if reference else max(1, level_index(level) - 1)
    mean_len = feats["words"]
    per_sentence = []
    for (i, s), d in zip(indexed, s_diff):
        hard, reasons = _reasons(s, sentence_features(s), cal, ref, mean_len)
        per_sentence.append(SentenceLevel(i, s.text, level_name(d), d,
                                          len(s.words), hard, reasons))
    # Sentences above the reference level (or holding words above it), hardest first.
    pushing = [x for x in per_sentence if level_index(x.level) > ref or x.hard_words]
    hard_sentences = sorted(pushing, key=lambda x: -x.difficulty)[:top]
    hard_words: dict[str, HardWord] = {}
    for i, s in indexed:
        for t in s.words:
            if t.level and t.level > ref and t.lemma.lower() not in hard_words:
                hard_words[t.lemma.lower()] = HardWord(t.text, t.lemma, LEVELS[t.level - 1], i)
    ranked_words = sorted(hard_words.values(), key=lambda w: -level_index(w.level))
    values = {**feats, **spread}
    pushes = [{"feature": k, "label": FEATURE_LABELS.get(k, k), "value": round(values[k], 3),
               "push": round(v, 3)}
              for k, v in sorted(contributions.items(), key=lambda kv: -kv[1])[:5] if v > 0]
    n_words = sum(len(s.words) for s in sents)
    syll_fk = feats["fk_grade"]
    reading_ease = 206.835 - 1.015 * feats["words"] - 84.6 * feats["syllables_per_word"]
    return LevelEstimate(
        level=level, difficulty=difficulty, kind=kind, coverage=_coverage(sents),
        sentence_count=len(sents), word_count=n_words,
        mean_sentence_length=round(mean_len, 2), clauses_per_sentence=round(feats["clauses"], 2),
        readability={"flesch_kincaid_grade": round(syll_fk, 2),
                     "flesch_reading_ease": round(reading_ease, 2)},
        pushes=pushes, hard_words=ranked_words[:30], hard_sentences=hard_sentences, notes=notes)


def estimate_text(text: str, reference: str | None = None) -> LevelEstimate:
    """Clean, check (English, not empty) and estimate an article or a sentence."""
    from toolkit.language.profile import analyze_article

    _, sentences, profile = analyze_article(text)
    est = estimate_sentences(sentences, reference)
    est.notes = profile.notes + est.notes
    return est


__all__ = ["LevelEstimate", "SentenceLevel", "HardWord", "estimate_text", "estimate_sentences",
           "sentence_difficulty"]
