"""Fixtures for word card tests: one analysed lesson article and its cards, built once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lesson_cards(article_text):
    from toolkit.language.analysis import analyze
    from toolkit.language.wordcard import build_cards

    sentences = analyze(article_text)
    return sentences, build_cards(sentences)


def require(lang: str):
    """The provider for `lang`, or a skip naming the package that would provide it."""
    from toolkit.language.translate import provider

    p = provider(lang)
    if not p.ready:
        pytest.skip(f"{lang} translations not built: install {p.install}, then python -m toolkit data")
    return p
