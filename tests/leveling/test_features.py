"""The parse and hard-word features the estimator weighs read what a teacher would see."""

from __future__ import annotations

from toolkit.language.analysis import analyze
from toolkit.language.features import (HARD_WORD_FEATURES, PARSE_FEATURES, SENTENCE_FEATURES,
                                       TEXT_FEATURES, sentence_features, text_features)
from toolkit.language.level_model import load_calibration


def _one(text: str) -> dict[str, float]:
    (s,) = analyze(text)
    return sentence_features(s)


def test_clauses_and_depth_come_from_the_parse():
    plain = _one("The dog ran home.")
    nested = _one("The report, which the minister published after the vote that she had "
                  "called, says that the town will close the school because it is too small.")
    assert plain["relative_clauses"] == 0 and nested["relative_clauses"] >= 1
    assert nested["adverbial_clauses"] >= 1 and nested["complement_clauses"] >= 1
    assert nested["parse_depth"] > plain["parse_depth"] >= 2
    assert nested["dependency_distance"] > plain["dependency_distance"]
    assert nested["words_before_verb"] > plain["words_before_verb"]
    assert _one("The school was closed by the town.")["passive_voice"] == 1


def test_hard_word_counts_and_rarest_words():
    easy = _one("My sister likes red apples.")
    hard = _one("The committee's unprecedented deliberations exacerbated longstanding grievances.")
    assert easy["count_above_B1"] == 0 < hard["count_above_B1"]
    assert hard["rarest_zipf"] < easy["rarest_zipf"] and hard["rare3_zipf"] < easy["rare3_zipf"]
    assert hard["second_level"] >= hard["third_level"] > easy["third_level"]


def test_texts_average_the_sentence_features():
    sents = analyze("The dog ran home. The report that she wrote says that the town is small.")
    f = text_features(sents)
    per = [sentence_features(s) for s in sents]
    for key in ("relative_clauses", "parse_depth", "count_above_A2", "rarest_zipf"):
        assert abs(f[key] - sum(p[key] for p in per) / 2) < 1e-9, key


def test_the_shipped_model_uses_the_new_features():
    cal = load_calibration()
    assert set(PARSE_FEATURES) | set(HARD_WORD_FEATURES) <= set(cal.sentence.features)
    assert list(cal.sentence.features) == list(SENTENCE_FEATURES)
    assert set(TEXT_FEATURES) <= set(cal.text.features)
    assert cal.info["command"] == "python -m toolkit.language.research.calibrate"
