"""The lesson pack: everything a student page shows, computed once when the lesson is built.

A pack is one JSON file with a versioned schema. Loading it is light (no language tools) and
checked: a broken or foreign file gives a `LessonPackError` that names the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cefr import LEVELS
from toolkit.language.analysis import Sentence
from toolkit.language.profile import TextProfile

SCHEMA = "vocabsphere.lesson"
SCHEMA_VERSION = 1


class LessonPackError(ValueError):
    """A lesson file that cannot be used; the message says which file and what is wrong."""


@dataclass
class LevelVersion:
    """The article at one level: text, analysed sentences and profile."""

    level: str  # a CEFR level, or "original"
    text: str
    sentences: list[Sentence]
    profile: TextProfile
    card_keys: list[str] = field(default_factory=list)  # the card of each word, in reading order
    good_sentences: dict[str, Any] = field(default_factory=dict)  # SentencePicks.to_dict()
    estimated: str = ""  # the level estimator's verdict on this version
    changes: list[dict[str, Any]] = field(default_factory=list)  # adapt.Change dicts
    glosses: list[dict[str, Any]] = field(default_factory=list)  # adapt.Gloss dicts
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "text": self.text,
                "sentences": [s.to_dict() for s in self.sentences],
                "profile": self.profile.to_dict(), "card_keys": self.card_keys,
                "good_sentences": self.good_sentences, "estimated": self.estimated,
                "changes": self.changes, "glosses": self.glosses, "notes": self.notes}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LevelVersion:
        return cls(d["level"], d["text"], [Sentence.from_dict(s) for s in d["sentences"]],
                   TextProfile.from_dict(d["profile"]), d.get("card_keys", []),
                   d.get("good_sentences", {}), d.get("estimated", ""),
                   d.get("changes", []), d.get("glosses", []), d.get("notes", []))

    def reading(self) -> dict[str, Any]:
        """What the leveled reader shows (a `ReadingVersion` dict)."""
        return {"level": self.level, "text": self.text,
                "sentences": [s.to_dict() for s in self.sentences], "changes": self.changes,
                "glosses": self.glosses, "estimated": self.estimated, "notes": self.notes}


@dataclass
class LessonPack:
    """A built lesson. Sections added by later builders live in `extras` by name."""

    slug: str
    title: str
    versions: list[LevelVersion]
    built_with: str = ""
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)  # WordCard dicts by key
    exercises: list[dict[str, Any]] = field(default_factory=list)  # exercises.Item dicts
    extras: dict[str, Any] = field(default_factory=dict)

    def version(self, level: str) -> LevelVersion:
        for v in self.versions:
            if v.level == level:
                return v
        raise KeyError(f"lesson {self.slug!r} has no {level} version; it has "
                       + ", ".join(v.level for v in self.versions))

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "slug": self.slug,
                "title": self.title, "built_with": self.built_with,
                "versions": [v.to_dict() for v in self.versions], "cards": self.cards,
                "exercises": self.exercises,
                "extras": self.extras}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LessonPack:
        return cls(d["slug"], d["title"], [LevelVersion.from_dict(v) for v in d["versions"]],
                   d.get("built_with", ""), d.get("cards", {}), d.get("exercises", []),
                   d.get("extras", {}))

    @property
    def original(self) -> LevelVersion:
        return self.versions[0]


def _require(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise LessonPackError(f"{where}: {what}")


def validate(d: Any, where: str = "lesson") -> None:
    """Check the shape of a pack dict before any object is built from it."""
    _require(isinstance(d, dict), where, "not a JSON object")
    _require(d.get("schema") == SCHEMA, where, f"not a VocabSphere lesson (schema {d.get('schema')!r})")
    version = d.get("schema_version")
    _require(isinstance(version, int), where, "schema_version missing")
    _require(version <= SCHEMA_VERSION, where,
             f"schema version {version} is newer than this toolkit reads ({SCHEMA_VERSION}); "
             "update the toolkit or rebuild the lesson")
    for key, typ in (("slug", str), ("title", str), ("versions", list)):
        _require(isinstance(d.get(key), typ), where, f"'{key}' missing or not a {typ.__name__}")
    _require(len(d["versions"]) > 0, where, "no versions of the article")
    _require(isinstance(d.get("exercises", []), list), where, "'exercises' is not a list")
    _require(isinstance(d.get("cards", {}), dict), where, "'cards' is not an object")
    for i, item in enumerate(d.get("exercises", [])):
        _require(isinstance(item, dict) and {"type", "prompt", "answer"} <= set(item),
                 f"{where}: exercises[{i}]", "needs type, prompt and answer")
    for i, v in enumerate(d["versions"]):
        at = f"{where}: versions[{i}]"
        _require(isinstance(v, dict), at, "not an object")
        _require(v.get("level") in (*LEVELS, "original"), at, f"bad level {v.get('level')!r}")
        _require(isinstance(v.get("text"), str) and v["text"].strip() != "", at, "empty text")
        _require(isinstance(v.get("sentences"), list), at, "'sentences' missing")
        _require(isinstance(v.get("profile"), dict), at, "'profile' missing")
        for j, s in enumerate(v["sentences"]):
            _require(isinstance(s, dict) and isinstance(s.get("tokens"), list), at,
                     f"sentence {j} has no tokens")
            _require(0 <= s.get("start", -1) <= s.get("end", -1) <= len(v["text"]), at,
                     f"sentence {j} lies outside the text")
        missing = [k for k in v.get("card_keys", []) if k not in d.get("cards", {})]
        _require(not missing, at, f"word cards missing: {', '.join(missing[:3])}")


def load_pack(path: str | Path) -> LessonPack:
    """Read and validate a lesson pack file."""
    p = Path(path)
    try:
        d = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise LessonPackError(f"{p}: no such lesson file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LessonPackError(f"{p}: not valid lesson JSON ({exc})") from None
    validate(d, str(p))
    try:
        return LessonPack.from_dict(d)
    except (KeyError, TypeError) as exc:
        raise LessonPackError(f"{p}: malformed field {exc}") from None


def save_pack(pack: LessonPack, path: str | Path) -> Path:
    """Write atomically, so a half-written file never replaces a good lesson."""
    p = Path(path)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(json.dumps(pack.to_dict(), ensure_ascii=False, separators=(",", ":")), "utf-8")
    tmp.replace(p)
    return p
