"""Each check catches a deliberately broken item (and passes the unbroken one)."""

import pytest

from toolkit.model.items import GAP, Item
from toolkit.exercises.registry import Source
from toolkit.exercises.validity import problems, validate

TEXT = ("Tom went to the market on Monday. He bought three apples and a big loaf of bread.\n\n"
        "The seller was friendly and gave him a small discount. Tom was happy because the "
        "apples were cheap.")


@pytest.fixture(scope="module")
def src() -> Source:
    return Source.from_text(TEXT)


def good_items() -> dict[str, Item]:
    s1 = "He bought three apples and a big loaf of bread."
    return {
        "mcq": Item(type="mcq", prompt=f"He bought three _____ and a big loaf of bread.",
                    answer="apples", options=["apples", "pears", "plums", "figs"], source=s1,
                    extra={"pos": "NNS"}),
        "cloze": Item(type="cloze", prompt=f"Tom went to the _____ on Monday. (starts with 'm', 6 letters)",
                      answer="market", source="Tom went to the market on Monday."),
        "verb-form": Item(type="verb-form", prompt=f"Tom _____ to the market on Monday. (go, past simple)",
                          answer="went", source="Tom went to the market on Monday.",
                          extra={"lemma": "go", "tense": "past simple", "person": "3sg"}),
        "word-formation": Item(type="word-formation",
                               prompt=f"The seller was _____ and gave him a small discount. (FRIEND)",
                               answer="friendly",
                               source="The seller was friendly and gave him a small discount.",
                               extra={"base": "friend"}),
        "pos": Item(type="pos", prompt="What part of speech is the word in brackets? Tom was [happy].",
                    answer="adjective", options=["noun", "verb", "adjective", "adverb"],
                    extra={"pos": "JJ"}),
        "jumble": Item(type="jumble", prompt="Put the words in order: Monday / Tom / on / went",
                       answer="Tom went on Monday", options=["Monday", "Tom", "on", "went"]),
        "pattern-choice": Item(type="pattern-choice", prompt="Which sentence has the correct word order?",
                               answer="Tom went to the market on Monday.",
                               source="Tom went to the market on Monday.",
                               options=["Tom went to the market on Monday.",
                                        "Tom went to market the on Monday."]),
        "tf-true": Item(type="tf", prompt="True or false? Tom went to the market on Monday.",
                        answer="True", options=["True", "False"],
                        source="Tom went to the market on Monday."),
        "tf-false": Item(type="tf", prompt="True or false? Tom did not go to the market on Monday.",
                         answer="False", options=["True", "False"],
                         source="Tom went to the market on Monday."),
        "wh": Item(type="wh", prompt="Who went to the market on Monday?", answer="Tom",
                   source="Tom went to the market on Monday."),
        "matching": Item(type="matching", prompt="Match.", stems=["apple", "bread"],
                         options=["food made from flour", "fruit with red or green skin"],
                         answer=["fruit with red or green skin", "food made from flour"]),
        "vocab-in-context": Item(type="vocab-in-context",
                                 prompt="Which word in paragraph 2 means “relatively low in price”?",
                                 answer="cheap", options=["cheap", "friendly", "happy", "small"],
                                 source="Tom was happy because the apples were cheap.",
                                 extra={"paragraph": 2, "synset": "cheap.a.01", "pos": "JJ"}),
        "cloze-bank": Item(type="cloze-bank",
                           prompt=f"Tom went to the (1) {GAP} on Monday. He bought three (2) {GAP}.",
                           answer=["market", "apples"], stems=["(1)", "(2)"],
                           options=["apples", "market", "shop"],
                           source="Tom went to the market on Monday. He bought three apples."),
    }


@pytest.mark.parametrize("name", list(good_items()))
def test_good_items_pass(name, src):
    assert problems(good_items()[name], src) == []


def broken(name: str, **changes) -> Item:
    d = good_items()[name].to_dict() | changes
    d.pop("id")
    return Item.from_dict(d)


CASES = [
    ("mcq", {"options": ["apples", "pears", "pears", "figs"]}, "options not distinct"),
    ("mcq", {"answer": "grapes"}, "key not exactly once among options"),
    # a list key where one word is due (a hand-edited pack) is reported, not a crash
    ("mcq", {"answer": ["apples"]}, "key not exactly once among options"),
    ("vocab-in-context", {"answer": ["cheap"]}, "key not exactly once among options"),
    ("mcq", {"options": ["apples", "apple", "plums", "figs"]}, "option breaks agreement"),
    ("mcq", {"options": ["apples", "apple", "plums", "figs"], "extra": {}}, "distractor is a form of the key"),
    ("mcq", {"answer": "big", "options": ["big", "large", "small", "tall"],
             "prompt": "He bought three apples and a _____ loaf of bread.", "extra": {"pos": "JJ"}},
     "distractor is a synonym of the key"),
    ("mcq", {"answer": "loaf", "options": ["loaf", "apple", "egg", "cup"],
             "prompt": "He bought three apples and a big _____ of bread.", "extra": {"pos": "NN"},
             "source": "He bought three apples and a big loaf of bread."}, None),
    ("mcq", {"answer": "big", "options": ["big", "old", "small", "tall"],
             "prompt": "He bought three apples and an _____ loaf of bread.", "extra": {"pos": "JJ"},
             "source": "He bought three apples and an big loaf of bread."},
     "option breaks agreement"),
    ("cloze", {"answer": "shop"}, "gap answer is not the removed word"),
    ("cloze", {"prompt": "Tom went to the market on _____. (Monday)", "answer": "Monday"},
     "answer visible in prompt"),
    ("verb-form", {"answer": "goed", "source": "Tom goed to the market on Monday."},
     "form does not match the named tense"),
    ("word-formation", {"extra": {"base": "friendly"}}, "bracket word is the answer"),
    ("pos", {"answer": "noun"}, "key disagrees with the tag"),
    ("jumble", {"options": ["Monday", "Tom", "at", "went"]}, "jumbled words differ from the answer"),
    ("jumble", {"options": ["Tom", "went", "on", "Monday"]}, "words not jumbled"),
    ("pattern-choice", {"options": ["Tom went to the market on Monday.",
                                    "He bought three apples and a big loaf of bread."]},
     "a distractor is in the article"),
    ("tf-true", {"prompt": "True or false? Tom went to the cinema on Monday."},
     "true statement not in the text"),
    ("tf-false", {"prompt": "True or false? Tom went to the market on Monday."},
     "false statement is in the text"),
    ("wh", {"answer": "Anna"}, "answer not in the text"),
    ("wh", {"prompt": "Who went to the market on Monday"}, "question without a question mark"),
    ("wh", {"prompt": "Did Tom go to the market on Monday?"}, "answer visible in prompt"),
    ("matching", {"answer": ["fruit with red or green skin", "fruit with red or green skin"]},
     "key not exactly once among options"),
    ("matching", {"options": ["an apple tree's fruit", "food made from flour"],
                  "answer": ["an apple tree's fruit", "food made from flour"]},
     "answer visible in prompt"),
    ("vocab-in-context", {"options": ["cheap", "inexpensive", "happy", "small"]},
     "distractor is a synonym of the key"),
    ("vocab-in-context", {"options": ["cheap", "expensive", "happy", "small"]},
     "option not in the paragraph"),
    ("cloze-bank", {"answer": ["market", "market"], "options": ["market", "shop"]},
     "gap answer is not the removed word"),
    ("cloze-bank", {"answer": ["shop", "apples"]}, "gap answer is not the removed word"),
]


@pytest.mark.parametrize("name, changes, reason", CASES)
def test_each_check_catches_its_broken_item(name, changes, reason, src):
    found = problems(broken(name, **changes), src)
    if reason is None:
        assert found == []
    else:
        assert reason in found


def test_an_option_with_the_defined_sense_makes_the_key_not_unique(src):
    from toolkit.exercises.validity import one_option_has_the_meaning

    item = broken("vocab-in-context", options=["cheap", "inexpensive", "happy", "small"])
    assert one_option_has_the_meaning(item, None) == "key not unique"
    assert one_option_has_the_meaning(good_items()["vocab-in-context"], src) is None


def test_unknown_type_and_empty_items_fail_first():
    assert problems(Item(type="essay", prompt="Write.", answer="x")) == ["unknown item type"]
    assert problems(Item(type="cloze", prompt=" ", answer="x")) == ["empty prompt"]


def test_validate_counts_reasons(src):
    items = [good_items()["wh"], broken("wh", answer="Anna"), broken("pos", answer="noun")]
    kept, dropped = validate(items, src)
    assert kept == [items[0]]
    assert dropped == {"answer not in the text": 1, "key disagrees with the tag": 1}
