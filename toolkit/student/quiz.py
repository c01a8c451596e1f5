"""The quiz: one item at a time, instant feedback, a score and a retry of wrong items.

The answer key never reaches the browser before the student answers: items stay in the
kernel (`Quiz._items`), and the widgets only ever receive `Item.public()` (prompt, options,
stems). The key and explanation are rendered into the feedback only after a check.
Light: imports ipywidgets and `toolkit.model.items` only.
"""

from __future__ import annotations

import time
from html import escape
from typing import Callable, Mapping, Sequence

import ipywidgets as w

from toolkit.errors import UserInputError
from toolkit.model.items import CHOICE_TYPES, MATCHING_TYPES, Item

# on_answer(item_id, item_type, level, correct, seconds, score): a learning store records it;
# `score` is the fraction right (a word-bank item's gaps count one by one), `correct` all right.
AnswerCallback = Callable[[str, str, str, bool, float, float], None]
PLACEHOLDER = "— choose —"

# Right and wrong must differ at a glance, not only in a word: colour, a text symbol (no icon
# font: nothing is fetched from a CDN) and a side bar. Constant strings of ours.
RIGHT_STYLE = ("background:#e7f5ea;color:#14532d;border-left:6px solid #1e7b34;"
               "padding:8px 10px;border-radius:4px")
WRONG_STYLE = ("background:#fdecea;color:#7f1d1d;border-left:6px solid #b3261e;"
               "padding:8px 10px;border-radius:4px")
PARTLY_STYLE = ("background:#fff4e0;color:#5c3a00;border-left:6px solid #b26a00;"
                "padding:8px 10px;border-radius:4px")
RIGHT_ICON, WRONG_ICON, PARTLY_ICON = "✓", "✗", "◐"


class Quiz:
    """A quiz over `items`; `quiz.widget` is what a page displays."""

    def __init__(self, items: Sequence[Item], on_answer: AnswerCallback | None = None,
                 clock: Callable[[], float] = time.monotonic, title: str = "Practice",
                 answered: Mapping[str, bool] | None = None) -> None:
        """`answered` (item id -> right?) resumes a quiz: e.g. after a reload, from the
        store's quiz answers, the student continues at the first unanswered question."""
        if not items:
            raise UserInputError("a quiz needs at least one item; generate some exercises first")
        self._items: dict[str, Item] = {i.id: i for i in items}  # keys stay in the kernel
        self._round: list[str] = list(self._items)
        self._answered: dict[str, bool] = {k: bool(v) for k, v in (answered or {}).items()
                                           if k in self._items}
        self._scores: dict[str, float] = {k: float(v) for k, v in self._answered.items()}
        self._pos = next((i for i, k in enumerate(self._round) if k not in self._answered), 0)
        self._on_answer = on_answer
        self._clock = clock
        self._shown_at = clock()
        self._checked = False

        self.header = _html(f"<h3>{escape(title)}</h3>", "vs-quiz-title")
        self.progress = _html("", "vs-quiz-progress")
        self.prompt = _html("", "vs-quiz-prompt")
        self.answer_area = w.VBox([])
        self.answer_area.add_class("vs-quiz-answer")
        self.check_button = w.Button(description="Check", button_style="primary",
                                     tooltip="Check your answer (Enter in a text box)")
        self.check_button.add_class("vs-quiz-check")
        self.next_button = w.Button(description="Next", disabled=True, tooltip="Next question")
        self.next_button.add_class("vs-quiz-next")
        self.retry_button = w.Button(description="Retry wrong items", layout=w.Layout(display="none"))
        self.retry_button.add_class("vs-quiz-retry")
        self.feedback = _html("", "vs-quiz-feedback")
        self.score = _html("", "vs-quiz-score")
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.next())
        self.retry_button.on_click(lambda _: self.retry())
        buttons = w.HBox([self.check_button, self.next_button, self.retry_button])
        # the feedback sits between the answer and the buttons: where the eyes are after a
        # tap on Check, and above Next, which is read after it
        self.widget = w.VBox([self.header, self.progress, self.prompt, self.answer_area,
                              self.feedback, buttons, self.score])
        self.widget.add_class("vs-quiz")
        self._inputs: list[w.Widget] = []
        self._rows: list[w.Widget] = []
        if self._answered and len(self._answered) == len(self._items):
            self._show_all_done()
        else:
            self._show()
            if self._answered:
                self._update_score()

    # ---- state the page shows ----------------------------------------------------------

    @property
    def current(self) -> dict:
        """The current item as the browser may see it (no key)."""
        return self._items[self._round[self._pos]].public()

    @property
    def correct_count(self) -> int:
        return sum(self._answered.values())

    @property
    def points(self) -> float:
        """The score: one per item right, a fraction for a word-bank item partly right."""
        return sum(self._scores.values())

    def _show(self) -> None:
        pub = self.current
        self._checked = False
        self.progress.value = (f"<span>Question {self._pos + 1} of {len(self._round)}"
                               f"{' · level ' + escape(pub['level']) if pub['level'] else ''}</span>")
        self.prompt.value = f"<p>{escape(pub['prompt'])}</p>"
        self._inputs = self._make_inputs(pub)
        self.answer_area.children = tuple(self._rows)
        self.feedback.value = ""
        self.check_button.disabled = False
        self.next_button.disabled = True
        self._shown_at = self._clock()

    def _make_inputs(self, pub: dict) -> list[w.Widget]:
        """The inputs to read an answer from; `self._rows` are what the page lays out."""
        if pub["type"] in MATCHING_TYPES:
            # One row per gap or stem: its label above a full-width menu, so five gaps stack
            # on a 360 px phone instead of overlapping (a description beside a menu does not
            # shrink).
            inputs, rows = [], []
            for stem in pub["stems"]:
                dd = w.Dropdown(options=[PLACEHOLDER, *pub["options"]], value=PLACEHOLDER,
                                layout=w.Layout(width="100%", max_width="32em"))
                dd.add_class("vs-quiz-match")
                label = _html(f"<span>{escape(stem)}</span>", "vs-quiz-match-stem")
                row = w.VBox([label, dd], layout=w.Layout(width="100%", margin="0 0 6px 0"))
                row.add_class("vs-quiz-match-row")
                inputs.append(dd)
                rows.append(row)
            self._rows = rows
            return inputs
        if pub["type"] in CHOICE_TYPES:
            radio = w.RadioButtons(options=list(pub["options"]), value=None,
                                   layout=w.Layout(width="100%"))
            radio.add_class("vs-quiz-options")
            self._rows = [radio]
            return [radio]
        box = w.Text(placeholder="Type your answer and press Enter", continuous_update=False,
                     layout=w.Layout(width="95%"))
        box.add_class("vs-quiz-text")
        box.observe(lambda change: self.check() if change["new"] and not self._checked else None,
                    names="value")
        self._rows = [box]
        return [box]

    def _response(self) -> str | list[str] | None:
        pub = self.current
        if pub["type"] in MATCHING_TYPES:
            values = [dd.value for dd in self._inputs]
            return None if PLACEHOLDER in values else values
        value = self._inputs[0].value if self._inputs else None
        return value if value else None

    # ---- actions -----------------------------------------------------------------------

    def answer(self, response: str | list[str]) -> bool:
        """Set the inputs to `response` and check it (for tests and keyboard shortcuts)."""
        if isinstance(response, list):
            for dd, v in zip(self._inputs, response):
                dd.value = v
        else:
            self._inputs[0].value = response
        if not self._checked:
            self.check()
        return self._answered[self._round[self._pos]]

    def check(self) -> None:
        if self._checked:
            return
        response = self._response()
        if response is None:
            self.feedback.value = "<p class='vs-quiz-empty'>Choose or type an answer first.</p>"
            return
        item = self._items[self._round[self._pos]]
        correct = item.check(response)
        score = item.score(response)
        self._checked = True
        self._answered[item.id] = correct
        self._scores[item.id] = score
        seconds = max(0.0, self._clock() - self._shown_at)
        self.feedback.value = feedback_html(item, response, correct, score)
        for inp in self._inputs:
            inp.disabled = True
        self.check_button.disabled = True
        self.next_button.disabled = False
        self._update_score()
        if self._on_answer is not None:
            self._on_answer(item.id, item.type, item.level, correct, seconds, score)
        if self._pos == len(self._round) - 1:
            self._finish()

    def _show_all_done(self) -> None:
        """Every item was answered before (a resumed quiz): the score and a retry."""
        self._pos = len(self._round) - 1
        self._checked = True
        self.progress.value = f"<span>All {len(self._round)} questions answered</span>"
        self.prompt.value = "<p class='vs-quiz-all-done'>You have answered every question.</p>"
        self._rows = []
        self.answer_area.children = ()
        self.check_button.disabled = True
        self.next_button.disabled = True
        self._update_score()
        self._finish()

    def next(self) -> None:
        if self._pos < len(self._round) - 1:
            self._pos += 1
            self._show()

    def retry(self) -> None:
        """Start a round with only the items answered wrongly."""
        wrong = [i for i in self._round if not self._answered.get(i, False)]
        if not wrong:
            return
        self._round, self._pos = wrong, 0
        self.retry_button.layout.display = "none"
        self._show()

    def _update_score(self) -> None:
        done = len(self._answered)
        self.score.value = f"<p>Score: {_points(self.points)} / {done} answered</p>"

    def _finish(self) -> None:
        self.next_button.disabled = True
        wrong = [i for i in self._round if not self._answered.get(i, False)]
        self.score.value += (f"<p>Finished: {_points(self.points)} of {len(self._items)} right.</p>"
                             if not wrong else
                             f"<p>{len(wrong)} to try again.</p>")
        if wrong:
            self.retry_button.layout.display = None


def _points(x: float) -> str:
    """A score as a person writes it: 3, or 2.5 with a partly right word-bank item."""
    return str(int(x)) if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def feedback_html(item: Item, response: str | list[str], correct: bool,
                  score: float | None = None) -> str:
    """Right or wrong at a glance (colour, symbol), the right answer and why; all escaped.

    For matching and word-bank items each gap is marked on its own; a word-bank item with
    some gaps right says how many (`score`, the fraction right, is its partial credit)."""
    icon, verdict, css, style = ((RIGHT_ICON, "Correct!", "vs-quiz-right", RIGHT_STYLE) if correct
                                 else (WRONG_ICON, "Not quite.", "vs-quiz-wrong", WRONG_STYLE))
    if not correct and score and isinstance(item.answer, list):
        right = round(score * len(item.answer))
        icon, css, style = PARTLY_ICON, "vs-quiz-partly", PARTLY_STYLE
        verdict = f"Partly right: {right} of {len(item.answer)} gaps."
    if isinstance(item.answer, str):
        key = f"<p class='vs-quiz-key'>Answer: <b>{escape(item.answer)}</b></p>"
        if not correct:
            key = (f"<p class='vs-quiz-yours'>You answered: {escape(str(response))}</p>" + key)
    else:
        given = response if isinstance(response, list) else []
        rows = "".join(
            f"<li class='{'vs-gap-right' if g == a else 'vs-gap-wrong'}'>"
            f"{RIGHT_ICON if g == a else WRONG_ICON} {escape(s)} → <b>{escape(a)}</b>"
            + ("" if g == a else f" (you chose {escape(str(g))})") + "</li>"
            for s, a, g in zip(item.stems, item.answer, [*given, *[""] * len(item.answer)]))
        key = f"<ul class='vs-quiz-key' style='margin:4px 0;padding-left:1.2em'>{rows}</ul>"
    why = (f"<p class='vs-quiz-why'>Why: {escape(item.explanation)}</p>"
           if item.explanation else "")
    return (f"<div class='{css}' style='{style}' role='status'>"
            f"<p class='vs-quiz-verdict' style='font-size:1.15em;margin:0 0 4px 0'>"
            f"<span class='vs-quiz-icon' aria-hidden='true' style='font-weight:bold'>{icon}</span> "
            f"<b>{verdict}</b></p>{key}{why}</div>")


def _html(value: str, cls: str) -> w.HTML:
    h = w.HTML(value)
    h.add_class(cls)
    return h


def quiz(items: Sequence[Item], on_answer: AnswerCallback | None = None) -> w.VBox:
    """The quiz widget for a page (keeps the `Quiz` alive on the widget)."""
    q = Quiz(items, on_answer)
    q.widget._quiz = q  # type: ignore[attr-defined]
    return q.widget


def all_states(root: w.Widget) -> list[dict]:
    """get_state() of a widget and every widget below it: what the browser receives."""
    out, stack, seen = [], [root], set()
    while stack:
        wid = stack.pop()
        if id(wid) in seen:
            continue
        seen.add(id(wid))
        out.append(wid.get_state())
        for name in ("children", "layout", "style"):
            child = getattr(wid, name, None)
            if isinstance(child, (list, tuple)):
                stack.extend(c for c in child if isinstance(c, w.Widget))
            elif isinstance(child, w.Widget):
                stack.append(child)
    return out
