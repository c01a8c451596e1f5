"""GdexConfig: the weights and thresholds of the good-sentence scorer, in one editable place.

A researcher changes the scorer by changing numbers, not code: every feature's weight, the
length sweet spot per level and each grammar pattern's value live here and load from a
JSON or TOML file (`GdexConfig.load(path)`). Unknown keys are refused so a typo cannot be
silently ignored.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from toolkit.errors import UserInputError
from toolkit.cefr import LEVELS

FEATURES: tuple[str, ...] = ("length", "known_words", "target_words", "main_clause",
                             "standalone", "clutter", "grammar", "form")


def _weights() -> dict[str, float]:
    # Form and known words matter most: a fragment or a sentence full of unknown words is
    # useless whatever else it has (Kilgarriff et al. 2008 treat these as near-filters).
    return {"length": 1.0, "known_words": 2.0, "target_words": 1.0, "main_clause": 1.0,
            "standalone": 1.5, "clutter": 1.0, "grammar": 1.0, "form": 2.0}


def _sweet_spots() -> dict[str, list[int]]:
    # Words per sentence a learner handles comfortably; GDEX's 10-25 for fluent readers,
    # shorter for beginners (graded readers' A1 sentences average under 10 words).
    return {"A1": [5, 10], "A2": [6, 13], "B1": [8, 20], "B2": [10, 25],
            "C1": [10, 30], "C2": [10, 32]}


def _gates() -> dict[str, float]:
    # A weighted mean lets nine good features hide one fatal one (a sentence full of hard
    # words, or one about "he"). A gate of strength g multiplies the score by 1 - g * (1 - s).
    return {"known_words": 0.6, "standalone": 0.5, "clutter": 0.3, "form": 0.5, "length": 0.3}


def _pattern_values() -> dict[str, float]:
    return {"passive": 1.0, "relative_clause": 1.0, "had_to": 1.0, "have_to": 0.8,
            "conditional": 1.0, "present_perfect": 0.8, "past_perfect": 0.8, "used_to": 0.8,
            "going_to": 0.8, "comparative": 0.6, "superlative": 0.5, "modal_advice": 0.6,
            "phrasal_verb": 0.5, "verb_to_verb": 0.5}


@dataclass
class GdexConfig:
    """Weights (any non-negative numbers; the score is their weighted mean) and thresholds."""

    weights: dict[str, float] = field(default_factory=_weights)
    sweet_spots: dict[str, list[int]] = field(default_factory=_sweet_spots)
    pattern_values: dict[str, float] = field(default_factory=_pattern_values)
    gates: dict[str, float] = field(default_factory=_gates)
    known_floor: float = 0.75  # share of known words at which the known-words score is 0
    target_max: int = 2  # target words (one step above) a sentence can teach at once
    target_min_zipf: float = 3.0  # rarer words above the level are not "useful" targets
    rare_word_zipf: float = 3.0  # rarer words count as hard whatever their listed level
    rare_name_zipf: float = 3.5  # names rarer than this are clutter (Pyongyang, not Europe)
    clutter_allowed: int = 1  # names/numbers tolerated before the score drops
    min_words: int = 4  # shorter is a fragment for the form check
    top_n: int = 3
    min_score: float = 0.6  # weaker sentences are not offered as "good"

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise UserInputError(f"unknown feature weight(s) {sorted(unknown)}; "
                             f"features are {', '.join(FEATURES)}")
        self.weights = {**_weights(), **self.weights}
        if any(v < 0 for v in self.weights.values()) or not any(self.weights.values()):
            raise UserInputError("feature weights must be >= 0 and not all 0")
        bad = set(self.gates) - set(FEATURES)
        if bad or any(not 0 <= g <= 1 for g in self.gates.values()):
            raise UserInputError(f"gates must map features ({', '.join(FEATURES)}) to 0..1, "
                             f"got {self.gates}")
        self.gates = {**_gates(), **self.gates}
        bad = set(self.sweet_spots) - set(LEVELS)
        if bad:
            raise UserInputError(f"sweet_spots has unknown level(s) {sorted(bad)}; use {LEVELS}")
        self.sweet_spots = {**_sweet_spots(), **{k: list(v) for k, v in self.sweet_spots.items()}}
        for lv, span in self.sweet_spots.items():
            if len(span) != 2 or not 0 < span[0] <= span[1]:
                raise UserInputError(f"sweet_spots[{lv}] must be [shortest, longest], got {span}")
        bad = set(self.pattern_values) - set(_pattern_values())
        if bad:
            raise UserInputError(f"unknown grammar pattern(s) {sorted(bad)}; "
                             f"patterns are {', '.join(_pattern_values())}")
        self.pattern_values = {**_pattern_values(), **self.pattern_values}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GdexConfig:
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        if unknown:
            raise UserInputError(f"unknown setting(s) {sorted(unknown)} in good-sentence config; "
                             f"settings are {', '.join(sorted(names))}")
        return cls(**d)

    @classmethod
    def load(cls, path: str | Path) -> GdexConfig:
        """Read a .json or .toml file; missing settings keep their defaults."""
        p = Path(path)
        if not p.is_file():
            raise UserInputError(f"{p}: no such config file")
        try:
            d = tomllib.loads(p.read_text("utf-8")) if p.suffix == ".toml" \
                else json.loads(p.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
            raise UserInputError(f"{p}: not valid {p.suffix.lstrip('.') or 'JSON'}: {exc}") from exc
        return cls.from_dict(d.get("gdex", d))
