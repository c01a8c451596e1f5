"""The teacher's live class dashboard: re-queries the store every few seconds.

Why a thread: a notebook cell returns at once and the widgets keep updating while the
lesson runs, without re-running cells. ipywidgets sends the new values to the browser
from any thread. `stop()` ends the loop (the thread is a daemon, so a kernel shutdown
never hangs on it). This is a teacher's kernel, so pandas is fine here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit.learning import analytics, optimise
from toolkit.learning.events import utc_now
from toolkit.learning.identity import clean_class_code
from toolkit.learning.store import Store
from toolkit.model.items import type_name
from toolkit.model.pack import LessonPackError, load_pack
from toolkit.student.charts import histogram

if TYPE_CHECKING:
    import pandas as pd

CLASS_COLUMNS = ["name", "has_read", "articles_read", "last_wpm", "mean_wpm", "quiz_answers",
                 "quiz_accuracy", "words", "due", "reviews", "streak"]

log = logging.getLogger(__name__)


def item_prompts(lessons_dir: str | Path | None) -> dict[str, str]:
    """Item id -> its prompt (shortened), from the lesson packs in a folder.

    Why: the store records answers by item id (a content hash), which means nothing to a
    teacher; the packs say what each item asked.
    """
    out: dict[str, str] = {}
    folder = Path(lessons_dir) if lessons_dir else None
    if folder is None or not folder.is_dir():
        return out
    for f in sorted(folder.glob("*.lesson.json")):
        try:
            pack = load_pack(f)
        except LessonPackError as exc:
            log.warning("dashboard: %s", exc)
            continue
        for item in pack.exercises:
            text = " ".join(item.prompt.split())
            out[item.id] = text if len(text) <= 80 else text[:77] + "..."
    return out


def named_items(items: pd.DataFrame, prompts: dict[str, str]) -> pd.DataFrame:
    """The hardest-items table with each item's question and plain type name first."""
    if items.empty or "item" not in items:
        return items
    out = items.copy()
    out.insert(0, "question", [prompts.get(i, i) for i in out["item"]])
    if "type" in out:
        out["type"] = [type_name(t) for t in out["type"]]
    return out.drop(columns=["item"])


def table_html(df: pd.DataFrame, css: str, empty: str) -> str:
    if df.empty:
        return f"<p class='{css}'>{escape(empty)}</p>"
    return df.to_html(index=False, escape=True, classes=css, na_rep="–", float_format="{:.2f}".format,
                      border=0)


class ClassDashboard(w.VBox):
    """Class table, WPM distribution, hardest items, most looked-up words, CSV export."""

    def __init__(self, store: Store, class_code: str, *, interval: float = 5.0,
                 now: Callable[[], datetime] = utc_now, export_dir: str | Path = "exports",
                 auto_fit: bool = True, lessons_dir: str | Path | None = "../lessons") -> None:
        self.store = store
        self.auto_fit = auto_fit  # the live loop refits FSRS parameters when enough is new
        self.class_code = clean_class_code(class_code)
        self.interval = interval
        self.now = now
        self.export_dir = Path(export_dir)
        self.lessons_dir = lessons_dir
        self._prompts: dict[str, str] | None = None
        self._seen_ids: set[str] = set()
        self.refreshes = 0
        self.report: dict[str, pd.DataFrame] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._fitting = threading.Lock()  # one fit at a time (the loop's or the button's)

        self.status = w.HTML()
        self.status.add_class("vs-dash-status")
        self.table = w.HTML()
        self.table.add_class("vs-dash-class")
        self.wpm = w.HTML()
        self.wpm.add_class("vs-dash-wpm")
        self.items = w.HTML()
        self.items.add_class("vs-dash-items")
        self.looked_up = w.HTML()
        self.looked_up.add_class("vs-dash-looked-up")
        self.sense_choices = w.HTML()  # issue 14: "Which meaning fits here?" answers
        self.sense_choices.add_class("vs-dash-sense-choices")
        self.export_button = w.Button(description="Export CSV")
        self.export_button.add_class("vs-dash-export")
        self.export_button.on_click(lambda _b: self.export())
        self.live = w.ToggleButton(value=False, description="Live")
        self.live.add_class("vs-dash-live")
        self.live.observe(lambda c: self.start() if c["new"] else self.stop(), names="value")
        self.fit_button = w.Button(description="Fit FSRS parameters")
        self.fit_button.add_class("vs-dash-fit")
        self.fit_button.on_click(lambda _b: self.fit_parameters())
        self.message = w.HTML()
        self.message.add_class("vs-dash-message")
        self.fits = w.HTML()
        self.fits.add_class("vs-dash-fits")
        side = w.HBox([self.wpm, self.looked_up])
        super().__init__([w.HTML(f"<h2>Class {escape(self.class_code)}</h2>"), self.status,
                          w.HBox([self.live, self.export_button, self.fit_button]), self.message,
                          self.table, self.fits, side, self.items, self.sense_choices])
        self.add_class("vs-dashboard")
        self.refresh()

    # --- one refresh -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-query everything and redraw; errors show in the status line, never raise."""
        with self._lock:
            try:
                report = analytics.class_report(self.store, self.class_code, self.now())
            except Exception as exc:  # a live view must survive a locked or broken store
                log.warning("class dashboard %s: refresh failed", self.class_code, exc_info=True)
                self.status.value = f"<p class='vs-error'>Not updated: {escape(str(exc))}</p>"
                return
            self.report = report
            self.refreshes += 1
            cls = report["class"]
            n, read = len(cls), int(cls["has_read"].sum()) if len(cls) else 0
            self.status.value = (f"<p>Updated {self.now():%H:%M:%S} UTC · <span class='vs-dash-n'>"
                                 f"{n}</span> students · {read} have read"
                                 f"{' · live' if self.running else ''}</p>")
            self.table.value = "<h3>Class</h3>" + table_html(
                cls[CLASS_COLUMNS] if n else cls, "vs-table vs-class-table", "No students yet.")
            self.wpm.value = "<h3>Reading speed</h3>" + histogram(
                cls["last_wpm"].dropna().tolist() if n else [], title="WPM distribution",
                x_label="words per minute (latest read)", css="vs-wpm-histogram",
                empty="Nobody has finished reading yet.")
            ids = set(report["items"].get("item", []))
            if self._prompts is None or ids - self._seen_ids:
                self._prompts = item_prompts(self.lessons_dir)  # a new lesson: read again
                self._seen_ids |= ids
            items = named_items(report["items"].head(10), self._prompts)
            self.items.value = ("<h3>Hardest items</h3><p>p = share correct (first attempts); "
                                "discrimination near 0 or below: check the item.</p>" + table_html(
                                    items, "vs-table vs-items-table", "No quiz answers yet."))
            self.looked_up.value = "<h3>Most looked-up words</h3>" + table_html(
                report["looked_up"].head(15), "vs-table vs-looked-up-table", "No look-ups yet.")
            self.fits.value = fits_html(self.store, self.class_code)
            self.sense_choices.value = (
                "<h3>Meanings students chose</h3><p>Where a word card was unsure it asked "
                "\"Which meaning fits here?\"; build_first_guess False: the class disagreed "
                "with the card (fix it in the console).</p>" + table_html(
                    report["sense_choices"], "vs-table vs-sense-choices-table",
                    "No meanings chosen yet."))

    # --- live updates ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Refresh every `interval` seconds in a background thread until `stop()`."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="vs-dashboard", daemon=True)
        self._thread.start()
        if not self.live.value:
            self.live.value = True

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            if self.auto_fit:
                self.fit_if_due()
            self.refresh()

    def fit_if_due(self) -> list[optimise.Fit] | None:
        """Refit the class on this (teacher's) thread once it has enough new reviews
        (`optimise.auto_refresh`); student pages pick the new parameters up when they open,
        or before a review once theirs are `PARAMETERS_TTL` old."""
        if not self._fitting.acquire(blocking=False):
            return None  # the button's fit is running
        try:
            fits = optimise.auto_refresh(self.store, self.class_code, self.now())
        except Exception as exc:  # like a refresh: report, keep the loop alive
            self.message.value = f"<p class='vs-error'>Fit failed: {escape(str(exc))}</p>"
            return None
        finally:
            self._fitting.release()
        if fits:
            self._report_fits(fits, "Fitted on its own")
        return fits

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None
        if self.live.value:
            self.live.value = False

    # --- actions -----------------------------------------------------------------------------
    def export(self) -> list[Path]:
        """Write every table as CSV into `export_dir`, named by class and time."""
        self.refresh()
        stamp = f"{self.class_code}-{self.now():%Y%m%d-%H%M%S}-"
        paths = analytics.export_csv(self.report, self.export_dir, prefix=stamp)
        self.message.value = "<p>Exported: " + ", ".join(
            f"<code>{escape(str(p))}</code>" for p in paths) + "</p>"
        return paths

    def fit_parameters(self) -> list[optimise.Fit]:
        """Fit the class's pooled FSRS parameters (and students' own, when they have enough)."""
        with self._fitting:
            fits = optimise.refresh_parameters(self.store, self.class_code, self.now())
        self._report_fits(fits, "Fitted")
        self.refresh()
        return fits

    def _report_fits(self, fits: list[optimise.Fit], what: str) -> None:
        self.message.value = f"<p>{escape(what)} at {self.now():%H:%M:%S} UTC:</p><ul>" + "".join(
            f"<li>{escape(f.scope)}: {escape(f.reason)} ({f.n_reviews} reviews)</li>"
            for f in fits) + "</ul>"


def fits_html(store: Store, class_code: str) -> str:
    """The FSRS parameters in use per student, and what each fit bought on held-out reviews."""
    df = analytics.fit_summary(store, class_code)
    shown = df[["name", "reviews", "in_use", "fit_reviews", "held_out", "log_loss_before",
                "log_loss_after"]].rename(columns={
                    "in_use": "parameters", "fit_reviews": "fitted on", "held_out": "held out",
                    "log_loss_before": "log loss, defaults", "log_loss_after": "log loss, fit"})
    shown = shown.astype({"fitted on": "Int64", "held out": "Int64"})
    for col in ("log loss, defaults", "log loss, fit"):
        shown[col] = shown[col].map(lambda v: "–" if v is None or v != v else f"{v:.3f}")
    note = (f"<p>Own fit from {optimise.STUDENT_MIN_REVIEWS} reviews, the class's from "
            f"{optimise.CLASS_MIN_REVIEWS}; refitted on its own after "
            f"{optimise.AUTO_NEW_REVIEWS} new reviews while Live. Log loss on the latest "
            "reviews, held out of the fit (lower is better).</p>")
    return "<h3>Forgetting-curve fits</h3>" + note + table_html(
        shown, "vs-table vs-fits-table", "No students yet.")
