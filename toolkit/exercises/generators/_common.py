"""Helpers the generators share: choosing target words and rebuilding sentences with gaps."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Iterable

from toolkit.cefr import level_index
from toolkit.model.items import GAP

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source
    from toolkit.model.text import Sentence, Token

CONTENT_TAGS = ("NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB")
FUNCTION_LEMMAS = frozenset("""be have do say get make go not also very so then there here
just only even now well still really too much many more most such other own same""".split())


def usable_sentences(source: Source, min_words: int = 6, max_words: int = 40) -> list[Sentence]:
    """Complete sentences of a sensible length: headings and fragments (a hard-wrapped line
    that starts mid-sentence) are skipped."""
    out = []
    for s in source.sentences:
        n = len(s.words)
        starts = s.text[:1].isupper() or s.text[:1] in "\"“‘'" or s.text[:1].isdigit()
        if min_words <= n <= max_words and starts and s.text.rstrip()[-1:] in ".!?\"”'":
            out.append(s)
    return out


def is_target(t: Token) -> bool:
    return (t.is_word and not t.is_name and t.pos in CONTENT_TAGS and len(t.text) >= 3
            and t.lemma.lower() not in FUNCTION_LEMMAS and t.text.islower())


def level_weight(t: Token, level: str) -> float:
    """Prefer words at or just above the class's level (its next words to learn)."""
    if not t.level:
        return 0.5
    if not level:
        return 1.0 + 0.2 * t.level
    gap = t.level - level_index(level)
    return {0: 2.0, 1: 3.0, 2: 1.5}.get(gap, 0.7 if gap < 0 else 0.5)


def pick_targets(source: Source, rng: random.Random, pred=is_target,
                 sentences: Iterable[Sentence] | None = None) -> list[tuple[Sentence, Token]]:
    """(sentence, token) pairs in a seeded, level-weighted random order; one lemma once.

    Words from the source's word list come first when the article contains them.
    """
    wanted = {w.lower() for w in source.words}
    pairs = [(s, t) for s in (sentences if sentences is not None else usable_sentences(source))
             for t in s.tokens if pred(t)]
    keyed = []
    for s, t in pairs:
        boost = 10.0 if (t.lemma.lower() in wanted or t.text.lower() in wanted) else 1.0
        keyed.append((-(rng.random() ** (1.0 / (boost * level_weight(t, source.level)))), s, t))
    keyed.sort(key=lambda k: k[0])
    seen: set[str] = set()
    out = []
    for _, s, t in keyed:
        if t.lemma.lower() in seen:
            continue
        seen.add(t.lemma.lower())
        out.append((s, t))
    return out


def gapped(s: Sentence, tokens: list[Token], gap: str = GAP) -> str:
    """The sentence with `tokens` (contiguous, in order) replaced by one gap."""
    a, b = tokens[0].start - s.start, tokens[-1].end - s.start
    return s.text[:a] + gap + s.text[b:]


def marked(s: Sentence, t: Token) -> str:
    """The sentence with one word marked in square brackets."""
    a, b = t.start - s.start, t.end - s.start
    return s.text[:a] + "[" + s.text[a:b] + "]" + s.text[b:]
