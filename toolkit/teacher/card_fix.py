"""The teacher corrects a word card once, before publishing.

`CardFixPanel` (in the console's "Target words" tab) shows the card a word of this lesson
will get, lists its meanings in learner words, and lets the teacher pick another meaning
or write the definition. Each fix is a `CardFix`; at publish `apply(pack)` stores it in every
card of that word (the card then shows the teacher's sense: its definition, synonyms,
examples and translations, with "checked by your teacher") and rewrites the exercises that
define the word (matching, "which word means ...?") so they say what the card says.

Language tools are imported inside the steps that need them: the console opens at once.
"""

from __future__ import annotations

import logging
import re
from html import escape
from typing import Any, Callable, Iterable, Sequence

import ipywidgets as w

from toolkit.errors import UserInputError
from toolkit.model.items import Item
from toolkit.model.pack import LessonPack
from toolkit.model.wordcard import CardFix, WordCard

log = logging.getLogger(__name__)
MAX_DEFINITION = 200  # characters: a definition, not an essay


class CardFixError(UserInputError):
    """A fix the panel cannot make; the message says what to do."""


def _card_for(word: str, sentences: Sequence[Any]) -> WordCard:
    """The card the lesson build gives `word` in its first sentence of the article."""
    from toolkit.language.wordcard import build_card

    low = word.strip().lower()
    for s in sentences:
        for t in s.tokens:
            if t.is_word and (t.text.lower() == low or t.lemma.lower() == low):
                return build_card(t.text, s)
    raise CardFixError(f"'{word.strip()}' is not in this lesson's article; type a word of "
                       "the article as it is written there")


def apply_fix(card: WordCard, fix: CardFix) -> WordCard:
    """`card` as the teacher fixed it: the chosen sense's definition, synonyms, opposites,
    examples and translations (the sense list and the card's key stay as built)."""
    from toolkit.language import senses as S
    from toolkit.language import wordcard as WC

    sense = next((s for s in card.senses if s.synset == fix.sense), None) if fix.sense else None
    stored = CardFix(fix.sense if sense else "", fix.definition,
                     fix.before or card.definition, fix.by)
    if sense is not None and sense is not card.shown_sense:
        synset = S.wordnet().synset(sense.synset)
        wn_pos = synset.pos().replace("s", "a")
        card.synonyms = list(WC._synonyms(sense.synset, card.headword, card.level))
        card.antonyms = list(WC._antonyms(sense.synset, card.headword))
        article = [e for e in card.examples if e == card.sentence]
        card.examples = [e[:1].upper() + e[1:] for e in synset.examples()[:2]] + article
        context = frozenset(S.content_stems(re.findall(r"[A-Za-z]+", card.sentence)))
        forms = tuple(dict.fromkeys([card.text.lower(), *card.inflections.values()]))
        card.translations = WC._translations(card.headword, wn_pos, list(card.translations),
                                             sense.synset, context, forms, confirmed=True)
    if sense is not None or fix.definition:
        card.definition = fix.definition or (sense.short if sense else card.definition)
        card.sense_basis = "teacher"
    card.fix = stored
    card.sense_choices = []  # the teacher has decided: the card no longer asks the student
    return card


def fix_items(items: Iterable[Item], defined: dict[str, tuple[str, str]]) -> list[str]:
    """Make the items that define a fixed word say what its card says, in place.

    `defined` maps a lemma to (definition, synset). Returns a note for each item left as it
    was because the new definition would give the answer away or repeat another option.
    """
    from toolkit.exercises.generators.lexis import _gives_away

    notes = []
    for item in items:
        if item.type == "matching" and isinstance(item.answer, list):
            for i, stem in enumerate(item.stems):
                new = defined.get(stem.lower())
                if new is None or item.answer[i] == new[0]:
                    continue
                old = item.answer[i]
                if _gives_away(new[0], stem.lower()) or new[0] in item.answer:
                    notes.append(f"a matching item keeps its old definition of '{stem}': "
                                 "the new one names the word or repeats another option")
                    continue
                item.answer[i] = new[0]
                item.options = [new[0] if o == old else o for o in item.options]
                synsets = item.extra.get("synsets")
                if isinstance(synsets, list) and i < len(synsets):
                    synsets[i] = new[1]
                item.explanation = "; ".join(f"{s}: {a}" for s, a in zip(item.stems, item.answer))
        elif item.type == "vocab-in-context":
            new = defined.get(item.target.lower())
            if new is None:
                continue
            if _gives_away(new[0], item.target.lower()):
                notes.append(f"a 'which word means' item keeps its old definition of "
                             f"'{item.target}': the new one names the word")
                continue
            item.prompt = re.sub(r"“.*”", f"“{new[0]}”", item.prompt, count=1)
            item.extra["synset"] = new[1]
    return notes


def apply(pack: LessonPack, fixes: dict[str, CardFix]) -> list[str]:
    """Store each fix in every card of its word and make the pack's items follow, in place."""
    if not fixes:
        return []
    defined: dict[str, tuple[str, str]] = {}
    for card in pack.cards.values():
        fix = fixes.get(card.headword.lower())
        if fix is None or card.kind not in {"word", "phrase"}:
            continue
        apply_fix(card, fix)
        shown = card.shown_sense
        defined.setdefault(card.headword.lower(), (card.definition, shown.synset if shown else ""))
    return fix_items(pack.exercises, defined)


class CardFixPanel(w.VBox):
    """Correct a word's card for this lesson: another meaning, or the teacher's definition.

    `sentences()` gives the analysed article (the console's). Fixes are kept in `fixes`
    (lemma -> CardFix) until `apply(pack)` stores them at publish.
    """

    def __init__(self, sentences: Callable[[], Sequence[Any]]) -> None:
        self._sentences = sentences
        self.fixes: dict[str, CardFix] = {}
        self.card: WordCard | None = None
        self.word = w.Text(description="Word", placeholder="a word of the article")
        self.word.add_class("vs-cardfix-word")
        self.show_button = w.Button(description="Show its card")
        self.show_button.add_class("vs-cardfix-show")
        self.show_button.on_click(lambda _b: self.show())
        self.senses = w.RadioButtons(options=[], description="Meaning",
                                     layout=w.Layout(width="95%"))
        self.senses.add_class("vs-cardfix-senses")
        self.senses.observe(self._sense_picked, names="value")
        self.definition = w.Textarea(description="Definition", layout=w.Layout(width="95%"))
        self.definition.add_class("vs-cardfix-definition")
        self.gloss = w.HTML()
        self.gloss.add_class("vs-cardfix-gloss")
        self.save_button = w.Button(description="Save the fix", button_style="primary",
                                    disabled=True)
        self.save_button.add_class("vs-cardfix-save")
        self.save_button.on_click(lambda _b: self.save())
        self.undo_button = w.Button(description="Undo the fix", disabled=True)
        self.undo_button.add_class("vs-cardfix-undo")
        self.undo_button.on_click(lambda _b: self.undo())
        self.status = w.HTML()
        self.status.add_class("vs-cardfix-status")
        self.listing = w.HTML()
        self.listing.add_class("vs-cardfix-list")
        super().__init__([
            w.HTML("<h4>Correct a word card</h4><p>If a card shows the wrong meaning or a "
                   "definition your class will not understand, fix it once here: students "
                   "see your version, and the exercises that define the word follow it when "
                   "you publish.</p>"),
            w.HBox([self.word, self.show_button]), self.senses, self.gloss, self.definition,
            w.HBox([self.save_button, self.undo_button]), self.status, self.listing])
        self.add_class("vs-cardfix")

    def _say(self, text: str, error: bool = False) -> None:
        cls = "vs-teacher-error" if error else "vs-teacher-note"
        self.status.value = f"<p class='{cls}'>{escape(text)}</p>"

    def show(self, word: str | None = None) -> WordCard | None:
        """Build and show the card `word` (default: the typed word) gets in this lesson."""
        if word is not None:
            self.word.value = word
        try:
            card = _card_for(self.word.value, self._sentences())
        except UserInputError as exc:
            self._say(str(exc), error=True)
            return None
        self.card = card
        if not card.senses:
            self.senses.options = []
            self.definition.value = card.definition
            self._say(f"'{card.headword}' has no dictionary meanings to choose from "
                      f"({card.kind}); you can still write its definition.")
        else:
            fix = self.fixes.get(card.headword.lower())
            self.senses.options = [(f"{i + 1}. {s.short}", s.synset)
                                   for i, s in enumerate(card.senses[:8])]
            self.senses.value = (fix.sense if fix and fix.sense else card.senses[0].synset)
            self.definition.value = (fix.definition if fix and fix.definition
                                     else self._sense().short if self._sense() else "")
            self._say(f"'{card.headword}' as the card shows it in: {card.sentence}")
        self.save_button.disabled = False
        self.undo_button.disabled = card.headword.lower() not in self.fixes
        self._show_gloss()
        return card

    def _sense(self) -> Any:
        if self.card is None:
            return None
        return next((s for s in self.card.senses if s.synset == self.senses.value), None)

    def _sense_picked(self, _change: dict[str, Any]) -> None:
        sense = self._sense()
        if sense is not None:
            self.definition.value = sense.short
        self._show_gloss()

    def _show_gloss(self) -> None:
        sense = self._sense()
        self.gloss.value = ("" if sense is None else
                            f"<p class='vs-teacher-note'>Dictionary: {escape(sense.definition)}</p>")

    def save(self) -> CardFix | None:
        """Keep the chosen meaning and definition as this lesson's fix for the word."""
        card = self.card
        if card is None:
            self._say("Show a word's card first.", error=True)
            return None
        text = " ".join(self.definition.value.split())
        if not text:
            self._say("The definition is empty: write one, or pick a meaning.", error=True)
            return None
        if len(text) > MAX_DEFINITION:
            self._say(f"The definition has {len(text)} characters; keep it under "
                      f"{MAX_DEFINITION} so it fits on a phone.", error=True)
            return None
        sense = self._sense()
        own = card.shown_sense
        fix = CardFix(sense=sense.synset if sense is not None and sense is not own else "",
                      definition=text if sense is None or text != sense.short else "",
                      before=card.definition)
        if not fix.sense and not fix.definition:
            self.fixes.pop(card.headword.lower(), None)
            self._say(f"That is what the card already says; '{card.headword}' needs no fix.")
        else:
            self.fixes[card.headword.lower()] = fix
            self._say(f"Saved: '{card.headword}' will read “{text}” when you publish.")
        self.undo_button.disabled = card.headword.lower() not in self.fixes
        self._list()
        return self.fixes.get(card.headword.lower())

    def undo(self) -> None:
        key = self.card.headword.lower() if self.card is not None else ""
        if self.card is not None and key in self.fixes:
            del self.fixes[key]
            self._say(f"'{self.card.headword}' is back to the card as built.")
            self.undo_button.disabled = True
            self.show()
        self._list()

    def _list(self) -> None:
        rows = "".join(f"<li><b>{escape(k)}</b>: {escape(v.definition or v.sense)}</li>"
                       for k, v in sorted(self.fixes.items()))
        self.listing.value = f"<p>Fixed cards:</p><ul>{rows}</ul>" if rows else ""

    def apply(self, pack: LessonPack) -> LessonPack:
        """The console's publish hook: the fixes go into the pack before it is written."""
        for note in apply(pack, self.fixes):
            log.info("card fix: %s", note)
        return pack


__all__ = ["CardFixError", "CardFixPanel", "apply", "apply_fix", "fix_items"]
