import pytest

from toolkit.exercises import lexicon as lx
from toolkit.exercises.distractors import rank
from toolkit.exercises.forms import realise
from toolkit.model.items import GAP
from toolkit.exercises.registry import (REGISTRY, Report, Source, available, dedupe_words,
                                        generate, register, run_one)
from toolkit.exercises.validity import problems

ALL = available()


@pytest.mark.parametrize("name", ALL)
def test_every_generator_makes_valid_items_from_the_lesson_article(name, article_source):
    report = Report()
    items = run_one(name, article_source, seed=3, n=5, report=report)
    assert len(items) >= 3, report.notes
    for item in items:
        assert problems(item, article_source) == []
        assert item.generator == name and item.seed == 3 and item.version
        assert item.type and item.prompt and item.answer


@pytest.mark.parametrize("name", ALL)
def test_generators_on_small_texts_give_only_valid_items(name, small_sources):
    for source in small_sources.values():
        for item in run_one(name, source, seed=1, n=4):
            assert problems(item, source) == []


def test_small_texts_still_give_a_mix(small_sources):
    items, report = generate(small_sources["story"], n=30, seed=2)
    assert len({i.type for i in items}) >= 6
    assert report.total_generated >= len(items)


def test_same_seed_same_items_other_seed_other_items(article_source):
    a, _ = generate(article_source, ["cloze", "mcq", "tf", "jumble"], n=12, seed=5)
    b, _ = generate(article_source, ["cloze", "mcq", "tf", "jumble"], n=12, seed=5)
    c, _ = generate(article_source, ["cloze", "mcq", "tf", "jumble"], n=12, seed=6)
    assert [i.to_dict() for i in a] == [i.to_dict() for i in b]
    assert [i.id for i in a] != [i.id for i in c]


def test_a_new_generator_does_not_change_the_others(article_source):
    before, _ = generate(article_source, ["cloze"], n=4, seed=9)

    @register("test-echo", version="0", uses="article")
    def echo(source, rng, n):
        from toolkit.model.items import Item
        s = source.sentences[rng.randrange(len(source.sentences))]
        return [Item(type="tf", prompt="True or false? " + s.text, answer="True",
                     options=["True", "False"], source=s.text)]

    try:
        mixed, _ = generate(article_source, ["cloze", "test-echo"], n=5, seed=9)
        clozes = [i.id for i in mixed if i.type == "cloze"]
        assert clozes and clozes == [i.id for i in before][:len(clozes)]
        assert any(i.generator == "test-echo" for i in mixed)
    finally:
        REGISTRY.pop("test-echo")


@pytest.mark.parametrize("lemma, tense, person, expected", [
    ("go", "past simple", "3sg", "went"),
    ("go", "present perfect", "3sg", "has gone"),
    ("write", "past simple", "pl", "wrote"),
    ("write", "present simple passive", "pl", "are written"),
    ("take", "past perfect passive", "3sg", "had been taken"),
    ("begin", "present perfect", "pl", "have begun"),
    ("buy", "past simple passive", "pl", "were bought"),
    ("run", "present continuous", "1sg", "am running"),
    ("fly", "present simple", "3sg", "flies"),
])
def test_irregular_verb_forms(lemma, tense, person, expected):
    assert realise(lemma, tense, person) == expected


def test_verb_form_items_on_irregular_verbs():
    src = Source.from_text("Yesterday she wrote a long letter to her brother. The children went "
                           "to the park after lunch. The windows were broken by the storm. "
                           "He has forgotten his keys again.")
    items = run_one("verb-form", src, seed=1, n=10)
    answers = {i.answer for i in items}
    assert {"wrote", "went", "were broken", "has forgotten"} <= answers
    assert all(problems(i, src) == [] for i in items)


@pytest.mark.parametrize("word, tag, sentence", [
    ("big", "JJ", "They live in a big house."),
    ("car", "NN", "She drove her car to work."),
    ("bought", "VBD", "He bought some bread."),
    ("quickly", "RB", "She answered quickly."),
    ("investigators", "NNS", "Investigators told the company the truth."),
    ("spot", "VB", "Companies are learning to spot the warning signs."),
    ("evaporation", "NN", "Water turns into vapour by evaporation."),  # peers: same lexname
    ("gravity", "NN", "Gravity is the force of attraction between masses."),
])
def test_distractors_are_never_synonyms_or_forms_of_the_key(word, tag, sentence):
    ranked = [c.word for c in rank(word, tag, sentence, n=10)]
    assert ranked, "no distractors at all"
    for d in ranked:
        assert d not in lx.forms_of(word)
        assert d not in lx.synonyms(word, lx.upos(tag))
        assert lx.too_close(d, word, lx.upos(tag)) is None
    assert not {"large", "automobile", "purchased", "notice", "discover", "detect"} & set(ranked)


def test_lexicographer_peers_are_checked_like_relatives():
    from toolkit.exercises.distractors import rank_wordnet

    ranked = rank_wordnet("gravity", "NN", "Gravity pulls objects down.", n=100)
    peers = [c for c in ranked if c.relation == "peer"]
    assert peers, "no same-kind peers were proposed"  # electricity: a physical phenomenon
    assert all(lx.too_close(c.word, "gravity", "NOUN") is None for c in peers)
    assert not {"gravitation", "graveness", "solemnity"} & {c.word for c in ranked}


def test_gloss_neighbours_come_from_glosses_and_pass_the_checks():
    from toolkit.exercises.distractors import _gloss_neighbours

    near = _gloss_neighbours("evaporation")
    assert "evaporation" not in near and {"seawater", "coolant"} <= near  # glosses naming it
    from toolkit.exercises.distractors import rank_wordnet

    ranked = rank_wordnet("evaporation", "NN", "Water turns into vapour by evaporation.", n=200)
    company = [c for c in ranked if c.relation == "gloss neighbour"]
    assert company and all(lx.too_close(c.word, "evaporation", "NOUN") is None for c in company)
    assert not {"vaporization", "vaporisation", "evaporate"} & {c.word for c in ranked}


def test_offensive_words_never_become_options():
    assert lx.offensive("bastard") and lx.offensive("bitches")  # marked in WordNet
    assert not lx.offensive("dog") and not lx.offensive("pot")  # slang only in a minor sense
    for word, tag, sentence in [("dogs", "NNS", "Farmers keep dogs and cats."),
                                ("wolf", "NN", "The wolf is a predator.")]:
        ranked = [c.lemma for c in rank(word, tag, sentence, n=60)]
        assert ranked and not [w for w in ranked if lx.offensive(w)]


def test_names_only_for_names_and_once_per_word():
    months = [c.word for c in rank("June", "NNP", "School ends in June.", n=10)]
    assert sum(w[:1].isupper() for w in months) >= 3  # March, July ... for a month name
    common = [c.word for c in rank("moon", "NN", "The moon goes round the earth.", n=30)]
    assert common and not [w for w in common if w[:1].isupper()]
    moon = [c.word.lower() for c in rank("Moon", "NNP", "The Moon goes round the Earth.", n=30)]
    assert len(moon) == len(set(moon))  # "Sun" and "sun" are one option


def test_distractors_take_the_key_inflection():
    ranked = [c.word for c in rank("investigators", "NNS", "Investigators told the company.")]
    assert all(lx.inflect(c, "NNS") == c or c.endswith("s") for c in ranked)
    past = [c.word for c in rank("bought", "VBD", "He bought some bread.")]
    assert all(any(lx.inflect(lm, "VBD") == c for lm in lx.lemmas_of(c)) for c in past)


def test_mcq_gap_is_the_removed_word(article_source):
    for item in run_one("mcq", article_source, seed=4, n=5):
        assert item.prompt.replace(GAP, item.answer) == item.source


def test_bad_input():
    with pytest.raises(ValueError, match="unknown exercise type"):
        generate(Source(), ["nonsense"])
    items, report = generate(Source.from_text(""), ["cloze", "tf"], n=4)
    assert items == [] and any("needs an article" in n for n in report.notes)
    one = Source.from_text("The quick brown fox jumps over the lazy dog near the river bank.")
    items, report = generate(one, ["cloze", "cloze-bank", "mcq", "wh"], n=8, seed=1)
    assert all(problems(i, one) == [] for i in items)
    assert any("cloze-bank: 0 of" in n for n in report.notes)  # a paragraph of one sentence
    assert dedupe_words(["Ship", "ship ", "", "coal"]) == ["Ship", "coal"]


def test_word_list_only_makes_matching_items():
    src = Source(words=["ship", "coal", "weapon", "salary", "ship", "deadline"])
    items, report = generate(src, ["matching", "cloze"], n=4, seed=1)
    assert [i.type for i in items] == ["matching"]
    assert items[0].stems == ["ship", "coal", "weapon", "salary", "deadline"]
    assert any("cloze: needs an article" in n for n in report.notes)


def test_no_distractors_for_function_words():
    assert rank("the", "DT") == [] and rank("xqzv", "NN") == []
