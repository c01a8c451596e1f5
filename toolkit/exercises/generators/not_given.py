"""True / false / not given: the `tfng` generator.

True and false statements are made as in `tf`. A "not given" statement adds information the
text does not have, in one of two ways whose key a check can recompute:

- **specialisation**: a noun after the main verb becomes a more specific kind of it (a WordNet
  hyponym of its sense in context) that occurs nowhere in the text, and the text names no
  kind of that noun at all ("Farmers moved their animals" -> "... their horses": the text
  never says which animals);
- **added time**: a time phrase ("in the morning") is added to a short past-tense sentence
  about one occasion, where neither the sentence nor its paragraph says when.

Only upward contexts are used: no negation, no "all/every/no/any", no condition, no generic
present ("Plants need light" -> "Roses need light" would be true), because there a more
specific statement follows from the text.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.exercises import lexicon as lx
from toolkit.exercises.forms import indefinite_article
from toolkit.exercises.generators._common import usable_sentences
from toolkit.exercises.kinds import BLOCKERS, broader_senses, text_names_a_kind, text_nouns
from toolkit.exercises.generators.comprehension import (place_names, statement_pair,
                                                        subject_and_verb)
from toolkit.model.items import Item
from toolkit.exercises.registry import Source, register

if TYPE_CHECKING:
    from toolkit.model.text import Sentence

OPTIONS = ["True", "False", "Not given"]
PROMPT = "True, false or not given? "
DETERMINERS = frozenset("""a an the his her their its my our your some this that these those
two three four five six seven eight nine ten""".split())
TIME_WORDS = frozenset("""when while after before until till since during ago then later soon
once yesterday today tomorrow tonight now morning evening night noon afternoon day days week
weeks month months year years winter summer spring autumn season hour hours minute minutes
moment time times sunday monday tuesday wednesday thursday friday saturday january february
march april may june july august september october november december dawn dusk midnight
early late first last next again already""".split())
SUBORDINATORS = frozenset("""that because as though although while when if than so or but like
said says told asked thought knew""".split())  # the phrase must attach to the main, past event
# Weekdays only: a time of day or a season can often be inferred from the story ("the sun went
# down" makes "in the evening" true), a weekday almost never.
TIME_PHRASES = ("on a Monday", "on a Tuesday", "on a Wednesday", "on a Thursday", "on a Friday",
                "on a Saturday", "on a Sunday")
MIN_ZIPF = 3.3  # the new word must be common enough to read without a dictionary
MAX_DEPTH = 3  # how many hyponym steps below the noun's sense to look
# Concrete things only: kinds of abstract nouns (a "while", a "conversation") read as nonsense,
# and kinds of people (a wife -> ?) or places are too often wrong or near-synonyms.
CONCRETE = frozenset({"noun.animal", "noun.artifact", "noun.food"})


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def text_words(source: Source) -> set[str]:
    """Every word of the text and every lemma it can come from."""
    out: set[str] = set()
    for s in source.sentences:
        for w in _words(s.text):
            out.add(w)
            out.update(lx.lemmas_of(w))
    return out


def _blocked(s: Sentence) -> bool:
    return bool(_words(s.text) & BLOCKERS) or "?" in s.text or '"' in s.text or "“" in s.text


def kinds_of(synset, depth: int = MAX_DEPTH) -> set:
    """Hyponym synsets up to `depth` steps below `synset`."""
    out, frontier = set(), {synset}
    for _ in range(depth):
        frontier = {h for f in frontier for h in f.hyponyms()}
        out |= frontier
    return out


def sense_in_context(lemma: str, s: Sentence):
    """The noun's sense, only when the context ranking and WordNet's most frequent sense agree
    (a wrong sense would give a nonsense 'kind')."""
    wn = lx.wordnet()
    senses = wn.synsets(lemma, pos="n")
    if not senses:
        return None
    ranked = lx.sense_rank(lemma, "NOUN", _words(s.text) - {lemma})
    return senses[0] if ranked and ranked[0] == senses[0] else None


def mainly_noun(word: str) -> bool:
    """Used mostly as a noun: no adjective senses, and SemCor tags it as a noun at least as
    often as a verb ('launch' is a boat, but mostly a verb)."""
    wn = lx.wordnet()
    if wn.synsets(word, pos="a") or wn.synsets(word, pos="s"):
        return False
    def count(pos: str) -> int:
        return sum(lm.count() for s in wn.synsets(word, pos=pos) for lm in s.lemmas()
                   if lm.name().lower() == word)
    return count("n") >= count("v")


def main_verb(s: Sentence) -> int | None:
    """Index of the sentence's first finite verb."""
    for i, t in enumerate(s.tokens):
        if t.pos in {"VBD", "VBZ", "VBP", "MD"}:
            return i
    return None


def specialise(s: Sentence, words: set[str], rng: random.Random, counts: dict[str, int],
               nouns: set[str] | None = None) -> tuple[str, str, dict] | None:
    """Replace a noun after the main verb by a common kind of it that the text never names."""
    i = main_verb(s)
    if i is None or s.tokens[i].pos != "VBD" or _blocked(s):
        return None
    toks = s.tokens
    for j in range(i + 1, len(toks)):
        t = toks[j]
        if t.pos not in {"NN", "NNS"} or not t.is_word or t.is_name or not t.text.islower():
            continue
        prev, nxt = toks[j - 1], toks[j + 1] if j + 1 < len(toks) else None
        if prev.text.lower() not in DETERMINERS and prev.pos not in {"JJ", "PRP$"}:
            continue
        if prev.pos.startswith("NN") or (nxt is not None and (nxt.pos.startswith("NN")
                                                              or nxt.text in {"'s", "’s", "of"})):
            continue  # part of a compound or "kind of X": the head is elsewhere
        if counts.get(t.lemma.lower(), 0) > 3:
            continue  # mentioned again elsewhere: a character or thing the text describes
        syn = sense_in_context(t.lemma, s)
        if syn is None or (syn.lexname() not in CONCRETE and syn.name() != "animal.n.01") \
                or text_names_a_kind(syn, words if nouns is None else nouns):
            continue
        synonyms = lx.synonyms(t.lemma, "NOUN")
        cands = []
        for k in kinds_of(syn):
            for name in k.lemma_names():
                low = name.lower()
                firsts = lx.wordnet().synsets(low, pos="n")[:1]
                if low != name or firsts != [k] or not any(
                        lm.count() for lm in k.lemmas() if lm.name() == low):
                    continue  # a name, a word whose usual meaning is something else, or one
                    # never tagged in this sense in SemCor ('derby' the hat)
                if not lx.is_plain_word(low) or not mainly_noun(low) or low in synonyms or low in words \
                        or lx.lemmas_of(low) & words or lx.same_stem(low, t.lemma):
                    continue
                form = lx.inflect(low, t.pos)
                if not form or form.lower() in words:
                    continue
                z = lx.zipf(form)
                if z >= MIN_ZIPF:
                    cands.append((z, low, form, k.name()))
        if not cands:
            continue
        cands.sort(reverse=True)
        _, low, form, kname = rng.choice(cands[:3])
        a, b = t.start - s.start, t.end - s.start
        before = s.text[:a]
        if prev.text.lower() in {"a", "an"} and prev.end == t.start - 1:
            before = before[:prev.start - s.start] + indefinite_article(form) + " "
        statement = before + form + s.text[b:]
        why = (f"The text says “{t.text}” but never says which {t.text}"
               if t.pos == "NNS" else f"The text says “{prev.text} {t.text}” but never says "
               f"what kind of {t.text}")
        return statement, why, {"ng": "specialise", "replaced": t.lemma, "new": low,
                                "new_form": form, "synset": kname, "replaced_synset": syn.name()}
    return None


def has_time(s: Sentence) -> bool:
    return bool(_words(s.text) & TIME_WORDS) or any(t.pos == "CD" for t in s.tokens)


def add_time(s: Sentence, near: list[Sentence], words: set[str],
             rng: random.Random) -> tuple[str, str, dict] | None:
    """Add a time phrase to a short past-tense sentence about one occasion, when neither it
    nor the sentences next to it say when."""
    i = main_verb(s)
    if i is None or s.tokens[i].pos != "VBD" or s.tokens[i].lemma in {"be", "have"} or _blocked(s):
        return None
    toks = s.tokens
    if len(s.words) > 20 or any(c in s.text for c in ",;:-") or len(toks) < 2 \
            or toks[-2].pos in {"IN", "RP"} or toks[-2].text.lower() in {"on", "off", "up", "down", "in", "out"} or any(
            t.pos in {"WDT", "WP", "WRB", "VBZ", "VBP", "MD", "VBG", "TO"}
            or t.text.lower() in SUBORDINATORS for t in s.tokens):
        return None
    if any(has_time(p) for p in near):
        return None
    phrases = [p for p in TIME_PHRASES if not (_words(p) - {"on", "a"}) & words]
    if not phrases or not s.text.endswith("."):
        return None
    phrase = rng.choice(phrases)
    statement = s.text[:-1].rstrip() + " " + phrase + "."
    return statement, "The text never says when this happened", {"ng": "time", "phrase": phrase}


SPECIALISE = False  # researchers may switch it on to study it


@register("tfng", version="2", uses="article")
def true_false_not_given(source: Source, rng: random.Random, n: int) -> list[Item]:
    """True, false and not-given statements in turn: true and false ones as in `tf` (said
    another way; false ones with one fact changed), not-given ones with a more specific noun or an added time
    the text never mentions (see module doc). When the text offers no not-given statement,
    the items are true and false ones (still with the three options)."""
    names = sorted({r[2] for s in source.sentences for r in place_names(s)})
    words, nouns = text_words(source), text_nouns(source)
    counts: dict[str, int] = {}
    for sent in source.sentences:
        for tok in sent.tokens:
            counts[tok.lemma.lower()] = counts.get(tok.lemma.lower(), 0) + 1
    index = {id(s): k for k, s in enumerate(source.sentences)}
    sents = [s for s in usable_sentences(source, 6, 30) if '"' not in s.text and "?" not in s.text]
    rng.shuffle(sents)
    pools: dict[str, list[Item]] = {"Not given": [], "True": [], "False": []}
    for s in sents:
        if sum(len(p) for p in pools.values()) >= n + 3:
            break  # each statement is parsed a few times; a few spares are enough
        k = index[id(s)]
        near = source.sentences[max(0, k - 1):k + 2]
        extra: dict = {"paragraph": s.paragraph + 1}
        # Only the added-day construction is on by default: read by hand it was right 11 of 11,
        # the more-specific-noun one 10 of 19 (near-synonyms, wrong senses). A wrong key is
        # worse than no item, so `specialise` waits for a better sense check.
        made = (SPECIALISE and specialise(s, words, rng, counts, nouns)) or add_time(
            s, near, words, rng)
        if made:
            statement, why, more = made
            extra.update(more)
            want, explanation = "Not given", f"Not given: {why}. The text: “{s.text}”"
        else:
            make_false = len(pools["True"]) > len(pools["False"])
            pair = statement_pair(s, names, rng, make_false)
            if not pair:
                continue
            statement, why, more = pair
            extra.update(more)
            want = "False" if make_false else "True"
            explanation = (f"False: {why}. The text: “{s.text}”" if make_false
                           else f"True: {why}")
        pools[want].append(Item(type="tfng", prompt=PROMPT + statement, answer=want,
                                options=list(OPTIONS), source=s.text, target=statement,
                                explanation=explanation, extra=extra))
    items: list[Item] = []
    while any(pools.values()):  # interleave so a short quiz still gets all three keys
        for key in ("Not given", "True", "False"):
            if pools[key]:
                items.append(pools[key].pop(0))
    return items
