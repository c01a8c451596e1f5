"""Every lesson has an easier version, or says why not: levels relative to the original."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from toolkit.lesson.build import build_pack, no_easier_version, relative_levels
from toolkit.model.levels import EXTRAS_KEY, MADE, NOT_POSSIBLE, NOT_REACHED, LevelNote, level_notes
from toolkit.model.pack import LessonPack, load_pack

ROOT = Path(__file__).resolve().parents[2]


def test_levels_below_the_original():
    assert relative_levels("A1") == []
    assert relative_levels("A2") == ["A1"]
    assert relative_levels("B1") == ["A1", "A2"]
    assert relative_levels("B2") == ["A1", "A2", "B1"]
    assert relative_levels("C1") == ["A2", "B1", "B2"]
    assert relative_levels("C2") == ["B1", "B2", "C1"]


def test_level_note_round_trip_and_status_check():
    note = LevelNote("A1", NOT_REACHED, "A2", "The A1 version is easier ...", "still A2")
    assert LevelNote.from_dict(json.loads(json.dumps(note.to_dict()))) == note
    with pytest.raises(ValueError, match="status"):
        LevelNote("A1", "maybe")
    assert level_notes({}) == []  # packs built before the notes


@pytest.fixture(scope="module")
def a1_pack() -> LessonPack:
    """A real build of an easy original: a short A1 text about a school garden."""
    text = ("Our class has a garden. It is behind the school. We grow beans, carrots and "
            "potatoes. Every morning two children water the plants. On Friday we pick the "
            "beans. We cook them in the school kitchen. They are very good. Our teacher is "
            "happy. She likes the garden too. Next year we want to grow tomatoes.")
    return build_pack(text, "Our garden", n_exercises=4)


def test_an_a1_original_says_there_is_no_easier_version(a1_pack):
    assert a1_pack.original.estimated == "A1"
    assert [v.level for v in a1_pack.versions] == ["original"]
    (note,) = level_notes(a1_pack.extras)
    assert note.status == NOT_POSSIBLE and "no easier version" in note.message
    again = LessonPack.from_dict(json.loads(json.dumps(a1_pack.to_dict())))
    assert level_notes(again.extras) == [note]


def test_a_harder_original_gets_every_level_below_it():
    """The committed B1 lesson article: an A2 and an A1 version, each noted."""
    from toolkit.language.estimate import estimate_text
    from toolkit.language.text import split_title

    article = split_title((ROOT / "lessons" / "articles" / "plastic-in-the-deep.txt")
                          .read_text("utf-8"))[1]
    original = estimate_text(article).level
    assert original in ("B1", "B2")
    pack = build_pack(article, "Plastic", n_exercises=2)
    wanted = relative_levels(original)
    notes = {n.level: n for n in level_notes(pack.extras)}
    assert sorted(notes) == wanted
    shown = [v.level for v in pack.versions[1:]]
    for lv in wanted:
        if notes[lv].status == NOT_POSSIBLE:
            assert lv not in shown and notes[lv].message.startswith(f"There is no {lv} version")
        else:
            assert lv in shown
            assert (notes[lv].status == MADE) == (pack.version(lv).estimated <= lv)
    assert shown, "a B1 article gets at least one easier version"


def _notes_pack(tmp: Path, notes: list[LevelNote]) -> Path:
    pack = load_pack(ROOT / "lessons" / "the-school-garden.lesson.json")
    d = copy.deepcopy(pack.to_dict())
    d["extras"][EXTRAS_KEY] = [n.to_dict() for n in notes]
    path = tmp / "garden.lesson.json"
    path.write_text(json.dumps(d), "utf-8")
    return path


def test_the_page_says_why_a_level_is_missing(tmp_path):
    """The student's Read tab shows the pack's note in plain words; none without notes."""
    from toolkit.student.app import ReadTab

    note = no_easier_version("A1", 1.21)
    tab = ReadTab(load_pack(_notes_pack(tmp_path, [note, LevelNote("A2", MADE, "A2")])))
    box = tab.reader.missing_levels
    assert box.layout.display is None and "vs-level-missing" in box._dom_classes
    assert "there is no easier version" in box.value
    assert box.value.count("vs-level-missing-note") == 1  # a level that was made says nothing
    assert box in tab.reader.children[:2]  # right under the level switcher
    plain = ReadTab(load_pack(ROOT / "tests" / "data" / "lesson-schema-1.lesson.json"))  # no notes
    assert plain.reader.missing_levels.layout.display == "none"


def test_page_escapes_the_message(tmp_path):
    from toolkit.student.leveled_reader import missing_html

    html = missing_html([LevelNote("A1", NOT_POSSIBLE, "A2", "<b>x</b> & y")])
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt; &amp; y" in html


@pytest.mark.browser
@pytest.mark.slow
def test_missing_level_message_is_visible_on_a_phone(tmp_path):
    """A real Voila page at 360x740 (then 390x844 and a laptop): the note is on screen
    without scrolling, and nothing scrolls sideways."""
    import nbformat
    from browser import browser_page, voila_server

    from toolkit.lesson.build import lesson_notebook

    _notes_pack(tmp_path, [no_easier_version("A1", 1.21)])
    nbformat.write(lesson_notebook("garden.lesson.json"), tmp_path / "garden.ipynb")
    with voila_server(tmp_path, env={"PYTHONPATH": str(ROOT),
                                     "VOCABSPHERE_DB": str(tmp_path / "class.sqlite3")}) as base, \
            browser_page() as (page, errors):
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(f"{base}/voila/render/garden.ipynb?name=Ana&class=7B", timeout=120_000)
        page.wait_for_selector(".vs-level-missing .vs-level-missing-note", timeout=120_000)
        note = page.locator(".vs-level-missing .vs-level-missing-note").first
        assert "there is no easier version" in note.inner_text()
        for width, height in ((360, 740), (390, 844), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)
            box = note.bounding_box()
            assert box and box["width"] > 0 and box["x"] >= 0, (width, box)
            assert box["x"] + box["width"] <= width, (width, box)
            assert 0 <= box["y"] and box["y"] + box["height"] <= height, (width, box)
            assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth + 1")
        assert not errors, errors


def test_console_offers_the_levels_below_the_original(tmp_path):
    """The teacher console ticks and shows what the build would make, and nothing else."""
    from toolkit.teacher.console import TeacherConsole

    c = TeacherConsole(lessons_dir=tmp_path, drafts_dir=tmp_path / "drafts")
    for original, expected in (("B1", ["A1", "A2"]), ("A2", ["A1"]), ("C1", ["A2", "B1", "B2"]),
                               ("A1", [])):
        c._offer_levels(original)
        assert c.levels == expected == relative_levels(original)
        shown = [lv for lv, box in c.level_boxes.items() if box.layout.display != "none"]
        assert shown == [lv for lv in ("A1", "A2", "B1", "B2", "C1") if lv < original]
