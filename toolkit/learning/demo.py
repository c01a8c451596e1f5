"""A small made-up class, so dashboards and notebooks have something to show without a
real lesson running. Deterministic: seeded rng and a fixed clock unless given."""

from __future__ import annotations

import random
from datetime import datetime, timezone

from toolkit.learning.events import ProgressLog
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

NAMES = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana"]
WORDS = [("remote", "Many of them work remote jobs for big firms.", "far away; not in the office"),
         ("hidden", "The hidden workers are rarely seen.", "not easy to see or find"),
         ("firm", "Big firms hire them through agencies.", "a company"),
         ("wage", "Their wage is often low.", "money paid for work"),
         ("agency", "Big firms hire them through agencies.", "a business that finds workers")]
QUIZ = [("q1", "gap", "A2", 0.9), ("q2", "gap", "B1", 0.7), ("q3", "mcq", "B1", 0.55),
        ("q4", "mcq", "B2", 0.35), ("q5", "comprehension", "B2", 0.5)]


def seed_demo(store: Store, class_code: str = "DEMO", now: datetime | None = None,
              seed: int = 2026) -> int:
    """Fill `store` with a class of eight students; returns the number of events written."""
    rng = random.Random(seed)
    t = [now or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)]

    def clock() -> datetime:
        return t[0]

    for i, name in enumerate(NAMES):
        who = Identity(name, class_code, "typed")
        log, book = ProgressLog(store, who, clock), VocabBook(store, who, clock)
        skill = 1.0 - i / (len(NAMES) + 2)
        if i < 6:  # two students have not finished reading yet
            wpm = 90 + 80 * skill + rng.uniform(-15, 15)
            log.article_read("hidden-workers", 540, 540 / wpm * 60, level="B1")
        for lemma, sentence, meaning in rng.sample(WORDS, 3):
            log.word_looked_up(lemma, "hidden-workers")
            if rng.random() < 0.7:
                book.add_word(lemma, sentence, "hidden-workers", "", meaning)
        for item, kind, level, ease in QUIZ:
            correct = rng.random() < min(0.98, ease * (0.5 + skill))
            log.quiz_answer(item, correct, rng.uniform(4, 30), lesson="hidden-workers",
                            exercise_type=kind, level=level)
        for card in book.due(limit=4):
            book.review(card.id, rng.choice(["again", "good", "good", "easy"]), duration_ms=4000)
    return store.count("events")
