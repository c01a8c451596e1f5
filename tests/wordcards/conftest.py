"""Fixtures for word card tests: one analysed lesson article and its cards, built once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lesson_cards(article_text):
    from toolkit.language.analysis import analyze
    from toolkit.language.wordcard import build_cards

    sentences = analyze(article_text)
    return sentences, build_cards(sentences)

