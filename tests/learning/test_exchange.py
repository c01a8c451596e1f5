"""CSV in and out, and an Anki deck with stable IDs."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest

from toolkit.learning.exchange import (ANKI_MODEL_ID, export_apkg, export_book_csv,
                                       import_book_csv, stable_id)
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

from .support import Clock, student


def filled_book(store: Store, clock: Clock) -> VocabBook:
    book = VocabBook(store, student("Ana"), clock)
    book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    book.add_word("hire", "Firms hired them.", "l1", "", "to employ", form="hired")
    book.add_word("<b>tag</b>", meaning="a label & more")
    book.review(book.due()[0].id, "easy")
    return book


def test_csv_round_trip_into_another_book(sqlite_store: Store, clock: Clock, tmp_path: Path) -> None:
    book = filled_book(sqlite_store, clock)
    path = tmp_path / "book.csv"
    assert export_book_csv(book, path) == 3
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["lemma"] for r in rows] == ["remote", "hire", "<b>tag</b>"]
    assert rows[0]["cards"] == "cloze meaning_to_word word_to_meaning" and rows[0]["learned"] == "True"
    assert rows[1]["form"] == "hired" and rows[1]["learned"] == "False"

    other = VocabBook(sqlite_store, student("Ben"), clock)
    result = import_book_csv(other, path)
    assert (result.added, result.already_there, result.problems) == (3, 0, [])
    assert [(w.lemma, w.form, w.meaning, w.sentence) for w in other.words()] == [
        (w.lemma, w.form, w.meaning, w.sentence) for w in book.words()]
    assert len(other.cards()) == len(book.cards())
    again = import_book_csv(other, path)  # importing twice adds nothing
    assert (again.added, again.already_there) == (0, 3)


def test_csv_import_reports_bad_rows(sqlite_store: Store, clock: Clock, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("lemma,meaning,sentence\nfirm,a company,\nghost,,No such word here.\n,empty,\n",
                    encoding="utf-8")
    book = VocabBook(sqlite_store, student("Ana"), clock)
    result = import_book_csv(book, path)
    assert result.added == 1 and [w.lemma for w in book.words()] == ["firm"]
    assert len(result.problems) == 2 and result.problems[0].startswith("line 3:")
    (tmp_path / "bad.csv").write_text("word,meaning\nfirm,a company\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'lemma' column"):
        import_book_csv(book, tmp_path / "bad.csv")


def test_anki_deck_has_stable_ids(sqlite_store: Store, clock: Clock, tmp_path: Path) -> None:
    pytest.importorskip("genanki")
    book = filled_book(sqlite_store, clock)
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert export_apkg(book, first) == 3
    export_apkg(book, second)

    def contents(path: Path) -> tuple[list, list, int]:
        with zipfile.ZipFile(path) as z:
            (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
        db = sqlite3.connect(tmp_path / "c.anki2")
        notes = db.execute("SELECT guid, mid, flds FROM notes ORDER BY guid").fetchall()
        cards = db.execute("SELECT ord FROM cards").fetchall()
        db.close()
        return notes, sorted(o for (o,) in cards), len(cards)

    notes_a, ords, n_cards = contents(first)
    notes_b, _, _ = contents(second)
    assert [n[0] for n in notes_a] == [n[0] for n in notes_b]  # same GUIDs every export
    assert {n[1] for n in notes_a} == {ANKI_MODEL_ID}
    assert n_cards == 3 + 3 + 2  # remote, hire: all 3 kinds; tag: no sentence, no cloze
    assert ords == [0, 0, 0, 1, 1, 1, 2, 2]
    fields = {n[2].split("\x1f")[0]: n[2].split("\x1f") for n in notes_a}
    assert fields["&lt;b&gt;tag&lt;/b&gt;"][1] == "a label &amp; more"  # Anki fields are HTML
    assert stable_id("deck:7B/ana") == stable_id("deck:7B/ana") != stable_id("deck:7B/ben")


def test_small_records_round_trip() -> None:
    from toolkit.learning.events import Event, EventKind
    from toolkit.learning.exchange import ImportResult
    from toolkit.learning.progress import Accuracy
    from toolkit.learning.vocab import CurvePoint

    e = Event(EventKind.QUIZ_ANSWER, "7B/ana", "7B", Clock()(), "l1", "q1", 4.5, True, {"type": "gap"}, 3)
    assert Event.from_dict(e.to_dict()) == e
    for obj in (CurvePoint(3, 0.81), Accuracy(4, 3), ImportResult(2, 1, ["line 3: bad"])):
        assert type(obj).from_dict(obj.to_dict()) == obj
