"""Word substitution pieces: inflection, articles, sense-checked simpler words, glosses."""

from __future__ import annotations

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.substitute import article_for, inflect_like, short_gloss, simpler_word


@pytest.mark.parametrize("lemma, tag, original, expected", [
    ("buy", "VBD", "purchased", "bought"), ("child", "NNS", "infants", "children"),
    ("person", "NNS", "individuals", "people"), ("big", "JJR", "larger", "bigger"),
    ("go", "VBZ", "proceeds", "goes"), ("rich", "JJ", "Wealthy", "Rich"),
])
def test_inflect_like_the_original(lemma: str, tag: str, original: str, expected: str) -> None:
    assert inflect_like(lemma, tag, original) == expected


@pytest.mark.parametrize("word, article", [
    ("hour", "an"), ("university", "a"), ("apple", "an"), ("FBI", "an"), ("European", "a"),
    ("umbrella", "an"), ("user", "a"), ("honest", "an"), ("big", "a"), ("NASA", "a"),
])
def test_article_by_sound(word: str, article: str) -> None:
    assert article_for(word) == article


def _token(text: str, word: str):
    sentence = analyze(text)[0]
    return next(t for t in sentence.tokens if t.text == word), {t.lemma.lower() for t in sentence.words}


def test_simpler_word_is_at_or_below_target_and_inflected() -> None:
    token, context = _token("They purchased two houses near the river.", "purchased")
    rep = simpler_word(token, 2, context)
    assert rep is not None and rep.word == "bought" and rep.relation == "synonym"


def test_names_and_grammar_words_are_never_replaced() -> None:
    token, context = _token("Barack Obama visited the capital.", "Obama")
    assert simpler_word(token, 1, context) is None


def test_gloss_is_short() -> None:
    token, context = _token("The tribunal's deliberations remained inconclusive.", "deliberations")
    gloss = short_gloss(token, context)
    assert gloss and len(gloss.split()) <= 11 and not gloss.startswith("(")


def test_no_replacement_in_a_form_nobody_writes() -> None:
    (sentence,) = analyze("The fiercest fights were in the north of the city.")
    token = next(t for t in sentence.tokens if t.text == "fiercest")
    rep = simpler_word(token, 2, {"fight", "city"}, stretch=1)
    assert rep is None or rep.word != "violentest"
