import pytest

from toolkit.language.analysis import analyze
from toolkit.language.senses import rank


def _rank(word: str, sentence: str):
    (s,) = analyze(sentence)
    i = next(k for k, t in enumerate(s.tokens) if t.text == word)
    context = [t.lemma for k, t in enumerate(s.tokens) if k != i and t.is_word]
    return rank(s.tokens[i].lemma, s.tokens[i].pos, context)


@pytest.mark.parametrize("word, sentence, expected_words", [
    ("bank", "We sat on the grassy bank of the river and watched the water.", {"slope", "water"}),
    ("bank", "She deposited her salary in the bank and asked for a loan.", {"financial", "deposits"}),
    ("plant", "The car plant employs three thousand factory workers.", {"industrial", "buildings"}),
    ("interest", "You pay interest every month on the money you borrowed.", {"borrowing", "charge"}),
])
def test_context_sense_comes_first(word, sentence, expected_words):
    ranked = _rank(word, sentence)
    definition = ranked[0].synset.definition()
    assert any(w in definition for w in expected_words), definition
    assert ranked[0].overlap > 0 and ranked[0].matched


def test_same_word_two_contexts_two_senses():
    river = _rank("bank", "The boat drifted towards the muddy bank of the river.")[0]
    money = _rank("bank", "The bank lent the company money at a high interest rate.")[0]
    assert river.synset != money.synset


def test_no_context_falls_back_to_frequency_order():
    ranked = rank("bank", "NN", [])
    counts = [r.lemma.count() for r in ranked]
    assert ranked[0].overlap == 0 and counts[0] == max(counts)


def test_grammar_words_have_no_senses():
    assert rank("in", "IN", ["live", "city"]) == []
    assert rank("the", "DT", []) == []
