""""My words": the student's own vocabulary book as a list, with remove and Anki export.

Each word shows its short meaning, translation, when it is next due (in words, in the class's
time zone) and how well it is known (from FSRS, see `toolkit.learning.wordlist`). The list is
one HTML widget, not a row of widgets per word, so a 300-word book costs the browser one
model. Removing asks first. The export is an Anki package built only when asked (genanki is
imported on that click, never when the page opens) and handed over as a download link.
Light: no language tools, no pandas.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Callable
from datetime import tzinfo
from html import escape
from pathlib import Path

import ipywidgets as w

from toolkit.learning.store import StoreError
from toolkit.learning.vocab import VocabBook
from toolkit.learning.when import due_in_words, local_date_time
from toolkit.learning.wordlist import WordRow, short, word_rows
from toolkit.learning.exchange import export_apkg
from toolkit.learning.progress import class_zone

CHOOSE = "— choose a word —"
STRENGTH_COLOURS = {"new": "#5b6470", "learning": "#8a5a00", "shaky": "#b3261e",
                    "getting there": "#8a5a00", "known": "#1e7b34", "well known": "#14532d"}


def rows_html(rows: list[WordRow], book: VocabBook, zone: tzinfo) -> str:
    """The list as HTML (every string escaped): one block per word, readable at 360 px."""
    if not rows:
        return ("<p class='vs-mywords-empty'>No words yet. Click a word while you read, then "
                "<b>Add to my words</b>.</p>")
    now = book.now()
    items = []
    for r in rows:
        meaning = escape(short(r.meaning)) if r.meaning else ""
        translation = (f"<span class='vs-mywords-translation'>{escape(r.translation)}</span>"
                       if r.translation else "")
        sep = " · " if meaning and translation else ""
        due = (f"<span class='vs-mywords-due' title='{escape(local_date_time(r.next_due, zone))}'>"
               f"next review {escape(due_in_words(r.next_due, now, zone))}</span>"
               if r.next_due else "")
        recall = f", recall {r.recall:.0%}" if r.recall is not None else ""
        colour = STRENGTH_COLOURS.get(r.strength, "#333")
        items.append(
            f"<li class='vs-mywords-word' data-lemma='{escape(r.lemma)}' "
            f"style='padding:6px 0;border-bottom:1px solid #ddd;list-style:none'>"
            f"<b class='vs-mywords-lemma'>{escape(r.lemma)}</b> "
            f"<span class='vs-mywords-strength' style='color:{colour};font-weight:600'>"
            f"{escape(r.strength)}{recall}</span><br>"
            f"<span class='vs-mywords-meaning'>{meaning}</span>{sep}{translation}<br>"
            f"<small>{due}</small></li>")
    return f"<ul class='vs-mywords-list' style='padding:0;margin:0'>{''.join(items)}</ul>"


class MyWordsWidget(w.VBox):
    """The list, a remove control with a confirmation, and "Download my Anki deck".

    `on_change` callbacks run after a word is removed (e.g. to refresh review and progress).
    """

    def __init__(self, book: VocabBook, zone: tzinfo | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        self.book = book
        self.zone = zone or class_zone()
        self.callbacks: list[Callable[[], None]] = [on_change] if on_change else []
        self.rows: list[WordRow] = []
        self.title = w.HTML()
        self.title.add_class("vs-mywords-title")
        self.listing = w.HTML()
        self.listing.add_class("vs-mywords")
        self.remove_choice = w.Dropdown(options=[CHOOSE], value=CHOOSE,
                                        layout=w.Layout(width="100%", max_width="24em"))
        self.remove_choice.add_class("vs-mywords-remove-choice")
        self.remove_button = w.Button(description="Remove…", disabled=True,
                                      tooltip="Take the chosen word out of your book")
        self.remove_button.add_class("vs-mywords-remove")
        self.confirm_text = w.HTML()
        self.confirm_text.add_class("vs-mywords-confirm-text")
        self.confirm_yes = w.Button(description="Yes, remove it", button_style="danger")
        self.confirm_yes.add_class("vs-mywords-confirm-yes")
        self.confirm_no = w.Button(description="Keep it")
        self.confirm_no.add_class("vs-mywords-confirm-no")
        self.confirm = w.VBox([self.confirm_text, w.HBox([self.confirm_yes, self.confirm_no])],
                              layout=w.Layout(display="none"))
        self.confirm.add_class("vs-mywords-confirm")
        self.export_button = w.Button(description="Download my Anki deck",
                                      tooltip="An .apkg file that Anki opens")
        self.export_button.add_class("vs-mywords-export")
        self.export_link = w.HTML()
        self.export_link.add_class("vs-mywords-export-link")
        self.status = w.HTML()
        self.status.add_class("vs-mywords-status")
        self.remove_choice.observe(lambda _c: self._choice_changed(), names="value")
        self.remove_button.on_click(lambda _b: self.ask_remove())
        self.confirm_yes.on_click(lambda _b: self.remove())
        self.confirm_no.on_click(lambda _b: self.cancel_remove())
        self.export_button.on_click(lambda _b: self.export())
        remove_row = w.Box([self.remove_choice, self.remove_button],
                           layout=w.Layout(display="flex", flex_flow="row wrap",
                                           align_items="center"))
        remove_row.add_class("vs-mywords-remove-row")
        self.tools = w.VBox([w.HTML("<h4>Remove a word</h4>"), remove_row, self.confirm,
                             w.HTML("<h4>Take your words to Anki</h4>"), self.export_button,
                             self.export_link])
        self.tools.add_class("vs-mywords-tools")
        super().__init__([self.title, self.listing, self.tools, self.status])
        self.add_class("vs-mywords-widget")
        self.refresh()

    def refresh(self, *_: object) -> None:
        """Read the book again (after an add, a review or a removal)."""
        try:
            self.rows = word_rows(self.book)
        except StoreError as exc:
            self.status.value = f"<p class='vs-error'>Could not read your words: {escape(str(exc))}</p>"
            return
        n = len(self.rows)
        self.title.value = (f"<h3>My words <span class='vs-mywords-count'>({n})</span></h3>")
        self.listing.value = rows_html(self.rows, self.book, self.zone)
        chosen = self.remove_choice.value
        lemmas = sorted((r.lemma for r in self.rows), key=str.casefold)
        self.remove_choice.options = [CHOOSE, *lemmas]
        self.remove_choice.value = chosen if chosen in lemmas else CHOOSE
        self._choice_changed()
        self.export_button.disabled = n == 0
        self.tools.layout.display = "none" if n == 0 else None  # an empty book: nothing to do

    def _choice_changed(self) -> None:
        self.remove_button.disabled = self.remove_choice.value == CHOOSE
        self.confirm.layout.display = "none"

    def ask_remove(self, lemma: str | None = None) -> None:
        """Show the confirmation for the chosen word (nothing is removed yet)."""
        if lemma is not None:
            self.remove_choice.value = lemma
        if self.remove_choice.value == CHOOSE:
            return
        self.confirm_text.value = (
            f"<p><b>Remove “{escape(self.remove_choice.value)}” from your words?</b> "
            "Its reviews go too; you can add it again from a lesson.</p>")
        self.confirm.layout.display = None
        self.remove_button.disabled = True

    def cancel_remove(self) -> None:
        self.confirm.layout.display = "none"
        self.remove_button.disabled = self.remove_choice.value == CHOOSE

    def remove(self) -> bool:
        """Remove the confirmed word; True when it was removed."""
        lemma = self.remove_choice.value
        if lemma == CHOOSE or self.confirm.layout.display == "none":
            return False
        try:
            removed = self.book.remove_word(lemma)
        except StoreError as exc:
            self.status.value = f"<p class='vs-error'>Not removed: {escape(str(exc))}</p>"
            return False
        self.confirm.layout.display = "none"
        self.remove_choice.value = CHOOSE
        self.status.value = (f"<p class='vs-mywords-removed'>Removed “{escape(lemma)}”.</p>"
                             if removed else f"<p>“{escape(lemma)}” was not in your book.</p>")
        self.refresh()
        for callback in self.callbacks:
            callback()
        return removed

    def export(self) -> bytes:
        """Build the Anki package and offer it as a download link; returns its bytes."""
        with tempfile.TemporaryDirectory(prefix="vs-anki-") as tmp:
            path = Path(tmp) / "my-words.apkg"
            try:
                n = export_apkg(self.book, path)
            except (StoreError, OSError) as exc:
                self.status.value = f"<p class='vs-error'>No deck: {escape(str(exc))}</p>"
                return b""
            data = path.read_bytes()
        name = f"vocabsphere-{_file_stem(self.book.who.name)}.apkg"
        href = "data:application/octet-stream;base64," + base64.b64encode(data).decode("ascii")
        self.export_link.value = (
            f"<p><a class='vs-mywords-download' download='{escape(name)}' href='{href}' "
            f"style='display:inline-block;min-height:44px;line-height:44px'>Save {escape(name)}</a>"
            f" ({n} words, {len(data) / 1024:.0f} KB). Open it with Anki: "
            "File → Import.</p>")
        return data


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return "-".join(p for p in stem.split("-") if p)[:40] or "my-words"


__all__ = ["MyWordsWidget", "rows_html"]
