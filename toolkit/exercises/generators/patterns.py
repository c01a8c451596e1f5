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


# Words that move freely in a sentence ("also", "often", "yesterday"): a jumble with one of
# them has several right orders we cannot all list, so such sentences are not used.
MOVABLE_DEPS = frozenset({"advmod", "npadvmod", "advcl", "parataxis", "intj", "dislocated",
                          "mark", "ccomp", "csubj", "expl", "preconj"})


def chunk_index(s: Sentence) -> list[int]:
    """For each token, the index of the chunk (see `chunks`) it is part of (-1: dropped)."""
    toks = s.tokens
    last = len(toks) - 1 if toks and not toks[-1].is_word and toks[-1].text in {".", "!", "?"} \
        else len(toks)
    out, k = [], -1
    for i, t in enumerate(toks):
        if i >= last:
            out.append(-1)
        elif k >= 0 and (not t.is_word and t.text in {",", ";", ":", "'s", "n't", "%"}
                         or t.text.startswith("'")):
            out.append(k)
        else:
            k += 1
            out.append(k)
    return out


def word_orders(s: Sentence) -> list[list[str]] | None:
    """Every order of the sentence's chunks a teacher would accept, the article's first, or
    None when the sentence has a part whose places we cannot list (an adverb, a clause,
    two adverbials, a comma inside). Listed moves: one adverbial phrase of the main verb
    (in January, at the library) at the start or the end, and the two halves of an
    "X and Y" noun phrase in either order."""
    toks = s.tokens
    words = chunks(s)
    idx = chunk_index(s)
    root = next((i for i, t in enumerate(toks) if t.head == 0), None)
    adverbs = [i for i, t in enumerate(toks) if t.pos == "RB" and t.dep == "advmod"
               and t.head - 1 == root and len(s.subtree(i)) == 1]
    if not toks or root is None or "," in s.text[:-1] or len(adverbs) > 1 \
            or any(t.dep in MOVABLE_DEPS and i not in adverbs for i, t in enumerate(toks)) \
            or any(t.pos in {"RB", "RBR", "RBS", "WRB", "UH"} and t.dep != "neg"
                   and i not in adverbs for i, t in enumerate(toks)):
        return None
    preps = [i for i, t in enumerate(toks) if t.dep == "prep" and t.head - 1 == root]
    if len(preps) > 1 or any(t.dep == "cc" and lx_is_verb(toks[t.head - 1].pos) for t in toks
                             if t.head):
        return None
    orders = [words]

    def spans_to_order(first: list[int], rest: list[int]) -> list[str]:
        seen: list[int] = []
        for i in first + rest:
            c = idx[i]
            if c >= 0 and c not in seen:
                seen.append(c)
        return [words[c] for c in seen]

    every = [i for i in range(len(toks)) if idx[i] >= 0]
    if preps and _frontable(s, preps[0]):
        pp = [i for i in s.subtree(preps[0]) if idx[i] >= 0]
        others = [i for i in every if i not in pp]
        if pp and pp[-1] == every[-1]:  # final adverbial -> in front
            orders.append(spans_to_order(pp, others))
        elif pp and pp[0] == every[0]:  # front adverbial -> at the end
            orders.append(spans_to_order(others, pp))
    if adverbs:  # "are also taking": the adverb before or after the auxiliary, or at the end
        a = idx[adverbs[0]]
        verb_start = min((i for i, t in enumerate(toks) if (t.head - 1 == root and t.dep in
                          {"aux", "auxpass", "neg"}) or i == root), default=root)
        spots = {idx[verb_start], idx[verb_start] + 1, len(words)}
        for base in list(orders):
            rest = [w for k, w in enumerate(base) if w != words[a] or k != base.index(words[a])]
            for spot in sorted(spots):
                k = spot if spot <= a else spot - 1
                cand = rest[:k] + [words[a]] + rest[k:]
                if cand not in orders and 0 < k:
                    orders.append(cand)
    for i, t in enumerate(toks):  # "bread and milk" -> "milk and bread"
        if t.dep == "cc" and t.head and toks[t.head - 1].pos.startswith("NN"):
            x = t.head - 1
            conj = [j for j, u in enumerate(toks) if u.dep == "conj" and u.head - 1 == x]
            if len(conj) != 1:
                return None
            y_span = s.subtree(conj[0])
            x_span = [j for j in s.subtree(x) if j not in y_span and j != i]
            if not x_span or not y_span or x_span[-1] + 1 != i or i + 1 != y_span[0]:
                return None
            for base in list(orders):
                text = " ".join(base)
                left = " ".join(words[c] for c in dict.fromkeys(idx[j] for j in x_span))
                right = " ".join(words[c] for c in dict.fromkeys(idx[j] for j in y_span))
                swapped = text.replace(f"{left} {t.text} {right}", f"{right} {t.text} {left}", 1)
                if swapped != text:
                    orders.append(swapped.split(" "))
    return orders


TIME_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "until",
                        "last", "every"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _frontable(s: Sentence, prep: int) -> bool:
    """A time or place phrase ("in January", "in Norbury") reads well at either end; other
    phrases of the verb ("stay with them") do not move."""
    toks = s.tokens
    if toks[prep].text.lower() not in TIME_PREPS:
        return False
    objs = [t for t in toks if t.head - 1 == prep and t.dep == "pobj"]
    return any(t.ent in {"DATE", "TIME"} or t.ent in PLACE_ENTS for t in objs)


def lx_is_verb(tag: str) -> bool:
    return tag.startswith("VB")


@register("jumble", version="2", uses="article")
def jumble(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Short sentences (5-11 words) in scrambled order. Only sentences whose right orders
    can all be listed are used (`word_orders`); every one of them is accepted."""
    items = []
    sents = [s for s in usable_sentences(source, 5, 11)]
    rng.shuffle(sents)
    for s in sents:
        words = chunks(s)
        if len(words) < 5 or any(not any(c.isalnum() for c in w) for w in words):
            continue
        orders = word_orders(s)
        if orders is None:
            continue
        first = s.tokens[0]
        if not (first.is_name or first.text == "I"):  # no capital gives the first word away
            low = words[0][:1].lower() + words[0][1:]
            orders = [[low if k == o.index(words[0]) else w for k, w in enumerate(o)]
                      for o in orders]
            words = orders[0]
        shuffled = words[:]
        for _ in range(10):
            rng.shuffle(shuffled)
            if shuffled != words:
                break
        answer = " ".join(words)
        answer = answer[:1].upper() + answer[1:]
        accepted = list(dict.fromkeys(" ".join(o) for o in orders[1:] if o != words))
        end = s.text.rstrip()[-1] if s.text.rstrip()[-1] in ".!?" else "."
        items.append(Item(
            type="jumble", prompt="Put the words in the correct order: " + " / ".join(shuffled)
                                  + f" ({end})",
            answer=answer, options=shuffled, accepted=accepted, source=s.text,
            target="word order",
            explanation="The article's sentence: " + s.text
                        + (" Also right: " + "; ".join(a[:1].upper() + a[1:] + end
                                                      for a in accepted) if accepted else ""),
            extra={"paragraph": s.paragraph + 1}))
    return items


# '"...," she said' -> '"...," said she' is old-fashioned but grammatical: not a wrong order.
SPEECH_VERBS = frozenset({"say", "tell", "ask", "explain", "reply", "add", "answer", "cry",
                          "shout", "whisper", "write", "think", "admit", "warn", "agree"})


def broken_orders(s: Sentence, rng: random.Random, k: int = 3) -> list[str]:
    """Up to `k` versions of the sentence with one ungrammatical adjacent swap each."""
    toks = s.tokens
    spots = [i for i in range(len(toks) - 1)
             if (toks[i].pos, toks[i + 1].pos) in BAD_SWAPS and toks[i].is_word and toks[i + 1].is_word
             and not (toks[i].pos == "PRP" and toks[i + 1].lemma in SPEECH_VERBS)]
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
