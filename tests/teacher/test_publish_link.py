"""After Publish: the student link with its QR code, and typed-in target words that have no card
are reported to the teacher and never reach a student's word book as a broken entry."""

from __future__ import annotations

import re
from html import unescape

import pytest
import segno

from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.model.pack import load_pack
from toolkit.student.app import StudentApp
from toolkit.student.link import INDEX_PATH, LINK_ENV
from toolkit.teacher.console import TeacherConsole, room_base_url, slug_hint

from .test_console import ARTICLE, TITLE

TYPED = "photosynthesis"  # a real word the article never uses


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    lessons = tmp_path_factory.mktemp("lessons")
    c = TeacherConsole(lessons_dir=lessons, drafts_dir=tmp_path_factory.mktemp("drafts"),
                       n_exercises=3, base_url="http://192.0.2.7:8866")
    c.title.value = TITLE
    c.text.value = ARTICLE
    c.analyse_button.click()
    for lv in ("A2", "B1", "B2"):
        c.level_boxes[lv].value = False
    c.targets.add(TYPED)
    note = c.targets_note.value
    c.types.value = ("mcq",)
    c.generate_button.click()
    c.publish_button.click()
    assert c.published, c.message.value
    return c, note, lessons


def test_the_link_and_its_qr_code_are_shown_after_publish(published):
    c, _note, _lessons = published
    html = c.link.value
    full = "http://192.0.2.7:8866/voila/render/a-new-library.ipynb"
    assert f">{full}</code>" in html and f"href='{full}'" in html
    svg = re.search(r"<div class='vs-teacher-qr'[^>]*>(<svg.*?</svg>)</div>", html, re.S)
    assert svg, html
    # the picture is the QR code of that link (segno draws the same matrix for the same text)
    expected = segno.make(full, error="m").svg_inline(scale=4, dark="#000", light="#fff",
                                                      border=4, title=f"QR code for {full}")
    assert unescape(svg.group(1)) == unescape(expected)


def test_without_a_server_address_the_console_says_how_to_get_a_qr_code(tmp_path, monkeypatch):
    monkeypatch.delenv("VOCABSPHERE_BASE_URL", raising=False)
    monkeypatch.delenv(LINK_ENV, raising=False)
    c = TeacherConsole(drafts_dir=tmp_path, preload=False)
    html = c._link_html("x", None)
    assert "voila/render/x.ipynb" in html and "<svg" not in html and "make teach" in html
    # `make teach` hands JupyterLab the students' index link: the lesson link follows from it
    monkeypatch.setenv(LINK_ENV, f"http://10.1.2.3:8866{INDEX_PATH}")
    assert room_base_url() == "http://10.1.2.3:8866"
    assert TeacherConsole(drafts_dir=tmp_path, preload=False).base_url == "http://10.1.2.3:8866"


def test_a_new_title_shows_the_slug_publish_will_use(tmp_path):
    c = TeacherConsole(drafts_dir=tmp_path, preload=False)
    c.text.value = "River Library Plans Approved\n\n" + ARTICLE
    assert c.title.value == "River Library Plans Approved"
    assert c.slug.placeholder == "river-library-plans-approved (from the title)"
    from toolkit.lesson.build import slugify

    for title in ("Café: été!", "  ", "A" * 80 + " b", "Plans — 2026/27", "日本"):
        assert slug_hint(title) == slugify(title), title  # the hint is what Publish will use


def test_a_typed_word_without_a_card_is_reported_and_kept_out_of_word_books(published, tmp_path):
    c, note, lessons = published
    assert TYPED in note and "no word card" in note  # said when it is added
    assert TYPED in c.result.value and "No word card" in c.result.value  # and after Publish
    pack = load_pack(lessons / "a-new-library.lesson.json")
    assert TYPED in pack.targets
    app = StudentApp(pack, Store(tmp_path / "class.sqlite3"), Identity("Mina", "7B", "typed"),
                     "es")
    words = app.book.words()
    assert TYPED not in {w.lemma for w in words}
    assert words, "the article's target words are in the book"
    assert all(w.sentence and (w.meaning or w.translation) for w in words)
