"""Grammar items from the article's own words: word formation, verb tense and form,
and part-of-speech identification."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from toolkit.exercises import lexicon as lx
from toolkit.exercises.forms import indefinite_article, realise
from toolkit.exercises.generators._common import (gapped, is_target, marked, pick_targets,
                                                  usable_sentences)
from toolkit.model.items import Item
from toolkit.exercises.registry import Source, register

if TYPE_CHECKING:
    from toolkit.model.text import Sentence, Token

POS_NAMES = {"NOUN": "noun", "VERB": "verb", "ADJ": "adjective", "ADV": "adverb"}


def base_word_for(token_text: str, lemma: str, pos: str, sentence: str = "") -> str | None:
    """A derivationally related word of another POS to put in brackets (identity <- identify).

    Only relatives of the sense the sentence suggests (fired: dismiss, not fiery), as
    common as the answer and not much longer (a root, not a further derivation).
    """
    from toolkit.exercises.distractors import context_words

    wn = lx.wordnet()
    senses = lx.sense_rank(lemma, pos, context_words(sentence))[:1]
    related = {r.name().lower() for s in senses for lm in s.lemmas() if lm.name().lower() == lemma
               for r in [*lm.derivationally_related_forms(), *lm.pertainyms()]}
    choices = []
    answer_z = lx.zipf(token_text)
    for rel in related:
        if not lx.is_plain_word(rel) or rel in lx.forms_of(token_text) or len(rel) < 3:
            continue
        rel_pos = {s.pos().replace("s", "a") for s in wn.synsets(rel)}
        if lx.UPOS_TO_WORDNET[pos] in rel_pos and len(rel_pos) == 1:
            continue  # same POS only: not a word-formation change
        z = lx.zipf(rel)
        agent = pos == "VERB" and rel.endswith(("er", "or", "ist"))  # live -> liver
        if z >= 3.0 and z >= answer_z - 1.0 and len(rel) <= len(lemma) + 1 and not agent:
            choices.append((len(rel), -z, rel))
    return min(choices)[2] if choices else None


@register("word-formation", version="1", uses="article")
def word_formation(source: Source, rng: random.Random, n: int) -> list[Item]:
    """'Use the correct form of the word in brackets': the article's word is the key."""
    items = []
    for s, t in pick_targets(source, rng):
        pos = lx.upos(t.pos)
        if pos not in POS_NAMES or s.text.lower().count(t.text.lower()) != 1 \
                or t.pos in {"JJR", "JJS", "RBR", "RBS"}:
            continue
        base = base_word_for(t.text, t.lemma.lower(), pos, s.text)
        if not base:
            continue
        items.append(Item(
            type="word-formation",
            prompt=f"Use the correct form of the word in brackets: {gapped(s, [t])} ({base.upper()})",
            answer=t.text, source=s.text, target=t.lemma, level=t.cefr or "",
            explanation=f"The gap needs {indefinite_article(POS_NAMES[pos])} {POS_NAMES[pos]}: "
                        f"{base} → {t.text}.",
            extra={"base": base, "pos": t.pos, "paragraph": s.paragraph + 1}))
        if len(items) >= n * 2:
            break
    return items


# Verb groups: (Penn tags of the group) -> the form's name. Auxiliaries are matched by lemma.
BE = frozenset({"am", "is", "are", "was", "were"})
HAVE = frozenset({"has", "have", "had"})


def verb_groups(s: Sentence) -> list[tuple[list[Token], str]]:
    """Finite verb groups in a sentence with the name of their tense/form."""
    toks = s.tokens
    out = []
    i = 0
    while i < len(toks):
        t, low = toks[i], toks[i].text.lower()
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        nxt2 = toks[i + 2] if i + 2 < len(toks) else None
        if low in HAVE and nxt is not None and nxt.text.lower() == "been" and nxt2 is not None \
                and nxt2.pos == "VBN":
            tense = "past perfect passive" if low == "had" else "present perfect passive"
            out.append(([t, nxt, nxt2], tense))
            i += 3
            continue
        if low in HAVE and nxt is not None and nxt.pos == "VBN" and nxt.text.lower() != "been":
            out.append(([t, nxt], "past perfect" if low == "had" else "present perfect"))
            i += 2
            continue
        if low in BE and nxt is not None and nxt.pos == "VBN":
            out.append(([t, nxt], "past simple passive" if low in {"was", "were"}
                        else "present simple passive"))
            i += 2
            continue
        if low in BE and nxt is not None and nxt.pos == "VBG":
            out.append(([t, nxt], "past continuous" if low in {"was", "were"}
                        else "present continuous"))
            i += 2
            continue
        prev = toks[i - 1].text.lower() if i else ""
        if t.pos in {"VBD", "VBZ"} and t.lemma not in {"be", "have", "do"} and t.is_word \
                and prev not in BE | HAVE | {"to", "did", "does", "do"}:
            out.append(([t], "past simple" if t.pos == "VBD" else "present simple"))
        i += 1
    return out


def person_of(group: list[Token]) -> str:
    """Subject person read off the finite verb (is/has/-s -> 3sg, am -> 1sg)."""
    first = group[0]
    low = first.text.lower()
    if low in {"is", "has", "was"} or first.pos == "VBZ":
        return "3sg"
    if low == "am":
        return "1sg"
    return "pl"


@register("verb-form", version="1", uses="article")
def verb_form(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Put the verb in brackets into the named tense/form (past, present, perfect, passive)."""
    groups = []
    for s in usable_sentences(source):
        for group, tense in verb_groups(s):
            groups.append((rng.random(), s, group, tense))
    groups.sort(key=lambda g: g[0])
    items = []
    used: set[int] = set()
    for _, s, group, tense in groups:
        main = group[-1]
        answer = s.text[group[0].start - s.start:main.end - s.start]
        if s.start in used or s.text.lower().count(answer.lower()) != 1 \
                or answer.lower() == main.lemma.lower():  # put/set/hurt: nothing to change
            continue
        used.add(s.start)
        items.append(Item(
            type="verb-form",
            prompt=f"Put the verb into the correct form: {gapped(s, group)} "
                   f"({main.lemma}, {tense})",
            answer=answer, source=s.text, target=main.lemma, level=main.cefr or "",
            explanation=f"{tense.capitalize()} of “{main.lemma}”: {answer}.",
            extra={"tense": tense, "person": person_of(group), "lemma": main.lemma,
                   "paragraph": s.paragraph + 1}))
        if len(items) >= n * 2:
            break
    return items


def tag_fits_context(s: Sentence, t: Token) -> bool:
    """Guards against tagger slips on words of two POS ("The pandemic made ..." as JJ):
    an adjective stands before a noun/adjective or after a linking verb; a noun or verb
    right after a determiner must be a noun."""
    toks = s.tokens
    i = toks.index(t)
    prev = toks[i - 1] if i else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.pos.startswith("JJ"):
        before_noun = nxt is not None and (nxt.pos.startswith(("NN", "JJ")) or nxt.pos == "CC")
        linking = prev is not None and (prev.lemma in {"be", "seem", "become", "look", "feel",
                                                        "remain", "get", "stay"}
                                        or prev.pos.startswith("RB"))
        return before_noun or linking
    if t.pos.startswith("VB"):
        return prev is None or prev.pos not in {"DT", "PRP$", "JJ"}
    return True


def pos_is_clear(t: Token) -> bool:
    """The tagged POS is the word's only WordNet POS, or clearly its most used one."""
    wn = lx.wordnet()
    counts = {}
    for p, code in lx.UPOS_TO_WORDNET.items():
        syns = wn.synsets(t.text.lower(), pos=code)
        if syns:
            counts[p] = sum(lm.count() for s in syns for lm in s.lemmas()
                            if lm.name().lower() == t.lemma.lower())
    tagged = lx.upos(t.pos)
    if tagged not in counts:
        return False
    if len(counts) == 1:
        return True
    best = max(counts.values())
    return best > 0 and counts[tagged] == best


@register("pos", version="2", uses="article")
def part_of_speech(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Which part of speech is the word in brackets? Words that can be more than one POS
    are preferred (they teach something), and WordNet must list the tagged POS."""
    wn = lx.wordnet()
    items = []
    for s, t in pick_targets(source, rng, pred=lambda t: is_target(t) and t.pos != "RB"):
        pos = lx.upos(t.pos)
        if pos not in POS_NAMES or not wn.synsets(t.lemma, pos=lx.UPOS_TO_WORDNET[pos]) \
                or not tag_fits_context(s, t) or not pos_is_clear(t):
            continue
        options = ["noun", "verb", "adjective", "adverb"]
        items.append(Item(
            type="pos", prompt=f"What part of speech is the word in brackets? {marked(s, t)}",
            answer=POS_NAMES[pos], options=options, source=s.text, target=t.text,
            level=t.cefr or "",
            explanation=f"“{t.text}” is {indefinite_article(POS_NAMES[pos])} {POS_NAMES[pos]} "
                        f"here (tag {t.pos}).",
            extra={"pos": t.pos, "paragraph": s.paragraph + 1}))
        if len(items) >= n * 2:
            break
    return items
