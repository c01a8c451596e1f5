"""A text's profile: counts, CEFR distribution, coverage, hard words and readability."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.cefr import level_index


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
    the lowest one whose coverage reaches 95% (`language.profile.COVERAGE_TARGET`).
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


__all__ = ["TextProfile", "WordStat"]
