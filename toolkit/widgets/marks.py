"""Reader marks from chosen good sentences: plain data, light enough for a student's kernel.

Accepts what a lesson pack stores (dicts) as well as `SentencePicks`/`ScoredSentence`
objects, so the page never needs the language layer. Marks hold plain text: the Reader
shows `note` and `label` through `textContent`, so article text inside them is never markup.
"""

from __future__ import annotations

from typing import Any

GOOD_SENTENCE = "good"  # mark kind -> CSS class vs-mark-good


def _as_dict(item: Any) -> dict[str, Any]:
    return item if isinstance(item, dict) else item.to_dict()


def good_sentence_marks(chosen: Any) -> list[dict[str, Any]]:
    """`[{sentence, kind, label, note}]` for the Reader's `marks` trait.

    `chosen` is a SentencePicks (or its dict) or a list of ScoredSentence (or dicts).
    Sentences from outside the article (WordNet examples, index -1) have nowhere to be
    highlighted and are left out; a sentence is marked once.
    """
    if chosen is None:
        return []
    if not isinstance(chosen, (list, tuple)):
        chosen = _as_dict(chosen).get("chosen", [])
    marks: dict[int, dict[str, Any]] = {}
    for item in chosen:
        d = _as_dict(item)
        index = d.get("index", -1)
        if d.get("source", "article") != "article" or not isinstance(index, int) or index < 0:
            continue
        marks.setdefault(index, {"sentence": index, "kind": GOOD_SENTENCE,
                                 "label": str(d.get("label", "Good sentence")),
                                 "note": str(d.get("explanation", ""))})
    return list(marks.values())

