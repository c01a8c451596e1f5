"""Exercise items: plain dataclasses that round-trip to JSON, and answer checking.

Light on purpose (standard library only): a student's kernel loads items from a lesson pack
and grades answers without any language data. The answer key lives here, in Python; the
quiz widget only ever sends `Item.public()` to the browser.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.errors import UserInputError

SCHEMA = 1

# Types whose answer is one of `options` (graded by choice, not by typing).
CHOICE_TYPES = frozenset({"mcq", "pos", "pattern-choice", "tf", "tfng", "vocab-in-context",
                          "comprehension"})
# Types whose answer is typed.
TYPED_TYPES = frozenset({"cloze", "word-formation", "verb-form", "jumble", "wh"})
# Types with several blanks or stems, each matched to one option: answer is a list.
MATCHING_TYPES = frozenset({"matching", "cloze-bank"})
ALL_TYPES = CHOICE_TYPES | TYPED_TYPES | MATCHING_TYPES

GAP = "_____"

# What teachers and students read for each type: the one table (console, worksheets, dashboard,
# exports); the codes stay in files and events.
TYPE_NAMES: dict[str, str] = {
    "cloze": "Fill the gap",
    "cloze-bank": "Fill the gaps from a word bank",
    "mcq": "Choose the word for the gap",
    "vocab-in-context": "Find the word with this meaning",
    "matching": "Match words and meanings",
    "word-formation": "Word formation",
    "verb-form": "Verb forms",
    "pos": "Part of speech",
    "jumble": "Put the words in order",
    "pattern-choice": "Choose the correct word order",
    "tf": "True or false",
    "tfng": "True, false or not given",
    "wh": "Answer the question",
    "comprehension": "Reading comprehension: choose the answer",
}


def type_name(code: str) -> str:
    """The plain-English name of an item type (the code itself for an unknown one)."""
    return TYPE_NAMES.get(code, code)


@dataclass
class Item:
    """One exercise item with its key, provenance and the seed that made it.

    `answer` is a string for every type except matching, where it is the list of
    option strings matching `stems` in order. `accepted` holds other typed answers that
    are also right (e.g. "did not" / "didn't").
    """

    type: str
    prompt: str
    answer: str | list[str]
    options: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""
    source: str = ""  # the article sentence (or paragraph) the item was made from
    target: str = ""  # the word or phrase the item tests
    level: str = ""  # CEFR level of the target, "" when unknown
    generator: str = ""
    version: str = ""
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.content_id()

    def content_id(self) -> str:
        """A stable id from what the item asks: re-generating it gives the same id
        (so Anki and Moodle update instead of duplicating)."""
        basis = json.dumps([self.type, self.prompt, self.stems, self.options, self.answer],
                           ensure_ascii=False, sort_keys=True)
        return f"{self.type}-{hashlib.sha1(basis.encode()).hexdigest()[:12]}"

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **asdict(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Item:
        d = {k: v for k, v in d.items() if k != "schema"}
        unknown = set(d) - set(cls.__dataclass_fields__)
        if unknown:
            raise UserInputError(f"unknown item fields: {', '.join(sorted(unknown))}")
        return cls(**d)

    def public(self) -> dict[str, Any]:
        """What a browser may see before the student answers: no key, no explanation."""
        return {"id": self.id, "type": self.type, "prompt": self.prompt,
                "options": list(self.options), "stems": list(self.stems), "level": self.level}

    def check(self, response: str | list[str]) -> bool:
        """Whether a student's response is right (typed answers forgive case and spacing)."""
        if self.type in MATCHING_TYPES:
            return isinstance(response, list) and list(response) == list(self.answer)
        if not isinstance(response, str):
            return False
        if self.type in CHOICE_TYPES:
            return response == self.answer
        keys = [self.answer, *self.accepted] if isinstance(self.answer, str) else []
        return normalise_answer(response) in {normalise_answer(k) for k in keys}


    def score(self, response: str | list[str]) -> float:
        """The fraction answered right, 0..1: each gap of a word-bank item counts on its own
        (a student who fills four of five gaps rightly has learnt something); every other
        item is right or wrong."""
        if (self.type == "cloze-bank" and isinstance(response, list)
                and isinstance(self.answer, list) and self.answer):
            right = sum(1 for given, key in zip(response, self.answer) if given == key)
            return right / len(self.answer)
        return 1.0 if self.check(response) else 0.0


def normalise_answer(text: str) -> str:
    """Case, curly quotes, spacing and final punctuation do not decide a typed answer."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return text.rstrip(".!?").strip()


def items_to_json(items: list[Item]) -> str:
    return json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2)


def items_from_json(text: str) -> list[Item]:
    data = json.loads(text)
    if not isinstance(data, list):
        raise UserInputError("an item file holds a JSON list of items")
    return [Item.from_dict(d) for d in data]


__all__ = ["ALL_TYPES", "CHOICE_TYPES", "GAP", "Item", "MATCHING_TYPES", "TYPED_TYPES",
           "TYPE_NAMES", "type_name",
           "items_from_json", "items_to_json", "normalise_answer"]
