"""The student's progress view: words learned, reviews due, WPM trend, quiz accuracy by
exercise type and level, streak, and the forgetting curve of the book or one word.

Light: figures come from `toolkit.learning.progress` (plain Python), charts are SVG.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import ipywidgets as w

from toolkit.learning.events import ProgressLog
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.learning.progress import Accuracy, StudentProgress, student_progress
from toolkit.learning.vocab import VocabBook
from toolkit.student.charts import line_chart
from toolkit.student.layout import PHONE_STYLE
from toolkit.student.login import LoginBox
from toolkit.student.mywords import MyWordsWidget
from toolkit.student.review import AddWordButton, ReviewWidget

WHOLE_BOOK = "(whole book)"
CURVE_DAYS = 30


def summary_html(p: StudentProgress) -> str:
    cells = [("Words in my book", p.words, "vs-stat-words"),
             ("Words learned", p.learned, "vs-stat-learned"),
             ("Reviews due", p.due, "vs-stat-due"),
             ("Reviews done", p.reviews, "vs-stat-reviews"),
             ("Day streak", p.streak, "vs-stat-streak")]
    return "<div class='vs-stats'>" + "".join(
        f"<div class='vs-stat {css}' style='display:inline-block;margin:0 1.2em 0 0'>"
        f"<span class='vs-stat-value' style='font-size:1.6em'>{value}</span><br>{escape(label)}</div>"
        for label, value, css in cells) + "</div>"


def accuracy_html(title: str, groups: dict[str, Accuracy], css: str) -> str:
    if not groups:
        return f"<p class='{css}'>{escape(title)}: no quiz answers yet.</p>"
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{a.correct}/{a.answered}</td>"
                   f"<td>{(a.rate or 0):.0%}</td></tr>" for k, a in groups.items())
    return (f"<table class='{css}'><caption>{escape(title)}</caption>"
            f"<tr><th></th><th>correct</th><th>accuracy</th></tr>{rows}</table>")


class ProgressWidget(w.VBox):
    """Refreshes on `refresh()` (the review widget calls it after every grade)."""

    def __init__(self, book: VocabBook, log: ProgressLog) -> None:
        self.book, self.progress_log = book, log
        self.summary = w.HTML()
        self.summary.add_class("vs-progress-summary")
        self.wpm = w.HTML()
        self.wpm.add_class("vs-wpm-trend")
        self.accuracy = w.HTML()
        self.accuracy.add_class("vs-accuracy")
        self.word_choice = w.Dropdown(description="Curve of", options=[WHOLE_BOOK],
                                      style={"description_width": "initial"},
                                      layout=w.Layout(width="100%", max_width="24em"))
        self.word_choice.add_class("vs-curve-word")
        self.word_choice.observe(lambda _c: self.draw_curve(), names="value")
        self.curve = w.HTML()
        self.curve.add_class("vs-forgetting-curve")
        self.refresh_button = w.Button(description="Refresh")
        self.refresh_button.add_class("vs-progress-refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.progress: StudentProgress | None = None
        super().__init__([self.summary, self.wpm, self.accuracy, self.word_choice, self.curve,
                          self.refresh_button])
        self.add_class("vs-progress")
        self.refresh()

    def refresh(self, *_: object) -> None:
        p = self.progress = student_progress(self.book, self.progress_log)
        self.summary.value = summary_html(p)
        self.wpm.value = "<h4>Reading speed</h4>" + line_chart(
            [(i + 1, v) for i, (_t, v, _l) in enumerate(p.wpm)], title="Words per minute",
            x_label="article", y_label="WPM", css="vs-wpm-chart",
            empty="Read an article to see your reading speed.")
        self.accuracy.value = (accuracy_html("By exercise type", p.accuracy_by_type, "vs-acc-type")
                               + accuracy_html("By level", p.accuracy_by_level, "vs-acc-level"))
        lemmas = sorted({c.word.lemma for c in self.book.cards() if c.last_review is not None})
        chosen = self.word_choice.value
        self.word_choice.options = [WHOLE_BOOK, *lemmas]
        self.word_choice.value = chosen if chosen in self.word_choice.options else WHOLE_BOOK
        self.draw_curve()

    def draw_curve(self) -> None:
        lemma = None if self.word_choice.value == WHOLE_BOOK else self.word_choice.value
        points = self.book.forgetting_curve(lemma, days=CURVE_DAYS)
        label = "my whole book" if lemma is None else f"“{lemma}”"
        self.curve.value = (f"<h4>Forgetting curve: {escape(label)}</h4>" + line_chart(
            [(p.day, p.recall) for p in points], title=f"Predicted recall of {label}",
            x_label="days from now", y_label="recall", y_max=1.0, css="vs-curve-chart",
            empty="Review a word to see how well you will remember it."))


def vocabulary_page(book: VocabBook, log: ProgressLog,
                    adder: AddWordButton | None = None) -> w.VBox:
    """Review, progress and the list of words together; each grade (and each word added
    through `adder`, or removed from the list) refreshes the others."""
    progress = ProgressWidget(book, log)
    words = MyWordsWidget(book)

    def reviewed(_card: object) -> None:
        progress.refresh()
        words.refresh()

    def words_changed() -> None:
        review.next_card()
        progress.refresh()

    def added(_word: object) -> None:
        words_changed()
        words.refresh()

    review = ReviewWidget(book, on_review=reviewed)
    words.callbacks.append(words_changed)
    if adder is not None:
        adder.callbacks.append(added)
    page = w.VBox([review, words, progress])
    page.add_class("vs-vocabulary-page")
    return page


def my_words_page(store_url: str | None = None, class_code: str | None = None,
                  env: Mapping[str, str] | None = None) -> w.VBox:
    """A student's "my words" page: sign in (hub user, `?name=&class=`, or typed), then
    review and progress. The store opens only once the student is known."""
    body = w.VBox()
    body.add_class("vs-my-words-body")

    def start(who: Identity) -> None:
        store = Store(store_url)
        body.children = [vocabulary_page(VocabBook(store, who), ProgressLog(store, who))]

    page = w.VBox([w.HTML(PHONE_STYLE), LoginBox(start, class_code, env=env), body])
    page.add_class("vs-my-words")
    page.add_class("vs-phone-first")
    return page
