"""Each feature detector on sentences built to have, or lack, what it looks for."""

import pytest

from toolkit.language.analysis import analyze
from toolkit.language.gdex import GdexConfig
from toolkit.language.gdex.features import (clutter, form, known_words, length, main_clause,
                                            standalone, target_words)

CFG = GdexConfig()
B1 = 3


def one(text: str):
    sents = analyze(text)
    assert len(sents) == 1, [s.text for s in sents]
    return sents[0]


@pytest.mark.parametrize("text, word", [
    ("He said that the plan would work.", "He"),
    ("They never came back to the village.", "They"),
    ("This was the hardest part of the job.", "This"),
    ("Others pay real citizens to help them.", "Others"),
    ("Some buy personal details from people online.", "Some"),
    ("A few are still in prison.", "A few"),
    ("Whenever Shiro looked into the kitchen, they kicked him.", "they"),  # no plural noun
    ("One day, as he was standing in the stable, he fell asleep.", "he"),  # 'day' is no 'he'
    ("After this the boys came together into a group.", "this"),
])
def test_unresolved_pronoun_opening(text, word):
    f = standalone(one(text), B1, CFG)
    assert f.score == 0 and f.evidence == {"problem": "pronoun", "word": word}


@pytest.mark.parametrize("text", [
    "However, the plan did not work.",
    "But the village was quiet again.",
])
def test_connector_opening_is_marked_down(text):
    f = standalone(one(text), B1, CFG)
    assert 0 < f.score < 1 and f.evidence["problem"] == "connector"


@pytest.mark.parametrize("text", [
    "If a worker failed, he was sent home.",  # 'he' after its noun
    "The farmer sold his cow at the market.",
    "It is hard to learn a language in a month.",  # dummy 'it'
    "I think you will like this town.",
    "Long ago there lived an old man and his wife who supported themselves by farming.",
    "As the air is pushed down, the wing is pushed up, and this lifts the plane.",
    "Instead of taking the bus, the children walked to school.",
    "The old farmer said that he was tired after the long day.",
    "Someone left his umbrella on the train.",
])
def test_sentence_that_stands_on_its_own(text):
    assert standalone(one(text), B1, CFG).score == 1


@pytest.mark.parametrize("text, word", [
    ("The name of that cave was the Coral Ring.", "that cave"),
    ("The idea was discussed at a meeting in the capital.", "The idea"),
    ("Only one of the latter is made to open.", "the latter"),
    ("A fifth of the rubbish ends up there every year.", "there"),
    ("The peasant was surprised at this and did not know what to do.", "this"),
    ("Daniel Craig has worked with the same writers for years.", "the same"),
    ("Another big spender bought twenty pairs of shoes.", "Another"),
    ("Nobody would pay money for such a small thing.", "such a"),
])
def test_pointer_to_the_text_around_costs_less_than_a_pronoun(text, word):
    f = standalone(one(text), B1, CFG)
    assert 0 < f.score < 1 and f.evidence["word"] == word


@pytest.mark.parametrize("text, old", [
    ("The moon shone on the lake, but the girl saw them not.", "saw them not"),
    ("Thou shalt not pass the old bridge.", "Thou"),
    ("The old king dwelt in a castle by the sea.", "dwelt"),
    ("If you work well, things shall go well with you.", "shall"),
])
def test_old_fashioned_wording_is_marked_down_not_refused(text, old):
    f = form(one(text), B1, CFG)
    assert 0 < f.score < 1 and f.evidence["problem"] == "old-fashioned wording"
    assert old in f.evidence["old"]


def test_rare_words_count_as_hard_whatever_their_listed_level():
    s = one("The farmer mended the palings of the old fence.")
    rare = [t for t in s.words if 0 < t.zipf < CFG.rare_word_zipf]
    assert rare, "the sentence needs a rare word for this test"
    f = known_words(s, B1, CFG)
    assert {t.text for t in rare} <= {a["word"] for a in f.evidence["above"]}
    lenient = known_words(s, B1, GdexConfig(rare_word_zipf=0))
    assert lenient.score >= f.score


@pytest.mark.parametrize("text, problem", [
    ("Life as a Secret Worker Abroad", "heading"),
    ("- buy fresh bread every morning", "list item"),
    ("1) Check the documents carefully.", "list item"),
    ("• Check the documents carefully.", "list item"),
    ("and then the old man.", "starts mid-sentence"),
    ("Very good.", "fragment"),
    ('"We will never go back there, he said.', "piece of a quotation"),
])
def test_not_a_sentence(text, problem):
    f = form(one(text), B1, CFG)
    assert f.score == 0 and f.evidence["problem"] == problem


def test_numbered_item_is_refused():
    # The parser keeps "3." with its item (Punkt split it off as a sentence of its own).
    (item,) = analyze("3. Check the documents carefully.")
    assert form(item, B1, CFG).evidence["problem"] == "list item"
    (rest,) = analyze("Check the documents carefully.")
    assert main_clause(rest, B1, CFG).evidence["kind"] != "statement"  # an imperative


def test_quoted_speech_is_complete_but_worth_less():
    f = form(one('"I will come back tomorrow," said the old woman.'), B1, CFG)
    assert f.evidence["problem"] == "quoted speech" and 0 < f.score < 1
    assert form(one("The old woman said she would come back."), B1, CFG).score == 1


def test_main_clause():
    assert main_clause(one("The old woman sold her house."), B1, CFG).score == 1
    no_verb = main_clause(one("A long walk through the quiet forest at night."), B1, CFG)
    assert no_verb.score == 0 and no_verb.evidence["finite_verb"] is None
    question = main_clause(one("Why does a country go to so much trouble?"), B1, CFG)
    assert question.evidence["kind"] == "question" and question.score < 1


def test_length_sweet_spot_depends_on_level():
    s = one("The children walked slowly along the river and watched the boats go past the old mill.")
    n = len(s.words)
    lo_a1, hi_a1 = CFG.sweet_spots["A1"]
    lo_b2, hi_b2 = CFG.sweet_spots["B2"]
    assert n > hi_a1 and lo_b2 <= n <= hi_b2
    assert length(s, 1, CFG).score < length(s, 4, CFG).score == 1
    assert length(s, 4, CFG).evidence["words"] == n


def test_known_words_lists_the_words_above_the_level():
    s = one("The government imposed severe sanctions on the regime.")
    f = known_words(s, B1, CFG)
    above = {a["lemma"] for a in f.evidence["above"]}
    assert {"sanction", "regime"} <= above
    assert all(a["level"] > "B1" for a in f.evidence["above"])
    easy = known_words(one("The boy has a red ball and a small dog."), B1, CFG)
    assert easy.score == 1 and easy.evidence["above"] == [] and f.score < easy.score
    # the word being taught does not count against the sentence
    asked = known_words(s, B1, CFG, target_lemmas=frozenset({"sanction", "regime"}))
    assert asked.score > f.score


def test_target_words_are_one_step_above_the_learner():
    s = one("The company decided to hire a new manager for the project.")
    for level in (1, 2, 3, 4):
        f = target_words(s, level, CFG)
        tokens = {t.lemma: t.level for t in s.words if t.level}
        assert all(tokens[t["lemma"]] == level + 1 for t in f.evidence["targets"])
        assert (f.score > 0) == bool(f.evidence["targets"])
    asked = target_words(s, B1, CFG, target_lemmas=frozenset({"manager"}))
    assert any(t["lemma"] == "manager" and t["asked"] for t in asked.evidence["targets"])


def test_clutter_counts_rare_names_and_numbers_not_famous_places():
    busy = clutter(one("In 2019, Kim Jong-nam met Jang Song-thaek and 37 officials in Pyongyang."),
                   B1, CFG)
    assert busy.score < 1 and "2019" in busy.evidence["items"] and "37" in busy.evidence["items"]
    assert any("Pyongyang" in i for i in busy.evidence["items"])
    calm = clutter(one("Many people from Europe and China visit the city."), B1, CFG)
    assert calm.score == 1 and calm.evidence["items"] == []
