"""Progress events: every article read, word looked up or added, quiz answer and review.

Events are append-only rows, written in their own short transaction so a kernel killed a
moment later loses nothing that was already reported as saved. A `ProgressLog` is bound
to one student: it can write and read that student's events only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

from toolkit.errors import UserInputError
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store, parse_iso, utc_iso

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class EventKind(StrEnum):
    ARTICLE_READ = "article_read"
    WORD_LOOKED_UP = "word_looked_up"
    WORD_ADDED = "word_added"
    QUIZ_ANSWER = "quiz_answer"
    REVIEW = "review"
    SENSE_CHOSEN = "sense_chosen"  # the meaning a student picked on an unsure word card


@dataclass
class Event:
    """One thing a student did. `value` is the kind's number (WPM, seconds, rating)."""

    kind: EventKind
    student_id: str
    class_code: str
    at: datetime
    lesson: str = ""
    item: str = ""  # lemma, quiz item id or card id
    value: float | None = None
    correct: bool | None = None
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": str(self.kind), "student_id": self.student_id,
                "class_code": self.class_code, "at": utc_iso(self.at), "lesson": self.lesson,
                "item": self.item, "value": self.value, "correct": self.correct,
                "data": dict(self.data)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        at = d["at"]
        return cls(kind=EventKind(d["kind"]), student_id=d["student_id"],
                   class_code=d["class_code"],
                   at=parse_iso(at) if isinstance(at, str) else at,
                   lesson=d.get("lesson", ""), item=d.get("item", ""), value=d.get("value"),
                   correct=d.get("correct"), data=dict(d.get("data") or {}), id=d.get("id"))

    @classmethod
    def from_row(cls, row: tuple) -> Event:
        (id_, student_id, class_code, kind, at, lesson, item, value, correct, data) = row
        return cls(kind=EventKind(kind), student_id=student_id, class_code=class_code,
                   at=parse_iso(at), lesson=lesson, item=item, value=value,
                   correct=None if correct is None else bool(correct),
                   data=json.loads(data), id=int(id_))


EVENT_COLUMNS = "id, student_id, class_code, kind, at, lesson, item, value, correct, data"


def register_student(cur: Any, who: Identity, now: datetime) -> None:
    """Create the student's row once (idempotent, safe under concurrent first use)."""
    if cur.execute("SELECT 1 FROM students WHERE student_id = ?", (who.key,)).fetchone():
        return
    cur.execute("INSERT INTO students (student_id, class_code, name, source, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id) DO NOTHING",
                (who.key, who.class_code, who.name, who.source, utc_iso(now)))


def ensure_student(store: Store, who: Identity, now: datetime) -> None:
    """Register the student unless already there (a read first: no write lock per page load)."""
    if store.query("SELECT 1 FROM students WHERE student_id = ?", (who.key,)):
        return
    with store.transaction() as cur:
        register_student(cur, who, now)


def insert_event(cur: Any, event: Event) -> int:
    return cur.insert(
        "INSERT INTO events (student_id, class_code, kind, at, lesson, item, value, correct, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.student_id, event.class_code, str(event.kind), utc_iso(event.at), event.lesson,
         event.item, event.value, None if event.correct is None else int(event.correct),
         json.dumps(event.data, ensure_ascii=False, sort_keys=True)))


# Careful reading of a lesson article runs at ~150-300 WPM for learners and ~250-400 for
# fluent adults; fast skimming reaches 600-700. Above MAX_WPM, or under MIN_READ_SECONDS,
# the student cannot have read the text, so the time is not a reading speed.
MAX_WPM = 800.0
MIN_READ_SECONDS = 5.0


def implausible_reading(words: int, seconds: float) -> str:
    """Why `words` read in `seconds` cannot be a reading ('' when it can): a speed chart
    that plots 15,000 WPM after a double click on "Finished" tells a student nothing."""
    if words <= 0:
        return "an article read needs a positive word count"
    if seconds < MIN_READ_SECONDS:
        return f"{seconds:.0f} s is too short to read {words} words"
    wpm = words / (seconds / 60.0)
    if wpm > MAX_WPM:
        return (f"{wpm:,.0f} words per minute is faster than anyone reads "
                f"(more than {MAX_WPM:,.0f})")
    return ""


def words_per_minute(words: int, seconds: float) -> float:
    """WPM = words / (seconds / 60); an implausible reading (see above) raises UserInputError."""
    why = implausible_reading(words, seconds)
    if why:
        raise UserInputError(f"not a reading: {why}")
    return words / (seconds / 60.0)


class ProgressLog:
    """The progress events of one student: write them, read them back (own data only)."""

    def __init__(self, store: Store, who: Identity, now: Clock = utc_now) -> None:
        self.store = store
        self.who = who
        self.now = now
        ensure_student(store, who, now())

    def record(self, kind: EventKind, *, lesson: str = "", item: str = "",
               value: float | None = None, correct: bool | None = None,
               data: Mapping[str, Any] | None = None) -> Event:
        event = Event(kind=kind, student_id=self.who.key, class_code=self.who.class_code,
                      at=self.now(), lesson=lesson, item=item, value=value, correct=correct,
                      data=dict(data or {}))
        with self.store.transaction() as cur:
            event.id = insert_event(cur, event)
        return event

    def article_read(self, lesson: str, words: int, seconds: float, level: str = "") -> Event:
        """Reading speed is the event's value, in words per minute."""
        wpm = words_per_minute(words, seconds)
        return self.record(EventKind.ARTICLE_READ, lesson=lesson, item=level, value=round(wpm, 1),
                           data={"words": words, "seconds": seconds, "level": level})

    def word_looked_up(self, lemma: str, lesson: str = "") -> Event:
        return self.record(EventKind.WORD_LOOKED_UP, lesson=lesson, item=lemma)

    def sense_chosen(self, lemma: str, chosen_key: str, offered: list[str], *, lesson: str = "",
                     sentence: str = "", card_key: str = "", definition: str = "") -> Event:
        """The meaning picked on a "Which meaning fits here?" card; `correct` says whether it
        is the sense the lesson build ranked first (the teacher sees both)."""
        if chosen_key not in offered:
            raise UserInputError(f"'{chosen_key}' was not one of the meanings offered")
        return self.record(EventKind.SENSE_CHOSEN, lesson=lesson, item=lemma,
                           correct=chosen_key == offered[0],
                           data={"chosen": chosen_key, "offered": list(offered),
                                 "sentence": sentence, "card": card_key,
                                 "definition": definition})

    def quiz_answer(self, item_id: str, correct: bool, seconds: float, *, lesson: str = "",
                    exercise_type: str = "", level: str = "", answer: str = "",
                    score: float | None = None) -> Event:
        """`seconds` is the time taken to answer; the value column holds it. `score` (0..1,
        default 1 or 0 from `correct`) is the partial credit of a word-bank item, in the data."""
        if seconds < 0:
            raise ValueError("time taken cannot be negative")
        credit = float(correct) if score is None else float(score)
        if not 0.0 <= credit <= 1.0:
            raise ValueError("a score is a fraction from 0 to 1")
        return self.record(EventKind.QUIZ_ANSWER, lesson=lesson, item=item_id, value=seconds,
                           correct=bool(correct),
                           data={"type": exercise_type, "level": level, "answer": answer,
                                 "score": round(credit, 4)})

    # --- callbacks for the page's widgets (they know nothing of the store) -----------------
    def reading_recorder(self, lesson: str) -> Callable[[str, int, float, float], None]:
        """A `LeveledReader.on_read` callback(level, words, seconds, wpm).

        WPM is recomputed from words and seconds; an implausible read is not recorded."""
        def record(level: str, words: int, seconds: float, _wpm: float) -> None:
            try:
                self.article_read(lesson, words, seconds, level)
            except ValueError:
                pass

        return record

    def quiz_recorder(self, lesson: str) -> Callable[[str, str, str, bool, float, float], None]:
        """A `Quiz(on_answer=...)` callback(item_id, item_type, level, correct, seconds, score)."""
        def record(item_id: str, item_type: str, level: str, correct: bool, seconds: float,
                   score: float | None = None) -> None:
            self.quiz_answer(item_id, correct, max(seconds, 0.0), lesson=lesson,
                             exercise_type=item_type, level=level, score=score)

        return record

    def lookup_recorder(self, lesson: str) -> Callable[[Any], None]:
        """A `Reader.on_word` callback: records the clicked word's lemma as a look-up."""
        def record(word: Any) -> None:
            self.word_looked_up(str(getattr(word, "lemma", word)), lesson)

        return record

    def quiz_results(self, lesson: str) -> dict[str, bool]:
        """Item id -> whether the latest answer was right, for one lesson's quiz: what a
        reloaded page needs to continue at the first unanswered question."""
        rows = self.store.query(
            "SELECT item, correct FROM events WHERE student_id = ? AND kind = ? AND lesson = ? "
            "ORDER BY at, id", (self.who.key, str(EventKind.QUIZ_ANSWER), lesson))
        return {item: bool(correct) for item, correct in rows}

    def events(self, kind: EventKind | None = None) -> list[Event]:
        """This student's events, oldest first."""
        sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE student_id = ?"
        params: list[Any] = [self.who.key]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(str(kind))
        return [Event.from_row(r) for r in self.store.query(sql + " ORDER BY at, id", params)]
