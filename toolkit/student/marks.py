"""Reader marks from chosen good sentences.

Marks hold plain text: the Reader shows `note` and `label` through `textContent`, so
article text inside them is never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.model.sentences import ScoredSentence, SentencePicks

GOOD_SENTENCE = "good"  # mark kind -> CSS class vs-mark-good


def good_sentence_marks(chosen: SentencePicks | Sequence[ScoredSentence] | None
                        ) -> list[dict[str, Any]]:
    """`[{sentence, kind, label, note}]` for the Reader's `marks` trait.

    Sentences from outside the article (WordNet examples, index -1) have nowhere to be
    highlighted and are left out; a sentence is marked once.
    """
    if chosen is None:
        return []
    items = chosen.chosen if isinstance(chosen, SentencePicks) else chosen
    marks: dict[int, dict[str, Any]] = {}
    for item in items:
        if item.source != "article" or item.index < 0:
            continue
        marks.setdefault(item.index, {"sentence": item.index, "kind": GOOD_SENTENCE,
                                      "label": item.label or "Good sentence",
                                      "note": item.explanation})
    return list(marks.values())

