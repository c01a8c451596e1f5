"""Fixtures for the exercise tests: the lesson article and small texts, analysed once."""

from __future__ import annotations

import pytest

from toolkit.exercises.registry import Source

SMALL_TEXTS = {
    "story": (
        "Tom went to the market on Monday. He bought three apples and a big loaf of bread. "
        "The seller was friendly and gave him a small discount.\n\n"
        "On the way home, Tom met his old teacher. They talked about the village school, "
        "which had closed in 2019. The teacher said that the children now travel to the "
        "nearest town by bus."),
    "science": (
        "Water boils at one hundred degrees Celsius at sea level. When water freezes, it "
        "becomes ice and takes up more space. Plants need sunlight, water and carbon dioxide "
        "to make their food.\n\nScientists have studied the oceans for many years. The deep "
        "sea is cold and dark, but many strange animals live there."),
}


@pytest.fixture(scope="session")
def article_source(article_text: str) -> Source:
    return Source.from_text(article_text, level="B1")


@pytest.fixture(scope="session")
def small_sources() -> dict[str, Source]:
    return {name: Source.from_text(text) for name, text in SMALL_TEXTS.items()}
