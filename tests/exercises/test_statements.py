"""Issue 16: statements said another way, grammatical false statements, jumbles that accept
every order they list, one spelling per option, 'a'/'an', learner definitions' seam."""

from __future__ import annotations

import random

import pytest

from toolkit.exercises import lexicon as lx
from toolkit.exercises import statements as S
from toolkit.exercises.forms import indefinite_article
from toolkit.exercises.generators.comprehension import false_statement
from toolkit.exercises.generators.patterns import word_orders
from toolkit.exercises.registry import Source, run_one
from toolkit.exercises.validity import problems
from toolkit.language.analysis import analyze

NEWS = (
    "The council approved the plan on Tuesday after a long debate.\n\n"
    "During the trial, more than 2,400 visits were recorded.\n\n"
    "Four electric buses joined the route in January. The new buses are not cheap. "
    "The national government paid for half of the buses. Governments are also taking action. "
    "The library was opened by the mayor in 2019.")


@pytest.fixture(scope="module")
def news() -> Source:
    return Source.from_text(NEWS)


def sentence(text: str):
    (s,) = analyze(text)
    return s


def test_voice_and_adverbial_moves_read_as_sentences():
    assert S.change_voice(sentence("The council approved the plan on Tuesday.")) == \
        "The plan was approved by the council on Tuesday."
    assert S.change_voice(sentence("The library was opened by the mayor in 2019.")) == \
        "The mayor opened the library in 2019."
    moved = S.move_adverbial(sentence("During the trial, more than 2,400 visits were recorded."))
    assert moved == "More than 2,400 visits were recorded during the trial."
    for text in ("The plan was approved by the council on Tuesday.", moved):
        assert S.reads_as_sentence(text) is None


def test_broken_statements_are_caught():
    assert S.reads_as_sentence("Went to the market on Monday.") is not None  # no subject
    assert S.reads_as_sentence("The buses on the route in January.") is not None
    # a one-word swap that changes the sentence's shape is not a fact change
    assert not S.same_shape("The buses joined the route in January.",
                            "The buses joined route the in January.")
    assert S.same_shape("Four buses joined the route.", "Eight buses joined the route.")


def test_false_statements_change_one_fact_and_parse(news):
    rng = random.Random(0)
    for s in news.sentences:
        made = false_statement(s, ["Norbury"], rng)
        if made:
            assert S.reads_as_sentence(made[0]) is None, made
            assert made[0] != s.text


@pytest.mark.parametrize("kind", ["tf", "tfng"])
def test_true_false_items_are_not_copied_sentences(kind, news):
    items = run_one(kind, news, seed=0, n=6)
    assert items
    texts = {s.text for s in news.sentences}
    for item in items:
        statement = item.prompt.split("? ", 1)[1]
        assert problems(item, news) == []
        if item.answer in {"True", "False"}:
            assert statement not in texts
            assert item.extra["paraphrase"]
            assert S.reads_as_sentence(statement) is None


def test_validity_rejects_a_true_statement_that_changes_the_words(news):
    items = [i for i in run_one("tf", news, seed=0, n=6) if i.answer == "True"]
    assert items
    item = items[0]
    item.prompt = "True or false? " + item.source.replace("the", "no", 1)
    assert problems(item, news) != []


def test_jumble_lists_the_other_orders_and_accepts_them():
    orders = word_orders(sentence("Four electric buses joined the route in January."))
    assert orders is not None
    joined = {" ".join(o).lower() for o in orders}
    assert "in january four electric buses joined the route" in joined
    assert word_orders(sentence("Volunteers found bottles, wrappers and a door.")) is None
    adverb = word_orders(sentence("Governments are also taking action."))
    assert adverb and "governments are taking action also" in {" ".join(o).lower() for o in adverb}


def test_jumble_items_accept_every_listed_order(news):
    items = run_one("jumble", news, seed=1, n=4)
    assert items
    for item in items:
        assert problems(item, news) == []
        for order in [item.answer, *item.accepted]:
            assert item.check(order)
        assert not item.check(" ".join(reversed(str(item.answer).split())))


def test_options_never_repeat_a_word_in_two_spellings():
    assert lx.spelling_key("colour") == lx.spelling_key("color")
    assert lx.spelling_key("organised") == lx.spelling_key("organized")
    assert lx.spelling_key("centre") == lx.spelling_key("center")
    assert lx.spelling_key("there") != lx.spelling_key("three")
    from toolkit.model.items import Item

    item = Item(type="mcq", prompt="The _____ of the sky.", answer="colour",
                options=["colour", "color", "shape", "size"], source="The colour of the sky.")
    assert "an option repeats a word in another spelling" in problems(item)


@pytest.mark.parametrize("word,article", [("adverb", "an"), ("adjective", "an"), ("noun", "a"),
                                          ("hour", "an"), ("university", "a"),
                                          ("umbrella", "an"), ("one", "a"), ("idle", "an")])
def test_indefinite_article(word, article):
    assert indefinite_article(word) == article


def test_word_formation_explanations_say_an_adverb(article_source):
    for item in run_one("word-formation", article_source, seed=0, n=10) + \
            run_one("pos", article_source, seed=0, n=10):
        assert " a adverb" not in item.explanation and " a adjective" not in item.explanation


def test_matching_defines_a_word_in_the_learner_definition():
    """The exercise's definition is the card's learner definition, not the raw WordNet gloss."""
    from toolkit.exercises.generators.lexis import definition
    from toolkit.language.definitions import learner_definition

    wn = lx.wordnet()
    found = definition("umbrella", "NOUN")
    assert found is not None
    text, name = found
    assert text == learner_definition(wn.synset(name), "umbrella")


def test_wh_subject_question_stops_at_a_new_clause():
    from toolkit.exercises.generators.comprehension import question_candidates

    s = sentence("Tourists want to see the animals but wolves stay away from humans.")
    for kind, q, _ in question_candidates(s):
        assert "wolves stay" not in q, q


def test_encoder_ranker_gives_related_words_in_the_keys_form_and_no_second_answers():
    from toolkit.exercises.distractors import rank

    ranked = rank("gravity", "NN", "Gravity causes rocks to roll downhill.", n=10)
    words = {c.word for c in ranked}
    assert len(ranked) == 10
    assert not {"gravitation", "gravity"} & words
    assert all(lx.too_close(w, "gravity", "NOUN") is None for w in words)
    plural = rank("metals", "NNS", "Magnets attract some metals.", n=8)
    assert plural and all(lx.inflect(c.lemma, "NNS") == c.word for c in plural)


@pytest.mark.parametrize("word,tag,sentence", [
    ("house", "NN", "They bought a small house near the river."),
    ("walked", "VBD", "She walked to school every morning."),
    ("happy", "JJ", "The children were happy with their marks."),
    ("quickly", "RB", "He answered the question quickly."),
    ("teachers", "NNS", "The teachers met after lunch."),
    ("decided", "VBD", "The council decided to close the road."),
    ("money", "NN", "Most of the money will pay for new books."),
    ("weather", "NN", "The weather was cold all week."),
])
def test_common_words_always_get_distractors(word, tag, sentence):
    from toolkit.exercises.distractors import rank

    assert len(rank(word, tag, sentence, n=6)) >= 3
