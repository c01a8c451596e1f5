"""Learner definitions: words at or below B1 where possible, meaning kept, full gloss kept."""

from __future__ import annotations

import pytest

from toolkit.language.data import wordnet
from toolkit.language.definitions import (candidates, card_definitions, eligible, explain,
                                          hard_words, learner_definition, readable_share,
                                          simpler_word, word_level)


@pytest.fixture(scope="module")
def wn():
    return wordnet()


def test_hard_words_skip_the_headword_names_and_grammar_words():
    assert hard_words("an institution created to conduct business") == ["institution"]
    assert hard_words("the institution of the Institution", headword="institution") == []
    assert hard_words("a person who lives in Pyongyang") == []
    assert word_level("the") == 1 and word_level("cat") <= 2 and word_level("avoirdupois") >= 5


@pytest.mark.parametrize("synset,head,must,must_not", [
    ("company.n.01", "company", "a kind of", "institution"),  # hypernym fallback
    ("good.a.01", "good", "positive qualities", "desirable"),  # a hard alternative dropped
    ("software.n.01", "software", "programs", "pertaining"),  # cut at the first hard clause
    ("happiness.n.01", "happiness", "the state of being happy", "contentment"),  # pattern
    ("truck.n.01", "truck", "vehicle", "automotive"),  # a hard modifier dropped
    ("steal.v.01", "steal", "permission", "consent"),  # a synonym swap, same first sense
])
def test_the_learner_definition_is_simpler_and_keeps_the_meaning(wn, synset, head, must,
                                                                 must_not):
    text = learner_definition(wn.synset(synset), head)
    assert must in text and must_not not in text, text
    assert not hard_words(text, 3, head), text


def test_verbs_read_as_verbs_and_people_as_people(wn):
    assert learner_definition(wn.synset("steal.v.01"), "steal").startswith("to take")
    assert learner_definition(wn.synset("answer.v.01"), "answer").startswith("to reply")
    assert learner_definition(wn.synset("developer.n.01"), "developer").startswith("a person who")


def test_a_gloss_already_easy_is_kept_as_written(wn):
    c = explain(wn.synset("lunch.n.01"), "lunch")
    assert c.how == "gloss" and c.text == "a midday meal"


def test_a_swap_needs_the_same_meaning():
    # "force" shares a WordNet synset with "personnel" but rarely means staff
    assert simpler_word("personnel") != ("forces", "synonym")
    assert simpler_word("purchase", after="by") is None or simpler_word("purchase", after="by")[0] != "get"


def test_candidates_are_ranked_cheapest_first(wn):
    found = candidates(wn.synset("good.a.01"), "good")
    assert [c.cost for c in found] == sorted(c.cost for c in found)
    assert found[-1].hard  # the raw gloss, still hard, is among them


def test_cards_show_learner_definitions_and_keep_the_full_gloss(lesson_cards):
    _sentences, cards = lesson_cards
    words = [c for c in cards.cards.values() if c.kind == "word" and c.senses]
    assert words
    for c in words:
        assert c.definition == c.senses[0].short
        assert c.senses[0].definition  # WordNet's full gloss, one tap away on the card
    ok, n = readable_share(cards.cards.values())
    assert n >= 50 and ok / n >= 0.9, f"{ok}/{n} definitions in words at or below B1"


def test_exercises_get_the_cards_definitions(lesson_cards):
    _sentences, cards = lesson_cards
    defined = card_definitions(cards.cards, cards.by_word)
    card = next(c for c in cards.cards.values() if c.kind == "word" and c.senses)
    assert defined[card.headword.lower()][1] in {s.synset for s in card.senses}
    from toolkit.exercises.generators.lexis import definition

    text, synset = defined[card.headword.lower()]
    assert definition(card.headword.lower(), None, known=defined) in {(text, synset), None}


def test_eligible_words_are_listed_at_or_below_the_level():
    assert eligible("house") and eligible("company")
    assert not eligible("avoirdupois") and not eligible("world record")
