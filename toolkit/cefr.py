"""CEFR levels as plain data: light enough for a student's kernel to import."""

from __future__ import annotations

from toolkit.errors import UserInputError

LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")


def level_index(level: str) -> int:
    """1 for A1 ... 6 for C2; raises UserInputError with the valid choices."""
    key = level.strip().upper()
    if key not in LEVELS:
        raise UserInputError(f"unknown CEFR level {level!r}; choose one of {', '.join(LEVELS)}")
    return LEVELS.index(key) + 1


def level_name(index: float) -> str:
    """The level nearest to a 1..6 number, clamped to A1..C2."""
    return LEVELS[min(max(int(round(index)), 1), 6) - 1]
