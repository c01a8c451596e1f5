"""Adapted versions of an article: each change and why, glosses, and the text at one level."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.model.level import LevelEstimate, SentenceLevel
from toolkit.model.profile import TextProfile
from toolkit.model.sentences import SentencePicks
from toolkit.model.text import Sentence

ORIGINAL = "original"  # the level name of the unadapted article


@dataclass
class Change:
    """One edit: what it was, what it became, and why."""

    kind: str  # "replace", "gloss", "split", "remove", "drop"
    before: str
    after: str
    reason: str
    sentence: int  # index of the source sentence; -1 for a dropped sentence of the adapted text
    rule: str = ""  # the named rule that made it ("relative-clause", "synonym-in-context", ...)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        return cls(d["kind"], d["before"], d["after"], d["reason"], d["sentence"],
                   d.get("rule", ""))


@dataclass
class Gloss:
    """A word kept in the text with a short meaning the reader can show; offsets in `text`."""

    word: str
    lemma: str
    gloss: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Gloss:
        return cls(**d)


@dataclass
class Adaptation:
    """An adapted text with its change log, glosses, estimate, profile and any blockers."""

    target: str
    source_level: str
    source_difficulty: float
    text: str
    level: str
    difficulty: float
    at_target: bool
    changes: list[Change] = field(default_factory=list)
    glosses: list[Gloss] = field(default_factory=list)
    blockers: list[SentenceLevel] = field(default_factory=list)  # sentences keeping it above
    notes: list[str] = field(default_factory=list)
    estimate: LevelEstimate | None = None
    profile: TextProfile | None = None
    sentences: list[Sentence] = field(default_factory=list)  # the new text, analysed

    def to_dict(self, with_sentences: bool = True) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("target", "source_level", "source_difficulty", "text",
                                           "level", "difficulty", "at_target", "notes")}
        d["changes"] = [c.to_dict() for c in self.changes]
        d["glosses"] = [g.to_dict() for g in self.glosses]
        d["blockers"] = [b.to_dict() for b in self.blockers]
        d["estimate"] = self.estimate.to_dict() if self.estimate else None
        d["profile"] = self.profile.to_dict() if self.profile else None
        if with_sentences:
            d["sentences"] = [s.to_dict() for s in self.sentences]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Adaptation:
        return cls(
            d["target"], d["source_level"], d["source_difficulty"], d["text"], d["level"],
            d["difficulty"], d["at_target"], [Change.from_dict(c) for c in d.get("changes", [])],
            [Gloss.from_dict(g) for g in d.get("glosses", [])],
            [SentenceLevel.from_dict(b) for b in d.get("blockers", [])], list(d.get("notes", [])),
            LevelEstimate.from_dict(d["estimate"]) if d.get("estimate") else None,
            TextProfile.from_dict(d["profile"]) if d.get("profile") else None,
            [Sentence.from_dict(s) for s in d.get("sentences", [])])

    def level_version(self) -> LevelVersion:
        """This adaptation as a version of the article (what a leveled reader shows)."""
        return LevelVersion(self.target, self.text, list(self.sentences), self.profile,
                            estimated=self.level, changes=list(self.changes),
                            glosses=list(self.glosses), notes=list(self.notes))


@dataclass
class LevelVersion:
    """The article at one level (or the original): what the reader shows and a pack stores."""

    level: str  # a CEFR level, or ORIGINAL
    text: str
    sentences: list[Sentence]
    profile: TextProfile | None = None
    card_keys: list[str] = field(default_factory=list)  # the card of each word, in reading order
    good_sentences: SentencePicks | None = None
    estimated: str = ""  # the level estimator's verdict on this version
    changes: list[Change] = field(default_factory=list)
    glosses: list[Gloss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        """Running words shown (names included): the numerator of words per minute."""
        return sum(len(s.words) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "text": self.text,
                "sentences": [s.to_dict() for s in self.sentences],
                "profile": self.profile.to_dict() if self.profile else None,
                "card_keys": self.card_keys,
                "good_sentences": self.good_sentences.to_dict() if self.good_sentences else {},
                "estimated": self.estimated, "changes": [c.to_dict() for c in self.changes],
                "glosses": [g.to_dict() for g in self.glosses], "notes": self.notes}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LevelVersion:
        return cls(d["level"], d["text"], [Sentence.from_dict(s) for s in d["sentences"]],
                   TextProfile.from_dict(d["profile"]) if d.get("profile") else None,
                   list(d.get("card_keys", [])),
                   SentencePicks.from_dict(d["good_sentences"]) if d.get("good_sentences") else None,
                   d.get("estimated", ""), [Change.from_dict(c) for c in d.get("changes", [])],
                   [Gloss.from_dict(g) for g in d.get("glosses", [])], list(d.get("notes", [])))


__all__ = ["ORIGINAL", "Adaptation", "Change", "Gloss", "LevelVersion"]
