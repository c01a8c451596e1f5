"""A level estimate with its evidence: the text's, each sentence's and the hard words."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class HardWord:
    text: str
    lemma: str
    level: str
    sentence: int  # index in the analysed sentences

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HardWord:
        return cls(**d)


@dataclass
class SentenceLevel:
    """One sentence's estimate and why it is hard."""

    index: int
    text: str
    level: str
    difficulty: float
    words: int
    hard_words: list[str]  # words above the text's reference level
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SentenceLevel:
        return cls(**d)


@dataclass
class LevelEstimate:
    """A level (A1..C2), a CEFR-scale `difficulty` (1.0..6.0; x.5 are the boundaries), evidence."""

    level: str
    difficulty: float
    kind: str  # "text" or "sentence"
    coverage: dict[str, float]  # share of running words known at each level (names known)
    sentence_count: int
    word_count: int
    mean_sentence_length: float
    clauses_per_sentence: float
    readability: dict[str, float]  # Flesch-Kincaid grade and reading ease, from counts
    pushes: list[dict[str, Any]] = field(default_factory=list)  # features raising the score
    hard_words: list[HardWord] = field(default_factory=list)
    hard_sentences: list[SentenceLevel] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["hard_words"] = [w.to_dict() for w in self.hard_words]
        d["hard_sentences"] = [s.to_dict() for s in self.hard_sentences]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LevelEstimate:
        d = dict(d)
        d["hard_words"] = [HardWord.from_dict(w) for w in d.get("hard_words", [])]
        d["hard_sentences"] = [SentenceLevel.from_dict(s) for s in d.get("hard_sentences", [])]
        return cls(**d)

    def summary(self) -> str:
        """One line for a teacher."""
        return (f"{self.level} (difficulty {self.difficulty:.2f}): {self.word_count} words, "
                f"{self.mean_sentence_length:.1f} words per sentence, "
                f"{self.coverage.get('B1', 0):.0%} of words known at B1")


__all__ = ["HardWord", "LevelEstimate", "SentenceLevel"]
