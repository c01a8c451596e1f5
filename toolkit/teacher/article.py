"""The article page: the text, its level and the evidence for it."""

from __future__ import annotations

from html import escape
from typing import Callable

import ipywidgets as w

from toolkit.cefr import LEVELS, level_index
from toolkit.language.wordcard import build_cards
from toolkit.model.events import ReaderWord, WordAdded
from toolkit.model.profile import TextProfile
from toolkit.model.sentences import SentencePicks
from toolkit.model.text import Sentence
from toolkit.model.wordcard import ArticleCards
from toolkit.student.card_view import WordCardView
from toolkit.student.marks import good_sentence_marks
from toolkit.student.profile_panel import profile_panel
from toolkit.student.reader import Reader

def word_info_html(word: ReaderWord) -> str:
    """A minimal card until full word cards are in the lesson: form, lemma, POS, level."""
    level = LEVELS[word.level - 1] if word.level else "name / not levelled"
    return (f"<div class='vs-word-info'><b>{escape(word.text)}</b> "
            f"(<i>{escape(word.lemma)}</i>, {escape(word.pos)}) level: {escape(level)}</div>")


def article_page(title: str, text: str, profile: TextProfile, sentences: list[Sentence],
                 good_sentences: SentencePicks | None = None, cards: ArticleCards | None = None,
                 lang: str = "zh", on_add: Callable[[WordAdded], None] | None = None) -> w.VBox:
    """Title, clickable article with word cards, and its profile side by side.

    `cards` are the article's word cards; without them they are built here, in one call.
    `good_sentences` are highlighted in the reader and show their explanation when clicked.
    `on_add` receives each word a student adds to their words.
    """
    if cards is None:
        cards = build_cards(sentences)
    head = w.HTML(f"<h1 class='vs-title'>{escape(title)}</h1>")
    head.add_class("vs-title-box")
    reader = Reader(text, sentences, hard_level=level_index(profile.level),
                    marks=good_sentence_marks(good_sentences))
    view = WordCardView(lang=lang)
    view.add_class("vs-word-panel")
    if on_add is not None:
        view.on_add(on_add)

    def clicked(word: ReaderWord) -> None:
        card = cards.for_word(word.index)
        if card is not None:
            view.show(card)
        else:
            view.body.value = word_info_html(word)

    reader.on_word(clicked)
    hint = w.HTML("<i>Click any word for its card.</i>" + (
        " <i>Green sentences are good for learning: click one to see why.</i>"
        if reader.marks else ""))
    hint.add_class("vs-page-hint")
    body = w.VBox([hint, view, reader], layout=w.Layout(flex="2 1 420px"))
    body.add_class("vs-article")
    panel = profile_panel(profile)
    panel.layout = w.Layout(flex="1 1 320px")
    row = w.Box([body, panel], layout=w.Layout(display="flex", flex_flow="row wrap"))
    page = w.VBox([head, row])
    page.add_class("vs-article-page")
    page.word_card = view  # for tests and notebooks: page.word_card.on_add(...)
    page.reader = reader
    return page
