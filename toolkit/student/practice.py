"""Exercises from a student's own vocabulary book, made in the student's kernel.

Light by design: the book already keeps each word's sentence and meaning, so a cloze with a
word bank and a meaning quiz need string work only, no language tools.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

from toolkit.model.items import GAP, Item
from toolkit.learning.vocab import BLANK, cloze

GENERATOR = "vocab-book"
VERSION = "1"


def book_items(words: Sequence[Any], n: int = 10, seed: int = 0) -> list[Item]:
    """Cloze items (word bank = the book's words) and meaning multiple choice.

    `words` are `toolkit.learning.Word`s. Needs two or more words; a word whose form is
    not in its sentence gets no cloze, and one without a meaning gets no meaning item.
    """
    rng = random.Random(seed)
    usable = [wd for wd in words if wd.lemma]
    if len({wd.lemma for wd in usable}) < 2:
        return []
    bank = sorted({wd.form or wd.lemma for wd in usable})
    items: list[Item] = []
    for wd in usable:
        form = wd.form or wd.lemma
        blanked = cloze(wd.sentence, form) if wd.sentence else None
        if blanked and len(bank) >= 2:
            options = _pick(bank, form, rng, 4)
            items.append(Item("mcq", blanked.replace(BLANK, GAP), form, options=options, explanation=f"“{form}”: {wd.meaning}".strip(),
                              source=wd.sentence, target=wd.lemma, generator=GENERATOR,
                              version=VERSION, seed=seed))
        meanings = sorted({x.meaning for x in usable if x.meaning and x.lemma != wd.lemma})
        if wd.meaning and meanings:
            options = _pick(meanings, wd.meaning, rng, 4)
            items.append(Item("mcq", f"What does “{wd.lemma}” mean?", wd.meaning, options=options,
                              explanation=wd.sentence, source=wd.sentence, target=wd.lemma,
                              generator=GENERATOR, version=VERSION, seed=seed))
    rng.shuffle(items)
    return items[:n]


def _pick(pool: Sequence[str], key: str, rng: random.Random, k: int) -> list[str]:
    others = [p for p in pool if p != key]
    options = [key, *rng.sample(others, min(k - 1, len(others)))]
    rng.shuffle(options)
    return options
