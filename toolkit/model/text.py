"""Sentences and tokens as analysed, with offsets into the article text.

Tokens keep character offsets so a reader can highlight and link them without
re-tokenizing; a lesson pack stores them as dicts.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from toolkit.cefr import level_name
from toolkit.model.tags import penn_to_coarse


@dataclass
class Token:
    """One token as it stands in the article."""

    text: str
    start: int  # character offsets into the article text
    end: int
    pos: str  # Penn Treebank tag
    lemma: str
    is_word: bool  # letters only (hyphen and apostrophe allowed inside)
    is_name: bool  # proper noun: known to every reader, never graded
    level: int | None  # 1 (A1) .. 6 (C2) for words that are not names; else None
    level_source: str  # "cefrpy" (CEFR-J list), "frequency" (estimated) or ""
    zipf: float  # wordfreq Zipf frequency of the form, 0 when unseen
    # From the parser; defaults let packs written before it load unchanged.
    upos: str = ""  # Universal POS (PROPN, AUX, ...); "" in old packs
    head: int = 0  # CoNLL-U: 1-based index of the head in its sentence, 0 for the root
    dep: str = ""  # dependency label (spaCy's ClearNLP scheme: nsubj, dobj, prep, ROOT, ...)
    ent: str = ""  # named-entity type (PERSON, GPE, DATE, ...), "" when none

    @property
    def cefr(self) -> str | None:
        return level_name(self.level) if self.level else None

    @property
    def coarse(self) -> str:
        """NOUN / VERB / ADJ / ADV / OTHER from the Penn tag: what WordNet and lemminflect take."""
        return penn_to_coarse(self.pos)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Token:
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


@dataclass
class Sentence:
    """A sentence with its place in the article and its tokens."""

    text: str
    start: int
    end: int
    paragraph: int
    tokens: list[Token] = field(default_factory=list)

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    def subtree(self, i: int) -> list[int]:
        """Token indices (0-based) of the parse subtree headed by token i, in order."""
        kids: dict[int, list[int]] = {}
        for j, t in enumerate(self.tokens):
            if t.head and t.head - 1 != j:
                kids.setdefault(t.head - 1, []).append(j)
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo += kids.get(j, [])
        return sorted(out)

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in ("text", "start", "end", "paragraph")},
                "tokens": [t.to_dict() for t in self.tokens]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(d["text"], d["start"], d["end"], d["paragraph"],
                   [Token.from_dict(t) for t in d["tokens"]])


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of an article, in order; the one rule for paragraphs.

    Blank lines separate paragraphs. A text with no blank line at all uses single line
    breaks instead: articles pasted from web pages or word processors often come that way,
    and reading such a text as one paragraph numbers every exercise "paragraph 1".
    Spans exclude the surrounding white space; paragraphs of white space only are skipped.
    """
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*breaks.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m:
            pos = m.end()
    return spans


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an article as text (see `paragraph_spans`)."""
    return [text[a:b] for a, b in paragraph_spans(text)]


__all__ = ["Sentence", "Token", "paragraph_spans", "paragraphs"]
