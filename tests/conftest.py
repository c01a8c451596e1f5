"""Shared fixtures: the lesson article and the optional ../shared/data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # common.py and browser.py helpers

from common import ARTICLE, SHARED_DATA  # noqa: E402


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


@pytest.fixture(autouse=True, scope="session")
def _teacher_drafts_in_tmp(tmp_path_factory):
    """Teacher-console drafts (tests, executed notebooks, Voila kernels) go to a temporary
    folder, never into the repository's notebooks/drafts."""
    import os

    old = os.environ.get("VOCABSPHERE_DRAFTS")
    os.environ["VOCABSPHERE_DRAFTS"] = str(tmp_path_factory.mktemp("drafts"))
    yield
    if old is None:
        os.environ.pop("VOCABSPHERE_DRAFTS", None)
    else:
        os.environ["VOCABSPHERE_DRAFTS"] = old
