"""A lesson ready to hand out: plain type names, a worksheet with the article and an answer line
for every item, a dashboard that names items by what they asked."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from toolkit.exercises.export import to_html
from toolkit.learning.identity import Identity
from toolkit.learning.progress import ProgressLog
from toolkit.learning.store import Store
from toolkit.model.items import ALL_TYPES, TYPE_NAMES
from toolkit.model.pack import load_pack
from toolkit.teacher.console import TeacherConsole
from toolkit.teacher.dashboard import ClassDashboard

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "lessons" / "hidden-remote-workers.lesson.json"


def test_every_type_has_a_plain_name_and_the_console_uses_it(tmp_path):
    assert set(TYPE_NAMES) == set(ALL_TYPES)
    assert all(" " in n or n[0].isupper() for n in TYPE_NAMES.values())
    c = TeacherConsole(drafts_dir=tmp_path)
    labels = dict(c.types.options)
    assert labels["Fill the gap"] == "cloze" and labels["True, false or not given"] == "tfng"


def test_the_worksheet_prints_the_article_and_an_answer_line_per_item():
    pack = load_pack(PACK)
    items = pack.exercises
    html = to_html(items, "Hidden workers", article=pack.original.text)
    paras = [p for p in pack.original.text.split("\n\n") if p.strip()]
    for n, p in enumerate(paras, start=1):
        assert f"<b class='para-n'>{n}</b> {escape(p.strip())}" in html
    questions = html.split("<ol class='items'>", 1)[1].split("<section class='key'>", 1)[0]
    assert questions.count("class='answer-line'") == len(items)
    for code in {i.type for i in items}:
        assert f"<span class='type'>{escape(TYPE_NAMES[code])}</span>" in html
    assert not re.search(r"<span class='type'>(cloze|tfng|wh)</span>", html)
    assert "class='article'" not in to_html(items, "No article")


def test_the_dashboard_names_items_by_their_prompt(tmp_path):
    pack = load_pack(PACK)
    item = pack.exercises[0]
    store = Store(tmp_path / "class.sqlite3")
    clock = lambda: datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # noqa: E731
    for i, name in enumerate(["Ana", "Ben", "Chen"]):
        log = ProgressLog(store, Identity(name, "7B", "typed"), clock)
        log.quiz_answer(item.id, i != 0, 4.0, lesson=pack.slug, exercise_type=item.type,
                        level=item.level)
    dash = ClassDashboard(store, "7B", now=clock, lessons_dir=ROOT / "lessons")
    shown = dash.items.value
    assert escape(" ".join(item.prompt.split())[:60]) in shown
    assert item.id not in shown and escape(TYPE_NAMES[item.type]) in shown
