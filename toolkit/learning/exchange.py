"""Moving a vocabulary book in and out: CSV both ways, and an Anki `.apkg` deck.

CSV is for spreadsheets and other tools (UTF-8, one word per row). The Anki deck uses
stable IDs: the note type's ID is fixed, the deck's comes from the student's key and each
note's GUID from (student, lemma), so exporting again and importing into Anki updates the
notes instead of duplicating them. genanki is imported only when a deck is written.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from toolkit.errors import UserInputError
from toolkit.learning.vocab import CardKind, VocabBook, cloze

CSV_FIELDS = ["lemma", "form", "sentence", "lesson", "translation", "meaning", "added_at",
              "cards", "learned", "next_due"]
ANKI_MODEL_ID = 1_607_392_319  # fixed forever: Anki matches note types by this ID


def stable_id(text: str) -> int:
    """A positive 31-bit ID from text (same text, same ID, on every machine)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big") >> 1


def export_book_csv(book: VocabBook, path: str | Path) -> int:
    """Write the book to CSV, one row per word with its schedule; returns the word count."""
    by_word: dict[int, list] = {}
    for card in book.cards():
        by_word.setdefault(card.word.id, []).append(card)
    words = book.words()
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        out.writeheader()
        for w in words:
            cards = by_word.get(w.id, [])
            out.writerow({**{k: v for k, v in w.to_dict().items() if k in CSV_FIELDS},
                          "cards": " ".join(sorted(c.kind.value for c in cards)),
                          "learned": any(c.state.name == "Review" for c in cards),
                          "next_due": min(c.due for c in cards).isoformat() if cards else ""})
    return len(words)


@dataclass
class ImportResult:
    """What an import did: words added, words the book already had, rows refused."""

    added: int = 0
    already_there: int = 0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"added": self.added, "already_there": self.already_there,
                "problems": list(self.problems)}

    @classmethod
    def from_dict(cls, d: dict) -> ImportResult:
        return cls(int(d["added"]), int(d["already_there"]), list(d.get("problems", [])))


def import_book_csv(book: VocabBook, path: str | Path) -> ImportResult:
    """Add the words of a CSV file (needs a `lemma` column; meaning, translation, sentence,
    lesson, form optional). Rows that cannot become a card are reported, not imported;
    the rest go in together in one transaction."""
    result = ImportResult()
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "lemma" not in reader.fieldnames:
            raise UserInputError(f"{path}: the CSV needs a header row with a 'lemma' column")
        rows = []
        for n, row in enumerate(reader, start=2):
            try:
                book._new_word(row.get("lemma") or "", row.get("sentence") or "",
                               row.get("lesson") or "", row.get("translation") or "",
                               row.get("meaning") or "", row.get("form") or None)
            except ValueError as exc:
                result.problems.append(f"line {n}: {exc}")
                continue
            rows.append(row)
    known = {w.lemma for w in book.words()}
    for w in book.add_words(rows):
        if w.lemma in known:
            result.already_there += 1
        else:
            known.add(w.lemma)
            result.added += 1
    return result


def export_apkg(book: VocabBook, path: str | Path, deck_name: str | None = None) -> int:
    """Write an Anki deck: one note per word, cards for the same three kinds; returns notes."""
    import genanki

    # a card exists only when its front is not empty: conditional sections skip the kinds
    # a word cannot support, as in the app
    front = {
        CardKind.MEANING_TO_WORD: "{{#Meaning}}<div>Which word means: {{Meaning}}?</div>{{/Meaning}}",
        CardKind.WORD_TO_MEANING: "{{#Meaning}}<div>What does <b>{{Word}}</b> mean?</div>{{/Meaning}}",
        CardKind.CLOZE: "{{#Cloze}}<div>Fill the gap: {{Cloze}}</div>{{/Cloze}}"}
    answer = {CardKind.MEANING_TO_WORD: "<b>{{Word}}</b>", CardKind.WORD_TO_MEANING: "{{Meaning}}",
              CardKind.CLOZE: "<b>{{Form}}</b>"}
    back = {k: f"{{{{FrontSide}}}}<hr id=answer>{a}<br><i>{{{{Sentence}}}}</i>"
            for k, a in answer.items()}
    model = genanki.Model(
        ANKI_MODEL_ID, "VocabSphere word",
        fields=[{"name": n} for n in ("Word", "Meaning", "Form", "Sentence", "Cloze", "Lesson")],
        templates=[{"name": k.value, "qfmt": front[k], "afmt": back[k]} for k in CardKind],
        css=".card { font-family: sans-serif; font-size: 20px; }")
    deck = genanki.Deck(stable_id(f"deck:{book.who.key}"),
                        deck_name or f"VocabSphere::{book.who.class_code}::{book.who.name}")
    words = book.words()
    for w in words:
        fields = [w.lemma, w.gloss(), w.form, w.sentence, cloze(w.sentence, w.form) or "", w.lesson]
        deck.add_note(genanki.Note(model=model, fields=[escape(f) for f in fields],
                                   guid=genanki.guid_for(book.who.key, w.lemma),
                                   tags=[w.lesson.replace(" ", "_")] if w.lesson else []))
    genanki.Package(deck).write_to_file(str(path))
    return len(words)
