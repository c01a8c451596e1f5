"""The package ships py.typed, so its own annotations must hold: mypy over toolkit/ is clean."""

import importlib.util
import subprocess
import sys

import pytest

from common import ROOT


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (it is in the `test` extras: pip install -e .[test])")
def test_mypy_reports_no_errors_over_the_toolkit():
    # No arguments: the files and per-library settings come from [tool.mypy] in pyproject.toml.
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"mypy found errors:\n{done.stdout}{done.stderr}"
    assert "no issues found" in done.stdout
