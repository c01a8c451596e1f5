"""Review one exercise item: edit its prompt, answer, options and explanation, or drop it.

Why a check on every edit: a teacher's typo can make a key wrong or an item ambiguous, which
is worse than no item. An edit is kept only when `toolkit.exercises.validity.problems` finds
nothing; otherwise the item stays as it was and the reason is shown.

Why the explanation is rebuilt: it is the one derived text an item carries (the student's
feedback, the worksheet key, GIFT/Moodle feedback and the Anki back all print it), and a
generator's explanation quotes the key, the definitions or a distractor. When an edit changes
what it quotes, `rebuild_explanation` writes it again from the edited item; an explanation the
teacher typed is kept, unless it still names an option or answer the edit removed.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Callable

import re

import ipywidgets as w

from toolkit.model.items import GAP, MATCHING_TYPES, TYPED_TYPES, Item, type_name

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _answers(item: Item) -> list[str]:
    return list(item.answer) if isinstance(item.answer, list) else [item.answer]


def _full_stop(text: str) -> str:
    return text if re.search(r"[.!?…”\"']$", text) else text + "."


def explain(item: Item) -> str:
    """An explanation written from the item's own fields (what a generator would say)."""
    return _full_stop(_explain(item))


def _explain(item: Item) -> str:
    key, src = _answers(item), item.source
    quote = f" The text: “{src}”" if src else ""
    if item.type == "matching":
        return "; ".join(f"{s}: {a}" for s, a in zip(item.stems, key))
    if item.type == "cloze-bank":
        filled = item.prompt
        for i, a in enumerate(key):
            filled = filled.replace(f"({i + 1}) {GAP}", a, 1)
        return "The paragraph as written: " + filled
    if item.type in ("tf", "tfng"):
        if item.answer == "True":
            return f"True: the text says “{src}”" if src else "True."
        why = "the text does not say this" if item.answer == "Not given" else \
            "the statement does not match the text"
        return f"{item.answer}: {why}.{quote}"
    if item.type == "mcq":
        wrong = next((o for o in item.options if o not in key), "")
        in_text = src and re.search(rf"\b{re.escape(key[0])}\b", src, re.I)
        return (f"“{key[0]}” {'is the word in the article' if in_text else 'fits the gap'}."
                + (f" “{wrong}” does not fit here." if wrong else ""))
    if item.type == "vocab-in-context":
        return f"“{key[0]}” in: {src}" if src else f"The word is “{key[0]}”."
    if item.type == "pos":
        return f"“{item.target}” is a {key[0]} here." if item.target else f"Answer: {key[0]}."
    if item.type in ("cloze", "wh") and src:
        return f"The article says: “{src}”"
    return f"Answer: {_full_stop('; '.join(key))}{quote}"


def removed_words(old: Item, new: Item) -> list[str]:
    """Options and answers the edit took out (and the article does not contain)."""
    before = [*old.options, *_answers(old), *old.stems]
    after = {*new.options, *_answers(new), *new.stems}
    return [x for x in dict.fromkeys(before)
            if x.strip() and x not in after and x.lower() not in new.source.lower()]


def names_removed(explanation: str, removed: list[str], source: str = "") -> list[str]:
    """The removed words an explanation still names (its quote of the article aside)."""
    text = explanation.replace(source, " ") if source else explanation
    return [x for x in removed
            if re.search(rf"(?<!\w){re.escape(x)}(?!\w)", text, re.I)]


def rebuild_explanation(old: Item, new: Item) -> str:
    """The explanation the edited item should carry.

    Kept when the edit left alone everything it depends on (the key, the options, the stems
    and, for statements, the prompt); otherwise written again by `explain`.
    """
    same = (_answers(old) == _answers(new) and sorted(old.options) == sorted(new.options)
            and old.stems == new.stems
            and (old.prompt == new.prompt or old.type not in ("tf", "tfng")))
    if same and not names_removed(old.explanation, removed_words(old, new), new.source):
        return old.explanation
    return explain(new)


def edited_item(item: Item, prompt: str, answer: str, options: str,
                explanation: str | None = None) -> Item:
    """The item with the teacher's text; options (and matching answers) one per line.

    `explanation` is what the teacher typed in the explanation box: left as it was (or None),
    the explanation is rebuilt when the edit changed what it quotes; emptied, it is rebuilt;
    changed, the teacher's text is kept. The id is recomputed from the new content, so Anki
    and Moodle see a changed item.
    """
    new_answer: str | list[str] = _lines(answer) if item.type in MATCHING_TYPES else answer.strip()
    new = replace(item, prompt=prompt.strip(), answer=new_answer, options=_lines(options), id="")
    typed = (explanation or "").strip()
    if explanation is not None and typed and typed != item.explanation.strip():
        new.explanation = typed  # the teacher's own words
    elif explanation is not None and not typed:
        new.explanation = explain(new)  # emptied on purpose: write it again
    else:
        new.explanation = rebuild_explanation(item, new)
    return new


def explanation_problem(old: Item, new: Item) -> str | None:
    """Why an explanation the teacher typed cannot go with the edited item, or None."""
    named = names_removed(new.explanation, removed_words(old, new), new.source)
    if named:
        return (f"the explanation still names {', '.join(f'“{x}”' for x in named)}, which the "
                "edit removed: change the explanation, or empty it to have it rebuilt")
    return None


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
        self.explanation = w.Textarea(value=item.explanation, description="Explanation",
                                      placeholder="empty: rebuilt from the item",
                                      layout=w.Layout(width="95%", height="4em"))
        self.explanation.add_class("vs-item-explanation")
        if item.type in TYPED_TYPES and not item.options:
            self.options.layout.display = "none"  # a typed answer has no options to edit
        self.save_button = w.Button(description="Save edit")
        self.save_button.add_class("vs-item-save")
        self.save_button.on_click(lambda _b: self.save())
        self.undo_button = w.Button(description="Undo edit")
        self.undo_button.add_class("vs-item-undo")
        self.undo_button.on_click(lambda _b: self.undo())
        self.drop_button = w.Button(description="Drop item", button_style="warning")
        self.drop_button.add_class("vs-item-drop")
        self.drop_button.on_click(lambda _b: self.drop())
        self.status = w.HTML()
        self.status.add_class("vs-item-status")
        self._on_drop = on_drop
        self._on_save = on_save
        self._number = number
        self._show_header()
        super().__init__([self.header, self.prompt, self.answer, self.options, self.explanation,
                          w.HBox([self.save_button, self.undo_button, self.drop_button]),
                          self.status])
        self.add_class("vs-item-editor")

    def _show_header(self) -> None:
        it = self.item
        target = f" · target <b>{escape(it.target)}</b>" if it.target else ""
        self.header.value = (f"<b>{self._number}. {escape(type_name(it.type))}</b> "
                             f"<code>{escape(it.id)}</code>{target}"
                             + (f"<br><small>from: {escape(it.source)}</small>" if it.source else ""))

    def save(self) -> bool:
        """Keep the edit when it passes every validity check; say why when it does not."""
        from toolkit.exercises.validity import problems

        candidate = edited_item(self.item, self.prompt.value, self.answer.value,
                                self.options.value, self.explanation.value)
        found = problems(candidate, self.source)
        own = explanation_problem(self.item, candidate)
        if own:
            found.append(own)
        if found:
            self.status.value = (
                "<span class='vs-item-rejected'>Not saved: "
                f"{escape('; '.join(found))}. The lesson keeps the previous version of this "
                "item; your text is still in the boxes to fix (or press Undo edit).</span>")
            return False
        rebuilt = candidate.explanation != self.item.explanation
        self.item = candidate
        self.explanation.value = candidate.explanation
        self._show_header()
        self.status.value = ("<span class='vs-item-saved'>Saved: the edited item passes the checks"
                             + ("; its explanation now reads: " + escape(candidate.explanation)
                                if rebuilt else "") + ".</span>")
        if self._on_save:
            self._on_save(self)
        return True

    def undo(self) -> None:
        """Put the saved item back into the boxes."""
        it = self.item
        self.prompt.value = it.prompt
        self.answer.value = "\n".join(it.answer) if isinstance(it.answer, list) else it.answer
        self.options.value = "\n".join(it.options)
        self.explanation.value = it.explanation
        self.status.value = "<span class='vs-item-saved'>The boxes show the saved item.</span>"

    def drop(self) -> None:
        self.dropped = True
        self._on_drop(self)
