"""Word meaning: match words to definitions, and "Which word in paragraph N means ...?"."""

from __future__ import annotations

import random
import re
from typing import Mapping

from toolkit.exercises import lexicon as lx
from toolkit.exercises.distractors import context_words
from toolkit.exercises.generators._common import is_target, pick_targets
from toolkit.model.items import Item
from toolkit.exercises.registry import Source, register


def definition(lemma: str, pos: str | None, sentence: str = "", penn: str = "",
               known: Mapping[str, tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """(definition, synset name) of the sense the sentence suggests, in the learner's words
    (toolkit.language.definitions). None when the definition gives the word away (contains
    a form of it) or the sense is not safe to define.

    `known` (lemma -> (definition, synset): the lesson's cards, a teacher's fix) wins, so an
    exercise says what the student's card says. Otherwise, with the Penn tag and the
    sentence, the sense is the word card's ranking (`senses.rank`: "minister" in a government
    story is not a priest)."""
    if known and lemma in known:
        text, name = known[lemma]
        return (text, name) if text and not _gives_away(text, lemma) else None
    wn = lx.wordnet()
    if penn and sentence and lx.upos(penn) in lx.UPOS_TO_WORDNET:
        from toolkit.language.senses import rank as rank_senses

        if len(lx.wordnet().synsets(lemma, pos=lx.UPOS_TO_WORDNET[lx.upos(penn)])) != 1:
            return None  # `clear_sense` refuses it whatever the ranking: skip the encoder
        words = [w for w in context_words(sentence) if w != lemma]
        senses = [r.synset for r in rank_senses(lemma, penn, words, sentence=sentence)]
        if senses and not clear_sense(lemma, lx.upos(penn), senses[0]):
            return None
    elif pos and pos in lx.UPOS_TO_WORDNET:
        senses = lx.sense_rank(lemma, pos, context_words(sentence))
    else:
        senses = wn.synsets(lemma)
    if not senses:
        return None
    s = senses[0]
    if s.definition().startswith("(") and wn.synsets(lemma)[:1] != [s]:
        return None  # "(Christianity) an assembly ...": a specialist sense, likely the wrong one
    from toolkit.language.definitions import learner_definition

    for text in (learner_definition(s, lemma), clean_definition(s.definition())):
        if text and "`" not in text and not _gives_away(text, lemma):
            # "`" : a gloss quoting words ("preceded by `a'"): about grammar, not meaning
            return text, s.name()
    return None


def _gives_away(text: str, lemma: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & (lx.forms_of(lemma) | lx.derived(lemma))) or \
        any(lx.same_stem(w, lemma) for w in words)


def clear_sense(lemma: str, pos: str, sense: object) -> bool:
    """Whether a sense of an article's word is safe to define: the word has only this sense
    in its POS. Rated on unseen articles, words with several senses got a wrong one about one
    time in two ('manage', 'take', 'cover', 'charge'), and a dominant-sense rule did not help
    (the dominant sense was the wrong one for 'manage' and 'next'): a wrong definition is
    worse than none, so until the sense ranking improves only one-sense words are defined."""
    senses, _counts = lx._senses_with_counts(lemma, pos)
    return len(senses) == 1 and senses[0] == sense


def clean_definition(text: str) -> str:
    """WordNet glosses without usage notes ("(`plenty' is nonstandard)"), labels such as
    "(plural)" or "(informal)", or loose punctuation."""
    text = re.sub(r"\([^)]*`[^)]*\)", "", text)
    text = re.sub(r"^\s*\((?:plural|informal|formal|usually plural|often plural|slang|"
                  r"British|Briticism|chiefly British|US|archaic)\)\s*", "", text)
    text = re.sub(r"\s*;\s*(;\s*)+", "; ", text)
    return text.strip(" ;:,")


@register("matching", version="1", uses="either")
def matching(source: Source, rng: random.Random, n: int) -> list[Item]:
    """Sets of 5 words and their definitions (the word list first, then the article)."""
    entries: list[tuple[str, str, str, str]] = []  # word, definition, synset, level
    seen: set[str] = set()
    for w in source.words:
        if w.lower() in seen or not lx.is_plain_word(w.lower()):
            continue
        d = definition(w.lower(), None, known=source.definitions)
        if d:
            seen.add(w.lower())
            entries.append((w.lower(), d[0], d[1], ""))
    for s, t in pick_targets(source, rng):
        if len(entries) >= 5 * n + 5:  # each sense lookup reads the sentence (encoder)
            break
        if t.lemma.lower() in seen:
            continue
        d = definition(t.lemma.lower(), lx.upos(t.pos), s.text, t.pos, source.definitions)
        if d:
            seen.add(t.lemma.lower())
            entries.append((t.lemma.lower(), d[0], d[1], t.cefr or ""))
    items = []
    for i in range(0, len(entries) - 2, 5):
        group = entries[i:i + 5]
        if len(group) < 3 or len({g[1] for g in group}) < len(group):
            continue
        options = [g[1] for g in group]
        rng.shuffle(options)
        items.append(Item(
            type="matching", prompt="Match each word with its meaning.",
            stems=[g[0] for g in group], options=options, answer=[g[1] for g in group],
            target=", ".join(g[0] for g in group),
            level=max((g[3] for g in group), default=""),
            explanation="; ".join(f"{g[0]}: {g[1]}" for g in group),
            extra={"synsets": [g[2] for g in group]}))
    return items


@register("vocab-in-context", version="1", uses="article")
def vocab_in_context(source: Source, rng: random.Random, n: int) -> list[Item]:
    """'Which word in paragraph N means ...?' Options are words of the same paragraph and
    POS; none of them may share the defined sense (checked again by validity)."""
    items = []
    paras = source.paragraphs
    for s, t in pick_targets(source, rng):
        pos = lx.upos(t.pos)
        d = definition(t.lemma.lower(), pos, s.text, t.pos, source.definitions)
        if not d:
            continue
        same = [x for x in pick_targets(source, rng, sentences=paras[s.paragraph])
                if x[1].pos == t.pos and x[1].lemma.lower() != t.lemma.lower()
                and is_target(x[1])]
        others: list[str] = []
        for _, x in same:
            if lx.spelling_key(x.text) not in {lx.spelling_key(o) for o in [t.text, *others]} \
                    and lx.too_close(x.text, t.text, pos) is None:
                others.append(x.text)
        if len(others) < 3:
            continue
        options = [t.text, *others[:3]]
        rng.shuffle(options)
        para_n = s.paragraph + 1
        items.append(Item(
            type="vocab-in-context",
            prompt=f"Which word in paragraph {para_n} means “{d[0]}”?",
            answer=t.text, options=options, source=s.text, target=t.lemma, level=t.cefr or "",
            explanation=f"“{t.text}” in: {s.text}",
            extra={"paragraph": para_n, "synset": d[1], "pos": t.pos}))
        if len(items) >= n * 2:
            break
    return items
