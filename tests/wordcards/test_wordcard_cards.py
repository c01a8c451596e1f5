import json
from pathlib import Path

import pytest

from toolkit.language.analysis import word_level
from toolkit.language.wordcard import build_card, frequency_band, short_definition
from toolkit.model.wordcard import ArticleCards, WordCard


@pytest.fixture(scope="module")
def river_card():
    return build_card("bank", "The children sat on the bank of the river and fished.", lang="zh")


def test_card_fields_in_context(river_card):
    c = river_card
    assert (c.headword, c.kind, c.pos, c.penn) == ("bank", "word", "noun", "NN")
    assert c.cefr and 1 <= c.level <= 6 and c.frequency_band
    assert c.sense_basis == "context" and "river" in c.senses[0].matched
    assert c.definition == short_definition(c.senses[0].definition)
    assert len(c.senses) > 3  # the others are kept, after the one that fits
    assert c.examples[-1] == c.sentence  # WordNet's examples, then the article's sentence
    assert c.pronunciation and c.pronunciation.syllable_count == 1
    assert c.inflections == {"plural": "banks"}


def test_card_round_trips_through_json(river_card):
    again = WordCard.from_dict(json.loads(json.dumps(river_card.to_dict(), ensure_ascii=False)))
    assert again == river_card and again.key == river_card.key


def test_word_family_through_derivation():
    family = {f.word for f in build_card("identify", lang=()).family}
    assert {"identity", "identification"} <= family
    assert "identify" not in family


@pytest.mark.parametrize("word, sentence, label, form", [
    ("ran", "She ran to the station.", "-ing", "running"),
    ("children", "The children are playing outside.", "plural", "children"),
    ("happy", "He looks happy today.", "comparative", "happier"),
    ("stole", "They stole the money.", "past participle", "stolen"),
])
def test_inflections_from_lemminflect(word, sentence, label, form):
    assert build_card(word, sentence, lang=()).inflections[label] == form


def test_no_invented_inflections():
    card = build_card("stolen", "They used stolen identities.", lang=())
    # The parser tags prenominal "stolen" as a past participle (VBN, as UD EWT does); the old
    # tagger said adjective. Either way no comparative may be invented.
    assert "comparative" not in card.inflections and "superlative" not in card.inflections
    assert card.pos == "verb" and card.inflections["past"] == "stole"


def test_synonyms_are_not_harder_than_the_word():
    card = build_card("begin", "The meeting will begin at nine.", lang=())
    assert card.synonyms
    for syn in card.synonyms:
        if " " not in syn:
            assert word_level(syn, syn, "VB")[0] <= card.level, syn


def test_antonyms_of_the_sense_in_context():
    card = build_card("hot", "The soup is too hot to eat.", lang=())
    assert "cold" in card.antonyms


def test_grammar_words_get_a_usage_note_and_an_example():
    """No dictionary sense, so the card carries the shipped usage note instead of nothing."""
    card = build_card("the", "The dog barked.", lang=())
    assert card.kind == "grammar" and card.senses == []
    assert card.definition.startswith("points to a thing") and card.sense_basis == "usage note"
    assert card.examples == ["Close the door, please.", "The dog barked."]
    assert card.pronunciation is not None
    everything = build_card("everything", "They lost everything in the fire.", lang=())
    assert everything.kind == "grammar" and "all things" in everything.definition
    assert "a grammar word: how it is used" in everything.notes[-1]


@pytest.mark.parametrize("word", ["of", "the", "everything", "because", "would", "their",
                                  "million", "whether", "there", "to"])
def test_the_function_word_table_covers_common_words(word):
    from toolkit.language.wordcard import grammar_note

    note, example = grammar_note(word)
    assert 10 < len(note) < 140 and example[0].isupper() and example[-1] in ".?!"
    assert grammar_note(word.upper()) == (note, example)


def test_the_function_word_table_ships_with_the_package():
    from importlib.resources import files

    import tomllib
    from toolkit.language.wordcard import grammar_note

    data = json.loads(files("toolkit.language").joinpath("function_words.json").read_text("utf-8"))
    assert len(data["words"]) >= 150 and grammar_note("zebra") is None
    globs = tomllib.loads(Path(__file__).resolve().parents[2].joinpath("pyproject.toml").read_text(
        "utf-8"))["tool"]["setuptools"]["package-data"]["toolkit"]
    assert "language/*.json" in globs


@pytest.mark.parametrize("zipf, band", [(7.0, "very common"), (5.0, "common"), (4.0, "less common"),
                                        (3.0, "rare"), (1.0, "very rare")])
def test_frequency_bands(zipf, band):
    assert frequency_band(zipf) == band


def test_short_definition_keeps_the_first_clause():
    assert short_definition("sloping land (especially the slope beside a body of water)") == "sloping land"
    assert short_definition("have; possess") == "have"


def test_article_cards_cover_every_clickable_word(lesson_cards):
    sentences, cards = lesson_cards
    words = [t for s in sentences for t in s.tokens if t.is_word]
    assert len(cards.by_word) == len(words)
    assert set(cards.by_word) == set(cards.cards)
    assert len(cards.cards) < len(words)  # repeated words share their card
    again = ArticleCards.from_dict(json.loads(json.dumps(cards.to_dict(), ensure_ascii=False)))
    assert again == cards
