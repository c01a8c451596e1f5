"""Which easier versions a lesson offers, and why a level is missing, as the pack stores it.

The build decides (`toolkit.lesson.build`); the student page only reads these notes, so a
learner who finds no version at their level is told why in plain words. Stored in
`LessonPack.extras["level_notes"]` (the pack's section for later builders: older readers
ignore it, older packs simply have none).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping

EXTRAS_KEY = "level_notes"
MADE, NOT_REACHED, NOT_POSSIBLE = "made", "not reached", "not possible"
STATUSES = (MADE, NOT_REACHED, NOT_POSSIBLE)


@dataclass
class LevelNote:
    """One level the lesson was meant to offer below its original.

    `status`: "made" (a version at that level), "not reached" (a simpler version is there,
    but it still reads above the level) or "not possible" (no version at or near it).
    `message` is written for a student; `detail` for the teacher (estimates, blockers).
    """

    level: str
    status: str
    estimated: str = ""  # the estimator's level of the version made, "" when none
    message: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"level note status {self.status!r}: use one of {', '.join(STATUSES)}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LevelNote:
        return cls(str(d["level"]), str(d["status"]), str(d.get("estimated", "")),
                   str(d.get("message", "")), str(d.get("detail", "")))


def level_notes(extras: Mapping[str, Any]) -> list[LevelNote]:
    """The notes stored in a pack's extras (none in packs built before them)."""
    return [LevelNote.from_dict(d) for d in extras.get(EXTRAS_KEY, [])]


def missing(notes: list[LevelNote]) -> list[LevelNote]:
    """The notes a student must see: levels the lesson could not offer as asked."""
    return [n for n in notes if n.status != MADE]


__all__ = ["LevelNote", "level_notes", "missing", "EXTRAS_KEY", "MADE", "NOT_REACHED",
           "NOT_POSSIBLE"]
