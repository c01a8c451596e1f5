"""Multiword expressions and names found in a sentence's tokens, so each gets one card.

Three sources, longest match first: runs of proper nouns ("North Korea", "Barclays Bank"),
a short list of fixed grammar phrases WordNet lacks ("in exchange for", "according to"),
and WordNet's own multiword lemmas, including phrasal verbs whose particle may stand after
a short object ("get around", "carry the plan out").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

# Fixed phrases that WordNet does not list, with learner definitions written for this project.
FIXED: dict[str, tuple[str, str]] = {
    "in exchange for": ("preposition", "as a payment or a swap for something"),
    "according to": ("preposition", "as said or reported by someone or something"),
    "as well as": ("conjunction", "and also; in addition to"),
    "in order to": ("conjunction", "so that you can do something; with the purpose of"),
    "because of": ("preposition", "as a result of; for the reason of"),
    "instead of": ("preposition", "in the place of someone or something else"),
    "such as": ("preposition", "for example"),
    "rather than": ("conjunction", "and not; instead of"),
    "due to": ("preposition", "caused by; because of"),
    "in front of": ("preposition", "at the place just before someone or something"),
    "as soon as": ("conjunction", "at the moment when; immediately after"),
    "even though": ("conjunction", "although; despite the fact that"),
    "so that": ("conjunction", "with the result or purpose that"),
    "in spite of": ("preposition", "without being stopped by something"),
    "on behalf of": ("preposition", "for someone, or as their representative"),
    "in addition to": ("preposition", "as well as; besides"),
    "as a result of": ("preposition", "because of"),
    "a lot of": ("determiner", "a large number or amount of"),
    "lots of": ("determiner", "a large number or amount of"),
    "as long as": ("conjunction", "only if; on the condition that"),
    "in charge of": ("preposition", "having control of and responsibility for"),
    "thanks to": ("preposition", "because of (often something good)"),
    "apart from": ("preposition", "except for; not including"),
    "next to": ("preposition", "beside; very close to"),
    "at the same time": ("adverb", "together, in the same moment; also, however"),
    "more than": ("adverb", "a greater number or amount than"),
    "less than": ("adverb", "a smaller number or amount than"),
    "up to": ("preposition", "as much or as many as; until"),
    "each other": ("pronoun", "used to show that each of two or more people does the same to the other"),
}
_PARTICLES = {"RP", "IN", "RB"}
# Words after a verb that are particles of a phrasal verb far more often than not.
_PARTICLE_WORDS = {"around", "about", "over", "through", "across", "along", "off", "out", "up",
                   "down", "away", "back", "apart", "together", "forward", "aside"}


@dataclass(frozen=True)
class Span:
    """Tokens start..end (exclusive) of a sentence that form one card."""

    start: int
    end: int
    headword: str  # "North Korea", "in exchange for", "get around"
    kind: str  # "name", "phrase"
    wn_key: str | None  # WordNet lemma name ("get_around") when WordNet knows it


@lru_cache(maxsize=1)
def _wordnet_phrases() -> frozenset[str]:
    from toolkit.language.senses import wordnet

    return frozenset(n for n in wordnet().all_lemma_names() if "_" in n)


def _known(key: str) -> bool:
    return key in _wordnet_phrases()


def find(tokens: Sequence[Any]) -> list[Span]:
    """Non-overlapping multiword spans in a sentence's tokens (Token objects or dicts).

    Fixed phrases win over names, names over WordNet phrases, so "worked in exchange for"
    is "worked" + "in exchange for", not "work in" + "exchange".
    """
    toks = [t if isinstance(t, dict) else t.to_dict() for t in tokens]
    taken = [False] * len(toks)
    spans: list[Span] = []
    for finder in (_fixed_at, _name_at, _wordnet_at):
        i = 0
        while i < len(toks):
            span = None if taken[i] else finder(toks, i)
            if span and not any(taken[span.start:span.end]):
                spans.append(span)
                taken[span.start:span.end] = [True] * (span.end - span.start)
                i = span.end
            else:
                i += 1
    return sorted(spans, key=lambda sp: sp.start)


def _fixed_at(toks: list[dict], i: int) -> Span | None:
    for n in (4, 3, 2):
        chunk = toks[i:i + n]
        if len(chunk) == n and all(x["is_word"] for x in chunk):
            forms = " ".join(x["text"].lower() for x in chunk)
            if forms in FIXED:
                return Span(i, i + n, forms, "phrase", None)
    return None


def _name_at(toks: list[dict], i: int) -> Span | None:
    j = i
    while j < len(toks) and toks[j]["is_name"]:
        j += 1
    if j - i < 2:
        return None
    text = " ".join(x["text"] for x in toks[i:j])
    key = text.replace(" ", "_").lower()
    return Span(i, j, text, "name", key if _known(key) else None)


def _wordnet_at(toks: list[dict], i: int) -> Span | None:
    t = toks[i]
    if not t["is_word"] or t["is_name"]:
        return None
    for n in (4, 3, 2):
        chunk = toks[i:i + n]
        if len(chunk) < n or not all(x["is_word"] for x in chunk):
            continue
        forms = " ".join(x["text"].lower() for x in chunk)
        for key in (forms.replace(" ", "_"),
                    "_".join([chunk[0]["lemma"].lower()] + [x["text"].lower() for x in chunk[1:]])):
            if _known(key) and _worth_a_card(chunk, key):
                return Span(i, i + n, key.replace("_", " "), "phrase", key)
    if t["pos"].startswith("VB"):  # separated phrasal verb: verb + short object + particle
        for gap in (2, 3):
            if i + gap < len(toks) and toks[i + gap]["pos"] == "RP":
                key = f"{t['lemma'].lower()}_{toks[i + gap]['text'].lower()}"
                if _known(key) and all(x["is_word"] for x in toks[i + 1:i + gap]):
                    return Span(i, i + gap + 1, key.replace("_", " "), "phrase", key)
    return None


def _worth_a_card(chunk: list[dict], key: str) -> bool:
    """A WordNet phrase read as one unit. A verb + preposition pair ("work in") counts only
    when the tagger calls the second word a particle, or the phrasal verb is attested in
    SemCor (WordNet's counts): "get around the rules" yes, "worked in a bank" no."""
    if any(x["is_name"] for x in chunk):
        return False
    if chunk[0]["pos"].startswith("VB") and len(chunk) == 2:
        if chunk[1]["pos"] == "RP":
            return True
        return (chunk[1]["pos"] in _PARTICLES and chunk[1]["text"].lower() in _PARTICLE_WORDS
                and _attested(key))
    return True


@lru_cache(maxsize=20_000)
def _attested(key: str) -> bool:
    from toolkit.language.senses import count, wordnet

    return any(count(lem) > 0 for s in wordnet().synsets(key) for lem in s.lemmas()
               if lem.name().lower() == key)


__all__ = ["FIXED", "Span", "find"]
