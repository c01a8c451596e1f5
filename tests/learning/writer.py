"""A student's kernel in miniature, run as its own process by the reliability tests.

usage: python writer.py URL NAME EVENTS REVIEWS   (EVENTS = -1: write until killed)
Prints "committed N" after every commit, so the parent knows what must be in the store.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

from toolkit.learning.events import ProgressLog
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook


def main(url: str, name: str, events: int, reviews: int) -> None:
    t = [datetime(2026, 3, 2, 9, tzinfo=timezone.utc)]

    def now() -> datetime:
        t[0] += timedelta(seconds=1)
        return t[0]

    who = Identity(name, "7B", "typed")
    store = Store(url, busy_timeout_ms=30_000)
    log, book = ProgressLog(store, who, now), VocabBook(store, who, now)
    card_id = book.cards()[0].id if book.cards() else None
    if card_id is None:
        book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
        card_id = book.cards()[0].id
    done = 0
    i = 0
    while events < 0 or i < max(events, reviews):
        if events < 0 or i < events:
            log.quiz_answer(f"q{i % 7}", correct=i % 3 != 0, seconds=4.5, exercise_type="gap",
                            level="B1")
            done += 1
        if (events < 0 and i % 2) or i < reviews:
            book.review(card_id, ("again", "hard", "good", "easy")[i % 4], duration_ms=1200)
            done += 1
        print(f"committed {done}", flush=True)
        i += 1
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
