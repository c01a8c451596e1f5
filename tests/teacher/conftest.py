"""Drafts of every console made in these tests go to a temporary folder, never the repo."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _drafts_in_tmp(tmp_path_factory):
    old = os.environ.get("VOCABSPHERE_DRAFTS")
    os.environ["VOCABSPHERE_DRAFTS"] = str(tmp_path_factory.mktemp("drafts"))
    yield
    if old is None:
        os.environ.pop("VOCABSPHERE_DRAFTS", None)
    else:
        os.environ["VOCABSPHERE_DRAFTS"] = old
