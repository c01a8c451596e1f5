"""The built-in generators; importing this package registers them all."""

from toolkit.exercises.generators import comprehension, gaps, grammar, lexis, not_given, patterns

__all__ = ["comprehension", "gaps", "grammar", "lexis", "not_given", "patterns"]
