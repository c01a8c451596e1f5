"""Sentence simplification on the parse: each named rule, and the re-parse guard."""

from __future__ import annotations

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.simplify import RULES, is_sentence, simplify
from toolkit.language.split import pieces_of, render


def _simplify(text: str, max_words: int = 8, reported: bool = True) -> tuple[list[str], list[str]]:
    (sentence,) = analyze(text)
    parts, steps = simplify(sentence, pieces_of(sentence), max_words, reported)
    return [render(p) for p in parts], [rule for rule, _, _ in steps]


@pytest.mark.parametrize("text, rule, expected", [
    ("The museum, which opened in 1990, now houses 300 old clocks.", "relative-clause",
     ["The museum now houses 300 old clocks.", "The museum opened in 1990."]),
    ("Alex Salmond, Scotland's first minister, resigned on Friday after the vote.", "appositive",
     ["Alex Salmond was Scotland's first minister.", "Alex Salmond resigned on Friday after the vote."]),
    ("The shops closed early on Sunday, and the museums stayed open all day long in the city.",
     "coordination", ["The shops closed early on Sunday.", "The museums stayed open all day long in the city."]),
    ("He resigned from the government in May and left the country with his family a week later.",
     "coordination", ["He resigned from the government in May.", "He left the country with his family a week later."]),
    ("Speaking in Edinburgh on Friday morning, Cameron said that the result was very clear.",
     "participle", ["Cameron spoke in Edinburgh on Friday morning.", "Cameron said that the result was very clear."]),
    ("A bomb exploded in the market square of the old town, leaving three people dead.",
     "participle", ["A bomb exploded in the market square of the old town.", "This left three people dead."]),
    ("Although turnout was very high across the whole country, the result was close in the end.",
     "fronted-clause", ["Turnout was very high across the whole country.", "But the result was close in the end."]),
    ("Rents in the region have risen by 38% over the last decade, whereas salaries have increased by 14%.",
     "trailing-clause", ["Rents in the region have risen by 38% over the last decade.", "But salaries have increased by 14%."]),
])
def test_each_rule_repeats_the_right_subject_and_keeps_the_tense(text: str, rule: str,
                                                                 expected: list[str]) -> None:
    parts, rules = _simplify(text)
    assert rules[0] == rule and rule in RULES
    assert parts == expected
    assert all(is_sentence(p) for p in parts)


def test_reduced_relative_does_not_make_a_sentence_without_a_verb() -> None:
    # The previous splitter wrote "It a retired physics teacher, houses ..." here.
    parts, rules = _simplify("The museum, run by a retired physics teacher, houses 300 old "
                             "clocks from the region.")
    assert rules == ["relative-clause"]
    assert parts == ["The museum houses 300 old clocks from the region.",
                     "The museum is run by a retired physics teacher."]


def test_long_quotation_becomes_reported_speech_only_when_asked() -> None:
    text = '"The people of Scotland have spoken and it is a clear result," Cameron said.'
    parts, rules = _simplify(text, max_words=30)
    assert rules == ["reported-speech"]
    assert parts == ["Cameron said the people of Scotland had spoken and it was a clear result."]
    assert _simplify(text, max_words=30, reported=False) == ([text], [])


def test_reported_speech_shifts_we_to_they_and_keeps_numbers() -> None:
    parts, _ = _simplify('"We will both move to ease tensions between our two countries as soon '
                         'as possible," the leaders said.', max_words=30)
    assert parts == ["The leaders said they would both move to ease tensions between their two "
                     "countries as soon as possible."]


def test_a_quotation_in_the_first_person_stays_direct() -> None:
    text = '"I have never seen such a clear result in my whole life as a politician," Cameron said.'
    assert _simplify(text, max_words=30)[0] == [text]


def test_restrictive_relative_clause_stays() -> None:
    text = "The people who voted for independence in the north were disappointed by the result."
    parts, rules = _simplify(text)
    assert "relative-clause" not in rules


def test_a_verb_that_disagrees_with_the_noun_is_not_split_off() -> None:
    # "which depends" belongs to "a coalition", not to "businesses" the parser attached it to.
    text = ("A coalition of local businesses, which depends heavily on shipping, warned the "
            "council about noise.")
    assert "relative-clause" not in _simplify(text)[1]


def test_short_sentences_are_left_alone() -> None:
    assert _simplify("The shops closed, and we went home.", max_words=20) == (
        ["The shops closed, and we went home."], [])


@pytest.mark.parametrize("text, ok", [
    ("The result was clear.", True), ("Turnout very high across the country.", False),
    ("It a retired physics teacher, houses.", False), ("Speaking in Edinburgh.", False),
])
def test_is_sentence_needs_a_subject_and_a_finite_verb(text: str, ok: bool) -> None:
    assert is_sentence(text) is ok
