import pytest

from toolkit.cefr import LEVELS, level_index, level_name
from toolkit.language.analysis import analyze, lemma_of, zipf_to_level
from toolkit.model.text import Sentence
from toolkit.language.profile import profile_text
from toolkit.model.profile import TextProfile


def test_sentences_do_not_split_after_abbreviations():
    sents = analyze("Mr. Lee moved to the U.S. in May. He starts work at 9 a.m. on Monday. "
                    "His sister stayed home.")
    assert [s.text for s in sents] == [
        "Mr. Lee moved to the U.S. in May.",
        "He starts work at 9 a.m. on Monday.",
        "His sister stayed home.",
    ]


def test_tokens_keep_offsets_into_the_text():
    text = "The “quiet” workers didn't stop.\n\nThey earned $5,000 a month."
    for s in analyze(text):
        assert text[s.start:s.end] == s.text
        for t in s.tokens:
            assert text[t.start:t.end] == t.text
    assert [s.paragraph for s in analyze(text)] == [0, 1]


def test_pos_lemma_and_levels_in_context():
    (s,) = analyze("The workers used stolen identities to get better jobs.")
    by_text = {t.text: t for t in s.tokens}
    assert by_text["workers"].lemma == "worker" and by_text["workers"].pos == "NNS"
    assert by_text["used"].lemma == "use" and by_text["used"].pos.startswith("VB")
    assert by_text["stolen"].lemma == "steal"
    assert by_text["identities"].lemma == "identity"
    assert by_text["better"].lemma == "good"
    assert by_text["The"].level == 1 and by_text["The"].cefr == "A1"
    assert by_text["identities"].level > by_text["jobs"].level
    assert not by_text["."].is_word and by_text["."].level is None


def test_names_are_known_not_graded():
    (s,) = analyze("Yesterday Jin-su flew from Pyongyang to Budapest.")
    names = {t.text for t in s.tokens if t.is_name}
    assert {"Pyongyang", "Budapest"} <= names
    assert all(t.level is None for t in s.tokens if t.is_name)


def test_unknown_words_fall_back_to_frequency():
    (s,) = analyze("The cryptocurrency exchange was hacked.")
    tok = next(t for t in s.tokens if t.text == "cryptocurrency")
    assert tok.level_source in {"cefrpy", "frequency"} and tok.level >= 4


def test_zipf_to_level_is_monotonic():
    levels = [zipf_to_level(z / 2) for z in range(16, -1, -1)]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 6


def test_clitics_lemmatise():
    assert lemma_of("n't", "RB") == "not" and lemma_of("ca", "MD") == "can"


def test_profile_counts_and_coverage(article_text):
    p = profile_text(article_text)
    assert 600 <= p.word_count <= 900
    assert p.sentence_count > 20
    assert p.mean_sentence_length == pytest.approx(p.word_count / p.sentence_count, abs=0.01)
    assert sum(p.cefr_counts.values()) + p.name_count == p.word_count
    assert pytest.approx(sum(p.cefr_distribution.values()), abs=0.01) == 1 - p.name_count / p.word_count
    cov = [p.coverage[lv] for lv in LEVELS]
    assert cov == sorted(cov) and cov[-1] == 1.0
    assert p.coverage[p.level] >= 0.95
    idx = level_index(p.level)
    assert idx == 1 or p.coverage[LEVELS[idx - 2]] < 0.95
    assert set(p.readability) >= {"flesch_reading_ease", "flesch_kincaid_grade", "smog_index"}


def test_words_above_a_level(article_text):
    p = profile_text(article_text)
    above_b1 = p.words_above("B1")
    assert above_b1, "an article about sanctions has words above B1"
    assert all(level_index(w.level) > 3 for w in above_b1)
    assert {w.lemma for w in above_b1} <= {w.lemma for w in p.words_above("A2")}
    assert "sanction" in {w.lemma for w in p.words_above("B2")}
    with pytest.raises(ValueError, match="A1"):
        p.words_above("Z9")


def test_profile_round_trips_through_json(article_text):
    import json

    p = profile_text(article_text)
    again = TextProfile.from_dict(json.loads(json.dumps(p.to_dict())))
    assert again == p


def test_sentence_round_trip():
    (s,) = analyze("She reads every day.")
    assert Sentence.from_dict(s.to_dict()) == s


def test_level_name_clamps():
    assert level_name(0) == "A1" and level_name(3.4) == "B1" and level_name(9) == "C2"
