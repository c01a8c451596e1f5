"""Named grammar patterns found from Penn POS tags and lemmas alone.

Only patterns a tagger-level rule finds reliably are named; each match keeps the words
that show it, so an explanation can quote them ("shows 'had to + verb': 'had to use'").
Known gaps (reduced relatives "workers sent abroad", "that" tagged IN) are listed in
docs/good-sentences.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Callable

from toolkit.model.text import Token

BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"}
HAVE = {"have", "has", "had", "'ve", "'d"}
FINITE = {"VBD", "VBP", "VBZ", "MD"}
_ASK = {"ask", "wonder", "know", "see", "check", "decide", "doubt", "question", "tell"}


@dataclass
class GrammarPattern:
    """One use of a named pattern: what it is called, what it is for, and the words."""

    name: str  # key in GdexConfig.pattern_values
    label: str  # how a learner knows it: "had to + verb"
    meaning: str  # what it is for: "past obligation"
    phrase: str  # the words in this sentence that show it
    start: int  # token indices into the sentence
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GrammarPattern:
        return cls(**d)


def _low(t: Token) -> str:
    return t.text.lower().replace("’", "'")


def _skip_adverbs(toks: list[Token], i: int) -> int:
    """Index of the first token at or after i that is not an adverb ("was not", "was often")."""
    while i < len(toks) and toks[i].pos in {"RB", "RBR", "RBS"}:
        i += 1
    return i


def _phrase(toks: list[Token], a: int, b: int) -> str:
    """The words as written: a space only where the text had one ("worker, who lives")."""
    out = toks[a].text
    for prev, t in zip(toks[a:b], toks[a + 1:b + 1]):
        out += ("" if t.start == prev.end else " ") + t.text
    return out


Match = tuple[int, int]


def _passive(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if _low(t) in BE or (t.lemma == "get" and t.pos.startswith("VB")):
            j = _skip_adverbs(toks, i + 1)
            # "was hired" (VBN), and "were caught" that the tagger calls VBD after a be-form
            if j < len(toks) and toks[j].pos in {"VBN", "VBD"} and toks[j].lemma not in {"be", "get"}:
                out.append((i - 1 if i and toks[i - 1].pos == "MD" else i, j))  # "could be sent"
    return out


def _relative_clause(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if i == 0:
            continue
        prev = i - 1 if toks[i - 1].text != "," else i - 2
        if prev < 0:
            continue
        after_noun = toks[prev].pos.startswith(("NN", "PRP", "CD")) or _low(toks[prev]) in {
            "those", "one", "anyone", "someone", "everyone"}
        rel = (t.pos in {"WP", "WP$"} and _low(t) in {"who", "whom", "whose"}) or (
            t.pos == "WDT" and _low(t) in {"which", "that"}) or (
            _low(t) == "where" and toks[i - 1].text == ",")
        if rel and after_noun:
            end = next((k for k in range(i + 1, len(toks)) if toks[k].pos in FINITE), i)
            out.append((prev, end))
    return out


def _modal_to(word_forms: set[str]) -> Callable[[list[Token]], list[Match]]:
    def find(toks: list[Token]) -> list[Match]:
        return [(i, i + 2) for i in range(len(toks) - 2)
                if _low(toks[i]) in word_forms and toks[i].pos.startswith("VB")
                and toks[i + 1].pos == "TO" and toks[i + 2].pos == "VB"
                and not (i > 0 and _low(toks[i - 1]) in BE)]
    return find


def _conditional(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if _low(t) in {"if", "unless"} and t.pos == "IN":
            prev = toks[i - 1] if i else None
            if prev is not None and prev.lemma in _ASK:  # "asked if": a question, not a condition
                continue
            end = next((k for k in range(i + 1, len(toks)) if toks[k].pos in FINITE), None)
            if end is not None:
                out.append((i, end))
    return out


def _perfect(have: set[str]) -> Callable[[list[Token]], list[Match]]:
    def find(toks: list[Token]) -> list[Match]:
        out = []
        for i, t in enumerate(toks):
            if _low(t) in have and t.pos in {"VBP", "VBZ", "VBD", "MD"}:
                j = _skip_adverbs(toks, i + 1)
                if j < len(toks) and toks[j].pos == "VBN" and not (
                        j + 1 < len(toks) and toks[j + 1].pos == "TO"):
                    out.append((i, j))
        return out
    return find


def _going_to(toks: list[Token]) -> list[Match]:
    return [(i, i + 3) for i in range(len(toks) - 3)
            if _low(toks[i]) in BE and _low(toks[i + 1]) == "going"
            and toks[i + 2].pos == "TO" and toks[i + 3].pos == "VB"]


def _comparative(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if t.pos in {"JJR", "RBR"}:
            j = next((k for k in range(i + 1, min(i + 6, len(toks))) if _low(toks[k]) == "than"), None)
            if j is not None:
                out.append((i, j))
    return out


def _superlative(toks: list[Token]) -> list[Match]:
    return [(i - 1, i) for i, t in enumerate(toks)
            if t.pos in {"JJS", "RBS"} and i > 0 and _low(toks[i - 1]) in {"the", "its", "his",
                                                                             "her", "their", "my", "our", "your"}
            and _low(t) not in {"most", "least"}]


def _modal_advice(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if _low(t) in {"must", "should", "ought"} and t.pos == "MD":
            j = _skip_adverbs(toks, i + 1)
            if j < len(toks) and toks[j].pos == "VB":
                out.append((i, j))
    return out


def _phrasal_verb(toks: list[Token]) -> list[Match]:
    out = []
    for i, t in enumerate(toks):
        if t.pos.startswith("VB") and t.lemma not in {"be", "have"}:
            if i + 1 < len(toks) and toks[i + 1].pos == "RP":
                out.append((i, i + 1))
            elif i + 2 < len(toks) and toks[i + 2].pos == "RP" and toks[i + 1].pos in {"PRP", "DT"}:
                out.append((i, i + 2))  # "turned it on"
    return out


_NOT_CATENATIVE = {"be", "have", "use", "go", "ought", "get"}


def _verb_to_verb(toks: list[Token]) -> list[Match]:
    return [(i, i + 2) for i in range(len(toks) - 2)
            if toks[i].pos.startswith("VB") and toks[i].pos != "VBN"
            and toks[i].lemma not in _NOT_CATENATIVE
            and toks[i + 1].pos == "TO" and toks[i + 2].pos == "VB"]


# name -> (label a learner recognises, what it is for, finder)
PATTERNS: dict[str, tuple[str, str, Callable[[list[Token]], list[Match]]]] = {
    "had_to": ("had to + verb", "past obligation", _modal_to({"had", "'d"})),
    "have_to": ("have to + verb", "obligation", _modal_to({"have", "has"})),
    "passive": ("a passive", "what is done to someone or something", _passive),
    "relative_clause": ("a relative clause", "adding information about a noun",
                        _relative_clause),
    "conditional": ("a conditional with 'if'", "a condition and its result",
                    _conditional),
    "present_perfect": ("the present perfect", "past events that matter now",
                        _perfect({"have", "has", "'ve"})),
    "past_perfect": ("the past perfect", "an event before another past event",
                     _perfect({"had"})),
    "used_to": ("used to + verb", "past habits", _modal_to({"used"})),
    "going_to": ("going to + verb", "plans and predictions", _going_to),
    "comparative": ("a comparison with 'than'", "comparing two things", _comparative),
    "superlative": ("a superlative", "the most or least of a group", _superlative),
    "modal_advice": ("must/should + verb", "advice and rules", _modal_advice),
    "phrasal_verb": ("a phrasal verb", "verb + particle with its own meaning", _phrasal_verb),
    "verb_to_verb": ("verb + to + verb", "a verb followed by an infinitive", _verb_to_verb),
}
PHRASES = {"phrasal_verb", "verb_to_verb"}  # explained as "uses the phrase '...'"


def find_patterns(tokens: list[Token]) -> list[GrammarPattern]:
    """Every named pattern in a sentence's tokens, in sentence order, without overlaps of
    the same words under two names where one explains the other ("had to use" is not also
    a verb + to + verb)."""
    found: list[GrammarPattern] = []
    taken: set[int] = set()
    for name, (label, meaning, finder) in PATTERNS.items():  # dict order = priority
        for a, b in finder(tokens):
            if name in PHRASES and (set(range(a, b + 1)) & taken):
                continue
            if name == "past_perfect" and any(p.name == "had_to" and p.start == a for p in found):
                continue
            found.append(GrammarPattern(name, label, meaning, _phrase(tokens, a, b), a, b))
            if name not in PHRASES:
                taken.update(range(a, b + 1))
    found.sort(key=lambda p: (p.start, p.name))
    return found
