"""A student's kernel stays light: page-side modules must not pull heavy language tools."""

import subprocess
import sys

import pytest

HEAVY = ["nltk", "textstat", "wordfreq", "cefrpy", "lemminflect", "pandas"]

LIGHT_MODULES = ["toolkit", "toolkit.cefr", "toolkit.widgets.reader", "toolkit.widgets.article"]


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_module_does_not_import_heavy_packages(module):
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"{module} imported: {r.stdout.strip()}"
