"""The card widget in plain Python: clicks, language choice, escaping, and the light import."""


from toolkit.model.events import WordAdded
from toolkit.model.wordcard import Pronunciation, Sense, Translation, WordCard
from toolkit.student.card_view import WordCardView

EVIL = "<script>alert('x')</script>"


def _card(headword: str = "bank", sentence: str = "We sat on the bank of the river.") -> WordCard:
    """A card as a lesson pack holds it (plain data: no language tools needed)."""
    return WordCard(
        headword=headword, text=headword, kind="word", pos="noun", penn="NN", level=1, cefr="A1",
        zipf=5.2, frequency_band="common", sentence=sentence, definition="sloping land",
        senses=[Sense("bank%1:17:01::", "bank.n.01", "sloping land", "sloping land")],
        sense_basis="context", synonyms=["side"], examples=[sentence],
        pronunciation=Pronunciation("bæŋk", ["bæŋk"], "B AE1 NG K"),
        translations={"zh": Translation("zh", ["岸 (àn)"], True, True, "fits", "CC-CEDICT"),
                      "ko": Translation("ko", note="Korean is not available")})


def test_add_button_emits_the_word_to_every_callback():
    view = WordCardView(lang="zh")
    got_a, got_b = [], []
    view.on_add(got_a.append)
    view.on_add(lambda ev: got_b.append(ev.to_dict()))
    assert view.add_button.disabled  # nothing to add before a card is shown
    view.show(_card())
    view.add_button.click()
    assert got_a == [WordAdded("bank", "bank", "noun", "We sat on the bank of the river.",
                               "sloping land", "bank%1:17:01::", "岸 (àn)", "zh")]
    assert got_b == [got_a[0].to_dict()] and WordAdded.from_dict(got_b[0]) == got_a[0]
    assert "Added" in view.status.value and "bank" in view.status.value


def test_language_choice_changes_translation_and_event():
    view = WordCardView(lang="zh")
    view.show(WordCard.from_dict(_card().to_dict()))  # as read back from a lesson pack
    assert "岸" in view.body.value
    view.language.value = "ko"
    assert "not available" in view.body.value and "岸" not in view.body.value
    events = []
    view.on_add(events.append)
    view.add_button.click()
    assert events[0].lang == "ko" and events[0].translation == ""


def test_every_text_is_escaped():
    view = WordCardView(lang="zh")
    view.show(_card(headword=EVIL, sentence=f"A sentence with {EVIL} inside."))
    html = view.body.value
    assert "<script>" not in html and "&lt;script&gt;" in html
    view.add_button.click()
    assert "<script>" not in view.status.value


def test_stable_classes_for_browser_tests():
    view = WordCardView()
    assert "vs-word-card" in view._dom_classes
    assert "vs-add-word" in view.add_button._dom_classes
    assert "vs-word-card-lang" in view.language._dom_classes


def test_lesson_page_shows_the_card_of_the_clicked_word(lesson_cards, article_text):
    from toolkit.language.profile import profile_text
    from toolkit.teacher.article import article_page

    sentences, cards = lesson_cards
    added = []
    page = article_page("T", article_text, profile_text(article_text), sentences,
                        cards=cards, lang="ja", on_add=added.append)
    index = next(w.index for w in page.reader.words if w.text == "sanctions")
    page.reader.select(index)
    assert "sanction" in page.word_card.body.value and "Japanese" in page.word_card.body.value
    page.word_card.add_button.click()
    assert added and added[0].lemma == "sanction" and added[0].lang == "ja"
    assert "sanctions" in added[0].sentence


def test_card_says_when_the_sentence_did_not_choose_the_sense():
    card = _card()
    view = WordCardView(lang="zh")
    view.show(card)
    assert "does not decide" not in view.body.value  # the sentence chose it
    card.sense_basis = "frequency"
    card.senses.append(Sense("bank%1:14:00::", "depository_financial_institution.n.01",
                             "a financial institution", "a financial institution"))
    view.show(card)
    assert "does not decide" in view.body.value and "Other meanings" in view.body.value
