"""Paths and helpers every test module may import (`from common import ...`).

Kept out of conftest.py on purpose: subfolders have conftests of their own, and importing
"conftest" by name would pick whichever pytest loaded last.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"


def run_toolkit(*args: str, stdin: bytes | None = None, env: dict | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` in a fresh interpreter, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "toolkit", *args], input=stdin,
                          capture_output=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})
