"""SARI: known properties of the metric."""

from __future__ import annotations

import pytest

from toolkit.language.research.sari import corpus_sari, sentence_sari

SRC = "The committee postponed the meeting because of the storm."
REF = "The group moved the meeting because of the storm."


def test_copying_input_that_equals_reference_scores_one_third() -> None:
    # keep F1 = 1, nothing deleted (precision 0), nothing added (F1 0)
    assert sentence_sari(SRC, SRC, [SRC]) == pytest.approx(100 / 3)


def test_matching_the_reference_beats_copying() -> None:
    assert sentence_sari(SRC, REF, [REF]) > sentence_sari(SRC, SRC, [REF])


def test_wrong_additions_score_below_right_ones() -> None:
    wrong = "The zebra moved the meeting because of the storm."
    assert sentence_sari(SRC, wrong, [REF]) < sentence_sari(SRC, REF, [REF])


def test_corpus_sari_is_the_mean_of_sentences() -> None:
    s1, s2 = sentence_sari(SRC, SRC, [REF]), sentence_sari(SRC, REF, [REF])
    assert corpus_sari([SRC, SRC], [SRC, REF], [[REF], [REF]]) == pytest.approx((s1 + s2) / 2)
