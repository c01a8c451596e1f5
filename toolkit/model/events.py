"""The events the student widgets emit: plain records the app hands to the learner store."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class ReaderWord:
    """What the reader knows of a clickable word: enough to find its card."""

    index: int
    text: str
    lemma: str
    pos: str
    level: int  # 0 for names and unlevelled words
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReaderWord:
        return cls(**d)


@dataclass
class WordAdded:
    """The event sent when a student adds a word: what the vocabulary book needs to keep."""

    lemma: str
    text: str  # the form clicked
    pos: str
    sentence: str
    definition: str
    sense_key: str  # WordNet sense key, "" for names and fixed phrases
    translation: str  # in `lang`, "" when not available
    lang: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WordAdded:
        return cls(**d)


@dataclass
class SenseChosen:
    """A student's answer to "Which meaning fits here?" on an unsure card."""

    lemma: str
    text: str  # the form clicked
    sentence: str
    card_key: str
    chosen_key: str  # the WordNet sense key the student picked
    offered: list[str]  # the keys offered, the build's first guess first
    definition: str  # the chosen sense's learner definition

    @property
    def agrees(self) -> bool:
        """The student picked the sense the build ranked first."""
        return bool(self.offered) and self.chosen_key == self.offered[0]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SenseChosen:
        return cls(d["lemma"], d["text"], d["sentence"], d["card_key"], d["chosen_key"],
                   list(d.get("offered", [])), d.get("definition", ""))


@dataclass
class ReadingResult:
    """A finished timed reading of one version."""

    level: str
    words: int
    seconds: float
    wpm: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReadingResult:
        return cls(**d)


__all__ = ["ReaderWord", "ReadingResult", "SenseChosen", "WordAdded"]
