import random

import pytest

from toolkit.exercises.generators.comprehension import (antonym_swap, entity_swap, negation,
                                                        number_swap, question_candidates)
from toolkit.exercises.registry import Source


def one(text: str):
    (s,) = Source.from_text(text).sentences
    return s


@pytest.mark.parametrize("text, expected", [
    ("Tom went to the market on Monday.", "Tom did not go to the market on Monday."),
    ("The workers are not allowed to go outside.", "The workers are allowed to go outside."),
    ("But the company can check documents.", "But the company can not check documents."),
])
def test_negation_of_the_main_verb(text, expected):
    assert negation(one(text))[0] == expected


def test_number_swap_changes_the_number_but_not_a_bound():
    changed, why = number_swap(one("The company hired a new developer in 2023."), random.Random(0))
    assert "2023" not in changed and "2023" in why
    assert number_swap(one("Rooms were shared by ten or more men."), random.Random(0)) is None


def test_antonym_and_place_swaps():
    changed, _ = antonym_swap(one("The seller was friendly to everyone."))
    assert changed == "The seller was unfriendly to everyone."
    changed, why = entity_swap(one("He moved from Ohio to Texas last year."), ["Ohio", "Texas", "Paris"],
                               random.Random(0))
    assert "Paris" in changed and "not “Paris”" in why


@pytest.mark.parametrize("text, kind, question, answer", [
    ("Tom was happy because the apples were very cheap.", "why",
     "Why was Tom happy?", "because the apples were very cheap"),
    ("The sun went down, and the full moon rose over the hills.", "after",
     "What happened after the sun went down?", "the full moon rose over the hills"),
    ("The dressmaker was delighted with the thread.", "feel",
     "How did the dressmaker feel?", "delighted"),
    ("The old farmer found a small bag.", "object", "What did the old farmer find?", "a small bag"),
    ("The old farmer found a small bag in the field.", "object",
     "What did the old farmer find in the field?", "a small bag"),
    ("The old farmer found a small bag in the field.", "subject",
     "Who found a small bag in the field?", "The old farmer"),
    ("The company hired a new developer in 2023.", "when",
     "When did the company hire a new developer?", "2023"),
])
def test_question_kinds(text, kind, question, answer):
    found = {k: (q[:1].upper() + q[1:], a) for k, q, a in question_candidates(one(text))}
    assert found[kind] == (question, answer)


def test_no_questions_from_pronoun_subjects_or_dialogue():
    assert question_candidates(one("He found a small bag in the field.")) == []
    assert question_candidates(one('"I found a bag," said the farmer.')) == []
