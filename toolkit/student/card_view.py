"""The word card a student sees after clicking a word, with "add to my words".

A thin view over `WordCard` records (built with the lesson and stored in its pack).
Every piece of card text passes through `html.escape`.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any, Callable

import ipywidgets as w

from toolkit.model.events import SenseChosen, WordAdded
from toolkit.model.wordcard import LANGUAGES, Translation, WordCard

_CSS = """<style>
.vs-word-card { border: 1px solid #d5dde8; border-radius: 8px; padding: 0.4em 0.9em;
  max-width: 46em; background: #fbfcfe; }
.vs-word-card .vs-card-head { font-size: 1.25em; }
.vs-word-card .vs-card-ipa { color: #555; margin-left: 0.5em; }
.vs-word-card .vs-card-meta { color: #666; font-size: 0.9em; }
.vs-word-card .vs-card-def { margin: 0.3em 0; }
.vs-word-card .vs-card-note { color: #8a6d3b; font-size: 0.85em; }
.vs-word-card .vs-card-tr { font-size: 1.1em; }
.vs-word-card .vs-word-card-controls { gap: 6px; align-items: center; }
.vs-word-card .vs-word-card-lang { width: auto; max-width: 100%; margin: 0; height: auto;
  min-height: 44px; align-items: center; }
.vs-word-card .vs-word-card-lang select { max-width: 12em; }
/* popover mode: the reader's script opens the card beside the clicked word and places it */
.vs-word-card.vs-card-popover { position: fixed; z-index: 1000; margin: 0; font-size: 16px;
  box-shadow: 0 6px 24px rgba(20, 40, 80, 0.28); box-sizing: border-box; overflow: hidden;
  max-width: calc(100vw - 16px); }
.vs-word-card.vs-card-popover:not(.vs-card-open) { display: none !important; }
.vs-word-card.vs-card-popover .vs-word-card-body { flex: 1 1 auto; min-height: 0;
  overflow-y: auto; }
.vs-word-card.vs-card-popover .vs-word-card-controls { flex: 0 0 auto; }
.vs-word-card.vs-card-popover .widget-html-content, .vs-word-card.vs-card-popover .widget-label,
.vs-word-card.vs-card-popover select, .vs-word-card.vs-card-popover button { font-size: 16px; }
.vs-word-card.vs-card-popover .vs-card-meta, .vs-word-card.vs-card-popover .vs-card-note {
  font-size: 14px; }
.vs-word-card.vs-card-pending .vs-word-card-body { opacity: 0.35; }
.vs-word-card.vs-card-pending .vs-word-card-controls,
.vs-word-card.vs-card-pending .vs-sense-choice { pointer-events: none; opacity: 0.5; }
.vs-word-card .vs-card-close { margin-left: auto; }
.vs-word-card .vs-sense-choice { gap: 4px; margin: 0.2em 0 0.4em; }
.vs-word-card .vs-sense-choice button { white-space: normal; height: auto; min-height: 44px;
  width: 100%; text-align: left; line-height: 1.3; padding: 6px 10px; }
.vs-word-card .vs-sense-choice .vs-sense-picked { font-weight: bold; }
</style>"""


def _list(label: str, items: list[str], cls: str) -> str:
    if not items:
        return ""
    return (f"<div class='{cls}'><b>{escape(label)}:</b> "
            f"{escape(', '.join(items))}</div>")


def translation_html(t: Translation | None, lang: str) -> str:
    name = escape(LANGUAGES.get(lang, lang))
    if t is None:
        return f"<div class='vs-card-tr vs-card-tr-missing'>{name}: not in this lesson.</div>"
    if not t.available:
        return (f"<div class='vs-card-tr vs-card-tr-missing'>{name}: not available "
                f"<span class='vs-card-note'>({escape(t.note)})</span></div>")
    return (f"<div class='vs-card-tr'>{name}: <b>{escape(t.text)}</b> "
            f"<span class='vs-card-note'>({escape(t.note)})</span></div>")


def gloss_html(card: WordCard) -> str:
    """The dictionary's full wording of the sense shown, one tap away (a closed <details>:
    the browser opens it, the kernel does nothing); nothing when it says the same."""
    sense = card.shown_sense
    if sense is None or not sense.definition or sense.definition == card.definition:
        return ""
    return ("<details class='vs-card-gloss'><summary>Full dictionary definition</summary>"
            f"<div>{escape(sense.definition)}</div></details>")


def card_html(card: WordCard, lang: str) -> str:
    """The card as HTML; every string from the card is escaped."""
    ipa = (f"<span class='vs-card-ipa'>/{escape(card.pronunciation.ipa)}/ · "
           f"{len(card.pronunciation.syllables)} syll.</span>" if card.pronunciation else "")
    level = f"level {card.cefr}" if card.cefr else "name, not levelled" if card.kind == "name" else ""
    meta = ", ".join(x for x in (card.pos, level, card.frequency_band) if x)
    parts = [f"<div class='vs-card-head'><b class='vs-card-headword'>{escape(card.headword)}</b>"
             f"{ipa}</div>",
             f"<div class='vs-card-meta'>{escape(meta)}</div>"]
    if card.definition:
        basis = (" <span class='vs-card-note'>(most common sense; the sentence does not "
                 "decide)</span>" if card.sense_basis == "frequency" and len(card.senses) > 1
                 else "")
        if card.fix is not None:
            basis = " <span class='vs-card-note vs-card-fixed'>(checked by your teacher)</span>"
        parts.append(f"<div class='vs-card-def'>{escape(card.definition)}{basis}</div>")
        parts.append(gloss_html(card))
    parts.append(translation_html(card.translations.get(lang), lang))
    parts.append(_list("Synonyms", card.synonyms, "vs-card-synonyms"))
    parts.append(_list("Opposite", card.antonyms, "vs-card-antonyms"))
    parts.append(_list("Word family", [f"{f.word} ({f.pos})" for f in card.family],
                       "vs-card-family"))
    parts.append(_list("Forms", [f"{k}: {v}" for k, v in card.inflections.items()],
                       "vs-card-forms"))
    if card.examples:
        items = "".join(f"<li>{escape(e)}</li>" for e in card.examples[-2:])
        parts.append(f"<ul class='vs-card-examples'>{items}</ul>")
    shown = card.shown_sense
    rest = [s for s in card.senses if s is not shown]
    if rest:
        others = "".join(f"<li>{escape(s.short)}</li>" for s in rest[:3])
        parts.append(f"<details><summary>Other meanings</summary><ol>{others}</ol></details>")
    for n in card.notes:
        parts.append(f"<div class='vs-card-note'>{escape(n)}</div>")
    return "".join(p for p in parts if p)


class WordCardView(w.VBox):
    """A compact card with a language chooser and an "add to my words" button.

    `on_add(callback)` registers a callback that receives a `WordAdded` on each click.
    """

    def __init__(self, lang: str = "zh", languages: dict[str, str] | None = None,
                 popover: bool = False) -> None:
        langs = languages or LANGUAGES
        self.body = w.HTML("<i>Click any word to see its card.</i>")
        self.body.add_class("vs-word-card-body")
        self.language = w.Dropdown(options=[(name, code) for code, name in langs.items()],
                                   value=lang if lang in langs else next(iter(langs)),
                                   description="My language:", layout=w.Layout(width="auto"),
                                   style={"description_width": "initial"})
        self.language.add_class("vs-word-card-lang")
        self.add_button = w.Button(description="Add to my words", disabled=True,
                                   button_style="success", layout=w.Layout(width="auto"))
        self.add_button.add_class("vs-add-word")
        controls = [self.language, self.add_button]
        if popover:  # closed in the browser (the reader's script); the kernel has nothing to do
            self.close_button = w.Button(description="Close", layout=w.Layout(width="auto"),
                                         tooltip="Close the card (Esc)")
            self.close_button.add_class("vs-card-close")
            controls.append(self.close_button)
        row = w.HBox(controls)
        row.add_class("vs-word-card-controls")
        self.status = w.HTML("")
        self.status.add_class("vs-word-card-status")
        # "Which meaning fits here?": filled only for a card the build was unsure about
        self.choice = w.VBox([])
        self.choice.add_class("vs-sense-choice")
        self.chosen: dict[str, str] = {}  # card key -> sense key the student picked
        self._choice_callbacks: list[Callable[[SenseChosen], None]] = []
        super().__init__([w.HTML(_CSS), self.body, self.choice, row, self.status])
        self.add_class("vs-word-card")
        if popover:
            self.add_class("vs-card-popover")
        self.card: WordCard | None = None
        self._callbacks: list[Callable[[WordAdded], None]] = []
        self.add_button.on_click(lambda _b: self._add())
        self.language.observe(lambda _c: self._draw(), names="value")

    @property
    def lang(self) -> str:
        return str(self.language.value)

    def show(self, card: WordCard) -> None:
        """Show a card."""
        self.card = card
        self.status.value = ""
        self.add_button.disabled = False
        self._draw()

    def on_add(self, callback: Callable[[WordAdded], None]) -> None:
        self._callbacks.append(callback)

    def on_choose(self, callback: Callable[[SenseChosen], None]) -> None:
        """`callback(SenseChosen)` after a student answers "Which meaning fits here?"."""
        self._choice_callbacks.append(callback)

    def shown(self) -> WordCard | None:
        """The card as drawn: with the student's chosen meaning when they picked one."""
        c = self.card
        if c is None:
            return None
        picked = self.chosen.get(c.key)
        sense = next((s for s in c.senses if s.key == picked), None)
        if sense is None or sense is c.senses[0]:
            return c
        return replace(c, definition=sense.short, senses=[sense] + [s for s in c.senses
                                                                    if s is not sense],
                       examples=[*sense.examples[:2], c.sentence] if c.sentence else
                       list(sense.examples[:2]))

    def choose(self, sense_key: str) -> SenseChosen | None:
        """Pick one of the offered meanings (what a tap on its button does)."""
        c = self.card
        if c is None or sense_key not in c.sense_choices:
            return None
        self.chosen[c.key] = sense_key
        sense = next(s for s in c.senses if s.key == sense_key)
        ev = SenseChosen(c.headword, c.text, c.sentence, c.key, sense_key,
                         list(c.sense_choices), sense.short)
        self._draw()
        for cb in self._choice_callbacks:
            cb(ev)
        return ev

    def _draw_choice(self) -> None:
        c = self.card
        if c is None or not c.unsure:
            self.choice.children = []
            return
        picked = self.chosen.get(c.key)
        ask = w.HTML("<b class='vs-sense-question'>Which meaning fits here?</b>"
                     if picked is None else
                     "<span class='vs-sense-thanks'>Thanks: the card shows the meaning you "
                     "chose; your teacher can see it.</span>")
        buttons = []
        for n, sense in enumerate(c.choice_senses(), start=1):
            b = w.Button(description=f"{n}. {sense.short}", layout=w.Layout(width="100%"),
                         tooltip=sense.definition)
            b.add_class("vs-sense-option")
            if sense.key == picked:
                b.add_class("vs-sense-picked")
                b.button_style = "info"
            b.on_click(lambda _b, key=sense.key: self.choose(key))
            buttons.append(b)
        self.choice.children = [ask, *buttons]

    def event(self) -> WordAdded | None:
        """What "add to my words" would send for the card shown now."""
        c = self.shown()
        if c is None:
            return None
        t = c.translations.get(self.lang)
        sense = c.shown_sense
        return WordAdded(c.headword, c.text, c.pos, c.sentence, c.definition,
                         sense.key if sense else "",
                         t.text if t is not None and t.available else "", self.lang)

    def _draw(self) -> None:
        card = self.shown()
        if card is not None:
            self.body.value = card_html(card, self.lang)
        self._draw_choice()

    def _add(self) -> None:
        ev = self.event()
        if ev is None:
            return
        # set first: a callback that knows better (the word was already there) replaces it
        self.status.value = f"Added <b>{escape(ev.lemma)}</b> to my words."
        for cb in self._callbacks:
            cb(ev)
