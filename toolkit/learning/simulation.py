"""Simulated students with known forgetting curves, reviewing through the real `VocabBook`.

Why: fits and benchmarks need review logs whose truth is known (how fast each student
forgets), written by the product's own scheduler into a real store, so a test can say
"fitted parameters predict this student better than the defaults" and mean it. Everything
is driven by an injected `random.Random` and clock, so a seed gives the same log.
Stdlib only; not imported by any student page.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

CURVES = ("exponential", "power")


@dataclass(frozen=True)
class Learner:
    """A simulated student's true memory of each card.

    Recall t days after the last review at strength s is 0.9^(t/s) ("exponential") or
    (1 + t/(9s))^-1 ("power", FSRS-4's curve); both are 0.9 at t = s, so s reads like FSRS
    stability. A success after a day or more multiplies the card's strength by `growth` (a
    same-session success by proportionally less: spacing matters), a lapse by `lapse`. The
    student studies on a day with probability `attendance`, at an hour drawn from `hours`.
    """

    name: str
    curve: str = "exponential"
    strength: float = 2.0  # days, the first time a word is met
    growth: float = 2.5
    lapse: float = 0.4
    attendance: float = 0.8
    first_recall: float = 0.6
    new_per_day: int = 4
    hours: tuple[float, float] = (15.0, 23.5)

    def __post_init__(self) -> None:
        if self.curve not in CURVES:
            raise ValueError(f"curve {self.curve!r}: use one of {', '.join(CURVES)}")

    def recall(self, days: float, strength: float) -> float:
        """The true probability of recall `days` after the last review."""
        if self.curve == "exponential":
            return 0.9 ** (days / strength)
        return 1.0 / (1.0 + days / (9.0 * strength))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["hours"] = list(self.hours)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Learner:
        return cls(**{**d, "hours": tuple(d.get("hours", (15.0, 23.5)))})


def make_class(rng: random.Random, n: int, curve: str = "exponential") -> list[Learner]:
    """`n` learners whose memories differ (strength, growth, attendance), all with one curve."""
    return [Learner(f"S{i + 1:02d}", curve, strength=rng.uniform(1.5, 6.0),
                    growth=rng.uniform(1.8, 3.5), lapse=rng.uniform(0.3, 0.7),
                    attendance=rng.uniform(0.5, 0.95), first_recall=rng.uniform(0.5, 0.85),
                    new_per_day=rng.randint(2, 6)) for i in range(n)]


def simulate_class(store: Store, class_code: str, learners: Sequence[Learner], *, days: int,
                   rng: random.Random, start: datetime | None = None,
                   zone: tzinfo | None = None, words: int = 60) -> int:
    """Every learner studies for `days` days through a real `VocabBook`: on a day they attend,
    they add a few new words and review everything due, with the learning steps a few
    minutes apart. Grades follow the learner's true recall. Returns the number of reviews."""
    start = start or datetime(2026, 1, 5, tzinfo=timezone.utc)
    zone = zone or timezone.utc
    now = [start]
    reviews = 0
    for learner in learners:
        book = VocabBook(store, Identity(learner.name, class_code, "typed"), lambda: now[0],
                         zone=zone)
        strength: dict[int, float] = {}
        added = 0
        for day in range(days):
            if rng.random() >= learner.attendance:
                continue
            now[0] = start + timedelta(days=day, hours=rng.uniform(*learner.hours))
            for _ in range(learner.new_per_day):
                if added < words:
                    book.add_word(f"word{added}", meaning=f"meaning {added}")
                    added += 1
            for _ in range(3):  # a session: the due pile, then the learning steps
                for card in book.due():
                    s = strength.get(card.id)
                    if card.last_review is None or s is None:
                        p, s, elapsed = learner.first_recall, learner.strength, 1.0
                    else:
                        elapsed = (now[0] - card.last_review).total_seconds() / 86400
                        p = learner.recall(elapsed, s)
                    ok = rng.random() < p
                    grade = ("easy" if p > 0.97 and rng.random() < 0.3 else "good") if ok \
                        else "again"
                    gain = 1 + (learner.growth - 1) * min(1.0, elapsed)
                    strength[card.id] = s * (gain if ok else learner.lapse)
                    book.review(card.id, grade, duration_ms=rng.randint(2000, 9000))
                    reviews += 1
                now[0] += timedelta(minutes=10)
    return reviews


__all__ = ["CURVES", "Learner", "make_class", "simulate_class"]
