"""The fitted sense ranker: the parse's verb frames, the issue's examples, the fitted model."""

from __future__ import annotations

import pytest

from toolkit.language import sense_context as C


def _card(word: str, sentence: str):
    from toolkit.language.wordcard import build_card

    return build_card(word, sentence, lang="zh")


def test_the_fitted_model_covers_every_feature_and_says_what_it_was_fitted_on():
    m = C.model()
    assert C.MODEL_FILE.is_file(), "toolkit/language/sense_model.json is missing: run " \
        "benchmarks/wordcards_quality.py --fit"
    assert set(m.weights) == set(C.FEATURES)
    assert "TRAIN" in m.trained_on and "held-out rows never used" in m.trained_on
    assert 0.0 < m.confidence(0.2) < m.confidence(0.9) < 1.0  # more probable, more sure


def test_verb_frames_read_the_parse():
    from toolkit.language.analysis import analyze
    from toolkit.language.data import wordnet

    (sent,) = analyze("The police will charge him with robbery.")
    i = next(k for k, t in enumerate(sent.tokens) if t.text == "charge")
    p = C.parse_of(sent.tokens, i)
    assert p.obj == "somebody" and "with" in p.preps
    wn = wordnet()
    legal = C.frame_fit(wn.synset("charge.v.06"), "charge", p)  # "... somebody with something"
    rush = C.frame_fit(wn.synset("charge.v.01"), "charge", p)
    assert legal > rush


@pytest.mark.parametrize("word, sentence, right", [
    ("charge", "The police will charge him with robbery next week.", {"charge.v.02", "charge.v.06"}),
    ("sentence", "The judge gave him a ten-year sentence for the attack.",
     {"prison_term.n.01", "conviction.n.02"}),
    ("spring", "The villagers carry water from a spring high in the hills.",
     {"spring.n.03", "spring.n.04"}),
    ("bank", "She paid her wages into a savings account at the bank.",
     {"depository_financial_institution.n.01"}),
])
def test_the_issues_examples_get_the_sense_of_their_sentence(word, sentence, right):
    card = _card(word, sentence)
    assert card.senses[0].synset in right, card.senses[0].definition
    assert card.sense_confidence is not None and 0.0 <= card.sense_confidence <= 1.0


def test_an_unsure_card_offers_its_best_two():
    """Confidence under the threshold: the two best senses are stored for the student."""
    card = _card("light", "The light was different that evening.")
    m = C.model()
    if card.sense_confidence is not None and card.sense_confidence < m.unsure_below:
        assert card.sense_basis == "unsure"
        assert card.sense_choices == [card.senses[0].key, card.senses[1].key]
    else:
        assert card.sense_choices == [] and card.sense_basis == "context"


def test_a_word_read_alone_keeps_the_frequency_ranking():
    card = _card("bank", None)  # no sentence: no encoder, no confidence
    assert card.sense_confidence is None and card.sense_choices == []
