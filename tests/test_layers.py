"""A student's kernel stays light, by construction and in fact.

The import graph of `toolkit/model` and `toolkit/student` (read with `ast`, every import
statement, function-local ones included) may reach only what `toolkit.layers.ALLOWED` says,
so the rule breaks at review time; and a real lesson page with every tab built loads no
module `toolkit.layers.is_heavy` names.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from common import ROOT
from toolkit.layers import ALLOWED, HEAVY_PACKAGES, is_heavy

STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def layer_files(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_light_packages_import_only_what_they_may(package: str) -> None:
    bad = []
    for f in layer_files(package):
        for line, module in imports_of(f):
            top = module.split(".")[0]
            if top == "toolkit":
                ok = any(module == a or module.startswith(a + ".") for a in ALLOWED[package])
                ok = ok and not is_heavy(module)
            elif package == "toolkit.model":
                ok = top in STDLIB  # records are standard library only
            else:
                ok = not is_heavy(module)
            if not ok:
                bad.append(f"{f.relative_to(ROOT)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


def test_the_graph_check_catches_a_heavy_import(tmp_path: Path) -> None:
    """The checker itself: a function-local import of nltk is found."""
    f = tmp_path / "m.py"
    f.write_text("def f():\n    import nltk.corpus\n    from toolkit.language import analysis\n")
    modules = [m for _, m in imports_of(f)]
    assert modules == ["nltk.corpus", "toolkit.language"]
    assert all(is_heavy(m) for m in modules)


def test_validity_checks_do_not_import_the_generators_they_check() -> None:
    modules = [m for _, m in imports_of(ROOT / "toolkit/exercises/validity.py")]
    assert modules and not [m for m in modules if m.startswith("toolkit.exercises.generators")]


PAGE = """
import json, sys
from toolkit.student.app import show_lesson
page = show_lesson(sys.argv[1])
app = page.children[-1]
assert 'vs-student-app' in app._dom_classes, page.children
for i in range(1, len(app.tabs.children)):
    app.tabs.selected_index = i
assert all(tab.children for tab in app.tabs.children), app.tabs.children
app.read.reader.reader.select(3)
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("lesson", sorted(p.name for p in (ROOT / "lessons").glob("*.lesson.json")))
def test_a_lesson_page_with_every_tab_loads_nothing_heavy(tmp_path: Path, lesson: str) -> None:
    env = {**os.environ, "JUPYTERHUB_USER": "light-test", "VOCABSPHERE_DB": str(tmp_path / "db")}
    r = subprocess.run([sys.executable, "-c", PAGE, f"lessons/{lesson}"], capture_output=True,
                       text=True, timeout=120, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    heavy = [m for m in json.loads(r.stdout.splitlines()[-1]) if is_heavy(m)]
    assert heavy == [], f"the student page loaded: {', '.join(heavy)}"


def test_opening_the_teacher_console_loads_no_language_tools() -> None:
    """The teacher notebook opens at once; the language tools load when a step runs."""
    code = ("import json, sys; from toolkit.teacher.console import TeacherConsole; "
            "TeacherConsole(preload=False); "
            "print(json.dumps(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr
    loaded = [m for m in json.loads(r.stdout.splitlines()[-1]) if m.split(".")[0] in HEAVY_PACKAGES]
    assert loaded == [], f"opening the console loaded: {', '.join(loaded)}"
