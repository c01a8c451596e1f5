"""Level estimator: ordering, evidence, calibration file, bad input, real data."""

from __future__ import annotations

import json

import pytest
from .leveling_texts import EASY, HARD

from toolkit.cefr import LEVELS, level_index
from toolkit.language.estimate import estimate_text
from toolkit.model.level import LevelEstimate
from toolkit.language.level_model import MODEL_FILE, Calibration, load_calibration
from toolkit.language.text import TextInputError


def test_easy_text_is_rated_easier_than_hard_text() -> None:
    easy, hard = estimate_text(EASY), estimate_text(HARD)
    assert easy.difficulty < hard.difficulty - 2
    assert level_index(easy.level) <= 2
    assert level_index(hard.level) >= 5


def test_evidence_names_what_pushes_the_level_up() -> None:
    est = estimate_text(HARD)
    assert list(est.coverage) == list(LEVELS)
    assert est.coverage["A1"] <= est.coverage["B1"] <= est.coverage["C2"] == 1.0
    assert est.mean_sentence_length > 20
    assert est.readability["flesch_kincaid_grade"] > 12
    assert est.pushes and all(p["push"] > 0 for p in est.pushes)
    lemmas = {w.lemma.lower() for w in est.hard_words}
    assert {"jurisprudential", "exacerbate"} <= lemmas
    assert est.hard_sentences and all(s.reasons for s in est.hard_sentences)
    first = est.hard_sentences[0]
    assert first.text in HARD and first.hard_words


def test_easy_text_lists_no_sentence_above_its_level() -> None:
    est = estimate_text(EASY, reference="B1")
    assert est.hard_words == [] and est.hard_sentences == []


def test_estimate_round_trips_through_json() -> None:
    est = estimate_text(HARD)
    again = LevelEstimate.from_dict(json.loads(json.dumps(est.to_dict())))
    assert again == est


def test_one_sentence_is_estimated_by_the_sentence_model() -> None:
    est = estimate_text("I forgot to bring my umbrella.")
    assert est.kind == "sentence" and est.sentence_count == 1
    assert level_index(est.level) <= 2


def test_calibration_file_loads_and_is_consistent() -> None:
    cal = load_calibration()
    for model in (cal.sentence, cal.text):
        assert len(model.features) == len(model.weights) == len(model.mean) == len(model.scale)
        assert model.cuts == sorted(model.cuts) and len(model.cuts) == len(model.boundaries)
        assert all(s > 0 for s in model.scale)
        # Cut points land on their CEFR boundaries; difficulty rises with the raw score.
        for cut, bound in zip(model.cuts, model.boundaries):
            assert model.difficulty(cut) == pytest.approx(bound)
        assert model.difficulty(model.cuts[0] - 1) < model.difficulty(model.cuts[-1] + 1)
    assert "CEFR-SP" in cal.info["sentence_data"] and "OneStopEnglish" in cal.info["text_data"]
    assert Calibration.from_dict(json.loads(MODEL_FILE.read_text())).to_dict() == cal.to_dict()


@pytest.mark.parametrize("bad", ["", "   \n ", "12 34 56 !!!"])
def test_text_without_words_is_refused(bad: str) -> None:
    with pytest.raises(TextInputError):
        estimate_text(bad)


def test_non_english_text_is_refused() -> None:
    with pytest.raises(TextInputError, match="English"):
        estimate_text("El gobierno anunció ayer que las nuevas medidas económicas entrarán en "
                      "vigor el próximo mes, según fuentes oficiales del ministerio.")


def test_onestopenglish_versions_are_ordered(shared_data) -> None:
    from toolkit.language.research.corpora import load_onestop

    texts = load_onestop(shared_data)
    topics = sorted({t.topic for t in texts})[::40]  # a few articles, spread over the list
    for topic in topics:
        d = {t.level: estimate_text(t.text).difficulty for t in texts if t.topic == topic}
        assert d[0] < d[2], topic  # elementary easier than advanced


def test_cefr_sp_sentences_mostly_within_one_level(shared_data) -> None:
    from toolkit.language.research.corpora import load_cefr_sp

    items = load_cefr_sp("dev", shared_data)[::25]
    near = 0
    for it in items:
        predicted = level_index(estimate_text(it.text).level)
        near += min(abs(predicted - it.labels[0]), abs(predicted - it.labels[1])) <= 1
    assert near / len(items) > 0.9
