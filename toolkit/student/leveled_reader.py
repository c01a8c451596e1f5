"""The leveled reader: one article at several levels, a level switcher, glosses and a timer.

Light on purpose (a student's kernel imports it): versions are computed by
`toolkit.language.adapt` when the lesson is built and arrive here as `LevelVersion`s.
The teacher view adds what changed at the shown level and why.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from html import escape

import ipywidgets as w

from toolkit.errors import UserInputError
from toolkit.cefr import level_index
from toolkit.learning.events import implausible_reading
from toolkit.model.adaptation import ORIGINAL, Gloss, LevelVersion
from toolkit.model.events import ReaderWord, ReadingResult
from toolkit.model.levels import LevelNote, missing
from toolkit.student.reader import Reader


class ReadingTimer:
    """Start/finish timing with an injectable clock (seconds), so tests need no sleeping."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started: float | None = None
        self._level = ""
        self._words = 0

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self, level: str, words: int) -> None:
        self._started, self._level, self._words = self._clock(), level, words

    def cancel(self) -> None:
        self._started = None

    def elapsed(self) -> float:
        """Seconds since start, without stopping (0 when not running)."""
        return max(self._clock() - self._started, 0.0) if self._started is not None else 0.0

    @property
    def words(self) -> int:
        return self._words

    def finish(self) -> ReadingResult:
        if self._started is None:
            raise RuntimeError("the timer was not started")
        seconds = max(self._clock() - self._started, 0.0)
        self._started = None
        wpm = self._words / (seconds / 60) if seconds > 0 else 0.0
        return ReadingResult(self._level, self._words, round(seconds, 2), round(wpm, 1))


def _level_key(level: str) -> int:
    return 99 if level == ORIGINAL else level_index(level)


def _best_for(levels: list[str], student_level: str | None) -> str:
    """The hardest version at or below the student's level; else the easiest one."""
    graded = [lv for lv in levels if lv != ORIGINAL]
    if student_level and graded:
        fitting = [lv for lv in graded if level_index(lv) <= level_index(student_level)]
        return fitting[-1] if fitting else graded[0]
    return graded[0] if graded else levels[0]


def changes_html(version: LevelVersion, limit: int = 200) -> str:
    """What changed at this level and why, for the teacher (every string escaped)."""
    if version.level == ORIGINAL:
        return "<p class='vs-changes-none'>The original text.</p>"
    notes = "".join(f"<p class='vs-change-note'>{escape(n)}</p>" for n in version.notes)
    if not version.changes:
        return notes + "<p class='vs-changes-none'>No changes.</p>"
    rows = "".join(
        f"<tr class='vs-change vs-change-{escape(c.kind)}'><td>{escape(c.kind)}</td>"
        f"<td>{escape(c.before)}</td><td>{escape(c.after)}</td>"
        f"<td>{escape(c.reason)}</td></tr>" for c in version.changes[:limit])
    more = (f"<p>… and {len(version.changes) - limit} more.</p>"
            if len(version.changes) > limit else "")
    return (notes + f"<p>{len(version.changes)} changes (estimated level "
            f"{escape(version.estimated or version.level)}).</p>"
            "<table class='vs-changes-table'><tr><th>Change</th><th>Before</th><th>After</th>"
            f"<th>Why</th></tr>{rows}</table>{more}")


def missing_html(notes: list[LevelNote]) -> str:
    """The notes on levels the lesson could not offer, as a short boxed list (escaped)."""
    if not notes:
        return ""
    items = "".join(f"<p class='vs-level-missing-note' style='margin:2px 0'>"
                    f"{escape(n.message)}</p>" for n in notes)
    return ("<div class='vs-level-missing-box' role='note' style='background:#eef4ff;"
            "border-left:6px solid #3b6fd1;padding:6px 10px;margin:4px 0;"
            f"overflow-wrap:anywhere'>{items}</div>")


class LeveledReader(w.VBox):
    """Level switcher + reader + gloss box + reading timer (+ change log for teachers).

    `on_read(callback)` runs callback(level, words, seconds, wpm) when a student finishes.
    """

    def __init__(self, versions: Iterable[LevelVersion], level: str | None = None,
                 student_level: str | None = None, teacher: bool = False,
                 clock: Callable[[], float] = time.monotonic,
                 level_notes: Iterable[LevelNote] = ()) -> None:
        parsed = list(versions)
        if not parsed:
            raise ValueError("give at least one version of the text")
        self.versions = {v.level: v for v in sorted(parsed, key=lambda v: _level_key(v.level))}
        self.level = level if level in self.versions else _best_for(list(self.versions),
                                                                      student_level)
        self.timer = ReadingTimer(clock)
        self.last_result: ReadingResult | None = None
        self._callbacks: list[Callable[[str, int, float, float], None]] = []
        hard = level_index(student_level) if student_level else 0

        self.switcher = w.ToggleButtons(options=list(self.versions), value=self.level,
                                        description="Level:")
        self.switcher.add_class("vs-level-switcher")
        # Why a level the lesson meant to offer is missing or still harder (from the pack).
        self.level_notes = missing(list(level_notes))
        self.missing_levels = w.HTML(missing_html(self.level_notes))
        self.missing_levels.add_class("vs-level-missing")
        self.missing_levels.layout.display = None if self.level_notes else "none"
        current = self.versions[self.level]
        self.reader = Reader(current.text, current.sentences, hard_level=hard)
        self.gloss = w.HTML("")
        self.gloss.add_class("vs-gloss")
        self.start_button = w.Button(description="Start reading")
        self.start_button.add_class("vs-timer-start")
        self.finish_button = w.Button(description="Finished", disabled=True)
        self.finish_button.add_class("vs-timer-finish")
        self.timer_status = w.HTML("")
        self.timer_status.add_class("vs-timer-status")
        # Asked when "Finished" comes too soon to be a reading (see `implausible_reading`):
        # neither answer stores an impossible speed.
        self.too_fast_question = w.HTML("")
        self.too_fast_question.add_class("vs-too-fast-question")
        self.keep_reading_button = w.Button(description="Not yet, keep reading",
                                            tooltip="The timer goes on from where it was")
        self.keep_reading_button.add_class("vs-too-fast-keep")
        self.skimmed_button = w.Button(description="I only skimmed it",
                                       tooltip="Not counted as a reading speed")
        self.skimmed_button.add_class("vs-too-fast-skimmed")
        self.too_fast = w.VBox([self.too_fast_question,
                                w.HBox([self.keep_reading_button, self.skimmed_button])],
                               layout=w.Layout(display="none"))
        self.too_fast.add_class("vs-too-fast")
        timer_box = w.HBox([self.start_button, self.finish_button, self.timer_status])
        timer_box.add_class("vs-timer")
        self.changes = w.HTML("")
        self.changes.add_class("vs-changes")
        self.changes.layout.display = None if teacher else "none"
        super().__init__([self.switcher, self.missing_levels, timer_box, self.too_fast,
                          self.reader, self.gloss, self.changes])
        self.add_class("vs-leveled-reader")

        self.switcher.observe(lambda ch: self.show(ch["new"]), names="value")
        self.start_button.on_click(lambda _: self.start())
        self.finish_button.on_click(lambda _: self.finish())
        self.keep_reading_button.on_click(lambda _: self.keep_reading())
        self.skimmed_button.on_click(lambda _: self.skimmed())
        self.reader.on_word(self._word_clicked)
        self._refresh()

    # -- public API -------------------------------------------------------------------------
    def on_read(self, callback: Callable[[str, int, float, float], None]) -> None:
        """Register callback(level, words, seconds, wpm), e.g. a learning store's recorder."""
        self._callbacks.append(callback)

    def show(self, level: str) -> None:
        """Show another level; a running timer is cancelled (the text it timed is gone)."""
        if level not in self.versions:
            raise UserInputError(f"no version at {level!r}; choose one of {', '.join(self.versions)}")
        self.level = level
        if self.switcher.value != level:
            self.switcher.value = level
        v = self.versions[level]
        self.reader.show(v.text, v.sentences)
        if self.timer.running:
            self.timer.cancel()
            self.too_fast.layout.display = "none"
            self.timer_status.value = "<span>Timer stopped: the level changed. Start again.</span>"
        self._refresh()

    def start(self) -> None:
        self.timer.start(self.level, self.versions[self.level].word_count)
        self.start_button.disabled = True
        self.finish_button.disabled = False
        self.timer_status.value = "<span class='vs-timer-running'>Reading…</span>"

    def finish(self) -> ReadingResult | None:
        """Stop the timer and report the speed; a time too short to be a reading stops
        nothing and asks the student whether they read it all (returns None)."""
        if not self.timer.running:
            return None
        if implausible_reading(self.timer.words, self.timer.elapsed()):
            self._ask_too_fast()
            return None
        result = self.timer.finish()
        self.last_result = result
        self.start_button.disabled = False
        self.finish_button.disabled = True
        minutes, secs = divmod(int(round(result.seconds)), 60)
        self.timer_status.value = (
            f"<span class='vs-wpm'>{result.words} words in {minutes}:{secs:02d} — "
            f"<b class='vs-wpm-value'>{result.wpm:.0f}</b> words per minute</span>")
        for cb in self._callbacks:
            cb(result.level, result.words, result.seconds, result.wpm)
        return result

    def keep_reading(self) -> None:
        """The student had not finished: hide the question, the timer runs on."""
        self.too_fast.layout.display = "none"
        self.finish_button.disabled = not self.timer.running
        if self.timer.running:
            self.timer_status.value = "<span class='vs-timer-running'>Reading…</span>"

    def skimmed(self) -> None:
        """The student skimmed: no reading is stored; they may time a real reading later."""
        self.timer.cancel()
        self.too_fast.layout.display = "none"
        self.start_button.disabled = False
        self.finish_button.disabled = True
        self.timer_status.value = ("<span class='vs-timer-skimmed'>Not counted: skimming is "
                                   "fine, but it is not a reading speed. Press <b>Start "
                                   "reading</b> to time a careful reading.</span>")

    def _ask_too_fast(self) -> None:
        seconds = self.timer.elapsed()
        self.finish_button.disabled = True
        took = f"{seconds:.1f}" if seconds < 10 else f"{seconds:.0f}"
        self.too_fast_question.value = (
            "<p class='vs-too-fast-text' style='background:#fff4d6;border-left:6px solid #b7791f;"
            "padding:6px 10px;margin:4px 0'><b>That was very fast — did you read it all?</b> "
            f"{self.timer.words} words in {took} seconds is quicker than anyone reads "
            "carefully. The timer is still running.</p>")
        self.too_fast.layout.display = None

    @property
    def text(self) -> str:
        return self.versions[self.level].text

    # -- internals --------------------------------------------------------------------------
    def _refresh(self) -> None:
        v = self.versions[self.level]
        self.changes.value = changes_html(v)
        self.gloss.value = ""
        self.start_button.disabled = self.timer.running
        self.finish_button.disabled = not self.timer.running
        # Word index -> gloss, through the tokens' character offsets.
        by_start = {g.start: g for g in v.glosses}
        starts = [t.start for s in v.sentences for t in s.words]
        self._glosses: dict[int, Gloss] = {i: by_start[a] for i, a in enumerate(starts)
                                           if a in by_start}

    def _word_clicked(self, word: ReaderWord) -> None:
        g = self._glosses.get(word.index)
        if g:
            self.gloss.value = f"<p><b>{escape(g.word)}</b>: {escape(g.gloss)}</p>"
        else:
            self.gloss.value = ""


__all__ = ["LeveledReader", "ReadingTimer", "changes_html", "missing_html"]
