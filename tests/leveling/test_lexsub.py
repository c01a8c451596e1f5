"""Word substitution that keeps the meaning: the issue's bad examples, the checks, glosses."""

from __future__ import annotations

from toolkit.language.analysis import analyze, word_level
from toolkit.language.lexsub import in_expression, plain_gloss, simpler_in_context


def _at(text: str, word: str):
    (sentence,) = analyze(text)
    i = next(k for k, t in enumerate(sentence.tokens) if t.text == word)
    return sentence, i


def test_a_common_synonym_in_the_right_sense_and_form_is_taken() -> None:
    sentence, i = _at("They purchased two houses near the river last summer.", "purchased")
    choice = simpler_in_context(sentence, i, 2)
    assert choice is not None and choice.word == "bought" and choice.level <= 2


def test_ease_tensions_never_becomes_still_tensions() -> None:
    sentence, i = _at("The two leaders will both move to ease tensions between the countries.",
                      "ease")
    choice = simpler_in_context(sentence, i, 2, stretch=1)
    assert choice is None or choice.word != "still"


def test_free_of_charge_is_an_expression_not_three_words() -> None:
    sentence, i = _at("Entry to the new museum is free of charge for every visitor.", "charge")
    assert in_expression(sentence, i)
    assert simpler_in_context(sentence, i, 1, stretch=1) is None


def test_days_is_not_replaced_by_debts() -> None:
    sentence, i = _at("In the days after the referendum, the leaders met in secret.", "days")
    choice = simpler_in_context(sentence, i, 1, stretch=1)
    assert choice is None or choice.word != "debts"


def test_a_word_that_would_change_its_role_in_the_parse_is_refused() -> None:
    # Every accepted word keeps the part of speech the parser gave the original.
    sentence, i = _at("The committee will scrutinise the proposal carefully next week.", "scrutinise")
    choice = simpler_in_context(sentence, i, 2, stretch=1)
    if choice is not None:
        (again,) = analyze(sentence.text.replace("scrutinise", choice.word))
        assert again.tokens[i].upos == sentence.tokens[i].upos


def test_gloss_is_written_in_words_at_or_below_the_target() -> None:
    sentence, i = _at("The old warehouses by the harbour will become flats.", "warehouses")
    token = sentence.tokens[i]
    gloss = plain_gloss(token, 2, frozenset(t.text.lower() for t in sentence.words), sentence.text)
    assert gloss is not None and gloss.startswith("a kind of ")
    for w in gloss.split():
        assert word_level(w, w, "NN")[0] <= 2


def test_no_gloss_for_an_idea_a_kind_of_would_not_explain() -> None:
    sentence, i = _at("The council praised the initiative of the young volunteers.", "initiative")
    token = sentence.tokens[i]
    assert plain_gloss(token, 2, frozenset(t.text.lower() for t in sentence.words),
                       sentence.text) is None
