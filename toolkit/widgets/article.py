"""The article page: the text, its level and the evidence for it."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Callable

import ipywidgets as w

from toolkit.cefr import LEVELS, level_index
from toolkit.widgets.marks import good_sentence_marks
from toolkit.widgets.reader import Reader, ReaderWord
from toolkit.widgets.wordcard import WordAdded, WordCardView

if TYPE_CHECKING:
    from toolkit.language.profile import TextProfile
    from toolkit.language.wordcard import ArticleCards

_BAR = ("<div style='background:#e8eef7;width:220px;display:inline-block'>"
        "<div style='background:#3a6fb0;height:12px;width:{pct:.1f}%'></div></div>")


def coverage_html(profile: TextProfile) -> str:
    rows = "".join(
        f"<tr><td>{lv}</td><td>{profile.cefr_distribution[lv]:.1%}</td>"
        f"<td>{_BAR.format(pct=100 * profile.coverage[lv])} {profile.coverage[lv]:.1%}</td></tr>"
        for lv in LEVELS
    )
    return ("<table class='vs-coverage-table'><tr><th>Level</th><th>Words at level</th>"
            f"<th>A learner at this level knows</th></tr>{rows}</table>")


def hard_words_html(profile: TextProfile, above: str, limit: int = 20) -> str:
    words = profile.words_above(above)[:limit]
    if not words:
        return f"<p>No words above {escape(above)}.</p>"
    items = "".join(
        f"<li><b>{escape(x.lemma)}</b> <i>{escape(x.pos.lower())}</i> {escape(x.level)}"
        f"{' (estimated from frequency)' if x.source == 'frequency' else ''}</li>"
        for x in words
    )
    return f"<ul>{items}</ul>"


def profile_panel(profile: TextProfile, above: str | None = None,
                  estimated: str | None = None) -> w.VBox:
    """Level badge, coverage table and hardest words, as one widget.

    `estimated` is the calibrated estimator's level (vocabulary, sentences, readability);
    without it the badge shows the 95%-coverage level.
    """
    above = above or profile.level
    how = ("estimated from its words, sentences and readability; a learner knows 95% of "
           f"the running words at {escape(profile.level)}" if estimated else
           "the lowest level at which a learner knows 95% of the running words")
    level = w.HTML(
        f"<h3>Level: <span class='vs-level-value'>{escape(estimated or profile.level)}</span></h3>"
        f"<p>{profile.word_count} words, {profile.sentence_count} sentences, "
        f"{profile.mean_sentence_length} words per sentence; Flesch-Kincaid grade "
        f"{profile.readability.get('flesch_kincaid_grade', 0)}.</p>"
        f"<p>The level is {how} (names count as known).</p>"
    )
    level.add_class("vs-level")
    coverage = w.HTML("<h4>Lexical coverage</h4>" + coverage_html(profile))
    coverage.add_class("vs-coverage")
    hard = w.HTML(f"<h4>Hardest words (above {escape(above)})</h4>"
                  + hard_words_html(profile, above))
    hard.add_class("vs-hard-words")
    box = w.VBox([level, coverage, hard])
    box.add_class("vs-profile")
    return box


def word_info_html(word: ReaderWord) -> str:
    """A minimal card until full word cards are in the lesson: form, lemma, POS, level."""
    level = LEVELS[word.level - 1] if word.level else "name / not levelled"
    return (f"<div class='vs-word-info'><b>{escape(word.text)}</b> "
            f"(<i>{escape(word.lemma)}</i>, {escape(word.pos)}) level: {escape(level)}</div>")


def article_page(title: str, text: str, profile: TextProfile, sentences: list,
                 good_sentences: object = None, cards: ArticleCards | dict | None = None,
                 lang: str = "zh", on_add: Callable[[WordAdded], None] | None = None) -> w.VBox:
    """Title, clickable article with word cards, and its profile side by side.

    `cards` are the article's word cards (an `ArticleCards` or its dict from a lesson pack);
    without them they are built here, in one call, which needs the language data.
    `good_sentences` (SentencePicks, its dict or a list of chosen sentences) are highlighted
    in the reader and show their explanation when clicked.
    `on_add` receives each word a student adds to their words.
    """
    from toolkit.language.wordcard import ArticleCards

    if cards is None:
        from toolkit.language.wordcard import build_cards  # heavy: only without a pack

        cards = build_cards(sentences)
    elif isinstance(cards, dict):
        cards = ArticleCards.from_dict(cards)
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
