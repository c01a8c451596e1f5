"""One level, explained: the calibrated estimate in the Profile tab, the Levels tab and the pack,
with the evidence the `level` command prints."""

from __future__ import annotations

from html import escape

from toolkit.cli import level_report
from toolkit.language.estimate import estimate_text
from toolkit.teacher.console import TeacherConsole

from .test_console import ARTICLE, shown_html


def test_the_profile_and_levels_tabs_show_the_calibrated_level(tmp_path):
    c = TeacherConsole(text=ARTICLE, drafts_dir=tmp_path)
    c.analyse_button.click()
    est = estimate_text(ARTICLE)
    assert c.estimate.level == est.level
    html = shown_html(c.profile_box)
    assert f"vs-level-value'>{est.level}<" in html
    assert f"level {est.level}" in c.message.value
    assert f"estimated <b>{est.level}</b>" in c.level_note.value
    for line in level_report(est):  # the command's lines, as the command prints them
        assert escape(line) in html
    assert "Coverage: " in html and "Pushed up by: " in html
    assert c.state()["level"] == est.level
    c.class_level.value = "A2"  # a redraw keeps the same level and the evidence
    assert f"vs-level-value'>{est.level}<" in shown_html(c.profile_box)
    assert "Why this level" in shown_html(c.profile_box)
