"""Choosing target words: a searchable list of checkboxes, plus words the teacher types in.

Why not a multiple-select list: picking and dropping needed Ctrl-click in a small box, which
teachers did not find and which a touch screen cannot do. The picker keeps the `options` /
`value` interface of `ipywidgets.SelectMultiple`, so the console's steps read it the same way.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Callable, Sequence

import ipywidgets as w

# a word or a short phrase: letters, hyphens and apostrophes, up to four words
_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*( [A-Za-z][A-Za-z'’-]*){0,3}$")


class TargetPicker(w.VBox):
    """Checkboxes (all words shown, a search box filters them) and an Add box for new words."""

    def __init__(self, on_change: Callable[[], None] | None = None) -> None:
        self._options: list[tuple[str, str]] = []
        self._boxes: dict[str, w.Checkbox] = {}
        self._on_change = on_change
        self._quiet = False
        self.search = w.Text(placeholder="type to filter the list", description="Find",
                             continuous_update=True)
        self.search.add_class("vs-targets-search")
        self.search.observe(lambda _c: self._filter(), names="value")
        self.all_button = w.Button(description="Choose all")
        self.all_button.add_class("vs-targets-all")
        self.all_button.on_click(lambda _b: self._set_all(True))
        self.none_button = w.Button(description="Choose none")
        self.none_button.add_class("vs-targets-none")
        self.none_button.on_click(lambda _b: self._set_all(False))
        self.new_word = w.Text(placeholder="a word to teach, even one not in the article",
                               description="Add word")
        self.new_word.add_class("vs-targets-new")
        self.add_button = w.Button(description="Add")
        self.add_button.add_class("vs-targets-add")
        self.add_button.on_click(lambda _b: self.add(self.new_word.value))
        self.status = w.HTML()
        self.status.add_class("vs-targets-status")
        self.count = w.HTML()
        self.list = w.Box(layout=w.Layout(display="flex", flex_flow="row wrap",
                                          max_height="24em", overflow="auto"))
        self.list.add_class("vs-targets-list")
        super().__init__([w.HBox([self.search, self.all_button, self.none_button, self.count]),
                          w.HBox([self.new_word, self.add_button]), self.status, self.list])
        self.add_class("vs-teacher-targets")

    # the SelectMultiple interface -----------------------------------------------------------
    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return tuple(self._options)

    @options.setter
    def options(self, options: Sequence[tuple[str, str]]) -> None:
        chosen = set(self.value)
        self._options = list(dict((v, (label, v)) for label, v in options).values())
        self._boxes = {}
        for label, v in self._options:
            box = w.Checkbox(value=v in chosen, description=label, indent=False,
                             layout=w.Layout(width="auto", margin="0 12px 0 0"))
            box.add_class("vs-target-word")
            box.observe(lambda _c: self._changed(), names="value")
            self._boxes[v] = box
        self.list.children = tuple(self._boxes.values())
        self._filter()

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(v for _, v in self._options if self._boxes[v].value)

    @value.setter
    def value(self, values: Sequence[str]) -> None:
        wanted = set(values)
        unknown = wanted - set(self._boxes)
        if unknown:
            raise ValueError(f"not among the target words: {', '.join(sorted(unknown))}")
        self._quiet = True
        try:
            for v, box in self._boxes.items():
                box.value = v in wanted
        finally:
            self._quiet = False
        self._changed()

    # ---------------------------------------------------------------------------------------
    def add(self, word: str) -> bool:
        """Add a typed word (chosen at once); a bad one is refused with the reason."""
        word = " ".join(word.split())
        if not _WORD.match(word):
            self.status.value = ("<span class='vs-targets-refused'>Type a word or a short phrase "
                                 f"(letters only): {escape(word) or 'nothing typed'}.</span>")
            return False
        key = word.lower()
        existing = {v.lower(): v for _, v in self._options}
        if key in existing:
            self._boxes[existing[key]].value = True
            self.status.value = f"<span>{escape(existing[key])} is in the list: chosen.</span>"
        else:
            self.options = [*self._options, (f"{word} (typed in)", word)]
            self._boxes[word].value = True
            self.status.value = f"<span class='vs-targets-added'>Added {escape(word)}.</span>"
        self.new_word.value = ""
        return True

    @property
    def typed(self) -> list[str]:
        """The words the teacher typed in (their labels say so)."""
        return [v for label, v in self._options if label.endswith("(typed in)")]

    def _set_all(self, on: bool) -> None:
        shown = [v for v, b in self._boxes.items() if b.layout.display != "none"]
        self._quiet = True
        try:
            for v in shown:
                self._boxes[v].value = on
        finally:
            self._quiet = False
        self._changed()

    def _filter(self) -> None:
        q = self.search.value.strip().lower()
        for (label, v) in self._options:
            self._boxes[v].layout.display = None if q in label.lower() else "none"

    def _changed(self, *_: Any) -> None:
        if self._quiet:
            return
        self.count.value = f"<span class='vs-targets-count'>{len(self.value)} chosen</span>"
        if self._on_change:
            self._on_change()


__all__ = ["TargetPicker"]
