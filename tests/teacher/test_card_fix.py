"""The teacher corrects a card once in the console; the pack stores it and the exercises
that define the word follow. Driven through the real widgets, published for real."""

from __future__ import annotations

from html import unescape

import pytest

from toolkit.model.pack import load_pack
from toolkit.model.wordcard import CardFix, WordCard
from toolkit.student.card_view import card_html
from toolkit.teacher.console import TeacherConsole

from .test_console import ARTICLE, TITLE


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Matching and 'which word means' items, one word's card fixed, then published."""
    c = TeacherConsole(lessons_dir=tmp_path_factory.mktemp("lessons"),
                       drafts_dir=tmp_path_factory.mktemp("drafts"), n_exercises=4,
                       preload=False)
    c.title.value = TITLE
    c.text.value = ARTICLE
    c.analyse_button.click()
    for box in c.level_boxes.values():
        box.value = False  # the original only: the fix is what is tested
    c.types.value = ("matching",)
    c.generate_button.click()
    matching = next(i for i in c.items if i.type == "matching")
    word = matching.stems[0]
    panel = c.card_fix
    card = panel.show(word)
    assert card is not None and panel.senses.options, "the word's meanings are listed"
    panel.definition.value = "a word the teacher explains in her own simple way"
    panel.save_button.click()
    assert word in panel.fixes and "Saved" in panel.status.value
    c.slug.value = "card-fix-lesson"
    c.publish_button.click()
    assert c.published, c.message.value
    pack = load_pack(c.published[0])
    return c, pack, word


def test_the_pack_stores_the_fix_on_the_words_card(published):
    _c, pack, word = published
    cards = [k for k in pack.cards.values() if k.headword.lower() == word]
    assert cards and all(k.fix is not None for k in cards)
    card = cards[0]
    assert card.definition == "a word the teacher explains in her own simple way"
    assert card.fix.before and card.fix.before != card.definition  # what it said before
    html = card_html(card, "zh")
    assert "checked by your teacher" in html and "in her own simple way" in html
    # the dictionary's wording is still one tap away
    assert "Full dictionary definition" in html


def test_the_matching_item_follows_the_fix(published):
    _c, pack, word = published
    item = next(i for i in pack.exercises if i.type == "matching" and word in i.stems)
    k = item.stems.index(word)
    assert item.answer[k] == "a word the teacher explains in her own simple way"
    assert item.answer[k] in item.options
    assert f"{word}: a word the teacher explains" in item.explanation


def test_picking_another_meaning_rebuilds_the_card_for_that_sense(published):
    c, _pack, _word = published
    panel = c.card_fix
    card = panel.show("spring")
    assert card is not None and len(panel.senses.options) > 1
    own = card.senses[0]
    other = card.senses[1]
    panel.senses.value = other.synset
    assert panel.definition.value == other.short  # the picked meaning's learner definition
    fix = panel.save()
    assert fix is not None and fix.sense == other.synset and fix.definition == ""
    from toolkit.teacher.card_fix import apply_fix

    fixed = apply_fix(WordCard.from_dict(card.to_dict()), fix)
    assert fixed.shown_sense.synset == other.synset and fixed.definition == other.short
    assert fixed.key == card.key  # the reader's links to the card still hold
    assert own.short not in card_html(fixed, "zh").split("Other meanings")[0]
    panel.undo_button.click()
    assert "spring" not in panel.fixes


def test_bad_input_is_one_clear_line(published):
    c, _pack, _word = published
    panel = c.card_fix
    assert panel.show("zebra") is None
    assert "not in this lesson's article" in unescape(panel.status.value)
    panel.show("library")
    panel.definition.value = "   "
    assert panel.save() is None and "empty" in panel.status.value
    panel.definition.value = "x" * 300
    assert panel.save() is None and "characters" in panel.status.value


def test_old_packs_without_fixes_still_load():
    d = {"headword": "bank", "text": "bank", "kind": "word", "pos": "noun", "penn": "NN",
         "level": 1, "cefr": "A1", "zipf": 5.0, "frequency_band": "common"}
    card = WordCard.from_dict(d)
    assert card.fix is None and card.shown_sense is None
    assert "fix" not in card.to_dict()  # packs without fixes are written as before
    back = WordCard.from_dict({**d, "fix": CardFix("bank.n.01", "", "old").to_dict()})
    assert back.fix == CardFix("bank.n.01", "", "old")
