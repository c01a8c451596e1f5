"""Scoring, ranking, configuration, explanations and the top 3 per article and per word."""

import json

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.gdex import (FEATURES, GdexConfig, ScoredSentence, SentencePicks,
                                   choose_sentences, score_sentence, sentences_for_word)

SEED = ("Jin-su and many others like him had to use fake names and pretend to be from other "
        "countries to get jobs with companies in the US and Europe.")


def only(*features: str) -> GdexConfig:
    return GdexConfig(weights={k: float(k in features) for k in FEATURES},
                      gates={k: 0.0 for k in FEATURES}, min_score=0)


def test_weights_in_the_config_change_the_ranking():
    # sentence 0 is long, with a passive and a relative clause; sentence 1 is short and
    # plain. Weighting grammar puts 0 first; weighting length for A1 learners puts 1 first.
    sents = analyze("The old bridge was built by the villagers, who needed a safe way to the "
                    "big market in the town. The dog ran home.")
    assert len(sents) == 2
    by_grammar = choose_sentences(sents, "A1", only("grammar", "form"))
    by_length = choose_sentences(sents, "A1", only("length", "form"))
    assert [c.index for c in by_grammar.chosen] == [0, 1]
    assert [c.index for c in by_length.chosen] == [1, 0]
    assert by_grammar.chosen[0].features["grammar"].evidence["patterns"]
    assert by_length.chosen[0].features["length"].score > by_length.chosen[1].features["length"].score


def test_score_is_the_weighted_mean_of_the_features():
    (s,) = analyze(SEED)
    cfg = GdexConfig(weights={"grammar": 3.0, "length": 0.5})
    c = score_sentence(s, "B1", cfg)
    expect = sum(cfg.weights[k] * f.score for k, f in c.features.items()) / sum(cfg.weights.values())
    for k, g in cfg.gates.items():
        expect *= 1 - g * (1 - c.features[k].score)
    assert c.score == pytest.approx(expect, abs=1e-4)
    ungated = score_sentence(s, "B1", GdexConfig(weights=cfg.weights, gates={k: 0 for k in FEATURES}))
    assert ungated.score >= c.score
    assert set(c.features) == set(FEATURES)


def test_config_loads_from_json_and_toml(tmp_path):
    (tmp_path / "w.json").write_text(json.dumps({"weights": {"grammar": 5}, "top_n": 2}))
    (tmp_path / "w.toml").write_text("[gdex]\nmin_score = 0.3\n[gdex.weights]\nclutter = 0\n"
                                     "[gdex.sweet_spots]\nB1 = [6, 15]\n")
    j = GdexConfig.load(tmp_path / "w.json")
    t = GdexConfig.load(tmp_path / "w.toml")
    assert j.weights["grammar"] == 5 and j.top_n == 2 and j.weights["form"] == GdexConfig().weights["form"]
    assert t.weights["clutter"] == 0 and t.min_score == 0.3 and t.sweet_spots["B1"] == [6, 15]
    assert GdexConfig.from_dict(j.to_dict()) == j


@pytest.mark.parametrize("bad, message", [
    ({"weights": {"grammer": 1}}, "grammer"),
    ({"wieghts": {}}, "wieghts"),
    ({"weights": {k: 0 for k in FEATURES}}, "not all 0"),
    ({"sweet_spots": {"B1": [20, 8]}}, "shortest, longest"),
    ({"pattern_values": {"passiv": 1}}, "passiv"),
])
def test_config_refuses_mistakes_by_name(bad, message):
    with pytest.raises(ValueError, match=message):
        GdexConfig.from_dict(bad)


def test_config_file_errors_are_clear(tmp_path):
    with pytest.raises(ValueError, match="no such config file"):
        GdexConfig.load(tmp_path / "missing.toml")
    (tmp_path / "bad.json").write_text("{weights: ")
    with pytest.raises(ValueError, match="not valid json"):
        GdexConfig.load(tmp_path / "bad.json")


def test_explanation_mentions_the_real_evidence():
    (s,) = analyze(SEED)
    c = score_sentence(s, "B1")
    ev = c.evidence
    assert c.explanation.startswith("Good for B1 learners: ")
    assert f"{ev['length']['words']} words" in c.explanation
    assert "'had to + verb' ('had to use') for past obligation" in c.explanation
    assert "uses the phrase 'pretend to be'" in c.explanation
    assert "makes sense on its own" in c.explanation
    for above in ev["known_words"]["above"]:
        assert f"'{above['word']}'" in c.explanation
    # at A1 the harder words are named as the ones above the level
    a1 = score_sentence(s, "A1")
    named = [a["word"] for a in a1.evidence["known_words"]["above"]]
    assert named and (all(f"'{w}'" in a1.explanation for w in named) or
                      f"{len(named)} of them above A1" in a1.explanation)


def test_explanation_warns_about_what_is_wrong():
    (s,) = analyze("He said that the plan would work, because they had prepared for it for "
                   "many long months in the cold and dark winter of that difficult year.")
    c = score_sentence(s, "A2")
    assert "'He' refers back" in c.explanation and "long for A2" in c.explanation


@pytest.fixture(scope="module")
def sents(article_text):
    from toolkit.language.profile import analyze_article

    return analyze_article(article_text)[1]


def test_top_three_per_article_are_the_three_best_complete_sentences(sents):
    picks = choose_sentences(sents, "B1")
    assert len(picks.chosen) == 3 and picks.considered == len(sents)
    everyone = sorted((score_sentence(s, "B1", index=i) for i, s in enumerate(sents)),
                      key=lambda c: -c.score)
    best = [c for c in everyone if c.eligible][:3]
    assert [c.score for c in picks.chosen] == [c.score for c in best]
    for c in picks.chosen:
        assert sents[c.index].text == c.text and c.eligible and c.source == "article"
        assert c.features["form"].score > 0 and c.features["main_clause"].score > 0
    assert SentencePicks.from_dict(json.loads(json.dumps(picks.to_dict()))) == picks


def test_levels_pick_differently(sents):
    a2 = choose_sentences(sents, "A2").chosen
    c1 = choose_sentences(sents, "C1").chosen
    mean_len = lambda cs: sum(c.features["length"].evidence["words"] for c in cs) / len(cs)  # noqa: E731
    assert mean_len(a2) <= mean_len(c1)


def test_top_three_for_a_word_contain_the_word(sents):
    picks = sentences_for_word(sents, "identity", "B1")
    assert 1 <= len(picks.chosen) <= 3 and picks.word == "identity"
    for c in picks.chosen:
        assert "identit" in c.text.lower()
        assert any(t["asked"] for t in c.features["target_words"].evidence["targets"])
        assert "shows how 'identit" in c.explanation
    sources = {c.source for c in picks.chosen}
    assert sources <= {"article", "wordnet"}
    article_only = sentences_for_word(sents, "identity", "B1", use_wordnet=False)
    assert all(c.source == "article" for c in article_only.chosen) and article_only.chosen
    inflected = sentences_for_word(sents, "identities", "B1", use_wordnet=False)
    assert [c.text for c in inflected.chosen] == [c.text for c in article_only.chosen]


def test_scored_sentence_round_trip():
    (s,) = analyze(SEED)
    c = score_sentence(s, "B2", index=4)
    assert ScoredSentence.from_dict(json.loads(json.dumps(c.to_dict()))) == c


# ---- bad input -------------------------------------------------------------------------

def test_one_sentence_article():
    picks = choose_sentences(analyze("The farmer sold his cow at the market on Monday."), "B1")
    assert len(picks.chosen) == 1 and picks.considered == 1
    assert any("only 1 complete sentence" in n for n in picks.notes)


def test_article_of_headings_and_lists_gives_no_picks_and_says_why():
    text = "Life As A Worker\n\nWhat Happened Next\n\n- buy bread\n- sell fish\n\n1) go home"
    picks = choose_sentences(analyze(text), "B1")
    assert picks.chosen == [] and picks.eligible == 0
    assert any("none of the" in n and "heading" in n and "list item" in n for n in picks.notes)


def test_empty_article():
    picks = choose_sentences([], "B1")
    assert picks.chosen == [] and picks.notes == ["the article has no sentences"]


def test_word_in_no_sentence(sents):
    missing = sentences_for_word(sents, "zxqwv", "B1")
    assert missing.chosen == []
    assert any("does not appear in any sentence" in n for n in missing.notes)
    assert any("check the spelling" in n for n in missing.notes)
    # absent from the article but in WordNet: examples come from WordNet, with the note
    elsewhere = sentences_for_word(sents, "umbrella", "B1")
    assert any("does not appear" in n for n in elsewhere.notes)
    assert all(c.source == "wordnet" and "umbrella" in c.text.lower() for c in elsewhere.chosen)


@pytest.mark.parametrize("word", ["", "   ", "123"])
def test_word_must_be_a_word(word):
    with pytest.raises(ValueError, match="give a word"):
        sentences_for_word(analyze("The cat sat on the mat."), word, "B1")


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="choose one of"):
        choose_sentences(analyze("The cat sat on the mat."), "B9")


def test_a_phrase_is_found_in_any_inflection_of_its_first_word():
    sents = analyze("The children pretended to be asleep when their mother came in. "
                    "The old actor likes to pretend that he is young. "
                    "Some people pretend to be busy at work every day.")
    picks = sentences_for_word(sents, "pretend to be", "B1", use_wordnet=False)
    texts = [c.text for c in picks.chosen]
    assert picks.considered == 2  # "pretended to be" and "pretend to be", not "pretend that"
    assert texts and all("to be" in t for t in texts)
    assert not any("pretend that" in t for t in texts)
