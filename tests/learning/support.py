"""Helpers shared by the learning tests (imported relatively: `from .support import ...`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from toolkit.learning.identity import Identity

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    """An injected `now` that only moves when a test moves it."""

    def __init__(self, start: datetime = START) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> datetime:
        self.t += timedelta(**kw)
        return self.t


def student(name: str, code: str = "7B") -> Identity:
    return Identity(name, code, "typed")
