"""Shared fixtures: paths, the lesson article, and the optional ../shared/data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"


@pytest.fixture(scope="session")
def article_text() -> str:
    from toolkit.language.text import split_title

    return split_title(ARTICLE.read_text("utf-8"))[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or a clear skip where a fresh clone does not have it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"external data not found at {SHARED_DATA} (only present beside CI checkouts)")
    return SHARED_DATA


def run_toolkit(*args: str, stdin: bytes | None = None, env: dict | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` in a fresh interpreter, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "toolkit", *args], input=stdin,
                          capture_output=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})

sys.path.insert(0, str(Path(__file__).parent))  # tests/browser.py helpers
