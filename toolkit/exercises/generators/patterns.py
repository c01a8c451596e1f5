"""Sentence patterns: put jumbled words in order, or choose the correctly ordered sentence."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from toolkit.exercises.generators._common import usable_sentences
from toolkit.model.items import Item
from toolkit.exercises.registry import Source, register

if TYPE_CHECKING:
    from toolkit.model.text import Sentence

# Adjacent tag pairs whose swap is ungrammatical in English ("the company" -> "company the").
BAD_SWAPS = {("DT", "NN"), ("DT", "NNS"), ("JJ", "NN"), ("JJ", "NNS"), ("PRP", "VBD"),
             ("PRP", "VBZ"), ("PRP", "VBP"), ("MD", "VB"), ("TO", "VB"), ("IN", "DT"),
             ("PRP$", "NN"), ("PRP$", "NNS")}


def chunks(s: Sentence) -> list[str]:
    """Words of a sentence, final punctuation dropped, inner punctuation kept on its word."""
    toks = s.tokens
    if toks and not toks[-1].is_word and toks[-1].text in {".", "!", "?"}:
        toks = toks[:-1]
    out: list[str] = []
    for t in toks:
        if not t.is_word and out and t.text in {",", ";", ":", "'s", "n't", "%"} or \
                (out and t.text.startswith("'")):
            out[-1] += t.text
        else:
            out.append(t.text)
    return out


@register("jumble", version="1", uses="article")
def jumble(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Short sentences (5-10 words) in scrambled order; the article's order is the key."""
    items = []
    sents = [s for s in usable_sentences(source, 5, 10)]
    rng.shuffle(sents)
    for s in sents:
        words = chunks(s)
        if len(words) < 5 or any(not any(c.isalnum() for c in w) for w in words):
            continue
        shuffled = words[:]
        for _ in range(10):
            rng.shuffle(shuffled)
            if shuffled != words:
                break
        answer = " ".join(words)
        end = s.text.rstrip()[-1] if s.text.rstrip()[-1] in ".!?" else "."
        items.append(Item(
            type="jumble", prompt="Put the words in the correct order: " + " / ".join(shuffled)
                                  + f" ({end})",
            answer=answer, options=shuffled, source=s.text, target="word order",
            explanation="The article's sentence: " + s.text,
            extra={"paragraph": s.paragraph + 1}))
    return items


def broken_orders(s: Sentence, rng: random.Random, k: int = 3) -> list[str]:
    """Up to `k` versions of the sentence with one ungrammatical adjacent swap each."""
    toks = s.tokens
    spots = [i for i in range(len(toks) - 1)
             if (toks[i].pos, toks[i + 1].pos) in BAD_SWAPS and toks[i].is_word and toks[i + 1].is_word]
    rng.shuffle(spots)
    out = []
    for i in spots[:k]:
        a, b = toks[i], toks[i + 1]
        text = s.text
        o0, o1, o2, o3 = a.start - s.start, a.end - s.start, b.start - s.start, b.end - s.start
        first, second = text[o0:o1], text[o2:o3]
        if o0 == 0:  # keep the capital at the start of the sentence
            first, second = first[:1].lower() + first[1:], second[:1].upper() + second[1:]
        out.append(text[:o0] + second + text[o1:o2] + first + text[o3:])
    return out


@register("pattern-choice", version="1", uses="article")
def pattern_choice(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Choose the sentence with the correct word order; wrong ones swap a determiner and
    its noun, an adjective and its noun, a subject pronoun and its verb, etc."""
    items = []
    sents = usable_sentences(source, 6, 16)
    rng.shuffle(sents)
    for s in sents:
        wrong = list(dict.fromkeys(broken_orders(s, rng)))
        if len(wrong) < 2:
            continue
        options = [s.text, *wrong[:3]]
        rng.shuffle(options)
        items.append(Item(
            type="pattern-choice", prompt="Which sentence has the correct word order?",
            answer=s.text, options=options, source=s.text, target="word order",
            explanation="Determiners and adjectives come before their noun; the subject comes "
                        "before its verb in a statement.",
            extra={"paragraph": s.paragraph + 1}))
    return items
