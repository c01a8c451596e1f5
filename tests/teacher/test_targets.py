"""Target words: chosen with checkboxes (search, add a word not in the article), preferred by the
item types that test a word, kept in the pack and the draft."""

from __future__ import annotations

import pytest

from toolkit.teacher.console import TeacherConsole, words_tested
from toolkit.teacher.targets import TargetPicker

from .test_console import ARTICLE, TITLE


def test_the_picker_filters_adds_and_keeps_the_select_interface():
    changes = []
    p = TargetPicker(on_change=lambda: changes.append(1))
    p.options = [("council (noun, B1)", "council"), ("ambitious (adj, B1)", "ambitious"),
                 ("cramped (adj, C2)", "cramped")]
    assert p.value == ()
    p.value = ("council", "cramped")
    assert p.value == ("council", "cramped") and changes
    p.search.value = "amb"
    shown = [b.description for b in p.list.children if b.layout.display != "none"]
    assert shown == ["ambitious (adj, B1)"]
    p.all_button.click()  # only what the search shows
    assert p.value == ("council", "ambitious", "cramped")
    p.search.value = ""
    p.list.children[0].value = False  # a click on a checkbox drops the word
    assert p.value == ("ambitious", "cramped")
    p.new_word.value = "  budget  "
    p.add_button.click()
    assert p.value[-1] == "budget" and p.typed == ["budget"] and p.new_word.value == ""
    assert not p.add("<b>x</b>") and "letters only" in p.status.value
    p.add("Council")  # already listed: chosen, not added twice
    assert [v for _, v in p.options].count("council") == 1 and "council" in p.value
    with pytest.raises(ValueError, match="zebra"):
        p.value = ("zebra",)


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    c = TeacherConsole(lessons_dir=tmp_path_factory.mktemp("lessons"),
                       drafts_dir=tmp_path_factory.mktemp("drafts"), n_exercises=6)
    c.title.value = TITLE
    c.text.value = ARTICLE
    c.analyse_button.click()
    return c


def test_typed_words_survive_a_class_level_change_and_reach_the_draft(console):
    c = console
    c.targets.add("library")
    c.targets.add("well-being")  # not in the article: allowed
    c.class_level.value = "B2"
    assert {"library", "well-being"} <= set(c.targets.value)
    d = c.draft()
    assert "well-being" in d.targets and "well-being" in d.extra_targets


def test_word_items_prefer_the_chosen_targets(console):
    c = console
    c.types.value = ("cloze", "mcq", "matching")
    chosen = ("library", "council", "budget")
    c.targets.value = tuple(v for v in c.targets.value if v in chosen) or ()
    for w in chosen:
        c.targets.add(w)
    c.targets.value = chosen
    items = c.generate()
    assert items
    hits = [i for i in items if words_tested(i) & c.target_forms()]
    assert len(hits) >= len(items) / 2, [(i.type, i.target) for i in items]
    assert f"{len(hits)} of {len(items)} items test a target word" in c.items_note.value
