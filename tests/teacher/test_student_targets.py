"""The teacher's target words reach the student: highlighted in the reader and put in the word
book once when the lesson opens (the real SQLite store)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.model.pack import load_pack
from toolkit.student.app import StudentApp
from toolkit.student.targets import target_indexes, target_rows

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "lessons" / "the-school-garden.lesson.json"


def _pack_with_targets():
    pack = load_pack(PACK)
    words = [pack.cards[k] for k in pack.original.card_keys if pack.cards[k].kind == "word"
             and pack.cards[k].definition]
    chosen = list(dict.fromkeys(c.headword for c in words))[:3]
    return replace(pack, targets=[*chosen, "photosynthesis-like"]), chosen


def test_targets_are_in_the_book_once_and_highlighted(tmp_path):
    pack, chosen = _pack_with_targets()
    store = Store(tmp_path / "class.sqlite3")
    who = Identity("Mina", "7B", "typed")
    app = StudentApp(pack, store, who, "es")
    book = {w.lemma: w for w in app.book.words()}
    assert set(chosen) <= set(book)
    rows = {r["lemma"]: r for r in target_rows(pack, "es")}
    for lemma in chosen:
        assert book[lemma].meaning == rows[lemma]["meaning"] and book[lemma].sentence
        assert book[lemma].lesson == pack.slug
    assert "photosynthesis-like" not in book  # typed in, no card: left out
    StudentApp(pack, store, who, "es")  # opened again: nothing added twice
    assert sorted(w.lemma for w in app.book.words()) == sorted(book)
    reader = app.read.reader.reader
    marked = {reader.words[i].lemma.lower() for i in reader.targets}
    assert marked == {c.lower() for c in chosen}
    assert reader.targets == target_indexes(reader.words, pack.targets)
    assert "vs-target" in reader._esm and "targets" in reader.keys
