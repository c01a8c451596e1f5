"""Anki packages of exercise items: real genanki files, stable note ids across exports."""

import sqlite3
import zipfile

from common import ROOT, run_toolkit
from toolkit.exercises.export import write_apkg
from toolkit.model.items import Item


def _notes(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", path.parent)
    with sqlite3.connect(path.parent / "collection.anki2") as con:
        return dict(con.execute("SELECT guid, flds FROM notes"))


def _items() -> list[Item]:
    return [Item("mcq", "The river ___ its banks.", "burst", options=["burst", "sang", "ate"],
                 explanation="burst: broke open"),
            Item("cloze", "Farmers <b>moved</b> the ___ uphill.", "animals")]


def test_apkg_has_one_note_per_item_escaped(tmp_path):
    path = tmp_path / "deck.apkg"
    assert write_apkg(_items(), path, "Rivers") == 2
    notes = _notes(path)
    assert len(notes) == 2
    fields = "\n".join(notes.values())
    assert "burst" in fields and "&lt;b&gt;moved&lt;/b&gt;" in fields and "<b>moved" not in fields


def test_exporting_again_keeps_the_note_ids(tmp_path):
    a, b = tmp_path / "a" / "deck.apkg", tmp_path / "b" / "deck.apkg"
    a.parent.mkdir(), b.parent.mkdir()
    write_apkg(_items(), a, "Rivers")
    write_apkg(list(reversed(_items())), b, "Rivers")
    assert set(_notes(a)) == set(_notes(b))


def test_cli_apkg_needs_an_output_file(tmp_path):
    article = ROOT / "lessons" / "articles" / "the-school-garden.txt"
    r = run_toolkit("exercises", str(article), "--format", "apkg", "--n", "4")
    assert r.returncode == 2 and b"-o" in r.stderr
    out = tmp_path / "garden.apkg"
    # all types, cold: minutes on a loaded machine; the timeout only guards against a hang
    r = run_toolkit("exercises", str(article), "--format", "apkg", "--n", "4", "-o", str(out),
                    timeout=900)
    assert r.returncode == 0, r.stderr
    assert len(_notes(out)) == 4
