"""Good sentences for learners: each scored sentence's evidence and the chosen few."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class FeatureResult:
    """One feature's verdict on a sentence: a score in 0..1 and its evidence."""

    name: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureResult:
        return cls(**d)


@dataclass
class ScoredSentence:
    """A sentence with its score, its evidence and the explanation built from it."""

    text: str
    index: int  # position in the article's sentence list; -1 for outside examples
    source: str  # "article" or "wordnet"
    level: str  # the learner level it was scored for
    score: float
    eligible: bool  # passed the filters (a real, complete sentence)
    features: dict[str, FeatureResult] = field(default_factory=dict)
    explanation: str = ""
    label: str = ""

    @property
    def evidence(self) -> dict[str, dict[str, Any]]:
        return {k: f.evidence for k, f in self.features.items()}

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "index": self.index, "source": self.source,
                "level": self.level, "score": self.score, "eligible": self.eligible,
                "features": {k: f.to_dict() for k, f in self.features.items()},
                "explanation": self.explanation, "label": self.label}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ScoredSentence:
        d = dict(d)
        d["features"] = {k: FeatureResult.from_dict(f) for k, f in d.get("features", {}).items()}
        return cls(**d)


@dataclass
class SentencePicks:
    """The chosen sentences for one learner level (and word), with notes on what happened."""

    level: str
    word: str | None
    chosen: list[ScoredSentence]
    considered: int  # sentences scored
    eligible: int  # of those, real complete sentences
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "word": self.word,
                "chosen": [c.to_dict() for c in self.chosen], "considered": self.considered,
                "eligible": self.eligible, "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SentencePicks:
        d = dict(d)
        d["chosen"] = [ScoredSentence.from_dict(c) for c in d.get("chosen", [])]
        return cls(**d)


__all__ = ["FeatureResult", "ScoredSentence", "SentencePicks"]
