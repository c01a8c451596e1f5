"""The teacher console driven in plain Python: clicks and values, as a teacher would."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from toolkit.model.items import CHOICE_TYPES
from toolkit.exercises.validity import problems
from toolkit.model.pack import load_pack
from toolkit.teacher.console import TeacherConsole, words_tested

TITLE = "A new library"
ARTICLE = (
    "The city council voted on Tuesday to build a new library near the river. Officials said "
    "the ambitious project would cost about twelve million dollars and take three years to "
    "complete.\n\n"
    "Residents have complained for years that the old library is cramped and deteriorating. "
    "Many parents argued that children need quiet spaces to study, and the council eventually "
    "agreed. Construction will begin next spring, although some critics remain sceptical about "
    "the budget."
)


def shown_html(widget) -> str:
    """Every HTML string in the widget tree: what the browser would render."""
    out, stack = [], [widget]
    while stack:
        wd = stack.pop()
        if type(wd).__name__ == "HTML":
            out.append(wd.value)
        stack.extend(getattr(wd, "children", ()))
    return "\n".join(out)


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> TeacherConsole:
    """Pasted, profiled, adapted to A2 and B1, one target dropped, items generated."""
    c = TeacherConsole(lessons_dir=tmp_path_factory.mktemp("lessons"),
                       export_dir=tmp_path_factory.mktemp("exports"), n_exercises=8)
    c.title.value = TITLE
    c.text.value = ARTICLE
    c.analyse_button.click()
    c.level_boxes["B2"].value = False
    c.adapt_button.click()
    c.generate_button.click()
    tested = {w for i in c.items for w in words_tested(i)}
    c.first_items = c.items
    c.dropped_word = next(v for v in c.targets.value if v in tested or
                          any(f in tested for x in c.profile.vocabulary if x.lemma == v
                              for f in x.forms))
    c.targets.value = tuple(v for v in c.targets.value if v != c.dropped_word)
    c.generate_button.click()
    return c


def test_pasted_text_shows_its_profile(console):
    assert console.profile is not None and console.profile.word_count == len(
        re.findall(r"[A-Za-z]+", ARTICLE))
    html = shown_html(console.profile_box)
    assert f"vs-level-value'>{console.estimate.level}<" in html  # the calibrated estimate
    assert "Lexical coverage" in html
    assert "vs-teacher-error" not in console.message.value


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("   \n\n  ", "empty"),
    ("El consejo de la ciudad votó el martes para construir una nueva biblioteca cerca del río.",
     "English"),
])
def test_bad_input_is_one_escaped_line_not_a_traceback(text, words):
    c = TeacherConsole()
    c.text.value = text
    c.analyse_button.click()
    assert c.profile is None and c.profile_box.children == ()
    assert "vs-teacher-error" in c.message.value and words in c.message.value
    assert "Traceback" not in c.message.value
    assert c.adapt_button.disabled and c.publish_button.disabled


def test_a_failed_analysis_clears_the_earlier_article():
    c = TeacherConsole(text=ARTICLE, n_exercises=3)
    c.analyse_button.click()
    c.generate_button.click()
    assert c.items and c.targets.options
    c.text.value = "12345 !!!"
    c.analyse_button.click()
    assert "vs-teacher-error" in c.message.value
    assert c.items == [] and c.targets.options == () and c.columns.children == ()
    assert c.publish() is None and c.export() == {}


def test_loading_a_file_fills_the_text_and_title(tmp_path):
    f = tmp_path / "article.txt"
    f.write_text(f"{TITLE}\n\n{ARTICLE}\n", "utf-8")
    c = TeacherConsole()
    c.path.value = str(f)
    c.load_button.click()
    assert c.title.value == TITLE and c.text.value.strip() == ARTICLE
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 <b>")
    c.path.value = str(bad)
    c.load_button.click()
    assert "not UTF-8" in c.message.value and "vs-teacher-error" in c.message.value
    c.path.value = str(tmp_path / "missing.txt")
    c.load_button.click()
    assert "Cannot read" in c.message.value


def test_an_uploaded_file_fills_the_text():
    data = f"{TITLE}\n\n{ARTICLE}".encode("utf-16")  # with a BOM, as Windows editors save it
    c = TeacherConsole()
    c.upload.value = ({"name": "a.txt", "type": "text/plain", "size": len(data),
                       "content": memoryview(data), "last_modified": datetime.now(timezone.utc)},)
    assert c.title.value == TITLE and c.text.value == ARTICLE
    assert "Loaded a.txt" in c.message.value


def test_chosen_levels_become_columns_with_their_changes(console):
    from toolkit.lesson.build import relative_levels

    cols = console.columns.children
    # The levels offered are those below the original's estimate (the fixture unticks B2).
    offered = [lv for lv in relative_levels(console.estimate.level) if lv != "B2"]
    assert "A2" in offered
    assert [lv for lv in ("A1", "A2", "B1", "B2")
            if any(f"vs-teacher-column-{lv.lower()}" in c._dom_classes for c in cols)] == offered
    a2 = next(c for c in cols if "vs-teacher-column-a2" in c._dom_classes)
    html = shown_html(a2)
    changes = console.adapted["A2"].changes
    assert changes, "the article is above A2, so adapting must change something"
    assert f"{len(changes)} changes" in html and "vs-changes-table" in html
    first = changes[0]
    from html import escape
    assert escape(first.reason) in html
    for col in cols:
        lv = next(c for c in col._dom_classes if c.startswith("vs-teacher-column-"))[-2:].upper()
        same = console.adapted[lv].text == console.clean
        assert ("Same as the original" in shown_html(col)) == same


def test_words_above_the_class_level_are_preselected_and_one_can_be_dropped(console):
    above = {x.lemma for x in console.profile.words_above(console.class_level.value)}
    offered = {v for _, v in console.targets.options}
    assert offered == above
    assert console.dropped_word not in console.targets.value
    assert set(console.targets.value) == above - {console.dropped_word}
    forms = console.dropped_forms()
    assert console.dropped_word in forms
    assert any(words_tested(i) & forms for i in console.first_items), "it was tested before"
    assert console.items, "items were generated"
    assert not any(words_tested(i) & forms for i in console.items)


def test_an_edit_that_breaks_an_item_is_rejected_with_the_reason(console):
    editor = next((e for e in console.editors if e.item.type in CHOICE_TYPES), console.editors[0])
    before = editor.item
    editor.answer.value = "" if editor.item.type not in CHOICE_TYPES else "zebra crossing"
    editor.save_button.click()
    assert editor.item is before
    assert "vs-item-rejected" in editor.status.value
    from toolkit.teacher.item_editor import edited_item
    reasons = problems(edited_item(before, editor.prompt.value, editor.answer.value,
                                   editor.options.value), editor.source)
    assert reasons and reasons[0] in editor.status.value
    # put it back: an unchanged item saves
    editor.answer.value = before.answer if isinstance(before.answer, str) else "\n".join(before.answer)
    editor.save_button.click()
    assert "vs-item-saved" in editor.status.value and editor.item.id == before.id


def test_a_valid_edit_is_kept_with_a_new_id(console):
    editor = next((e for e in console.editors if e.item.type in CHOICE_TYPES
                   and len(e.item.options) > 1), None)
    if editor is None:
        pytest.skip("no choice item generated for this article")
    before = editor.item
    editor.options.value = "\n".join(reversed(before.options))
    editor.save_button.click()
    assert "vs-item-saved" in editor.status.value
    assert editor.item.options == list(reversed(before.options)) and editor.item.id != before.id
    assert problems(editor.item, editor.source) == []


def test_publish_writes_exactly_the_reviewed_items_and_chosen_levels(console):
    victim = console.editors[-1]
    victim.drop_button.click()
    assert victim.item.id not in [i.id for i in console.items]
    assert victim not in console.items_box.children
    reviewed = list(console.items)
    console.publish_button.click()
    assert console.published is not None
    pack_path, nb_path = console.published
    assert str(pack_path.parent) == console.lessons_dir.value
    assert nb_path.exists()
    pack = load_pack(pack_path)
    assert pack.exercises == reviewed
    levels = [v.level for v in pack.versions[1:]]
    not_needed = [s.split(":")[0] for s in pack.levels_not_needed]
    from toolkit.model.levels import NOT_POSSIBLE, level_notes

    not_possible = [n.level for n in level_notes(pack.extras) if n.status == NOT_POSSIBLE]
    assert sorted(levels + not_needed + not_possible) == sorted(console.levels)
    assert "A2" in levels
    assert pack.version("A2").text == console.adapted["A2"].text
    assert pack.targets == list(console.targets.value)
    assert console.progress.value == console.progress.max > 1
    assert str(pack_path) in console.result.value or pack_path.name in console.result.value


def test_exports_write_worksheet_gift_and_anki(console):
    from toolkit.exercises.export import find_chromium, pdf_pages

    paths = console.export()
    printable = {"pdf"} if find_chromium() else set()  # offered only where Chromium can print
    assert set(paths) == {"worksheet", "gift", "anki", "apkg"} | printable
    if printable:
        assert pdf_pages(paths["pdf"].read_bytes()) >= 2  # questions, then the key
    import zipfile
    assert "collection.anki2" in zipfile.ZipFile(paths["apkg"]).namelist()
    gift = paths["gift"].read_text("utf-8")
    blocks = [b for b in gift.split("\n\n") if b.strip() and not b.startswith("//")]
    ids = [re.match(r"::(.+?)::", b.strip()).group(1) for b in blocks]
    assert ids == [i.id for i in console.items]
    anki = paths["anki"].read_text("utf-8")
    assert all(i.id in anki for i in console.items)
    html = paths["worksheet"].read_text("utf-8")
    assert html.count("<li>") >= len(console.items)
    assert console.fallback.value == gift
    for p in paths.values():
        assert str(p) in console.result.value


def test_script_in_an_article_is_never_markup(tmp_path):
    c = TeacherConsole(export_dir=tmp_path, n_exercises=4)
    c.title.value = "<script>alert('title')</script> Library news"
    c.text.value = "<script>alert('x')</script>\n\n" + ARTICLE.replace(
        "library near", "<img src=x onerror=alert(1)> library near")
    c.analyse_button.click()
    assert c.profile is not None
    c.level_boxes["B1"].value = c.level_boxes["B2"].value = False
    c.adapt_button.click()
    c.generate_button.click()
    c.export()
    shown = shown_html(c)
    assert "<script" not in shown and "<img" not in shown
    worksheet = c.exported["worksheet"].read_text("utf-8")
    assert "<script" not in worksheet and "&lt;script&gt;" in worksheet
    assert "HTML tags were removed" in shown


def test_a_lower_class_level_offers_more_target_words():
    c = TeacherConsole(class_level="B2", text=ARTICLE)
    c.analyse_button.click()
    at_b2 = set(c.targets.value)
    c.class_level.value = "A2"
    at_a2 = set(c.targets.value)
    assert at_a2 == {x.lemma for x in c.profile.words_above("A2")}
    assert at_b2 < at_a2
    assert "above A2" in shown_html(c.profile_box)
