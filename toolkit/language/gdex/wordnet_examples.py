"""WordNet's example sentences for a word, as analysed sentences.

WordNet examples are written as lower-case phrases without a full stop ("he faked the
signature"); they get a capital and a full stop so the form check judges their content,
not their typography. Examples that are noun phrases stay fragments and are filtered out.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.language import data
from toolkit.language.analysis import analyze
from toolkit.model.text import Sentence


def _tidy(example: str) -> str:
    text = example.strip().strip('"').strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@lru_cache(maxsize=512)
def _examples(word: str) -> tuple[str, ...]:
    key = "_".join(word.lower().split())
    seen: dict[str, None] = {}
    for synset in data.wordnet().synsets(key):
        for ex in synset.examples():
            t = _tidy(ex)
            if t:
                seen.setdefault(t, None)
    return tuple(seen)


def wordnet_examples(word: str) -> list[Sentence]:
    """Every example sentence of every WordNet sense of `word`, analysed, one per example."""
    out: list[Sentence] = []
    for ex in _examples(word):
        sents = analyze(ex)
        if len(sents) == 1:
            out.append(sents[0])
    return out
