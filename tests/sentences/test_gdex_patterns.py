"""Grammar pattern detectors on crafted sentences: each named pattern found, and not found
where a look-alike is not it."""

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.gdex import find_patterns


def names(text: str) -> set[str]:
    (s,) = analyze(text)
    return {p.name for p in find_patterns(s.tokens)}


@pytest.mark.parametrize("text, pattern", [
    ("The letters were sent to the wrong address.", "passive"),
    ("The house was never cleaned after the party.", "passive"),
    ("He could be sent home and punished.", "passive"),
    ("The man who lives next door has a dog.", "relative_clause"),
    ("She bought the book which her teacher recommended.", "relative_clause"),
    ("They moved to Spain, where they opened a small cafe.", "relative_clause"),
    ("We had to leave the house before dawn.", "had_to"),
    ("She has to finish her homework tonight.", "have_to"),
    ("If it rains tomorrow, we will stay at home.", "conditional"),
    ("You can come with us unless you are too tired.", "conditional"),
    ("She has lived in this town for ten years.", "present_perfect"),
    ("He had already eaten when we arrived.", "past_perfect"),
    ("My grandfather used to walk to school every day.", "used_to"),
    ("They are going to build a new bridge next year.", "going_to"),
    ("This road is longer than the old one.", "comparative"),
    ("It was the best day of my life.", "superlative"),
    ("You should drink more water in summer.", "modal_advice"),
    ("He decided to sell his old car.", "verb_to_verb"),
])
def test_pattern_is_found(text, pattern):
    assert pattern in names(text)


@pytest.mark.parametrize("text, pattern", [
    ("The letters arrived at the wrong address.", "passive"),
    ("She is very happy today.", "passive"),
    ("The man lives next door with his dog.", "relative_clause"),
    ("Who lives next door?", "relative_clause"),
    ("We had a long walk before dawn.", "had_to"),
    ("She asked if the shop was open.", "conditional"),
    ("He is going to the market.", "going_to"),
    ("She is used to the cold weather.", "used_to"),
])
def test_look_alike_is_not_the_pattern(text, pattern):
    assert pattern not in names(text)


def test_match_keeps_the_words_as_written():
    (s,) = analyze("The best students are sent to countries such as Russia, where they live together.")
    found = {p.name: p for p in find_patterns(s.tokens)}
    assert found["passive"].phrase == "are sent"
    assert found["relative_clause"].phrase.startswith("Russia, where")
    assert found["relative_clause"].phrase in s.text


def test_had_to_is_not_also_counted_as_verb_to_verb_or_past_perfect():
    (s,) = analyze("Jin-su had to use fake names and pretend to be from other countries.")
    found = [(p.name, p.phrase) for p in find_patterns(s.tokens)]
    assert ("had_to", "had to use") in found
    assert ("verb_to_verb", "pretend to be") in found
    assert not any(n in {"past_perfect", "verb_to_verb"} and ph.startswith("had") for n, ph in found)
