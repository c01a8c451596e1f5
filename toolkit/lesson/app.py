"""The student page for a lesson pack. Light: loads JSON and shows widgets, nothing heavier."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from toolkit.lesson.pack import LessonPackError, load_pack
from toolkit.widgets.article import article_page


def show_lesson(path: str | Path) -> w.Widget:
    """The lesson page, or a readable error box when the pack cannot be used."""
    try:
        pack = load_pack(path)
    except LessonPackError as exc:
        from html import escape

        box = w.HTML(f"<div class='vs-error'><b>This lesson cannot be opened.</b> "
                     f"{escape(str(exc))}</div>")
        box.add_class("vs-error-box")
        return box
    version = pack.versions[0]
    return article_page(pack.title, version.text, version.profile, version.sentences,
                        good_sentences=version.good_sentences or None, cards=version.cards)
