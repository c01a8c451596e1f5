"""The teacher's corrections to an adapted version: reject a change, or edit the text.

Why sentence by sentence: the adapter records each change with the index of the original
sentence it came from (`Change.sentence`; -1 for a sentence it dropped, whose `before` is that
sentence), but not where that sentence's rendering sits in the adapted text. Rejecting a change
puts the whole original sentence back, because a sentence's changes build on each other (a split
and then a word replaced in one half). Where a sentence sits is found by aligning the words of
the two texts, so a change rejected after the teacher edited other sentences still finds it.
After any correction the text is analysed and its level estimated again, so the pack's tokens,
word cards and level match what the teacher approved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from toolkit.cefr import level_index
from toolkit.errors import UserInputError
from toolkit.model.adaptation import Adaptation, Change, Gloss
from toolkit.model.text import Sentence

_WORD = re.compile(r"[\w']+")


def _words(text: str) -> list[tuple[str, int]]:
    return [(m.group().lower(), m.start()) for m in _WORD.finditer(text)]


def _sentence_spans(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


def _owner(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= pos < b:
            return i
    return -1


def rendering(original: list[Sentence], adapted_text: str, adapted: list[Sentence],
              index: int) -> tuple[int, int] | None:
    """(start, end) in the adapted text of what original sentence `index` became, or None
    when nothing of it is left (a dropped sentence)."""
    orig_text_words = [(w, s_i) for s_i, s in enumerate(original) for w, _ in _words(s.text)]
    new_words = _words(adapted_text)
    spans = _sentence_spans(adapted_text, adapted)
    votes: dict[int, dict[int, int]] = {}
    sm = SequenceMatcher(None, [w for w, _ in orig_text_words], [w for w, _ in new_words],
                         autojunk=False)
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            owner = _owner(spans, new_words[b + k][1])
            if owner >= 0:
                tally = votes.setdefault(owner, {})
                src = orig_text_words[a + k][1]
                tally[src] = tally.get(src, 0) + 1
    mine = [j for j, tally in votes.items() if max(tally, key=lambda k: tally[k]) == index]
    if not mine:
        return None
    return spans[min(mine)][0], spans[max(mine)][1]


def reject(original: list[Sentence], a: Adaptation, change: Change) -> str:
    """The adapted text with `change` undone: its original sentence back in place."""
    if change.kind == "drop" or change.sentence < 0:
        index = next((i for i, s in enumerate(original) if s.text == change.before), None)
        if index is None:
            raise UserInputError(f"the dropped sentence is not in the original: {change.before!r}")
        if rendering(original, a.text, a.sentences, index) is not None:
            return a.text  # already back
        before = next((r for r in (rendering(original, a.text, a.sentences, j)
                                   for j in range(index - 1, -1, -1)) if r), None)
        if before is None:
            return change.before + " " + a.text
        sep = "\n\n" if original[index].paragraph != original[index - 1].paragraph else " "
        return a.text[:before[1]] + sep + change.before + a.text[before[1]:]
    span = rendering(original, a.text, a.sentences, change.sentence)
    if span is None:
        raise UserInputError("the sentence this change belongs to is no longer in the adapted "
                             "text (edited away?): edit the text instead")
    return a.text[:span[0]] + original[change.sentence].text + a.text[span[1]:]


def without_gloss(original: list[Sentence], a: Adaptation, change: Change,
                  changes: list[Change]) -> Adaptation:
    """`a` without the gloss a rejected "gloss" change added (the text is unchanged)."""
    spots = [g for g in a.glosses if g.word == change.before]
    if not spots:
        return replace(a, changes=changes)
    span = rendering(original, a.text, a.sentences, change.sentence)
    inside = [g for g in spots if span and span[0] <= g.start < span[1]] or spots[:1]
    return replace(a, glosses=[g for g in a.glosses if g is not inside[0]], changes=changes)


def _moved_glosses(glosses: list[Gloss], old: str, new: str) -> list[Gloss]:
    """Glosses whose word is still there, at its new offsets (the nearest occurrence)."""
    out = []
    for g in glosses:
        word = old[g.start:g.end] or g.word
        spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", new)]
        if spots:
            at = min(spots, key=lambda p: abs(p - g.start))
            out.append(replace(g, start=at, end=at + len(word)))
    return out


def reanalysed(a: Adaptation, text: str, changes: list[Change]) -> Adaptation:
    """`a` with the teacher's text: analysed, profiled and estimated again."""
    from toolkit.language.analysis import analyze
    from toolkit.language.estimate import estimate_sentences
    from toolkit.language.profile import profile_sentences

    text = text.strip()
    if not text:
        raise UserInputError("the adapted text is empty: reject changes or undo the edit instead")
    sentences = analyze(text)
    est = estimate_sentences(sentences, reference=a.target)
    at_target = level_index(est.level) <= level_index(a.target)
    notes = [n for n in a.notes if not n.startswith("still ")]
    if not at_target:
        notes.append(f"still {est.level} after your edits (difficulty {est.difficulty:.2f})")
    return replace(a, text=text, sentences=sentences, level=est.level, difficulty=est.difficulty,
                   at_target=at_target, estimate=est, profile=profile_sentences(sentences, text),
                   changes=changes, glosses=_moved_glosses(a.glosses, a.text, text), notes=notes,
                   blockers=[b for b in est.hard_sentences
                             if level_index(b.level) > level_index(a.target)])


__all__ = ["reanalysed", "reject", "rendering", "without_gloss"]
