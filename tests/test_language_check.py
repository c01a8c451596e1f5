"""No valid English sentence is refused as "not English"; other languages and code are.

The foreign texts in tests/data/languages were written for this test (the same news item in
French, Spanish, German and Chinese, and two short programs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.language.profile import NotEnglishError, check_english
from toolkit.language.text import english_share, prepare

LANGS = Path(__file__).parent / "data" / "languages"


@pytest.mark.parametrize("sentence", [
    "Katsue's birthday is September 8th.",
    "Katsue's son is an accountant for Toyota.",
    "It's 10 p. m.",
    "Do you have a car?",
    "Hiroshi met Ngozi in Düsseldorf on 3 March 2021.",
    "No.",
])
def test_short_english_sentences_with_names_and_dates_pass(sentence):
    clean, _ = prepare(sentence)
    assert check_english(clean) >= 0.6, sentence


@pytest.mark.parametrize("name", ["fr.txt", "es.txt", "de.txt", "zh.txt"])
def test_other_languages_are_refused(name):
    clean, _ = prepare((LANGS / name).read_text("utf-8"))
    assert english_share(clean) < 0.3
    with pytest.raises(NotEnglishError, match="does not look like English"):
        check_english(clean)


@pytest.mark.parametrize("name", ["code.py.txt", "code.js.txt"])
def test_program_code_is_refused(name):
    clean, _ = prepare((LANGS / name).read_text("utf-8"))
    with pytest.raises(NotEnglishError, match="program code"):
        check_english(clean)


@pytest.mark.parametrize("sentence", ["Hola, ¿qué tal?", "Bonjour, ça va ?",
                                      "Guten Morgen, wie geht es dir?"])
def test_short_foreign_sentences_are_refused(sentence):
    with pytest.raises(NotEnglishError):
        check_english(prepare(sentence)[0])


def test_lesson_articles_are_english_not_code():
    for path in (Path(__file__).parents[1] / "lessons" / "articles").glob("*.txt"):
        notes: list[str] = []
        assert check_english(prepare(path.read_text("utf-8"))[0], notes) > 0.9
        assert not notes


def test_no_cefr_sp_dev_sentence_is_refused(shared_data):
    """All CEFR-SP dev sentences (expert-levelled English, many with names and numbers)."""
    from toolkit.language.research.corpora import load_cefr_sp

    dev = load_cefr_sp("dev", shared_data)
    assert len(dev) > 1300
    refused = []
    for item in dev:
        try:
            check_english(prepare(item.text)[0])
        except NotEnglishError:
            refused.append(item.text)
    assert refused == []
