"""TextProfile: what a teacher needs to judge an article's level, with its evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from toolkit.cefr import LEVELS, level_index
from toolkit.language.analysis import analyze
from toolkit.language.readability import readability
from toolkit.language.text import TextInputError, english_share, looks_like_code, prepare
from toolkit.model.profile import TextProfile, WordStat
from toolkit.model.text import Sentence, Token

COVERAGE_TARGET = 0.95  # share of known running words for reading with little help
NOT_ENGLISH = 0.35  # below this share of English words the text is refused
DOUBTFUL_ENGLISH = 0.6  # below this a note warns the teacher


class NotEnglishError(TextInputError):
    """The text does not look like English."""


def profile_sentences(sentences: list[Sentence], text: str, notes: list[str] | None = None,
                      share: float = 1.0) -> TextProfile:
    """Summarise analysed sentences (see `profile_text` for the usual entry point)."""
    words: list[Token] = [t for s in sentences for t in s.tokens if t.is_word]
    n = len(words)
    names = sum(t.is_name for t in words)
    counts = Counter(LEVELS[t.level - 1] for t in words if t.level)
    cefr_counts = {lv: counts.get(lv, 0) for lv in LEVELS}
    coverage, known = {}, names
    for lv in LEVELS:
        known += cefr_counts[lv]
        coverage[lv] = round(known / n, 4) if n else 0.0
    level = next((lv for lv in LEVELS if coverage[lv] >= COVERAGE_TARGET), "C2")
    return TextProfile(
        word_count=n,
        sentence_count=len(sentences),
        paragraph_count=len({s.paragraph for s in sentences}),
        mean_sentence_length=round(n / len(sentences), 2) if sentences else 0.0,
        level=level,
        cefr_counts=cefr_counts,
        cefr_distribution={lv: round(c / n, 4) if n else 0.0 for lv, c in cefr_counts.items()},
        name_count=names,
        coverage=coverage,
        readability=readability(text),
        english_share=round(share, 3),
        vocabulary=_vocabulary(words),
        notes=list(notes or []),
    )


def _vocabulary(words: list[Token]) -> list[WordStat]:
    groups: dict[tuple[str, str], list[Token]] = {}
    for t in words:
        if t.level:
            groups.setdefault((t.lemma, t.coarse), []).append(t)
    stats = []
    for (lemma, pos), toks in groups.items():
        hardest = max(toks, key=lambda t: t.level or 0)
        forms = sorted({t.text.lower() for t in toks})
        stats.append(WordStat(lemma, pos, LEVELS[(hardest.level or 1) - 1],
                              round(min(t.zipf for t in toks), 2), len(toks), forms,
                              hardest.level_source))
    stats.sort(key=lambda w: (-level_index(w.level), w.zipf, w.lemma))
    return stats


def check_english(clean: str, notes: list[str] | None = None) -> float:
    """The English share of cleaned text, or NotEnglishError for code or another language.

    A doubtful share adds a note to `notes`. Every check that refuses a text is here, so
    tests can run it over thousands of sentences without analysing them.
    """
    if looks_like_code(clean):
        raise NotEnglishError("this looks like program code, not an English text; "
                              "VocabSphere levels English articles")
    share = english_share(clean)
    if share < NOT_ENGLISH:
        raise NotEnglishError(
            f"this text does not look like English (only {share:.0%} of the words that tell "
            "languages apart are English); VocabSphere levels English articles"
        )
    if share < DOUBTFUL_ENGLISH and notes is not None:
        notes.append(f"only {share:.0%} of the words look English; levels may be unreliable")
    return share


def analyze_article(text: str, progress: Callable[[str], None] | None = None,
                    ) -> tuple[str, list[Sentence], TextProfile]:
    """Clean, check and analyse an article: (clean text, sentences, profile).

    Raises TextInputError (NotEnglishError among them) with a teacher-facing message.
    """
    clean, notes = prepare(text)
    share = check_english(clean, notes)
    if progress:
        progress("analysing sentences and words")
    sentences = analyze(clean)
    if progress:
        progress("computing readability")
    return clean, sentences, profile_sentences(sentences, clean, notes, share)


def profile_text(text: str, progress: Callable[[str], None] | None = None) -> TextProfile:
    """The profile of an article (see `analyze_article`)."""
    return analyze_article(text, progress)[2]
