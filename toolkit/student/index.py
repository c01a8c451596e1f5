"""The lessons index page: every lesson pack in a folder, with its level and a link."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

import ipywidgets as w

from toolkit.model.pack import LessonPackError, load_pack
from toolkit.student.link import link_html


def lesson_rows(folder: str | Path = ".") -> list[dict[str, str]]:
    """One row per `*.lesson.json` that has its page; broken packs are listed as such."""
    rows = []
    for path in sorted(Path(folder).glob("*.lesson.json")):
        slug = path.name.removesuffix(".lesson.json")
        if not (path.parent / f"{slug}.ipynb").is_file():
            continue
        try:
            pack = load_pack(path)
        except LessonPackError as exc:
            rows.append({"slug": slug, "title": slug, "level": "", "versions": "",
                         "words": "", "error": str(exc)})
            continue
        original, profile = pack.original, pack.original.profile
        rows.append({"slug": slug, "title": pack.title,
                     "level": original.estimated or (profile.level if profile else ""),
                     "versions": ", ".join(v.level for v in pack.versions),
                     "words": str(profile.word_count if profile else original.word_count),
                     "error": ""})
    return rows


def lesson_index(folder: str | Path = ".") -> w.HTML:
    """A table of the lessons with links to their pages (relative: works under any base URL)."""
    rows = lesson_rows(folder)
    if not rows:
        body = "<p>No lessons yet: build one with <code>python -m toolkit build-lesson</code>.</p>"
    else:
        body = "<table class='vs-lesson-table'><tr><th>Lesson</th><th>Level</th>" \
               "<th>Versions</th><th>Words</th></tr>" + "".join(
                   f"<tr><td><a class='vs-lesson-link' href='{quote(r['slug'])}.ipynb' "
                   "style='display:inline-block;min-height:44px;padding:12px 0;box-sizing:border-box'>"
                   f"{escape(r['title'])}</a></td><td>{escape(r['level'])}</td>"
                   f"<td>{escape(r['versions'])}</td><td>{escape(r['words'])}</td></tr>"
                   if not r["error"] else
                   f"<tr><td>{escape(r['title'])}</td><td colspan='3' class='vs-error'>"
                   f"cannot be opened: {escape(r['error'])}</td></tr>"
                   for r in rows) + "</table>"
    page = w.HTML("<h1>VocabSphere lessons</h1>" + body + link_html()
                  + "<p><a class='vs-my-words-link' href='my-words.ipynb' style='display:"
                  "inline-block;min-height:44px;line-height:44px'>My words: your list, review "
                  "and progress</a></p>")
    page.add_class("vs-lesson-index")
    return page
