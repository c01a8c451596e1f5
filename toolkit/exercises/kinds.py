"""What a text says about kinds of things: the facts behind "not given" statements.

Shared by the `tfng` generator and its validity check, so the check recomputes the key
without importing the generator.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.exercises import lexicon as lx

if TYPE_CHECKING:
    from toolkit.exercises.registry import Source

# Words that make a context downward (a more specific statement would follow from the text)
# or make the sentence not about one plain fact.
BLOCKERS = frozenset("""though like not n't no never nobody nothing none nor neither without all every each
any if unless whether only few little always usually often sometimes generally most many
every everyone everything whenever wherever would could should might may must can will
used""".split())


def text_nouns(source: Source) -> set[str]:
    """Lemmas of the words the text uses as nouns."""
    return {t.lemma.lower() for s in source.sentences for t in s.tokens
            if t.pos in {"NN", "NNS"} and t.is_word}


@lru_cache(maxsize=50_000)
def broader_senses(word: str, senses: int = 99) -> frozenset:
    """Every noun synset above the first `senses` noun senses of `word` (hypernym closure)."""
    out: set = set()
    for s in lx.wordnet().synsets(word, pos="n")[:senses]:
        out.update(s.closure(lambda x: x.hypernyms() + x.instance_hypernyms()))
    return frozenset(out)


def text_names_a_kind(synset, nouns: set[str]) -> str | None:
    """A noun of the text that is (in one of its two main senses) a kind of `synset`: then
    the text may say which one it means."""
    for w in sorted(nouns):
        if synset in broader_senses(w, 2):
            return w
    return None


__all__ = ["BLOCKERS", "broader_senses", "text_names_a_kind", "text_nouns"]
