"""Sentences and tokens with POS, lemma, dependency parse, CEFR level and frequency.

The one place text is tokenised, tagged and parsed: by spaCy's English pipeline
(`toolkit.language.parser`), or by the older nltk Punkt + Treebank + averaged perceptron when
`VOCABSPHERE_ANALYZER=nltk` (kept for comparison in benchmarks/). Tokens keep character offsets
into the article so a reader can highlight and link them without re-tokenizing.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from toolkit.language import data
from toolkit.model.tags import PENN_TO_COARSE, UPOS_TO_PENN, penn_to_upos
from toolkit.model.text import Sentence, Token, paragraph_spans

_IS_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_CLITICS = {"n't": "not", "ca": "can", "wo": "will", "sha": "shall", "'m": "be", "'re": "be",
            "'ve": "have", "'ll": "will", "'d": "would"}
_QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'"}
ENGINES = ("spacy", "nltk")
_NAME_ENTITIES = {"PERSON", "GPE", "LOC", "NORP", "ORG", "FAC"}


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any, Any]:
    data.use()
    from nltk.tag.perceptron import PerceptronTagger
    from nltk.tokenize import NLTKWordTokenizer, PunktTokenizer

    return PunktTokenizer("english"), NLTKWordTokenizer(), PerceptronTagger()


@lru_cache(maxsize=1)
def _cefr() -> Any:
    from cefrpy import CEFRAnalyzer

    return CEFRAnalyzer()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=200_000)
def lemma_of(word: str, pos: str) -> str:
    """Dictionary form for a word and its Penn tag (lemminflect, no data download)."""
    if pos.startswith("NNP"):
        return word
    upos = PENN_TO_COARSE.get(pos[:2])
    low = word.lower().replace("’", "'")
    if low in _CLITICS:
        return _CLITICS[low]
    if upos is None or pos == "MD":
        return low
    from lemminflect import getLemma

    found = getLemma(low, upos=upos)
    return found[0] if found else low


def zipf_to_level(zipf: float) -> int:
    """A CEFR estimate from frequency alone, for words outside the CEFR-J list.

    Thresholds follow the usual mapping of frequency bands to levels: the top ~1k
    words (Zipf >= 5.5) are A1-A2 material, below Zipf 3 learners meet words rarely.
    """
    for level, floor in ((1, 6.0), (2, 5.3), (3, 4.7), (4, 4.1), (5, 3.4)):
        if zipf >= floor:
            return level
    return 6


@lru_cache(maxsize=200_000)
def word_level(form: str, lemma: str, pos: str) -> tuple[int, str, float]:
    """(level 1..6, source, zipf) for a word in context, lemma and POS first."""
    from wordfreq import zipf_frequency

    low = form.lower()
    zipf = zipf_frequency(low, "en")
    analyzer = _cefr()
    base = UPOS_TO_PENN.get(PENN_TO_COARSE.get(pos[:2], ""), "")
    # A learner knows the word through its lemma entry or its form's entry ("according").
    found_in = [analyzer.get_word_pos_level_float(lemma, base) if base else None,
                analyzer.get_word_pos_level_float(low, pos) if pos else None]
    found = min((f for f in found_in if f is not None), default=None)
    if found is None:
        found = analyzer.get_average_word_level_float(lemma)
    if found is not None:
        return max(1, min(6, int(round(found)))), "cefrpy", zipf
    return zipf_to_level(max(zipf, zipf_frequency(lemma, "en"))), "frequency", zipf


def _paragraph_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: `toolkit.model.text.paragraph_spans`, the one rule."""
    return paragraph_spans(text)


def engine() -> str:
    """Which analysis runs: $VOCABSPHERE_ANALYZER (spacy, the default, or nltk)."""
    name = os.environ.get("VOCABSPHERE_ANALYZER", "spacy").strip().lower() or "spacy"
    if name not in ENGINES:
        raise ValueError(f"VOCABSPHERE_ANALYZER={name!r}: use one of {', '.join(ENGINES)}")
    return name


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(paragraph index, start offset, line) for every non-empty line."""
    out = []
    for p_index, (p_start, p_end) in enumerate(_paragraph_blocks(text)):
        for m in re.finditer(r"[^\n]+", text[p_start:p_end]):
            if m.group().strip():
                out.append((p_index, p_start + m.start(), m.group()))
    return out


def analyze(text: str, engine_name: str | None = None) -> list[Sentence]:
    """Split into sentences and tagged, parsed, lemmatised, levelled tokens.

    Sentences never cross a paragraph break (a blank line; a line break in a text without
    blank lines, see `paragraph_spans`), and headings without a full
    stop stay their own sentence: each line is parsed on its own.
    """
    if (engine_name or engine()) == "nltk":
        return _analyze_nltk(text)
    data.use()
    from toolkit.language import parser

    lines = _lines(text)
    parsed = parser.parse_many([line for _, _, line in lines],
                               offsets=[start for _, start, _ in lines])
    sentences: list[Sentence] = []
    for (p_index, _, _), sents in zip(lines, parsed):
        for ps in sents:
            toks = ps.tokens
            tokens = [_token(t.text, t.tag, t.start, t.end, i == 0, _lemma(t), t.upos,
                             t.head, t.dep, t.ent, _in_named_entity(toks, i))
                      for i, t in enumerate(toks)]
            sentences.append(Sentence(ps.text, ps.start, ps.end, p_index, tokens))
    return sentences


def analyze_tokens(words: list[str]) -> list[Sentence]:
    """A pre-tokenised sentence, its tokens kept exactly (offsets into " ".join(words))."""
    data.use()
    from toolkit.language import parser

    (ps,) = parser.parse_tokens(words)
    toks = ps.tokens
    tokens = [_token(t.text, t.tag, t.start, t.end, i == 0, _lemma(t), t.upos, t.head, t.dep,
                     t.ent, _in_named_entity(toks, i)) for i, t in enumerate(toks)]
    return [Sentence(ps.text, ps.start, ps.end, 0, tokens)]


def _in_named_entity(toks: list[Any], i: int) -> bool:
    """Part of a name entity of two or more tokens ("Barack Obama"): a lone capitalised
    word the recogniser calls a place ("Straße") is not trusted on its own."""
    ent = toks[i].ent
    return ent in _NAME_ENTITIES and any(
        0 <= j < len(toks) and toks[j].ent == ent for j in (i - 1, i + 1))


def _lemma(t: Any) -> str:
    """The parser's lemma, lower-cased like lemma_of's (names keep their case)."""
    low = t.text.lower().replace("’", "'")
    if low in _CLITICS:
        return _CLITICS[low]
    if t.tag.startswith("NNP"):
        return t.text
    if low == "better" and t.tag == "JJR":
        return "good"  # the model's lemma table says "well" for the adjective too
    return t.lemma.lower()


def _analyze_nltk(text: str) -> list[Sentence]:
    """The analysis before the parser: Punkt sentences, Treebank words, perceptron tags."""
    sent_tok, word_tok, tagger = _tools()
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(_paragraph_blocks(text)):
        block = text[p_start:p_end]
        for line_match in re.finditer(r"[^\n]+", block):
            line, l_start = line_match.group(), p_start + line_match.start()
            for s0, s1 in sent_tok.span_tokenize(line):
                s_text = line[s0:s1]
                spans = list(word_tok.span_tokenize(s_text))
                if not spans:
                    continue
                words = [s_text[a:b] for a, b in spans]
                tags = tagger.tag([_QUOTES.get(w, w) for w in words])
                base = l_start + s0
                tokens = [_token(w, tag, base + a, base + b, i == 0)
                          for i, (w, (_, tag), (a, b)) in enumerate(zip(words, tags, spans))]
                sentences.append(Sentence(s_text, base, base + len(s_text), p_index, tokens))
    return sentences


def _token(word: str, tag: str, start: int, end: int, first: bool, lemma: str | None = None,
           upos: str | None = None, head: int = 0, dep: str = "", ent: str = "",
           in_name_entity: bool = False) -> Token:
    is_word = bool(_IS_WORD.match(word))
    lemma = lemma_of(word, tag) if lemma is None else lemma
    upos = penn_to_upos(tag, lemma) if upos is None else upos
    # Proper nouns, capitalised adjectives inside a sentence ("Korean", "American"), and
    # capitalised content words of a named entity (a table row's "Barack" tagged IN).
    is_name = is_word and word[:1].isupper() and (
        tag.startswith("NNP") or (tag.startswith("JJ") and not first)
        or (in_name_entity and word.lower() not in _stop_words()))
    if is_word and not is_name:
        level, source, zipf = word_level(word, lemma, tag)
        return Token(word, start, end, tag, lemma, True, False, level, source, zipf,
                     upos, head, dep, ent)
    return Token(word, start, end, tag, lemma, is_word, is_name, None, "", 0.0, upos, head, dep, ent)
