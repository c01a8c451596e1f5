"""The teacher's target words on the student page: highlighted in the reader, and in the word
book from the moment the lesson opens.

Why in the book at once: the teacher chose these words for the class to learn, so a student
should not have to find and click each one before it comes up for review. Each word goes in
once (the book's add is idempotent), with its card's meaning, translation and the sentence it
stands in. A typed-in target the article does not contain has no card and is left out.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from toolkit.learning.vocab import VocabBook, Word
from toolkit.model.events import ReaderWord
from toolkit.model.pack import LessonPack


def target_indexes(words: Sequence[ReaderWord], targets: Iterable[str]) -> list[int]:
    """Reader word indexes whose lemma or form is a target word (for `Reader.targets`)."""
    wanted = {t.lower() for t in targets}
    return [w.index for w in words if w.lemma.lower() in wanted or w.text.lower() in wanted]


def target_rows(pack: LessonPack, lang: str) -> list[dict[str, Any]]:
    """One book row per target word that has a card in the original text."""
    rows = []
    cards = [pack.cards[k] for k in pack.original.card_keys if k in pack.cards]
    for target in dict.fromkeys(pack.targets):
        card = next((c for c in cards if c.headword.lower() == target.lower()), None) or next(
            (c for c in cards if c.text.lower() == target.lower()), None)
        if card is None:
            continue
        t = card.translations.get(lang)
        rows.append({"lemma": card.headword, "sentence": card.sentence, "lesson": pack.slug,
                     "translation": t.text if t is not None and t.available else "",
                     "meaning": card.definition, "form": card.text})
    return [r for r in rows if r["meaning"] or r["translation"] or r["sentence"]]


def add_targets(book: VocabBook, pack: LessonPack, lang: str) -> list[Word]:
    """Put the lesson's target words into the student's book (once; one transaction)."""
    rows = target_rows(pack, lang)
    return book.add_words(rows) if rows else []


__all__ = ["add_targets", "target_indexes", "target_rows"]
