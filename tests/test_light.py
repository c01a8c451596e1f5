"""A student's kernel stays light: page-side modules must not pull heavy language tools."""

import os
import subprocess
import sys

import pytest

from common import ROOT

HEAVY = ["nltk", "textstat", "wordfreq", "cefrpy", "lemminflect", "pandas", "spacy", "thinc"]

LIGHT_MODULES = ["toolkit", "toolkit.cefr", "toolkit.widgets.reader", "toolkit.widgets.article",
                 "toolkit.lesson.pack", "toolkit.lesson.app", "toolkit.lesson.practice",
                 "toolkit.lesson.index",
                 "toolkit.learning", "toolkit.widgets.leveled_reader", "toolkit.widgets.quiz",
                 "toolkit.widgets.review", "toolkit.widgets.progress", "toolkit.widgets.wordcard"]


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_module_does_not_import_heavy_packages(module):
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"{module} imported: {r.stdout.strip()}"


def test_showing_a_lesson_stays_light(tmp_path):
    """Loading a pack and opening every tab of the student app imports no language tool."""
    code = ("import sys; from toolkit.lesson.app import show_lesson; "
            "page = show_lesson('lessons/hidden-remote-workers.lesson.json'); "
            "app = page.children[-1]; "
            "assert 'vs-student-app' in app._dom_classes, page.children; "
            "[setattr(app.tabs, 'selected_index', i) for i in (1, 2, 3)]; "
            "assert all(tab.children for tab in app.tabs.children), app.tabs.children; "
            "assert app.quiz and app.review and app.progress; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    env = {**os.environ, "JUPYTERHUB_USER": "light-test", "VOCABSPHERE_DB": str(tmp_path / "db")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"the student page imported: {r.stdout.strip()}"
