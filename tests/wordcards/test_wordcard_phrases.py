import pytest

from toolkit.language.analysis import analyze
from toolkit.language.phrases import find
from toolkit.language.wordcard import build_card, build_cards


def _spans(sentence: str):
    (s,) = analyze(sentence)
    return [(sp.headword, sp.kind) for sp in find(s.tokens)]


@pytest.mark.parametrize("sentence, span", [
    ("Thousands of workers were sent from North Korea to China.", ("North Korea", "name")),
    ("They worked for years in exchange for food.", ("in exchange for", "phrase")),
    ("It is hard to get around the city without a car.", ("get around", "phrase")),
    ("The engineers will carry the plan out next week.", ("carry out", "phrase")),
    ("According to the report, prices rose.", ("according to", "phrase")),
])
def test_multiword_expressions_are_found(sentence, span):
    assert span in _spans(sentence)


def test_verb_and_preposition_is_not_a_phrasal_verb():
    assert ("live in", "phrase") not in _spans("Many people live in the capital.")


def test_a_phrase_gets_one_card_for_all_its_words():
    (s,) = analyze("The workers came from North Korea in exchange for money.")
    cards = build_cards([s], langs=())
    words = [t.text for t in s.tokens if t.is_word]
    key = dict(zip(words, cards.by_word))
    assert key["North"] == key["Korea"] and key["in"] == key["exchange"] == key["for"]
    assert cards.cards[key["North"]].kind == "name"
    assert cards.cards[key["exchange"]].headword == "in exchange for"


def test_names_never_get_an_invented_definition():
    from toolkit.language.senses import wordnet

    known = build_card("Pyongyang", "Yesterday Jin-su flew to Pyongyang.", lang=())
    assert known.kind == "name" and known.level is None
    wordnet_defs = {s.definition() for s in wordnet().synsets("pyongyang")}
    assert known.definition in {d.split(";")[0] for d in wordnet_defs}
    unknown = build_card("Jin-su", "Yesterday Jin-su flew to Pyongyang.", lang=())
    assert unknown.kind == "name" and unknown.definition == "" and unknown.senses == []
    assert any("name" in n for n in unknown.notes)


def test_phrasal_verb_card():
    card = build_card("get around", "She uses a bike to get around the town.", lang=())
    assert card.kind == "phrase" and card.headword == "get around" and card.pos == "verb"
    assert card.senses and all("get_around" in s.key for s in card.senses)
