"""Fixtures for the leveling tests: cached adaptations of the lesson article."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def adapted() -> dict:
    """The advanced test article adapted to A2 and B1 (computed once per session)."""
    from .leveling_texts import ARTICLE

    from toolkit.language.adapt import adapt

    return {lv: adapt(ARTICLE, lv) for lv in ("A2", "B1")}
