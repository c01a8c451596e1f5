"""A student's vocabulary book as a list they can read: each word with its meaning,
translation, when it is next due and how well it is known.

"How well" comes from the FSRS memory of the word's cards: a word never reviewed is new;
a card still in its learning steps means learning; otherwise the predicted recall now (the
mean retrievability of its cards) and the weakest card's stability (days for recall to fall
to 90%) give a plain label. Light: plain Python over `VocabBook`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import State

from toolkit.learning.store import parse_iso, utc_iso
from toolkit.learning.vocab import ReviewCard, VocabBook

NEW, LEARNING, SHAKY, GETTING_THERE, KNOWN, WELL_KNOWN = (
    "new", "learning", "shaky", "getting there", "known", "well known")
STRENGTHS = (NEW, LEARNING, SHAKY, GETTING_THERE, KNOWN, WELL_KNOWN)
SHAKY_RECALL = 0.7  # below this the student will probably not recall the word today
KNOWN_DAYS, WELL_KNOWN_DAYS = 7.0, 30.0  # stability thresholds


@dataclass
class WordRow:
    """One line of the "my words" list."""

    lemma: str
    meaning: str
    translation: str
    lesson: str
    next_due: datetime | None
    recall: float | None  # predicted probability of recall now; None if never reviewed
    stability: float | None  # the weakest reviewed card's FSRS stability, in days
    strength: str  # one of STRENGTHS

    def to_dict(self) -> dict[str, Any]:
        return {"lemma": self.lemma, "meaning": self.meaning, "translation": self.translation,
                "lesson": self.lesson,
                "next_due": utc_iso(self.next_due) if self.next_due else None,
                "recall": self.recall, "stability": self.stability, "strength": self.strength}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> WordRow:
        return cls(d["lemma"], d.get("meaning", ""), d.get("translation", ""),
                   d.get("lesson", ""), parse_iso(d["next_due"]) if d.get("next_due") else None,
                   d.get("recall"), d.get("stability"), d["strength"])


def strength(recalls: Iterable[float], stabilities: Iterable[float], learning: bool,
             reviewed: bool) -> str:
    """The label for a word from its reviewed cards' recall now and stability (days)."""
    if not reviewed:
        return NEW
    if learning:
        return LEARNING
    recalls, stabilities = list(recalls), list(stabilities)
    if recalls and sum(recalls) / len(recalls) < SHAKY_RECALL:
        return SHAKY
    weakest = min(stabilities) if stabilities else 0.0
    if weakest < KNOWN_DAYS:
        return GETTING_THERE
    return KNOWN if weakest < WELL_KNOWN_DAYS else WELL_KNOWN


def word_rows(book: VocabBook, at: datetime | None = None) -> list[WordRow]:
    """Every word in the book, most recently added first (two queries for the whole book)."""
    at = at or book.now()
    by_word: dict[int, list[ReviewCard]] = {}
    for card in book.cards():
        by_word.setdefault(card.word.id, []).append(card)
    scheduler = book.scheduler() if any(c.last_review for cs in by_word.values() for c in cs) \
        else None
    rows = []
    for word in reversed(book.words()):
        cards = by_word.get(word.id, [])
        reviewed = [c for c in cards if c.last_review is not None]
        recalls = [float(scheduler.get_card_retrievability(c.fsrs_card(), at))
                   for c in reviewed] if scheduler else []
        stabilities = [c.stability for c in reviewed if c.stability is not None]
        learning = any(c.state in (State.Learning, State.Relearning) for c in reviewed)
        rows.append(WordRow(
            word.lemma, word.meaning, word.translation, word.lesson,
            min((c.due for c in cards), default=None),
            round(sum(recalls) / len(recalls), 3) if recalls else None,
            round(min(stabilities), 2) if stabilities else None,
            strength(recalls, stabilities, learning, bool(reviewed))))
    return rows


def short(text: str, limit: int = 80) -> str:
    """A meaning cut at a word boundary for a list line."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


__all__ = ["STRENGTHS", "WordRow", "short", "strength", "word_rows"]
