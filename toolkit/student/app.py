"""The student app for a lesson pack: Read, Practice, Review and Progress tabs.

Light by construction: it reads the pack and shows widgets; `toolkit.student` imports only
`toolkit.model`, `toolkit.learning` and `toolkit.cefr` (tests/test_layers.py). Identity comes
from `JUPYTERHUB_USER` (trusted) or a typed name and class code (trust-based classroom mode).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import ipywidgets as w

from toolkit.learning import Identity, ProgressLog, Store, StoreError, VocabBook
from toolkit.learning.events import utc_now
from toolkit.log import to_server_log
from toolkit.model.events import ReaderWord, SenseChosen, WordAdded
from toolkit.model.levels import level_notes
from toolkit.model.pack import LessonPack, LessonPackError, load_pack
from toolkit.student.card_view import WordCardView
from toolkit.student.leveled_reader import LeveledReader
from toolkit.student.login import LoginBox
from toolkit.student.marks import good_sentence_marks
from toolkit.student.mywords import MyWordsWidget
from toolkit.student.practice import book_items
from toolkit.student.profile_panel import profile_panel
from toolkit.student.progress import ProgressWidget
from toolkit.student.quiz import Quiz
from toolkit.student.review import ReviewWidget
from toolkit.student.layout import PHONE_STYLE
from toolkit.student.targets import add_targets, target_indexes

log = logging.getLogger(__name__)


# Page-wide style for the student app: touch-sized controls and no sideways scrolling on a
# phone (390 px). A constant string of ours, never student or article text.
APP_STYLE = """<style>
.vs-lesson { max-width: 100%; overflow-wrap: anywhere; }
.vs-lesson .widget-hbox, .vs-lesson .widget-toggle-buttons, .vs-lesson .widget-box { flex-wrap: wrap; }
.vs-lesson button, .vs-lesson select, .vs-lesson input, .vs-lesson .lm-TabBar-tab {
  min-height: 44px; min-width: 44px; }
.vs-lesson .widget-text, .vs-lesson .widget-dropdown, .vs-lesson .widget-textarea {
  width: auto; max-width: 100%; }
.vs-lesson .widget-label { min-width: 0; }
.vs-lesson .widget-tab > .lm-TabBar { height: auto; min-height: 46px; }
.vs-lesson .widget-tab > .lm-TabBar .lm-TabBar-tab { height: 44px; line-height: 44px;
  flex: 1 1 auto; min-width: 44px; }
.vs-lesson .widget-tab > .lm-TabBar .lm-TabBar-content { min-width: 0; }
.vs-lesson .widget-radio-box { width: auto !important; max-width: 100%; }
.vs-lesson .widget-radio-box label { min-height: 44px; display: flex; align-items: center;
  white-space: normal; }
.vs-lesson .widget-radio-box input { min-height: 20px; min-width: 20px; }
.vs-lesson table { display: block; max-width: 100%; overflow-x: auto; }
.vs-lesson .widget-html-content, .vs-lesson .widget-html { max-width: 100%; }
@media (max-width: 600px) {
  .vs-lesson .vs-reader { line-height: 2.2; }
  .vs-lesson .widget-inline-hbox { flex-wrap: wrap; }
}
</style>"""


def _error_box(message: str) -> w.HTML:
    box = w.HTML(f"<div class='vs-error'><b>This lesson cannot be opened.</b> "
                 f"{escape(message)}</div>")
    box.add_class("vs-error-box")
    return box


class ReadTab(w.VBox):
    """Leveled reader + word card + good sentences; calls back on reads, lookups and adds."""

    def __init__(self, pack: LessonPack, lang: str = "zh",
                 on_read: Callable[[str, int, float, float], None] | None = None,
                 on_lookup: Callable[[str], None] | None = None,
                 on_add: Callable[[WordAdded], None] | None = None,
                 level: str | None = None,
                 on_choose: Callable[[SenseChosen], None] | None = None) -> None:
        self.pack = pack
        self.cards = {v.level: pack.article_cards(v.level) for v in pack.versions}
        self.marks = {v.level: good_sentence_marks(v.good_sentences) for v in pack.versions}
        self.reader = LeveledReader(pack.versions, level=level,
                                    level_notes=level_notes(pack.extras))
        self.card = WordCardView(lang=lang, popover=True)
        self.card.add_class("vs-word-panel")
        # the reader opens this card beside the clicked word (one selector per page's card)
        anchor = f"vs-card-{self.card.model_id}"
        self.card.add_class(anchor)
        self.reader.reader.card_target = f".{anchor}"
        if on_add:
            self.card.on_add(on_add)
        if on_choose:
            self.card.on_choose(on_choose)
        if on_read:
            self.reader.on_read(on_read)
        self._on_lookup = on_lookup
        self.reader.reader.on_word(self._clicked)
        self.reader.switcher.observe(lambda _c: self._level_changed(), names="value")
        title = w.HTML(f"<h1 class='vs-title'>{escape(pack.title)}</h1>")
        hint = w.HTML("<i>Click any word for its card. Green sentences are good for learning: "
                      "click one to see why. Press <b>Start reading</b> to time yourself.</i>")
        hint.add_class("vs-page-hint")
        self.about = w.VBox([])
        self.about.layout = w.Layout(flex="1 1 300px")
        self.reader.layout = w.Layout(flex="2 1 460px")
        row = w.Box([self.reader, self.about], layout=w.Layout(display="flex", flex_flow="row wrap"))
        super().__init__([title, hint, self.card, row])
        self.add_class("vs-read-tab")
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.reader.level
        self.reader.reader.remember(level=level)
        self.reader.reader.marks = self.marks.get(level, [])
        self.reader.reader.targets = target_indexes(self.reader.reader.words, self.pack.targets)
        version = self.pack.version(level)
        self.about.children = ([profile_panel(version.profile, estimated=version.estimated or None)]
                               if version.profile else [])

    def _clicked(self, word: ReaderWord) -> None:
        card = self.cards[self.reader.level].for_word(word.index)
        if card is None:
            return
        self.card.show(card)
        if self._on_lookup:
            self._on_lookup(card.headword)


class StudentApp(w.VBox):
    """The four tabs, wired to the learner store for one identified student.

    Only Read is built when the page opens; Practice, Review and Progress are built the first
    time they are selected. The page then starts with a third of the widgets (each one is a
    model the browser must fetch and draw), which is what a student waits for on a busy server.
    """

    TABS = ("Read", "Practice", "Review", "Progress", "My words")

    def __init__(self, pack: LessonPack, store: Store, who: Identity, lang: str = "zh",
                 now: Callable[[], datetime] | None = None) -> None:
        clock = now or utc_now
        self.pack, self.who = pack, who
        self._unsaved: list[Callable[[], object]] = []
        self.book = VocabBook(store, who, clock)
        self.events = ProgressLog(store, who, clock)
        self.status = w.HTML("")
        self.status.add_class("vs-app-status")
        self._safely(lambda: add_targets(self.book, pack, lang))  # the teacher's words, once
        self.read = ReadTab(pack, lang, on_read=self._read, on_lookup=self._lookup,
                            on_add=self._add, on_choose=self._chose)
        self.quiz: Quiz | None = None
        self.review: ReviewWidget | None = None
        self.progress: ProgressWidget | None = None
        self.my_words: MyWordsWidget | None = None
        self.tabs = w.Tab(children=[self.read, *(w.VBox([]) for _ in self.TABS[1:])])
        for i, name in enumerate(self.TABS):
            self.tabs.set_title(i, name)
        self.tabs.add_class("vs-student-tabs")
        self.tabs.observe(self._tab_changed, names="selected_index")
        super().__init__([w.HTML(PHONE_STYLE), self.status, self.tabs])
        self.add_class("vs-student-app")

    def _build_tab(self, index: int) -> None:
        """Fill a tab on its first selection (see the class docstring)."""
        box = self.tabs.children[index]
        if box.children or index == 0:
            return
        if index == 1:
            items = self.pack.exercises
            # resumes at the first question not answered before (e.g. after a reload)
            done = self.events.quiz_results(self.pack.slug) if items else {}
            self.quiz = (Quiz(items, on_answer=self._answered, title="Lesson exercises",
                              answered=done) if items else None)
            self.practice_mine = w.Button(description="Practise my words")
            self.practice_mine.add_class("vs-practice-mine")
            self.practice_mine.on_click(lambda _b: self._practise_book())
            self.mine_box = w.VBox([])
            box.children = [self.quiz.widget if self.quiz else w.HTML("No exercises in this lesson."),
                            w.HTML("<h3>From your vocabulary book</h3>"), self.practice_mine,
                            self.mine_box]
            box.add_class("vs-practice-tab")
        elif index == 2:
            self.review = ReviewWidget(self.book, on_review=lambda _c: self._refresh_progress())
            box.children = [self.review]
        elif index == 4:
            self.my_words = MyWordsWidget(self.book, on_change=self._words_changed)
            box.children = [self.my_words]
        else:
            self.progress = ProgressWidget(self.book, self.events)
            box.children = [self.progress]

    def _refresh_progress(self) -> None:
        if self.progress is not None:
            self.progress.refresh()
        if self.my_words is not None:
            self.my_words.refresh()

    def _words_changed(self) -> None:
        """A word was removed from "My words": the review and progress views follow."""
        if self.review is not None:
            self.review.next_card()
        if self.progress is not None:
            self.progress.refresh()

    # -- events into the store ----------------------------------------------------------------
    def _read(self, level: str, words: int, seconds: float, wpm: float) -> None:
        self._safely(lambda: self.events.article_read(self.pack.slug, words, seconds, level))

    def _lookup(self, lemma: str) -> None:
        self._safely(lambda: self.events.word_looked_up(lemma, self.pack.slug))

    def _chose(self, ev: SenseChosen) -> None:
        self._safely(lambda: self.events.sense_chosen(
            ev.lemma, ev.chosen_key, ev.offered, lesson=self.pack.slug, sentence=ev.sentence,
            card_key=ev.card_key, definition=ev.definition))

    def _add(self, event: WordAdded) -> None:
        def add() -> None:
            if self.book.has_word(event.lemma):  # a second add must not claim "Added"
                self.status.value = self.read.card.status.value = (
                    f"<span class='vs-already-added'><b>{escape(event.lemma)}</b> is already "
                    "in your words.</span>")
                return
            self.book.add_word(event.lemma, sentence=event.sentence, lesson=self.pack.slug,
                               translation=event.translation, meaning=event.definition,
                               form=event.text)
            self.status.value = (f"<span class='vs-added'>Added <b>{escape(event.lemma)}</b> "
                                 f"to your words ({self.book.due_count()} due).</span>")
            if self.my_words is not None:
                self.my_words.refresh()
        self._safely(add)

    def _answered(self, item_id: str, item_type: str, level: str, correct: bool,
                  seconds: float, score: float | None = None) -> None:
        ids = [item.id for item in self.pack.exercises]
        if item_id in ids:  # a reload comes back to the question after this one
            self.read.reader.reader.remember(q=min(ids.index(item_id) + 2, len(ids)))
        self._safely(lambda: self.events.quiz_answer(item_id, correct, seconds, lesson=self.pack.slug,
                                                  exercise_type=item_type, level=level,
                                                  score=score))

    def _safely(self, action: Callable[[], object]) -> None:
        """A store error is shown to the student and nothing they did is lost: what could not
        be saved waits on this page, in order, and is saved with their next action once the
        store is back (a PostgreSQL restart reconnects)."""
        self._unsaved.append(action)
        while self._unsaved:
            try:
                self._unsaved[0]()
            except Exception as exc:  # noqa: BLE001 - the page must stay usable
                log.warning("student app: not saved yet for %s", self.pack.slug, exc_info=True)
                self.status.value = (
                    f"<span class='vs-error vs-unsaved'>Not saved yet: {escape(str(exc))}. "
                    f"Kept on this page ({len(self._unsaved)} waiting) and saved with your next "
                    "step once the store is back.</span>")
                return
            self._unsaved.pop(0)

    def _practise_book(self) -> None:
        items = book_items(self.book.words())
        if not items:
            self.mine_box.children = [w.HTML(
                "<p class='vs-practice-empty'>Add at least two words with a sentence from the "
                "Read tab, then practise them here.</p>")]
            return
        self.mine_box.children = [Quiz(items, on_answer=self._answered, title="My words").widget]

    def _tab_changed(self, change: Mapping[str, Any]) -> None:
        index = change["new"]
        if index is None:
            return
        self.read.reader.reader.remember(tab=self.TABS[index])
        new = not self.tabs.children[index].children
        self._safely(lambda: self._build_tab(index))
        if index == 2 and self.review is not None:
            self.review.next_card()
        elif index == 3 and self.progress is not None and not new:
            self.progress.refresh()
        elif index == 4 and self.my_words is not None and not new:
            self.my_words.refresh()


def restore(app: StudentApp, query: str) -> dict[str, Any]:
    """Put a reloaded page back where the student was: `?level=B1&tab=Practice&q=3`.

    The page's script keeps these keys in the URL as the student moves (Reader.page_state),
    so a reload, or the "lost its connection" banner, comes back to the same level, tab and
    question. Unknown or malformed values are ignored. Returns what was applied.
    """
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    done: dict[str, Any] = {}
    level = params.get("level")
    if level in app.read.reader.versions:
        app.read.reader.show(level)
        done["level"] = level
    tab = next((t for t in app.TABS if t.lower() == params.get("tab", "").lower()), None)
    if tab is not None:
        app.tabs.selected_index = app.TABS.index(tab)
        done["tab"] = tab
    q = params.get("q", "")
    if q.isdigit() and app.quiz is not None:
        ids = [item.id for item in app.pack.exercises]
        target = min(max(int(q), 1), len(ids)) - 1
        # forward only, through the quiz's own Next: never before a question it resumed at
        for _ in range(len(ids)):
            now = app.quiz.current.get("id")
            if now not in ids or ids.index(now) >= target:
                break
            app.quiz.next()
        now = app.quiz.current.get("id")
        if now in ids:
            done["q"] = ids.index(now) + 1
            app.read.reader.reader.remember(q=done["q"])
    return done


def show_lesson(path: str | Path, store_url: str | None = None, lang: str | None = None,
                env: Mapping[str, str] | None = None) -> w.Widget:
    """The lesson page: who is reading (JupyterHub user, `?name=` or typed), then the tabs.

    A pack that cannot be used gives a readable error box instead of a traceback; problems
    are logged to the server's log.
    """
    to_server_log()
    env = os.environ if env is None else env
    try:
        pack = load_pack(path)
    except LessonPackError as exc:
        log.warning("lesson %s cannot be opened: %s", path, exc)
        return _error_box(str(exc))
    settings = pack.extras.get("settings") or {}  # the teacher's lesson settings
    lang = lang or env.get("VOCABSPHERE_LANG") or settings.get("card_language") or "zh"
    root = w.VBox([])
    root.add_class("vs-lesson")
    opened: list[w.Widget] = []

    def open_app(who: Identity) -> None:
        try:
            store = Store(store_url or env.get("VOCABSPHERE_DB") or None)
        except StoreError as exc:
            log.error("learning store cannot be opened: %s", exc)
            opened.append(_error_box(f"the learning store cannot be opened: {exc}"))
        else:
            app = StudentApp(pack, store, who, lang)
            opened.append(app)
            # the identity step has put this page request's query string in the environment
            restore(app, env.get("QUERY_STRING", "") or os.environ.get("QUERY_STRING", ""))
        root.children = [*root.children, opened[-1]]

    login = LoginBox(open_app, env.get("VOCABSPHERE_CLASS"), env=env)
    root.children = [w.HTML(APP_STYLE), login, *opened]
    return root
