"""Review one exercise item: edit its prompt, answer and options, or drop it.

Why a check on every edit: a teacher's typo can make a key wrong or an item ambiguous, which
is worse than no item. An edit is kept only when `toolkit.exercises.validity.problems` finds
nothing; otherwise the item stays as it was and the reason is shown.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Callable

import ipywidgets as w

from toolkit.model.items import MATCHING_TYPES, TYPED_TYPES, Item

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def edited_item(item: Item, prompt: str, answer: str, options: str) -> Item:
    """The item with the teacher's text; options (and matching answers) one per line.

    The id is recomputed from the new content, so Anki and Moodle see a changed item.
    """
    new_answer: str | list[str] = _lines(answer) if item.type in MATCHING_TYPES else answer.strip()
    return replace(item, prompt=prompt.strip(), answer=new_answer, options=_lines(options), id="")


class ItemEditor(w.VBox):
    """Prompt / answer / options fields with Save and Drop for one item."""

    def __init__(self, item: Item, number: int, source: Source | None,
                 on_drop: Callable[[ItemEditor], None],
                 on_save: Callable[[ItemEditor], None] | None = None) -> None:
        self.item = item
        self.source = source
        self.dropped = False
        multi = item.type in MATCHING_TYPES
        self.header = w.HTML()
        self.header.add_class("vs-item-header")
        self.prompt = w.Textarea(value=item.prompt, description="Prompt",
                                 layout=w.Layout(width="95%", height="4em"))
        self.prompt.add_class("vs-item-prompt")
        answer = "\n".join(item.answer) if isinstance(item.answer, list) else item.answer
        self.answer = (w.Textarea(value=answer, description="Answers",
                                  layout=w.Layout(width="95%", height="5em")) if multi else
                       w.Text(value=answer, description="Answer", layout=w.Layout(width="95%")))
        self.answer.add_class("vs-item-answer")
        self.options = w.Textarea(value="\n".join(item.options), description="Options",
                                  placeholder="one option per line",
                                  layout=w.Layout(width="95%", height="5em"))
        self.options.add_class("vs-item-options")
        if item.type in TYPED_TYPES and not item.options:
            self.options.layout.display = "none"  # a typed answer has no options to edit
        self.save_button = w.Button(description="Save edit")
        self.save_button.add_class("vs-item-save")
        self.save_button.on_click(lambda _b: self.save())
        self.drop_button = w.Button(description="Drop item", button_style="warning")
        self.drop_button.add_class("vs-item-drop")
        self.drop_button.on_click(lambda _b: self.drop())
        self.status = w.HTML()
        self.status.add_class("vs-item-status")
        self._on_drop = on_drop
        self._on_save = on_save
        self._number = number
        self._show_header()
        super().__init__([self.header, self.prompt, self.answer, self.options,
                          w.HBox([self.save_button, self.drop_button]), self.status])
        self.add_class("vs-item-editor")

    def _show_header(self) -> None:
        it = self.item
        target = f" · target <b>{escape(it.target)}</b>" if it.target else ""
        self.header.value = (f"<b>{self._number}. {escape(it.type)}</b> "
                             f"<code>{escape(it.id)}</code>{target}"
                             + (f"<br><small>from: {escape(it.source)}</small>" if it.source else ""))

    def save(self) -> bool:
        """Keep the edit when it passes every validity check; say why when it does not."""
        from toolkit.exercises.validity import problems

        candidate = edited_item(self.item, self.prompt.value, self.answer.value,
                                self.options.value)
        found = problems(candidate, self.source)
        if found:
            self.status.value = ("<span class='vs-item-rejected'>Not saved: "
                                 f"{escape('; '.join(found))}. The item is unchanged.</span>")
            return False
        self.item = candidate
        self._show_header()
        self.status.value = "<span class='vs-item-saved'>Saved: the edited item passes the checks.</span>"
        if self._on_save:
            self._on_save(self)
        return True

    def drop(self) -> None:
        self.dropped = True
        self._on_drop(self)
