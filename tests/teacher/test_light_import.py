"""Opening the teacher notebook is quick: the language tools load only when a step runs."""

import subprocess
import sys

HEAVY = ["nltk", "textstat", "wordfreq", "cefrpy", "lemminflect", "pandas"]


def test_importing_the_console_loads_no_language_tools():
    code = ("import sys; from toolkit.widgets.teacher import TeacherConsole; TeacherConsole(); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"building the console imported: {r.stdout.strip()}"
