"""The lesson pack: everything a student page shows, computed once when the lesson is built.

A pack is one JSON file with a versioned schema. Loading it is light (standard library only)
and checked: a broken or foreign file gives a `LessonPackError` that names the file and the
field. A pack written by an older toolkit loads through the upgrade steps in `UPGRADES`, one
schema version at a time, as nbgrader upgrades its databases.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cefr import LEVELS
from toolkit.errors import UserInputError
from toolkit.model.adaptation import ORIGINAL, LevelVersion
from toolkit.model.items import Item
from toolkit.model.wordcard import ArticleCards, WordCard

SCHEMA = "vocabsphere.lesson"
SCHEMA_VERSION = 2


class LessonPackError(UserInputError):
    """A lesson file that cannot be used; the message says which file and what is wrong."""


@dataclass
class LessonPack:
    """A built lesson. Sections added by later builders live in `extras` by name."""

    slug: str
    title: str
    versions: list[LevelVersion]
    built_with: str = ""
    cards: dict[str, WordCard] = field(default_factory=dict)
    exercises: list[Item] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)  # the teacher's target words
    levels_not_needed: list[str] = field(default_factory=list)  # "B2: the original is ..."
    exercise_report: dict[str, Any] = field(default_factory=dict)  # counts from generation
    extras: dict[str, Any] = field(default_factory=dict)

    def version(self, level: str) -> LevelVersion:
        for v in self.versions:
            if v.level == level:
                return v
        raise KeyError(f"lesson {self.slug!r} has no {level} version; it has "
                       + ", ".join(v.level for v in self.versions))

    def article_cards(self, level: str) -> ArticleCards:
        """The cards of one version, by the reader's word index."""
        return ArticleCards(self.cards, self.version(level).card_keys)

    @property
    def original(self) -> LevelVersion:
        return self.versions[0]

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "slug": self.slug,
                "title": self.title, "built_with": self.built_with,
                "versions": [v.to_dict() for v in self.versions],
                "cards": {k: c.to_dict() for k, c in self.cards.items()},
                "exercises": [i.to_dict() for i in self.exercises], "targets": self.targets,
                "levels_not_needed": self.levels_not_needed,
                "exercise_report": self.exercise_report, "extras": self.extras}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LessonPack:
        d = upgrade(d)
        return cls(d["slug"], d["title"], [LevelVersion.from_dict(v) for v in d["versions"]],
                   d.get("built_with", ""),
                   {k: WordCard.from_dict(c) for k, c in d.get("cards", {}).items()},
                   [Item.from_dict(i) for i in d.get("exercises", [])],
                   list(d.get("targets", [])), list(d.get("levels_not_needed", [])),
                   dict(d.get("exercise_report", {})), dict(d.get("extras", {})))


def _v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 gives the sections v1 kept loose in `extras` fields of their own."""
    d = dict(d)
    extras = dict(d.get("extras", {}))
    d["targets"] = list(extras.pop("targets", []))
    d["levels_not_needed"] = list(extras.pop("levels_not_needed", []))
    d["exercise_report"] = dict(extras.pop("exercise_report", {}))
    d["extras"] = extras
    d["schema_version"] = 2
    return d


# schema version N -> the step that turns a pack of version N into version N + 1
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(d: dict[str, Any]) -> dict[str, Any]:
    """A pack dict of any readable schema version as the current version (new dicts)."""
    version = d.get("schema_version", SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        d = UPGRADES[version](d)
        version = d["schema_version"]
    return d


def _require(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise LessonPackError(f"{where}: {what}")


def validate(d: Any, where: str = "lesson") -> None:
    """Check the shape of a pack dict (any readable version) before objects are built."""
    _require(isinstance(d, dict), where, "not a JSON object")
    _require(d.get("schema") == SCHEMA, where, f"not a VocabSphere lesson (schema {d.get('schema')!r})")
    version = d.get("schema_version")
    _require(isinstance(version, int) and version >= 1, where, "schema_version missing")
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
        _require(v.get("level") in (*LEVELS, ORIGINAL), at, f"bad level {v.get('level')!r}")
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
    """Read, validate and (when older) upgrade a lesson pack file."""
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
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LessonPackError(f"{p}: malformed field {exc}") from None


def save_pack(pack: LessonPack, path: str | Path) -> Path:
    """Write atomically, so a half-written file never replaces a good lesson."""
    p = Path(path)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(json.dumps(pack.to_dict(), ensure_ascii=False, separators=(",", ":")), "utf-8")
    tmp.replace(p)
    return p


__all__ = ["SCHEMA", "SCHEMA_VERSION", "UPGRADES", "LessonPack", "LessonPackError", "load_pack",
           "save_pack", "upgrade", "validate"]
