"""The vocabulary book: words met in lessons, reviewed on the FSRS schedule.

Scheduling is the `fsrs` package's (py-fsrs); this module only stores its cards and logs.
A word is added once per student, keeping the sentence where it was met, the lesson and
the translation. Each word gets up to three review cards, each with its own FSRS memory:
meaning -> word, word -> meaning, and a cloze from the original sentence.

Parameters come from the most specific fit available: the student's own (see
`toolkit.learning.optimise`), else the class's pooled fit, else FSRS's defaults.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from toolkit.errors import UserInputError
from toolkit.learning.days import ClassDayScheduler, class_zone
from toolkit.learning.events import (Clock, Event, EventKind, ensure_student, insert_event,
                                     utc_now)
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store, parse_iso, utc_iso


class CardKind(StrEnum):
    MEANING_TO_WORD = "meaning_to_word"
    WORD_TO_MEANING = "word_to_meaning"
    CLOZE = "cloze"


GRADES: dict[str, Rating] = {"again": Rating.Again, "hard": Rating.Hard,
                             "good": Rating.Good, "easy": Rating.Easy}
BLANK = "_____"


def as_rating(grade: Rating | int | str) -> Rating:
    """Again/Hard/Good/Easy by name, number (1-4) or Rating."""
    if isinstance(grade, str):
        try:
            return GRADES[grade.strip().lower()]
        except KeyError:
            raise UserInputError(f"grade {grade!r}: use Again, Hard, Good or Easy") from None
    return Rating(int(grade))


def cloze(sentence: str, form: str) -> str | None:
    """The sentence with the word blanked out, or None when the word is not in it."""
    if not sentence or not form:
        return None
    pattern = re.compile(rf"(?<![\w'-]){re.escape(form)}(?![\w'-])", re.IGNORECASE)
    blanked, n = pattern.subn(BLANK, sentence)
    return blanked if n else None


@dataclass
class Word:
    """A word in a student's book, with where it was met."""

    id: int
    lemma: str
    form: str
    sentence: str
    lesson: str
    translation: str
    meaning: str
    added_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "lemma": self.lemma, "form": self.form, "sentence": self.sentence,
                "lesson": self.lesson, "translation": self.translation, "meaning": self.meaning,
                "added_at": utc_iso(self.added_at)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Word:
        at = d["added_at"]
        return cls(id=int(d["id"]), lemma=d["lemma"], form=d.get("form") or d["lemma"],
                   sentence=d.get("sentence", ""), lesson=d.get("lesson", ""),
                   translation=d.get("translation", ""), meaning=d.get("meaning", ""),
                   added_at=parse_iso(at) if isinstance(at, str) else at)

    def gloss(self) -> str:
        """What the word means, for prompts: meaning and translation when both exist."""
        parts = [p for p in (self.meaning, self.translation) if p]
        return " / ".join(parts)

    def kinds(self) -> list[CardKind]:
        """The card kinds this word can support with what was stored about it."""
        kinds = []
        if self.gloss():
            kinds += [CardKind.MEANING_TO_WORD, CardKind.WORD_TO_MEANING]
        if cloze(self.sentence, self.form):
            kinds.append(CardKind.CLOZE)
        return kinds


@dataclass
class ReviewCard:
    """One reviewable side of a word, with its FSRS memory state."""

    id: int
    word: Word
    kind: CardKind
    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def prompt(self) -> str:
        if self.kind == CardKind.MEANING_TO_WORD:
            return f"Which word means: {self.word.gloss()}?"
        if self.kind == CardKind.WORD_TO_MEANING:
            return f"What does “{self.word.lemma}” mean?"
        return f"Fill the gap: {cloze(self.word.sentence, self.word.form)}"

    def answer(self) -> str:
        if self.kind == CardKind.WORD_TO_MEANING:
            return self.word.gloss()
        if self.kind == CardKind.CLOZE:
            return self.word.form
        return self.word.lemma

    def fsrs_card(self) -> Card:
        return Card(card_id=self.id, state=self.state, step=self.step, stability=self.stability,
                    difficulty=self.difficulty, due=self.due, last_review=self.last_review)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "word": self.word.to_dict(), "kind": str(self.kind),
                "state": int(self.state), "step": self.step, "stability": self.stability,
                "difficulty": self.difficulty, "due": utc_iso(self.due),
                "last_review": utc_iso(self.last_review) if self.last_review else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ReviewCard:
        return cls(id=int(d["id"]), word=Word.from_dict(d["word"]), kind=CardKind(d["kind"]),
                   state=State(int(d["state"])), step=d.get("step"), stability=d.get("stability"),
                   difficulty=d.get("difficulty"), due=parse_iso(d["due"]),
                   last_review=parse_iso(d["last_review"]) if d.get("last_review") else None)


@dataclass(frozen=True)
class CurvePoint:
    """Predicted probability of recall `day` days from now."""

    day: int
    recall: float

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "recall": self.recall}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CurvePoint:
        return cls(int(d["day"]), float(d["recall"]))


_CARD_SQL = (
    "SELECT c.id, c.kind, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, "
    "w.id, w.lemma, w.form, w.sentence, w.lesson, w.translation, w.meaning, w.added_at "
    "FROM cards c JOIN words w ON w.id = c.word_id WHERE c.student_id = ?")


_KINDS = {k.value: k for k in CardKind}
_STATES = {int(s): s for s in State}
_CARD_COLUMNS = "id, word_id, kind, state, step, stability, difficulty, due, last_review"


def _card_from_row(row: tuple, words: dict[int, Word] | None = None) -> ReviewCard:
    """A card from a `_CARD_SQL` row (card columns, then its word's)."""
    (cid, kind, state, step, stab, diff, due, last, wid, *wrest) = row
    word = words.get(wid) if words is not None else None
    if word is None:
        lemma, form, sentence, lesson, translation, meaning, added = wrest
        word = Word(wid, lemma, form, sentence, lesson, translation, meaning, parse_iso(added))
        if words is not None:
            words[wid] = word
    return ReviewCard(id=int(cid), word=word, kind=_KINDS[kind], state=_STATES[state], step=step,
                      stability=stab, difficulty=diff, due=parse_iso(due),
                      last_review=parse_iso(last) if last else None)


_WORD_COLUMNS = "id, lemma, form, sentence, lesson, translation, meaning, added_at"


def _word_from_row(r: tuple) -> Word:
    return Word(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], parse_iso(r[7]))


PARAMETERS_TTL = timedelta(minutes=10)


def stored_parameters(store: Store, scope: str) -> list[float] | None:
    rows = store.query("SELECT parameters FROM parameters WHERE scope = ?", (scope,))
    return json.loads(rows[0][0]) if rows else None


class VocabBook:
    """One student's vocabulary book. Every query is filtered by that student's key,
    so the book cannot read or change another student's words."""

    def __init__(self, store: Store, who: Identity, now: Clock = utc_now, *,
                 desired_retention: float = 0.9, fuzz: bool = False,
                 zone: tzinfo | None = None, rng: random.Random | None = None) -> None:
        self.store = store
        self.who = who
        self.now = now
        self.desired_retention = desired_retention
        self.fuzz = fuzz
        self.zone = zone or class_zone()  # the class's days, as streaks and fits count them
        self.rng = rng or random.Random(who.key)  # interval fuzz, when on
        self._scheduler: Scheduler | None = None
        self._source = "default"
        self._loaded_at: datetime | None = None
        ensure_student(store, who, now())

    # --- scheduler ---------------------------------------------------------------------------
    def scheduler(self) -> Scheduler:
        """FSRS with the student's fitted parameters, else the class's, else the defaults;
        elapsed time is counted in the class's days (`toolkit.learning.days`)."""
        if self._scheduler is None:
            self._loaded_at = self.now()
            for source, scope in (("student", f"student:{self.who.key}"),
                                  ("class", f"class:{self.who.class_code}")):
                params = stored_parameters(self.store, scope)
                if params:
                    self._scheduler = self._new_scheduler(params)
                    self._source = source
                    break
            else:
                self._scheduler = self._new_scheduler(None)
                self._source = "default"
        return self._scheduler

    def _new_scheduler(self, parameters: list[float] | None) -> Scheduler:
        extra = {"parameters": parameters} if parameters else {}
        return ClassDayScheduler(desired_retention=self.desired_retention,
                                 enable_fuzzing=self.fuzz, zone=self.zone, rng=self.rng, **extra)

    @property
    def parameter_source(self) -> str:
        """Where the scheduler's parameters come from: 'student', 'class' or 'default'."""
        self.scheduler()
        return self._source

    def reload_parameters(self) -> None:
        """Pick up newly fitted parameters on the next review."""
        self._scheduler = None

    def _refresh_parameters(self) -> None:
        """Fits now run on their own (teacher side): a page open for longer than
        `PARAMETERS_TTL` re-reads them before its next review (one small query)."""
        if self._loaded_at is not None and self.now() - self._loaded_at >= PARAMETERS_TTL:
            self._scheduler = None

    # --- words -------------------------------------------------------------------------------
    def add_word(self, lemma: str, sentence: str = "", lesson: str = "", translation: str = "",
                 meaning: str = "", form: str | None = None) -> Word:
        """Add a word from a word card (idempotent: a second add returns the first).

        `form` is the word as it appeared in the sentence ("ran" for "run"), used for the
        cloze card. Records a `word_added` event in the same transaction.
        """
        word = self._new_word(lemma, sentence, lesson, translation, meaning, form)
        with self.store.transaction() as cur:
            return self._add(cur, word)

    def add_words(self, rows: Iterable[Mapping[str, Any]]) -> list[Word]:
        """Add many words in one transaction (an import): all of them, or none on error."""
        words = [self._new_word(r["lemma"], r.get("sentence") or "", r.get("lesson") or "",
                                r.get("translation") or "", r.get("meaning") or "",
                                r.get("form") or None) for r in rows]
        with self.store.transaction() as cur:
            return [self._add(cur, w) for w in words]

    def _new_word(self, lemma: str, sentence: str, lesson: str, translation: str, meaning: str,
                  form: str | None) -> Word:
        lemma = " ".join(str(lemma).split())
        if not lemma:
            raise UserInputError("cannot add an empty word")
        word = Word(0, lemma, (form or lemma).strip(), sentence.strip(), lesson,
                    translation.strip(), meaning.strip(), self.now())
        if not word.kinds():
            raise UserInputError(f"{lemma!r}: give a meaning, a translation or the sentence it is in")
        return word

    def _add(self, cur: Any, word: Word) -> Word:
        row = cur.execute(f"SELECT {_WORD_COLUMNS} FROM words WHERE student_id = ? AND lemma = ?",
                          (self.who.key, word.lemma)).fetchone()
        if row is not None:
            return _word_from_row(row)
        at = utc_iso(word.added_at)
        inserted = cur.execute(  # ON CONFLICT: another kernel of this student just added it
            "INSERT INTO words (student_id, lemma, form, sentence, lesson, translation, "
            "meaning, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (student_id, lemma) DO NOTHING RETURNING id",
            (self.who.key, word.lemma, word.form, word.sentence, word.lesson, word.translation,
             word.meaning, at)).fetchone()
        if inserted is None:
            row = cur.execute(f"SELECT {_WORD_COLUMNS} FROM words WHERE student_id = ? "
                              "AND lemma = ?", (self.who.key, word.lemma)).fetchone()
            return _word_from_row(row)
        word.id = int(inserted[0])
        for kind in word.kinds():
            cur.insert("INSERT INTO cards (word_id, student_id, kind, state, step, stability, "
                       "difficulty, due, last_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (word.id, self.who.key, str(kind), int(State.Learning), 0, None, None,
                        at, None))
        insert_event(cur, Event(EventKind.WORD_ADDED, self.who.key, self.who.class_code,
                                word.added_at, lesson=word.lesson, item=word.lemma,
                                data={"translation": word.translation}))
        return word

    def add_from_card(self, event: Any, lesson: str = "") -> Word:
        """Add the word a `WordCardView` sent (its `WordAdded`: lemma, the form clicked, the
        sentence, the definition and the translation in the student's language)."""
        return self.add_word(event.lemma, event.sentence, lesson, event.translation,
                             event.definition, form=event.text)

    def card_recorder(self, lesson: str) -> Callable[[Any], Word]:
        """A `WordCardView.on_add` callback that files words under `lesson`."""
        return lambda event: self.add_from_card(event, lesson)

    def has_word(self, lemma: str) -> bool:
        """Whether the book holds `lemma` already (so a second "Add" can say so)."""
        lemma = " ".join(str(lemma).split())
        return bool(self.store.query("SELECT 1 FROM words WHERE student_id = ? AND lemma = ?",
                                     (self.who.key, lemma)))

    def remove_word(self, lemma: str) -> bool:
        """Take a word out of the book: the word, its cards and their review logs, in one
        transaction (the event history keeps that it was once added). False if absent."""
        lemma = " ".join(str(lemma).split())
        with self.store.transaction() as cur:
            row = cur.execute("SELECT id FROM words WHERE student_id = ? AND lemma = ?",
                              (self.who.key, lemma)).fetchone()
            if row is None:
                return False
            wid = int(row[0])
            cur.execute("DELETE FROM reviews WHERE student_id = ? AND card_id IN "
                        "(SELECT id FROM cards WHERE word_id = ? AND student_id = ?)",
                        (self.who.key, wid, self.who.key))
            cur.execute("DELETE FROM cards WHERE word_id = ? AND student_id = ?",
                        (wid, self.who.key))
            cur.execute("DELETE FROM words WHERE id = ? AND student_id = ?", (wid, self.who.key))
        return True

    def words(self) -> list[Word]:
        rows = self.store.query(f"SELECT {_WORD_COLUMNS} FROM words WHERE student_id = ? "
                                "ORDER BY added_at, id", (self.who.key,))
        return [_word_from_row(r) for r in rows]

    # --- cards -------------------------------------------------------------------------------
    def cards(self, due_by: datetime | None = None, limit: int | None = None) -> list[ReviewCard]:
        """All cards, or those due by a time, soonest first.

        A whole book loads as two narrow queries (words, then cards) instead of one join
        that repeats each word's text for each of its cards: about half the time at 10k cards.
        """
        where, params = "student_id = ?", [self.who.key]
        if due_by is not None:
            where += " AND due <= ?"
            params.append(utc_iso(due_by))
        if limit is not None:  # a few cards: one join is quickest
            sql = _CARD_SQL + (" AND c.due <= ?" if due_by is not None else "")
            rows = self.store.query(sql + f" ORDER BY c.due, c.id LIMIT {int(limit)}", params)
            return [_card_from_row(r) for r in rows]
        with self.store.transaction(write=False) as cur:  # one snapshot for both queries
            words = {r[0]: _word_from_row(r) for r in cur.execute(
                f"SELECT {_WORD_COLUMNS} FROM words WHERE student_id = ?", (self.who.key,)).fetchall()}
            rows = cur.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE {where} ORDER BY due, id",
                               params).fetchall()
        return [ReviewCard(id=cid, word=words[wid], kind=_KINDS[kind], state=_STATES[state],
                           step=step, stability=stab, difficulty=diff, due=parse_iso(due),
                           last_review=parse_iso(last) if last else None)
                for cid, wid, kind, state, step, stab, diff, due, last in rows]

    def due(self, limit: int | None = None) -> list[ReviewCard]:
        return self.cards(due_by=self.now(), limit=limit)

    def due_count(self) -> int:
        rows = self.store.query("SELECT COUNT(*) FROM cards WHERE student_id = ? AND due <= ?",
                                (self.who.key, utc_iso(self.now())))
        return int(rows[0][0])

    def learned_count(self) -> int:
        """Words with at least one card that has left the learning steps."""
        rows = self.store.query(
            "SELECT COUNT(DISTINCT word_id) FROM cards WHERE student_id = ? AND state = ?",
            (self.who.key, int(State.Review)))
        return int(rows[0][0])

    def card(self, card_id: int) -> ReviewCard:
        rows = self.store.query(_CARD_SQL + " AND c.id = ?", (self.who.key, int(card_id)))
        if not rows:
            raise KeyError(f"card {card_id} is not in this student's book")
        return _card_from_row(rows[0])

    def review(self, card_id: int, grade: Rating | int | str,
               duration_ms: int | None = None) -> ReviewCard:
        """Grade a card; its new schedule, the review log and a `review` event commit together."""
        rating = as_rating(grade)
        self._refresh_parameters()
        scheduler = self.scheduler()
        now = self.now()
        with self.store.transaction() as cur:
            row = cur.execute(_CARD_SQL + " AND c.id = ?" + self.store.backend.for_update,
                              (self.who.key, int(card_id))).fetchone()
            if row is None:
                raise KeyError(f"card {card_id} is not in this student's book")
            before = _card_from_row(row)
            card, _log = scheduler.review_card(before.fsrs_card(), rating, review_datetime=now,
                                               review_duration=duration_ms)
            cur.execute("UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, "
                        "due = ?, last_review = ? WHERE id = ? AND student_id = ?",
                        (int(card.state), card.step, card.stability, card.difficulty,
                         utc_iso(card.due), utc_iso(now), before.id, self.who.key))
            cur.insert("INSERT INTO reviews (card_id, student_id, rating, reviewed_at, duration_ms)"
                       " VALUES (?, ?, ?, ?, ?)",
                       (before.id, self.who.key, int(rating), utc_iso(now), duration_ms))
            insert_event(cur, Event(EventKind.REVIEW, self.who.key, self.who.class_code, now,
                                    lesson=before.word.lesson, item=before.word.lemma,
                                    value=float(int(rating)), correct=rating != Rating.Again,
                                    data={"card_id": before.id, "kind": str(before.kind),
                                          "duration_ms": duration_ms,
                                          "parameters": self.parameter_source}))
        return ReviewCard(before.id, before.word, before.kind, card.state, card.step,
                          card.stability, card.difficulty, card.due, card.last_review)

    def review_count(self) -> int:
        return int(self.store.query("SELECT COUNT(*) FROM reviews WHERE student_id = ?",
                                    (self.who.key,))[0][0])

    # --- forgetting curve --------------------------------------------------------------------
    def recall_probability(self, card: ReviewCard, at: datetime | None = None) -> float:
        """FSRS retrievability: R(t) = (1 + F*t/S)^-decay; 0 for a card never reviewed."""
        return float(self.scheduler().get_card_retrievability(card.fsrs_card(), at or self.now()))

    def forgetting_curve(self, lemma: str | None = None, days: int = 30) -> list[CurvePoint]:
        """Predicted recall from now over `days` days, for one word or the whole book.

        For a word, the mean over its reviewed cards; for the book, over all reviewed
        cards. Cards never reviewed have no memory yet and are left out (empty list if none).
        """
        cards = [c for c in self.cards() if c.last_review is not None]
        if lemma is not None:
            cards = [c for c in cards if c.word.lemma == lemma]
        return curve(self.scheduler(), cards, self.now(), days)


def add_word(store: Store, student: Identity, lemma: str, sentence: str = "", lesson: str = "",
             translation: str = "", meaning: str = "", form: str | None = None,
             now: Clock = utc_now) -> Word:
    """"Add to my words" for a word card's callback that has a store and an identity but
    no book at hand; the same as `VocabBook(store, student).add_word(...)`."""
    return VocabBook(store, student, now).add_word(lemma, sentence, lesson, translation, meaning,
                                                   form)


def curve(scheduler: Scheduler, cards: Iterable[ReviewCard], start: datetime,
          days: int) -> list[CurvePoint]:
    fsrs_cards = [c.fsrs_card() for c in cards]
    if not fsrs_cards:
        return []
    points = []
    for day in range(days + 1):
        at = start + timedelta(days=day)
        total = sum(scheduler.get_card_retrievability(c, at) for c in fsrs_cards)
        points.append(CurvePoint(day, round(total / len(fsrs_cards), 4)))
    return points


__all__ = ["CardKind", "CurvePoint", "GRADES", "ReviewCard", "VocabBook", "Word", "add_word",
           "as_rating", "cloze", "curve"]
