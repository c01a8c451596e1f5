"""The class's days: one day convention for streaks, scheduling, training items and predictions.

A class lives in one time zone (`VOCABSPHERE_TZ`, else the server's). Times are stored in
UTC; a "day" is a calendar day in the class's zone. py-fsrs counts whole 24-hour periods
instead, and training items for the optimiser used UTC calendar dates, so a Good at 20:00
and another 13 hours later were a same-day review for the scheduler and a next-day review
for the optimiser: two models of one memory. `ClassDayScheduler` makes the scheduler count
class days; `optimise.training_items` counts the same days. Stdlib only (a student's kernel).
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from copy import copy
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES
from fsrs.review_log import ReviewLog

from toolkit.errors import UserInputError

TZ_ENV = "VOCABSPHERE_TZ"


def class_zone(env: Mapping[str, str] | None = None) -> tzinfo:
    """The time zone a class's days are counted in: `VOCABSPHERE_TZ` (an IANA name such as
    "Europe/Madrid"), else the server's own zone. Events are stored in UTC; a streak counted in
    UTC days would break for a student practising at 23:30 in Madrid."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = (os.environ if env is None else env).get(TZ_ENV, "").strip()
    if not name:
        try:
            with open("/etc/localtime", "rb") as f:  # the server's zone, with its DST rules
                return ZoneInfo.from_file(f)
        except (OSError, ValueError):
            zone = datetime.now().astimezone().tzinfo  # its current offset, at least
            assert zone is not None
            return zone

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserInputError(f"{TZ_ENV}={name!r} is not a time zone name (try 'Europe/Madrid' "
                         "or 'UTC')") from exc


def local_day(at: datetime, zone: tzinfo) -> date:
    return at.astimezone(zone).date()


def days_between(earlier: datetime, later: datetime, zone: tzinfo) -> int:
    """Class days from one moment to a later one: 23:30 to 08:00 the next morning is 1."""
    return (local_day(later, zone) - local_day(earlier, zone)).days


def day_start(day: date, zone: tzinfo) -> datetime:
    """The UTC moment a class day begins (local midnight)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)


class ClassDayScheduler(Scheduler):
    """py-fsrs's scheduler, counting elapsed time in class days instead of 24-hour periods.

    The memory model (stability, difficulty, retrievability) then sees the same day gaps as
    the training items the optimiser fits on. A card graduated to an interval of n days is due
    from the start of the n-th class day after its review: FSRS's interval is the day on which
    predicted recall falls to the desired retention, whatever the hour. Learning steps
    (minutes) stay exact times. Fuzzing, when on, draws from the injected `rng`.
    """

    def __init__(self, *args: Any, zone: tzinfo, rng: random.Random | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.rng = rng or random.Random(0)

    def elapsed_days(self, card: Card, at: datetime) -> int:
        pinned = card.__dict__.get("_class_days")
        if pinned is not None:
            return pinned
        assert card.last_review is not None
        return max(0, days_between(card.last_review, at, self.zone))

    def get_card_retrievability(self, card: Card, current_datetime: datetime | None = None
                                ) -> float:
        if card.last_review is None or card.stability is None:
            return 0
        at = current_datetime or datetime.now(timezone.utc)
        return (1 + self._FACTOR * self.elapsed_days(card, at) / card.stability) ** self._DECAY

    def review_card(self, card: Card, rating: Rating, review_datetime: datetime | None = None,
                    review_duration: int | None = None) -> tuple[Card, ReviewLog]:
        at = review_datetime or datetime.now(timezone.utc)
        shadow = copy(card)
        if card.last_review is not None:
            # py-fsrs counts 24-hour periods: give it a last review exactly that many class
            # days back, and pin the count for the retrievability it asks for meanwhile
            days = self.elapsed_days(card, at)
            shadow.last_review = at - timedelta(days=days)
            shadow.__dict__["_class_days"] = days
        new, log = super().review_card(shadow, rating, at, review_duration)
        due = new.due
        if new.state == State.Review:
            due = day_start(local_day(at, self.zone) + timedelta(days=(new.due - at).days),
                            self.zone)
        out = Card(card_id=new.card_id, state=new.state, step=new.step, stability=new.stability,
                   difficulty=new.difficulty, due=due, last_review=at)
        return out, log

    def _get_fuzzed_interval(self, *, interval: timedelta) -> timedelta:
        """FSRS's fuzz ranges, drawn from `self.rng` so a seeded book repeats its schedule."""
        days = interval.days
        if days < 2.5:
            return interval
        delta = 1.0 + sum(r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0)
                          for r in FUZZ_RANGES)
        high = min(round(days + delta), self.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        return timedelta(days=self.rng.randint(low, high))


__all__ = ["ClassDayScheduler", "TZ_ENV", "class_zone", "day_start", "days_between",
           "local_day"]
