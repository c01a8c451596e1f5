"""The review widget: one due card at a time, show the answer, grade Again/Hard/Good/Easy.

Thin over `VocabBook`: every click is one `book.review` call, committed before the next
card shows. Light: no pandas, no language tools.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from html import escape

import ipywidgets as w

from toolkit.learning.store import StoreError
from toolkit.learning.vocab import CardKind, ReviewCard, VocabBook
from toolkit.learning.when import due_in_words, local_date_time
from toolkit.learning.progress import class_zone

GRADE_LABELS = ("Again", "Hard", "Good", "Easy")
KIND_LABELS = {CardKind.MEANING_TO_WORD: "Meaning → word", CardKind.WORD_TO_MEANING:
               "Word → meaning", CardKind.CLOZE: "Fill the gap"}
TYPED_KINDS = (CardKind.MEANING_TO_WORD, CardKind.CLOZE)  # the answer is one word to type


def typed_matches(card: ReviewCard, typed: str) -> bool:
    """A typed answer is right when it is the lemma or the form met, ignoring case and spaces."""
    want = {card.word.lemma.casefold(), card.word.form.casefold()}
    return " ".join(typed.split()).casefold() in want


class ReviewWidget(w.VBox):
    """Due count, prompt, answer and four grade buttons.

    `on_review` callbacks run after each committed review (e.g. to refresh a progress view).
    """

    def __init__(self, book: VocabBook, on_review: Callable[[ReviewCard], None] | None = None,
                 zone: tzinfo | None = None) -> None:
        self.book = book
        self.zone = zone or class_zone()  # due times are told in the class's days
        self.callbacks: list[Callable[[ReviewCard], None]] = [on_review] if on_review else []
        self.current: ReviewCard | None = None
        self._last_word: int | None = None
        self._shown_at = book.now()
        self.due_label = w.HTML()
        self.due_label.add_class("vs-review-due")
        self.prompt = w.HTML()
        self.prompt.add_class("vs-review-prompt")
        self.typed = w.Text(placeholder="Type the word, then Show answer")
        self.typed.add_class("vs-review-typed")
        self.answer = w.HTML()
        self.answer.add_class("vs-review-answer")
        self.show_button = w.Button(description="Show answer")
        self.show_button.add_class("vs-review-show")
        self.show_button.on_click(lambda _b: self.show_answer())
        self.grade_buttons: dict[str, w.Button] = {}
        for label in GRADE_LABELS:
            b = w.Button(description=label, layout=w.Layout(width="80px", min_width="70px"))
            b.add_class(f"vs-grade-{label.lower()}")
            b.add_class("vs-grade")
            b.on_click(lambda _b, g=label: self.grade(g))
            self.grade_buttons[label] = b
        self.status = w.HTML()
        self.status.add_class("vs-review-status")
        grades = self.grades = w.HBox(list(self.grade_buttons.values()))
        grades.add_class("vs-grades")
        super().__init__([self.due_label, self.prompt, self.typed, self.answer, self.show_button,
                          grades, self.status])
        self.add_class("vs-review")
        self.next_card()

    def _set_grading(self, visible: bool) -> None:
        for b in self.grade_buttons.values():
            b.disabled = not visible
            b.layout.visibility = "visible" if visible else "hidden"
            if not visible:
                b.button_style = ""
        self.show_button.disabled = visible or self.current is None
        self.show_button.layout.visibility = "hidden" if self.current is None else "visible"
        # nothing due: no empty space where the buttons would be
        none_due = "none" if self.current is None else None
        self.show_button.layout.display = none_due
        self.grades.layout.display = none_due

    def next_card(self) -> None:
        """Show the next due card, preferring one of a different word than the last."""
        due = self.book.due(limit=20)
        self.due_label.value = (f"<b>Due now:</b> <span class='vs-due-count'>"
                                f"{self.book.due_count()}</span>")
        others = [c for c in due if c.word.id != self._last_word]
        self.current = next(iter(others or due), None)
        self.answer.value = ""
        self.typed.value = ""
        typed = self.current is not None and self.current.kind in TYPED_KINDS
        self.typed.layout.display = "" if typed else "none"
        if self.current is None:
            self.prompt.value = "<p class='vs-review-done'>No words are due. Well done!</p>"
        else:
            self.prompt.value = (f"<p class='vs-review-kind'>{KIND_LABELS[self.current.kind]}</p>"
                                 f"<h3>{escape(self.current.prompt())}</h3>")
        self._shown_at = self.book.now()
        self._set_grading(False)

    def show_answer(self) -> None:
        if self.current is None:
            return
        c = self.current
        extra = ""
        if c.word.sentence:
            extra = f"<p class='vs-review-sentence'><i>{escape(c.word.sentence)}</i></p>"
        verdict = ""
        if c.kind in TYPED_KINDS and self.typed.value.strip():
            right = typed_matches(c, self.typed.value)
            verdict = ("<p class='vs-review-right' style='color:#14532d;background:#e7f5ea;"
                       "border-left:6px solid #1e7b34;padding:6px 10px'>✓ Right.</p>" if right else
                       f"<p class='vs-review-wrong' style='color:#7f1d1d;background:#fdecea;"
                       f"border-left:6px solid #b3261e;padding:6px 10px'>✗ You typed "
                       f"“{escape(self.typed.value)}”.</p>")
        self.answer.value = f"{verdict}<p><b>{escape(c.answer())}</b></p>{extra}"
        self._set_grading(True)
        if verdict:  # suggest a grade; the student still chooses
            self.grade_buttons["Good" if right else "Again"].button_style = "info"

    def grade(self, label: str) -> ReviewCard | None:
        """Commit a grade for the current card, then move on."""
        if self.current is None:
            return None
        ms = int((self.book.now() - self._shown_at).total_seconds() * 1000)
        try:
            reviewed = self.book.review(self.current.id, label, duration_ms=max(ms, 0))
        except StoreError as exc:  # keep the card; say what happened, no traceback
            self.status.value = f"<p class='vs-error'>Not saved: {escape(str(exc))}</p>"
            return None
        when = due_in_words(reviewed.due, self.book.now(), self.zone)
        self.status.value = (f"<p>Saved: {escape(label)}. Next review of “"
                             f"{escape(reviewed.word.lemma)}”: <b class='vs-review-when' "
                             f"title='{escape(local_date_time(reviewed.due, self.zone))}'>"
                             f"{escape(when)}</b>.</p>")
        self._last_word = reviewed.word.id
        for callback in self.callbacks:
            callback(reviewed)
        self.next_card()
        return reviewed


class AddWordButton(w.VBox):
    """"Add to my words" for whatever word a reader or word card has selected.

    The word card calls `set_word(...)` with what it knows; a click calls
    `VocabBook.add_word` and then the `on_added` callbacks (e.g. refresh the review view).
    """

    def __init__(self, book: VocabBook, on_added: Callable[[object], None] | None = None) -> None:
        self.book = book
        self.callbacks: list[Callable[[object], None]] = [on_added] if on_added else []
        self.pending: dict[str, str] | None = None
        self.button = w.Button(description="Add to my words", disabled=True, icon="")
        self.button.add_class("vs-add-word")
        self.button.on_click(lambda _b: self.add())
        self.label = w.HTML("<i>Click a word to add it to your vocabulary book.</i>")
        self.label.add_class("vs-add-word-status")
        super().__init__([self.label, self.button])
        self.add_class("vs-add-word-box")

    def set_word(self, lemma: str, sentence: str = "", lesson: str = "", translation: str = "",
                 meaning: str = "", form: str | None = None) -> None:
        self.pending = {"lemma": lemma, "sentence": sentence, "lesson": lesson,
                        "translation": translation, "meaning": meaning, "form": form or lemma}
        known = any(x.lemma == lemma for x in self.book.words())
        self.button.disabled = known
        self.label.value = (f"<b class='vs-add-word-lemma'>{escape(lemma)}</b>"
                            + (" is already in your book." if known else
                               (f": {escape(meaning or translation)}" if meaning or translation
                                else "")))

    def add(self) -> None:
        if self.pending is None:
            return
        try:
            if self.book.has_word(self.pending["lemma"]):  # e.g. added in another tab
                self.button.disabled = True
                self.label.value = (f"<b class='vs-add-word-lemma'>"
                                    f"{escape(self.pending['lemma'])}</b> is already in your book.")
                return
            word = self.book.add_word(**self.pending)
        except (ValueError, StoreError) as exc:
            self.label.value = f"<span class='vs-error'>Not added: {escape(str(exc))}</span>"
            return
        self.button.disabled = True
        self.label.value = f"Added <b class='vs-add-word-lemma'>{escape(word.lemma)}</b>."
        for callback in self.callbacks:
            callback(word)
