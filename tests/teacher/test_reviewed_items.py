"""Published = reviewed: an edited item's every derived text follows the edit.

One item of each type from a committed lesson is edited as a teacher would; the explanation
(what the student's feedback, the worksheet key, GIFT and Moodle feedback and the Anki back
print) must then describe the edited item, never the old one, in every export format.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

import pytest

from toolkit.exercises.export import FORMATS, export, gift_escape
from toolkit.exercises.registry import Source
from toolkit.model.items import ALL_TYPES, Item
from toolkit.model.pack import load_pack
from toolkit.student.quiz import Quiz
from toolkit.teacher.item_editor import ItemEditor, explain, names_removed, removed_words

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "lessons" / "hidden-remote-workers.lesson.json"


@pytest.fixture(scope="module")
def lesson():
    pack = load_pack(PACK)
    source = Source(sentences=pack.original.sentences, level="B1")
    return pack, source


def _editor(item: Item, source: Source) -> ItemEditor:
    return ItemEditor(item, 1, source, on_drop=lambda _e: None)


def _edit(e: ItemEditor, source: Source) -> None:
    """One teacher's edit per type: what the issue's teacher did, and its kin."""
    it = e.item
    lines = "\n".join
    if it.type == "matching":  # rewrite the first definition (key and option alike)
        new = "a person's name and who they really are"
        e.answer.value = lines([new, *it.answer[1:]])
        e.options.value = lines([new if o == it.answer[0] else o for o in it.options])
    elif it.type == "cloze-bank":  # a new spare word in the bank
        spare = next(o for o in it.options if o not in it.answer)
        e.options.value = lines(["yesterday" if o == spare else o for o in it.options])
    elif it.type in ("mcq", "vocab-in-context"):  # the distractor the explanation names goes
        wrong = [o for o in it.options if o != it.answer]
        named = next((o for o in wrong if o in it.explanation), wrong[0])
        other = "teachers"
        if it.type == "vocab-in-context":  # its options must come from the same paragraph
            para = it.extra.get("paragraph")
            other = next(t.text for s in source.sentences if s.paragraph + 1 == para
                         for t in s.tokens if t.pos == it.extra.get("pos")
                         and t.text.lower() not in {o.lower() for o in it.options})
        e.options.value = lines([other if o == named else o for o in it.options])
    elif it.type == "tf":  # the teacher makes the statement the article's own sentence
        e.prompt.value = "True or false? " + it.source
        e.answer.value = "True"
    elif it.type in ("pattern-choice", "pos", "jumble"):
        e.options.value = lines(list(reversed(it.options)))
    elif it.type == "wh":
        e.prompt.value = "Read paragraph again. " + it.prompt
    else:  # statements and typed answers: the prompt's spacing, as a quick fix would
        e.prompt.value = "  " + it.prompt + "  "


def _exports_show(item: Item) -> dict[str, bool]:
    """Whether each export format (and the student's feedback) carries the explanation."""
    expl = item.explanation
    out = {fmt: export([item], fmt, "T") for fmt in FORMATS}
    shown = {
        "json": json.loads(out["json"])[0]["explanation"] == expl,
        "gift": f"####{gift_escape(expl)}}}" in out["gift"],
        "moodle-xml": escape(escape(expl)) in out["moodle-xml"] or escape(expl) in out["moodle-xml"],
        "anki": escape(expl) in next(r for r in csv.reader(io.StringIO(out["anki"]),
                                                          delimiter="\t") if r[0] == item.id)[2],
        "html": escape(expl) in out["html"],
        "csv": next(csv.DictReader(io.StringIO(out["csv"])))["explanation"] == expl,
    }
    q = Quiz([item])
    q.answer(item.answer if isinstance(item.answer, str) else list(item.answer))
    shown["student"] = escape(expl) in q.feedback.value
    return shown


def test_every_type_is_edited_and_every_export_follows(lesson):
    pack, source = lesson
    seen: dict[str, tuple[Item, Item]] = {}
    for item in pack.exercises:
        if item.type in seen:
            continue
        e = _editor(item, source)
        _edit(e, source)
        assert e.save(), f"{item.type}: {e.status.value}"
        new = e.item
        assert new.id != item.id or new == item
        seen[item.type] = (item, new)
        assert all(_exports_show(new).values()), (item.type, _exports_show(new))
        if new.explanation != item.explanation:  # the old text is gone from every format
            for fmt in FORMATS:
                assert item.explanation not in export([new], fmt, "T"), (item.type, fmt)
        assert not names_removed(new.explanation, removed_words(item, new), new.source), item.type
        assert e.explanation.value == new.explanation  # the box shows what students will see
    assert set(seen) == set(ALL_TYPES)

    old, new = seen["matching"]  # the case: new definitions, new feedback
    assert f"{new.stems[0]}: a person's name and who they really are" in new.explanation
    assert old.answer[0] not in new.explanation
    assert "a person&#x27;s name and who they really are" in export([new], "html", "T")
    old, new = seen["mcq"]  # the distractor the explanation named is no longer an option
    named = next(o for o in old.options if o != old.answer and o in old.explanation)
    assert named not in new.explanation and new.answer in new.explanation
    old, new = seen["tf"]  # made true: the explanation says so
    assert old.answer == "False" and new.explanation.startswith("True: the text says")
    for kind in ("pattern-choice", "pos", "jumble", "cloze", "verb-form", "word-formation"):
        old, new = seen[kind]  # edits that leave the key alone keep the generator's reasons
        assert new.explanation == old.explanation, kind


def test_a_typed_explanation_naming_a_removed_option_is_refused(lesson):
    pack, source = lesson
    item = next(i for i in pack.exercises if i.type == "mcq")
    e = _editor(item, source)
    named = next(o for o in item.options if o != item.answer and o in item.explanation)
    e.options.value = "\n".join("teachers" if o == named else o for o in item.options)
    e.explanation.value = item.explanation + " Think about the meaning."
    assert not e.save()
    assert e.item is item
    assert f"“{named}”" in e.status.value and "empty it to have it rebuilt" in e.status.value
    assert "teachers" in e.options.value  # the teacher's text stays in the box to fix
    e.explanation.value = ""  # emptied: rebuilt from the edited item
    assert e.save()
    assert e.item.explanation == explain(e.item) and named not in e.item.explanation
    e.undo_button.click()
    assert e.explanation.value == e.item.explanation


def test_a_teachers_own_explanation_is_kept(lesson):
    pack, source = lesson
    item = next(i for i in pack.exercises if i.type == "cloze")
    e = _editor(item, source)
    e.explanation.value = "We read this sentence together in class."
    assert e.save() and e.item.explanation == "We read this sentence together in class."
    assert all(_exports_show(e.item).values())
