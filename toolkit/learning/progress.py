"""A student's own progress, in plain Python (the student's kernel has no pandas).

`analytics` turns the same figures into DataFrames for teachers and researchers, so
both views agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from toolkit.learning.days import TZ_ENV, class_zone, local_day  # noqa: F401 (re-exported)
from toolkit.learning.events import Event, EventKind, ProgressLog
from toolkit.learning.store import parse_iso, utc_iso
from toolkit.learning.vocab import VocabBook


@dataclass
class Accuracy:
    """Quiz answers in one group (an exercise type or a level)."""

    answered: int = 0
    correct: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"answered": self.answered, "correct": self.correct}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Accuracy:
        return cls(int(d["answered"]), int(d["correct"]))

    @property
    def rate(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass
class StudentProgress:
    """What the progress view shows: words learned, reviews due, WPM trend, accuracy, streak."""

    words: int
    learned: int
    due: int
    reviews: int
    wpm: list[tuple[datetime, float, str]]  # (when, words per minute, lesson)
    accuracy_by_type: dict[str, Accuracy] = field(default_factory=dict)
    accuracy_by_level: dict[str, Accuracy] = field(default_factory=dict)
    streak: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["wpm"] = [(utc_iso(t), v, lesson) for t, v, lesson in self.wpm]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StudentProgress:
        return cls(words=d["words"], learned=d["learned"], due=d["due"], reviews=d["reviews"],
                   wpm=[(parse_iso(t), float(v), lesson) for t, v, lesson in d["wpm"]],
                   accuracy_by_type={k: Accuracy.from_dict(v) for k, v in d["accuracy_by_type"].items()},
                   accuracy_by_level={k: Accuracy.from_dict(v)
                                      for k, v in d["accuracy_by_level"].items()},
                   streak=int(d["streak"]))


def streak_days(active: Iterable[date], today: date) -> int:
    """Consecutive active days ending today, or yesterday if today has no activity yet
    (a streak is not broken before the day is over)."""
    days = set(active)
    day = today if today in days else today - timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n


def accuracy(events: Iterable[Event], key: str) -> dict[str, Accuracy]:
    """Quiz answers grouped by a data field ('type' or 'level').

    Only the student's first attempt at each item counts (events come oldest first): a
    retry after seeing the answer says little about what they knew, and answering again
    after a reload must not count twice. Items without the field are grouped under a named
    row ("no level", "no type"), never "?"."""
    out: dict[str, Accuracy] = {}
    seen: set[str] = set()
    for e in events:
        if e.kind != EventKind.QUIZ_ANSWER or e.item in seen:
            continue
        seen.add(e.item)
        acc = out.setdefault(str(e.data.get(key) or f"no {key}"), Accuracy())
        acc.answered += 1
        acc.correct += bool(e.correct)
    return dict(sorted(out.items(), key=lambda kv: (kv[0].startswith("no "), kv[0])))


def student_progress(book: VocabBook, log: ProgressLog,
                     zone: tzinfo | None = None) -> StudentProgress:
    """The progress of the student both objects are bound to (they must be the same);
    days for the streak are counted in `zone` (default `class_zone()`)."""
    if book.who.key != log.who.key:
        raise ValueError("the vocabulary book and the progress log belong to different students")
    zone = zone or class_zone()
    events = log.events()
    today = local_day(book.now(), zone)
    return StudentProgress(
        words=len(book.words()), learned=book.learned_count(), due=book.due_count(),
        reviews=book.review_count(),
        wpm=[(e.at, float(e.value or 0), e.lesson) for e in events
             if e.kind == EventKind.ARTICLE_READ],
        accuracy_by_type=accuracy(events, "type"), accuracy_by_level=accuracy(events, "level"),
        streak=streak_days((local_day(e.at, zone) for e in events), today))
