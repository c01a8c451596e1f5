"""A student's kernel stays light: the learning code and student widgets pull in no
pandas or language tools when imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["pandas", "numpy", "nltk", "textstat", "wordfreq", "cefrpy", "fsrs_rs_python", "torch"]


def imported_after(statement: str) -> list[str]:
    code = (f"import sys, json\n{statement}\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    return json.loads(out.stdout)


def test_learning_and_student_widgets_import_light() -> None:
    assert imported_after("import toolkit.learning, toolkit.learning.optimise, "
                          "toolkit.learning.progress, toolkit.learning.analytics") == []
    assert imported_after("import toolkit.widgets.review, toolkit.widgets.progress, "
                          "toolkit.widgets.login") == []


def test_the_teacher_dashboard_may_use_pandas_when_it_runs() -> None:
    assert imported_after("import toolkit.widgets.dashboard") == []  # only once it queries
