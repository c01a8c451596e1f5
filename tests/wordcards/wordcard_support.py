"""Helpers shared by the word card tests (a plain module: conftest names clash across folders)."""

from __future__ import annotations

import pytest


def require(lang: str):
    """The provider for `lang`, or a skip naming the package that would provide it."""
    from toolkit.language.translate import provider

    p = provider(lang)
    if not p.ready:
        pytest.skip(f"{lang} translations not built: install {p.install}, then python -m toolkit data")
    return p
