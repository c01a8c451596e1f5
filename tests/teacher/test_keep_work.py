"""Nothing of a teacher's work is lost: new articles start new lessons, Publish never
overwrites silently, and the draft reopens in a new console (as after a kernel restart)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from toolkit.model.pack import load_pack
from toolkit.teacher.console import TeacherConsole, headline, new_article, student_link
from toolkit.teacher.drafts import Draft, DraftError, backup_lesson, list_drafts, load_draft

from .test_console import ARTICLE, TITLE

OTHER = ("Bees in the city\n\n"
         "Beekeepers on the roofs of office blocks say their hives produce more honey than "
         "hives in the countryside. Gardens, parks and balconies offer flowers for most of the "
         "year, while farms often grow a single crop.\n\n"
         "Scientists warn, however, that too many hives can leave too little food for wild "
         "bees, which are already declining in many regions.")


def fixed_clock() -> datetime:
    return datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)


def test_headline_only_when_it_reads_as_one():
    assert headline(OTHER)[0] == "Bees in the city"
    assert headline(OTHER)[1].startswith("Beekeepers")
    one_line_para = "The council voted to build a library.\n\nIt will open next year."
    assert headline(one_line_para) == ("", one_line_para)
    markup = "<script>alert(1)</script>\n\nThe council voted to build a library."
    assert headline(markup) == ("", markup)  # markup is never a title


def test_an_edit_is_not_a_new_article_but_a_paste_is():
    assert not new_article(ARTICLE, ARTICLE.replace("Tuesday", "Monday"))
    assert new_article(ARTICLE, OTHER)
    assert new_article("", OTHER)


def test_pasting_a_new_article_resets_title_and_slug(tmp_path):
    c = TeacherConsole(drafts_dir=tmp_path)
    c.title.value = TITLE  # typed for the article to come
    c.text.value = ARTICLE
    assert c.title.value == TITLE
    c.slug.value = "a-new-library"
    c.text.value = ARTICLE.replace("Tuesday", "Monday")  # an edit keeps both
    assert c.title.value == TITLE and c.slug.value == "a-new-library"
    c.text.value = OTHER  # pasted over: the new article's own headline, its body in the box
    assert c.title.value == "Bees in the city"
    assert c.text.value.startswith("Beekeepers") and c.slug.value == ""
    c.text.value = ARTICLE  # no headline of its own: no title is better than the wrong one
    assert c.title.value == ""


def test_loading_a_file_replaces_the_old_title(tmp_path):
    f = tmp_path / "bees.txt"
    f.write_text(OTHER, "utf-8")
    c = TeacherConsole(drafts_dir=tmp_path, title=TITLE, text=ARTICLE)
    c.slug.value = "old"
    c.path.value = str(f)
    c.load_button.click()
    assert c.title.value == "Bees in the city" and c.slug.value == ""
    assert c.text.value.startswith("Beekeepers")


def test_backups_are_numbered(tmp_path):
    p = tmp_path / "x.lesson.json"
    assert backup_lesson(p) is None
    p.write_text("one")
    assert backup_lesson(p).name == "x.lesson.json.1"
    p.write_text("two")
    assert backup_lesson(p).name == "x.lesson.json.2"
    assert (tmp_path / "x.lesson.json.1").read_text() == "one"


def test_draft_round_trips_and_a_broken_one_is_named(tmp_path):
    d = Draft(slug="s", title="T", text="x", levels=["A2"], targets=["vote"],
              rejected={"A2": [1]}, edited={"A2": "y"}, card_language="es")
    assert Draft.from_dict(json.loads(json.dumps(d.to_dict()))) == d
    bad = tmp_path / "bad.draft.json"
    bad.write_text("{", "utf-8")
    with pytest.raises(DraftError, match="bad.draft.json"):
        load_draft(bad)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A console that profiled, generated, edited one item and published once."""
    lessons, drafts = tmp_path_factory.mktemp("lessons"), tmp_path_factory.mktemp("drafts")
    c = TeacherConsole(lessons_dir=lessons, drafts_dir=drafts, n_exercises=4, clock=fixed_clock,
                       base_url="https://hub.example.org/user/ms-lee/")
    c.title.value = TITLE
    c.text.value = ARTICLE
    c.analyse_button.click()
    for box in c.level_boxes.values():
        box.value = False
    c.level_boxes["A2"].value = True
    c.types.value = ("cloze", "tf")
    c.generate_button.click()
    c.card_language.value = "es"
    editor = c.editors[0]
    editor.prompt.value = editor.prompt.value + " "  # a harmless edit that saves
    editor.save_button.click()
    c.publish_button.click()
    return c


def test_publish_shows_the_student_link(published):
    c = published
    assert c.published is not None
    assert "voila/render/a-new-library.ipynb" in c.link.value
    assert "https://hub.example.org/user/ms-lee/voila/render/a-new-library.ipynb" in c.link.value
    assert student_link("x") == ("voila/render/x.ipynb", "")
    pack = load_pack(c.published[0])
    assert pack.extras["settings"]["card_language"] == "es"
    assert pack.original.estimated == c.estimate.level  # one level: the console's is stored


def test_publish_refuses_to_overwrite_until_the_teacher_confirms(published):
    c = published
    pack_path = c.published[0]
    before = pack_path.read_bytes()
    assert c.publish() is None
    assert "already in" in c.message.value and "vs-teacher-error" in c.message.value
    assert pack_path.read_bytes() == before
    assert not (pack_path.parent / "a-new-library.lesson.json.1").exists()
    c.overwrite.value = True
    c.publish_button.click()
    backup = pack_path.parent / "a-new-library.lesson.json.1"
    assert backup.read_bytes() == before
    assert backup.name in c.link.value
    assert c.overwrite.value is False  # the next overwrite must be confirmed again
    assert c.publish() is None


def test_the_draft_reopens_in_a_fresh_console(published):
    c = published
    files = list_drafts(c.drafts_dir)
    assert [f.name for f in files] == ["a-new-library.draft.json"]
    d = load_draft(files[0])
    assert d.saved_at == "2026-12-01T09:30:00+00:00" and d.levels == ["A2"]
    assert d.items == c.items and d.card_language == "es"
    fresh = TeacherConsole(drafts_dir=c.drafts_dir)  # as after a kernel restart
    assert fresh.draft_choice.options[0][0] == "a-new-library"
    fresh.reopen_button.click()
    assert fresh.title.value == TITLE and fresh.text.value == ARTICLE
    assert fresh.slug.value == "a-new-library" and fresh.levels == ["A2"]
    assert fresh.items == c.items and fresh.editors[0].item == c.editors[0].item
    assert list(fresh.targets.value) == list(c.targets.value)
    assert fresh.card_language.value == "es"
    assert "Reopened" in fresh.message.value
