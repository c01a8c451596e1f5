"""Learning data: the store, student identity, vocabulary book (FSRS) and progress events.

Light on purpose: a student's kernel imports this, so nothing here imports pandas or
language tools at import time (`analytics` imports pandas inside its functions).
"""

from toolkit.learning.events import Event, EventKind, ProgressLog
from toolkit.learning.identity import Identity, identify
from toolkit.learning.store import Store, StoreError
from toolkit.learning.vocab import CardKind, ReviewCard, VocabBook, Word

__all__ = ["CardKind", "Event", "EventKind", "Identity", "ProgressLog", "ReviewCard", "Store",
           "StoreError", "VocabBook", "Word", "identify"]
