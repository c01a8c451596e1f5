"""Good sentences for learners (GDEX-style): score, choose and explain.

`choose_sentences(sentences, "B1")` gives the top 3 of an article; `sentences_for_word(
sentences, "identity", "B1")` the top 3 examples for a word (article + WordNet). Weights
live in `GdexConfig`.
"""

from toolkit.language.gdex.config import FEATURES, GdexConfig
from toolkit.language.gdex.patterns import GrammarPattern, find_patterns
from toolkit.model.sentences import FeatureResult, ScoredSentence, SentencePicks
from toolkit.language.gdex.picks import (choose_sentences,
                                         score_sentence, sentences_for_word)

__all__ = ["FEATURES", "FeatureResult", "GdexConfig", "GrammarPattern", "ScoredSentence",
           "SentencePicks", "choose_sentences", "find_patterns", "score_sentence",
           "sentences_for_word"]
