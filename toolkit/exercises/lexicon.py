"""Word relations the generators and checks share: forms, synonyms, relatives (WordNet).

Heavy (nltk WordNet, lemminflect, wordfreq), so it is imported only by generators and
validity checks at lesson-build time, never by a student's kernel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from toolkit.language.data import wordnet
from toolkit.model.tags import UPOS_TO_WORDNET, penn_to_coarse

_ALPHA = re.compile(r"^[a-z]+$")


def upos(tag: str) -> str:
    return "OTHER" if tag[:2] == "MD" else penn_to_coarse(tag)  # a modal is grammar here


@lru_cache(maxsize=100_000)
def lemmas_of(word: str) -> frozenset[str]:
    """Every dictionary form a word can come from (went -> go), itself included."""
    from lemminflect import getAllLemmas

    low = word.lower()
    out = {low}
    for forms in getAllLemmas(low).values():
        out.update(f.lower() for f in forms)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def forms_of(word: str) -> frozenset[str]:
    """Every inflected form of every lemma of `word` (go -> goes, went, gone, going)."""
    from lemminflect import getAllInflections

    out: set[str] = set()
    for lemma in lemmas_of(word):
        out.add(lemma)
        for forms in getAllInflections(lemma).values():
            out.update(f.lower() for f in forms)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def inflect(lemma: str, tag: str) -> str | None:
    """`lemma` in the form of Penn `tag` (lemminflect; irregular verbs from its tables)."""
    from lemminflect import getInflection

    if tag in {"NN", "VB", "JJ", "RB"}:
        return lemma
    found = getInflection(lemma, tag=tag)
    return found[0] if found else None


@lru_cache(maxsize=100_000)
def synonyms(word: str, pos: str | None = None) -> frozenset[str]:
    """Lemma names sharing any sense with any lemma of `word` (strict: every sense counts),
    plus adjective satellites ("similar to") and verb groups."""
    wn = wordnet()
    out: set[str] = set()
    for lemma in lemmas_of(word):
        for s in wn.synsets(lemma, pos=UPOS_TO_WORDNET.get(pos or "", None)):
            related = [s, *s.similar_tos(), *s.verb_groups(), *s.also_sees()]
            for r in related:
                out.update(n.lower().replace("_", " ") for n in r.lemma_names())
    return frozenset(out)


@lru_cache(maxsize=100_000)
def derived(word: str) -> frozenset[str]:
    """Derivationally related words and pertainyms (identify -> identity, identification)."""
    wn = wordnet()
    out: set[str] = set()
    for lemma in lemmas_of(word):
        for s in wn.synsets(lemma):
            for lm in s.lemmas():
                if lm.name().lower() != lemma:
                    continue
                for r in [*lm.derivationally_related_forms(), *lm.pertainyms()]:
                    out.add(r.name().lower())
    return frozenset(out - {word.lower()})


@lru_cache(maxsize=100_000)
def broader_narrower(word: str, pos: str | None = None) -> frozenset[str]:
    """Direct hypernyms and hyponyms: a broader or narrower word often also fits the gap."""
    wn = wordnet()
    out: set[str] = set()
    for lemma in lemmas_of(word):
        for s in wn.synsets(lemma, pos=UPOS_TO_WORDNET.get(pos or "", None)):
            for r in [*s.hypernyms(), *s.instance_hypernyms(), *s.hyponyms()]:
                out.update(n.lower() for n in r.lemma_names())
    return frozenset(out)


@lru_cache(maxsize=50_000)
def verb_sisters(word: str) -> frozenset[str]:
    """Co-hyponyms of any sense of a verb: for verbs these are often near-synonyms that
    also fit the gap (spot: notice, discover; fire: expel)."""
    wn = wordnet()
    out: set[str] = set()
    for lemma in lemmas_of(word):
        for s in wn.synsets(lemma, pos="v"):
            for h in s.hypernyms():
                for x in h.hyponyms():
                    out.update(n.lower() for n in x.lemma_names())
    return frozenset(out - lemmas_of(word))


def same_stem(a: str, b: str) -> bool:
    """A cheap guard against forms lemminflect and WordNet miss (employ/employer)."""
    a, b = a.lower(), b.lower()
    k = min(len(a), len(b))
    common = 0
    while common < k and a[common] == b[common]:
        common += 1
    return common >= 5 or (common >= 4 and common >= k - 1)


def too_close(candidate: str, key: str, pos: str | None = None) -> str | None:
    """Why `candidate` must not be a distractor for `key`, or None when it may be."""
    c, k = candidate.lower(), key.lower()
    if c == k or c in forms_of(k) or k in forms_of(c):
        return "form of the key"
    if same_stem(c, k) or c in derived(k) or k in derived(c) or lemmas_of(c) & {
            d for lemma in lemmas_of(k) for d in derived(lemma)}:
        return "form of the key"
    syn = synonyms(k, pos)
    if c in syn or lemmas_of(c) & syn:
        return "synonym of the key"
    if lemmas_of(c) & broader_narrower(k, pos):
        return "broader or narrower than the key"
    if pos in (None, "VERB") and lemmas_of(c) & verb_sisters(k):
        return "near-synonym of the key"
    return None


# WordNet usage domains that make a word unfit for a classroom option in any sense, and
# those that do when they mark the word's main sense (bitch: a woman, slang; pot: a vessel).
OFFENSIVE_ANY_SENSE = frozenset({"obscenity.n.02", "ethnic_slur.n.01", "disparagement.n.01"})
OFFENSIVE_MAIN_SENSE = frozenset({"slang.n.02"})


@lru_cache(maxsize=100_000)
def offensive(word: str) -> bool:
    """Whether WordNet marks `word` (any lemma of it) as obscene, a slur or disparaging,
    or its main sense as slang: such words never become options for students."""
    wn = wordnet()
    for lemma in lemmas_of(word):
        senses = [s for s in wn.synsets(lemma)
                  if lemma in {n.lower() for n in s.lemma_names()}]
        for i, s in enumerate(senses):
            marks = {d.name() for d in s.usage_domains()}
            if marks & OFFENSIVE_ANY_SENSE or (i == 0 and marks & OFFENSIVE_MAIN_SENSE):
                return True
    return False


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def is_plain_word(word: str) -> bool:
    return bool(_ALPHA.match(word))


@lru_cache(maxsize=20_000)
def _senses_with_counts(lemma: str, pos: str) -> tuple[list[Any], list[int]]:
    """Senses of a lemma and their SemCor tag counts (WordNet's frequency evidence)."""
    senses = wordnet().synsets(lemma, pos=UPOS_TO_WORDNET.get(pos))
    return senses, [sum(lm.count() for lm in s.lemmas() if lm.name().lower() == lemma)
                    for s in senses]


def sense_rank(lemma: str, pos: str, context: set[str]) -> list[Any]:
    """Senses of `lemma`, best first: a simplified Lesk overlap with the sentence, with
    WordNet's frequency order breaking ties (so no context keeps the first sense first)."""
    senses, counts = _senses_with_counts(lemma, pos)
    total = sum(counts)
    scored = []
    for i, s in enumerate(senses):
        gloss = set(re.findall(r"[a-z]+", (s.definition() + " " + " ".join(s.examples())).lower()))
        for h in s.hypernyms():
            gloss.update(n.lower() for n in h.lemma_names())
        overlap = len(gloss & context)
        prior = counts[i] / total if total else 0.0
        scored.append((-(overlap + 3.0 * prior + 1.0 / (i + 1)), i, s))
    return [s for _, _, s in sorted(scored, key=lambda t: (t[0], t[1]))]


# British and American spellings of one word (colour/color, organise/organize, centre/center,
# travelled/traveled, grey/gray): two options that differ only so are one word twice.
_SPELLING = ((r"our(?=s?$|ed$|ing$|ful|ite|able)", "or"), (r"is(e|ed|es|ing|ation)$", r"iz\1"),
             (r"ys(e|ed|es|ing)$", r"yz\1"), (r"([^aeiou])re(s?)$", r"\1er\2"),
             (r"ll(ed|ing|er)$", r"l\1"), (r"ogue(s?)$", r"og\1"), (r"ae", "e"), (r"oe", "e"),
             (r"ence(s?)$", r"ense\1"), (r"grey", "gray"))


def spelling_key(word: str) -> str:
    """One key for the spellings of a word: case, hyphens and British/American forms fold."""
    w = re.sub(r"[\s\-’']", "", word.lower())
    for pat, rep in _SPELLING:
        w = re.sub(pat, rep, w)
    return w
