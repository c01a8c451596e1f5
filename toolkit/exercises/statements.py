"""Statements for true/false items that read as a teacher's own sentences, not copies.

A true statement is the article's sentence said another way: its opening or closing
adverbial moved to the other end ("On Tuesday the council approved ..." -> "The council
approved ... on Tuesday"), a past-tense active sentence made passive or a passive one active
(with its "by" phrase), and one noun replaced by a common synonym of the sense the
sentence uses (WordNet, ranked in context; the synonym's own main sense must be that sense).
A false statement is the sentence with one fact changed (`comprehension.false_statement`)
and then said another way in the same manner.

Every statement is parsed again and must be one sentence whose root is a verb with a subject;
a one-word fact change must keep the parse's shape (same dependency labels), which is what
a swapped word that breaks the sentence ("We ignore our country needs to change") does not.
The changes are recorded in `extra["paraphrase"]` so validity can recompute them.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.exercises import lexicon as lx

if TYPE_CHECKING:
    from toolkit.model.text import Sentence

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
MIN_SYNONYM_ZIPF = 3.6  # a synonym a learner can read without a dictionary
SWAP_KEEPS_MEANING = 0.95  # the sentence with one synonym swapped, against the sentence
KEEP_MEANING = 0.88  # encoder cosine of the statement and the article's sentence, at least
# Function words a voice change or an undone substitution may add or drop.
FREE_WORDS = frozenset("""was were is are been be being by the a an that it""".split())
PLURAL_PRONOUNS = frozenset({"we", "they", "you"})
OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}


@lru_cache(maxsize=20_000)
def _parsed(text: str) -> tuple[Any, ...]:
    """The parse of one text on its own, without entities: the sentence checks below parse
    the same statements and source sentences again and again (a false statement is checked
    for grammar, then for its shape against its source), so each text is parsed once."""
    from toolkit.language.parser import parse

    return tuple(parse(text, entities=False))


@lru_cache(maxsize=5_000)
def analyzed(text: str) -> tuple[Sentence, ...]:
    """A statement's full analysis, kept: the same moved or changed sentence comes back in
    every run over an article (the moves are deterministic), and read-only here."""
    from toolkit.language.analysis import analyze

    return tuple(analyze(text))


@lru_cache(maxsize=20_000)
def reads_as_sentence(text: str) -> str | None:
    """Why `text` does not parse as one grammatical statement, or None when it does."""
    sents = _parsed(text)
    if len(sents) != 1:
        return "statement does not parse as one sentence"
    toks = sents[0].tokens
    roots = [t for t in toks if t.head == 0]
    if len(roots) != 1 or roots[0].upos not in {"VERB", "AUX"}:
        return "statement has no main verb"
    k = toks.index(roots[0]) + 1
    if not any(t.head == k and t.dep in SUBJECTS for t in toks):
        return "statement's main verb has no subject"
    return None


def same_shape(original: str, changed: str) -> bool:
    """Whether a one-word change kept the parse: same tokens count, same dependency labels
    and heads (a swapped word that breaks the grammar re-parses differently)."""
    a, b = _parsed(original), _parsed(changed)
    if len(a) != 1 or len(b) != 1 or len(a[0].tokens) != len(b[0].tokens):
        return False
    return all((x.dep, x.head) == (y.dep, y.head) for x, y in zip(a[0].tokens, b[0].tokens))


def _span(s: Sentence, idx: list[int]) -> str:
    toks = s.tokens
    return s.text[toks[idx[0]].start - s.start:toks[idx[-1]].end - s.start]


def _root(s: Sentence) -> int | None:
    return next((i for i, t in enumerate(s.tokens) if t.head == 0), None)


def _final_mark(s: Sentence) -> str:
    return s.text.rstrip()[-1] if s.text.rstrip()[-1:] in ".!?" else "."


NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART",
                       "PRODUCT", "LANGUAGE", "LAW"})


def _lower_first(text: str, s: Sentence) -> str:
    first = s.tokens[0]
    if first.is_name or first.text == "I" or first.ent in NAME_ENTS:
        return text
    return text[:1].lower() + text[1:]


def move_adverbial(s: Sentence) -> str | None:
    """An opening adverbial ("On Tuesday, ...", "In the trial, ...") moved to the end, or a
    closing one of the main verb moved to the front with a comma."""
    toks = s.tokens
    root = _root(s)
    if root is None or '"' in s.text or "“" in s.text:
        return None
    mods = [i for i, t in enumerate(toks) if t.head - 1 == root and t.dep in {"prep", "advcl", "npadvmod"}
            and i != root]
    end = len(toks) - 1 if not toks[-1].is_word else len(toks)
    for i in mods:
        span = s.subtree(i)
        if span != list(range(span[0], span[-1] + 1)):
            continue
        if toks[0].dep in {"advmod", "cc", "intj"} or toks[0].text.lower() in {"even", "so"}:
            return None  # "Even so, ...", "But ...": the opener must stay first
        if span[0] == 0 and span[-1] + 1 < end and toks[span[-1] + 1].text == ",":
            rest = s.text[toks[span[-1] + 2].start - s.start:toks[end - 1].end - s.start]
            moved = _lower_first(_span(s, span), s)
            rest = rest[:1].upper() + rest[1:]
            return f"{rest} {moved}{_final_mark(s)}"
        if span[-1] == end - 1 and span[0] > root + 1 and len(span) <= 8 \
                and toks[span[0] - 1].text != "," and toks[i].dep != "advcl" \
                and toks[i].text.lower() not in {"of", "than", "as", "like"}:
            head_part = s.text[toks[0].start - s.start:toks[span[0] - 1].end - s.start]
            moved = _span(s, span)
            return f"{moved[:1].upper() + moved[1:]}, {_lower_first(head_part, s)}{_final_mark(s)}"
    return None


def change_voice(s: Sentence) -> str | None:
    """A past simple active sentence made passive ("The council approved the plan" -> "The
    plan was approved by the council"), or a passive with "by" made active."""
    toks = s.tokens
    root = _root(s)
    if root is None or '"' in s.text or "“" in s.text:
        return None
    v = toks[root]
    kids = [i for i, t in enumerate(toks) if t.head - 1 == root]
    deps = {toks[i].dep: i for i in kids}
    end = len(toks) - 1 if not toks[-1].is_word else len(toks)
    if v.pos == "VBD" and "nsubj" in deps and "dobj" in deps and v.lemma not in {"have", "be", "get"} \
            and not any(toks[i].dep in {"aux", "neg", "dative", "ccomp", "xcomp", "prt", "conj"}
                        for i in kids):
        subj, obj = s.subtree(deps["nsubj"]), s.subtree(deps["dobj"])
        if any(toks[j].text == "," for j in subj + obj) or toks[deps["nsubj"]].pos == "DT":
            return None  # "X, which ..., organised": the clause's closing comma would be lost
        if subj[0] != 0 or subj[-1] + 1 != root or obj[0] != root + 1 \
                or toks[deps["nsubj"]].pos == "PRP" and toks[deps["nsubj"]].text.lower() not in OBJECT_CASE:
            return None
        if toks[deps["dobj"]].pos in {"PRP"}:
            return None
        participle = lx.inflect(v.lemma, "VBN")
        if not participle:
            return None
        be = "were" if toks[deps["dobj"]].pos in {"NNS", "NNPS"} else "was"
        obj_text, subj_text = _span(s, obj), _span(s, subj)
        sp = toks[deps["nsubj"]]
        if sp.pos == "PRP":
            subj_text = OBJECT_CASE[sp.text.lower()]
        else:
            subj_text = _lower_first(subj_text, s)
        rest = s.text[toks[obj[-1]].end - s.start:toks[end - 1].end - s.start] \
            if obj[-1] + 1 < end else ""
        return (f"{obj_text[:1].upper() + obj_text[1:]} {be} {participle} by {subj_text}"
                f"{rest}{_final_mark(s)}")
    if v.pos == "VBN" and "nsubjpass" in deps and "auxpass" in deps and "agent" in deps:
        agent = deps["agent"]
        pobj = [i for i, t in enumerate(toks) if t.head - 1 == agent and t.dep == "pobj"]
        if not pobj or any(toks[i].dep in {"aux", "neg"} for i in kids):
            return None
        subj = s.subtree(deps["nsubjpass"])
        by = s.subtree(agent)
        doer = s.subtree(pobj[0])
        if any(toks[j].text == "," for j in subj + doer) or toks[pobj[0]].pos == "DT":
            return None
        aux = toks[deps["auxpass"]].text.lower()
        if subj[0] != 0 or aux not in {"was", "were", "is", "are"} or toks[pobj[0]].pos == "PRP":
            return None
        tag = "VBD" if aux in {"was", "were"} else ("VBP" if toks[pobj[0]].pos in {"NNS", "NNPS"}
                                                   else "VBZ")
        verb = lx.inflect(v.lemma, tag)
        if not verb or by[0] != root + 1:
            return None
        doer_text = _span(s, doer)
        rest_idx = [i for i in range(by[-1] + 1, end)]
        rest = s.text[toks[rest_idx[0]].start - s.start - 1:toks[end - 1].end - s.start] \
            if rest_idx else ""
        obj_text = _lower_first(_span(s, subj), s)
        return f"{doer_text[:1].upper() + doer_text[1:]} {verb} {obj_text}{rest}{_final_mark(s)}"
    return None


def synonym_swap(s: Sentence, avoid: frozenset[str] | set[str], rng: random.Random) -> tuple[str, dict] | None:
    """One noun replaced by a common synonym of the sense the sentence uses (verbs and
    adjectives are left alone: read by hand, their synonyms too often did not collocate,
    "use it" -> "apply it", "two extra members" -> "two excess members")."""
    from toolkit.language.senses import rank as rank_senses

    wn = lx.wordnet()
    toks = s.tokens
    order = list(range(len(toks)))
    rng.shuffle(order)
    context = [t.lemma for t in toks if t.is_word]
    for i in order:
        t = toks[i]
        pos = lx.upos(t.pos)
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if pos != "NOUN" or t.is_name or not t.is_word or t.ent \
                or nxt in {"'s", "’s", "'"} or t.text.lower().endswith("ing") \
                or not t.text.islower() or t.lemma.lower() in {"be", "have", "do", "say", "get"} \
                or t.text.lower() in avoid or t.pos in {"JJR", "JJS"}:
            continue
        ranked = rank_senses(t.lemma.lower(), t.pos, [c for c in context if c != t.lemma])
        if not ranked:
            continue
        sense = ranked[0].synset
        if wn.synsets(t.lemma.lower(), pos=sense.pos())[:1] != [sense]:
            continue  # only the word's main sense: "bag" of coins -> "purse" was a wrong sense
        choices = []
        for name in sense.lemma_names():
            low = name.lower()
            if low == t.lemma.lower() or not lx.is_plain_word(low) or lx.same_stem(low, t.lemma) \
                    or lx.spelling_key(low) == lx.spelling_key(t.lemma):  # centre -> center
                continue
            firsts = wn.synsets(low, pos=sense.pos())[:1]
            if firsts != [sense]:
                continue  # the synonym's usual meaning is another one: it would mislead
            form = lx.inflect(low, t.pos)
            if not form or lx.zipf(form) < max(MIN_SYNONYM_ZIPF, lx.zipf(t.text) - 1.0) \
                    or form.lower() in s.text.lower():
                continue
            choices.append((-lx.zipf(form), form, low))
        if not choices:
            continue
        _, form, low = min(choices)
        prev = toks[i - 1].text.lower() if i else ""
        text = s.text[:t.start - s.start] + form + s.text[t.end - s.start:]
        if prev in {"a", "an"}:
            from toolkit.exercises.forms import indefinite_article

            a = toks[i - 1]
            art = indefinite_article(form)
            art = art.capitalize() if a.text[:1].isupper() else art
            text = text[:a.start - s.start] + art + text[a.end - s.start:]
        from toolkit.language.encoder import available, cosine

        if available() and cosine(text, s.text) < SWAP_KEEPS_MEANING:
            continue  # range -> scope: a synonym of another sense than the sentence's
        return text, {"old": t.text, "new": form}
    return None


def paraphrase(s: Sentence, rng: random.Random, avoid: frozenset[str] | set[str] = frozenset()) -> \
        tuple[str, list[dict[str, Any]]] | None:
    """The sentence said another way (see module doc) with the changes made, or None when
    no change applies or the result does not read as a sentence or drifts in meaning."""
    from toolkit.language.encoder import available, cosine

    tries: list[tuple[str, list[dict[str, Any]]]] = []
    for name, fn in (("voice", change_voice), ("reorder", move_adverbial)):
        made = fn(s)
        if made and not reads_as_sentence(made):
            (moved,) = analyzed(made) or [s]
            swap = synonym_swap(moved, avoid, rng)
            if swap and not reads_as_sentence(swap[0]):
                tries.append((swap[0], [{"op": name}, {"op": "synonym", **swap[1]}]))
            tries.append((made, [{"op": name}]))
            break
    swap = synonym_swap(s, avoid, rng)
    if swap and not reads_as_sentence(swap[0]):
        tries.append((swap[0], [{"op": "synonym", **swap[1]}]))
    for text, changes in tries:
        if _norm(text) == _norm(s.text):
            continue
        if available() and cosine(text, s.text) < KEEP_MEANING:
            continue
        return text, changes
    return None


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def words_bag(text: str) -> list[str]:
    return sorted(w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
                  if w not in FREE_WORDS)


def undo(statement: str, changes: list[dict[str, Any]]) -> str:
    """The statement with its recorded synonym substitutions put back."""
    for c in changes:
        if c.get("op") == "synonym":
            statement = re.sub(rf"\b{re.escape(c['new'])}\b", c["old"], statement, count=1)
    return statement


def same_words(statement: str, source: str, changes: list[dict[str, Any]]) -> bool:
    """The statement, its substitutions undone, uses the source's words (voice and order may
    differ; a voice change's participle and "by" are allowed)."""
    bag_s, bag_o = words_bag(undo(statement, changes)), words_bag(source)
    if bag_s == bag_o:
        return True
    if any(c.get("op") == "voice" for c in changes):
        lemmas_s = sorted(min(lx.lemmas_of(w)) if lx.lemmas_of(w) else w for w in bag_s)
        lemmas_o = sorted(min(lx.lemmas_of(w)) if lx.lemmas_of(w) else w for w in bag_o)
        return lemmas_s == lemmas_o
    return False


__all__ = ["analyzed", "change_voice", "move_adverbial", "paraphrase", "reads_as_sentence", "same_shape",
           "same_words", "synonym_swap", "undo"]
