"""One family for errors a user can fix, so callers can tell them from bugs.

The CLI and the teacher console catch `UserInputError` only: its message says what was
wrong and what to do. Anything else is a bug, shown as "internal error, see the log" with
the traceback in the log.
"""

from __future__ import annotations


class UserInputError(ValueError):
    """Bad text, a bad pack, an unknown word, a bad class code, an export problem, ...

    Subclasses ValueError so code written against the older per-module errors still works.
    """


__all__ = ["UserInputError"]
