"""TextProfile: what a teacher needs to judge an article's level, with its evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from toolkit.cefr import LEVELS, level_index
from toolkit.language.analysis import Sentence, Token, analyze
from toolkit.language.readability import readability
from toolkit.language.text import TextInputError, english_share, prepare

COVERAGE_TARGET = 0.95  # share of known running words for reading with little help
NOT_ENGLISH = 0.35  # below this share of English words the text is refused
DOUBTFUL_ENGLISH = 0.6  # below this a note warns the teacher


class NotEnglishError(TextInputError):
    """The text does not look like English."""


@dataclass
class WordStat:
    """A distinct word of the article (lemma + coarse POS) with its level and uses."""

    lemma: str
    pos: str
    level: str
    zipf: float
    count: int
    forms: list[str]
    source: str  # "cefrpy" or "frequency"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WordStat:
        return cls(**d)


@dataclass
class TextProfile:
    """Counts, CEFR distribution, lexical coverage, hard words and readability of a text.

    Coverage at level L is the share of running words a learner at L knows: words at or
    below L, plus proper names (counted as known, as in coverage research). The level is
    the lowest one whose coverage reaches COVERAGE_TARGET.
    """

    word_count: int
    sentence_count: int
    paragraph_count: int
    mean_sentence_length: float
    level: str
    cefr_counts: dict[str, int]
    cefr_distribution: dict[str, float]
    name_count: int
    coverage: dict[str, float]
    readability: dict[str, float]
    english_share: float
    vocabulary: list[WordStat] = field(default_factory=list)  # hardest first
    notes: list[str] = field(default_factory=list)

    def words_above(self, level: str) -> list[WordStat]:
        """Distinct words above a CEFR level, hardest and rarest first."""
        cut = level_index(level)
        return [w for w in self.vocabulary if level_index(w.level) > cut]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["vocabulary"] = [w.to_dict() for w in self.vocabulary]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TextProfile:
        d = dict(d)
        d["vocabulary"] = [WordStat.from_dict(w) for w in d.get("vocabulary", [])]
        return cls(**d)


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


def analyze_article(text: str, progress: Callable[[str], None] | None = None,
                    ) -> tuple[str, list[Sentence], TextProfile]:
    """Clean, check and analyse an article: (clean text, sentences, profile).

    Raises TextInputError (NotEnglishError among them) with a teacher-facing message.
    """
    clean, notes = prepare(text)
    share = english_share(clean)
    if share < NOT_ENGLISH:
        raise NotEnglishError(
            f"this text does not look like English (only {share:.0%} of its words are more "
            "common in English than in other languages); VocabSphere levels English articles"
        )
    if share < DOUBTFUL_ENGLISH:
        notes.append(f"only {share:.0%} of the words look English; levels may be unreliable")
    if progress:
        progress("analysing sentences and words")
    sentences = analyze(clean)
    if progress:
        progress("computing readability")
    return clean, sentences, profile_sentences(sentences, clean, notes, share)


def profile_text(text: str, progress: Callable[[str], None] | None = None) -> TextProfile:
    """The profile of an article (see `analyze_article`)."""
    return analyze_article(text, progress)[2]
