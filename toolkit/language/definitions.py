"""Definitions a learner can read, made from a WordNet sense at lesson build time.

WordNet's glosses are written for linguists ("having desirable or positive qualities
especially those suitable for a thing specified"). `learner_definition` builds several
candidate definitions from one sense and keeps the one with the fewest words above the
learner's level, preferring the candidates closest to the gloss:

1. the gloss's first clause, cleaned (domain labels, usage notes and quote marks out);
2. that clause cut at its first hard clause ("..., often unwillingly", "especially ...");
3. a hard alternative dropped from an "X or Y" list ("desirable or positive" -> "positive");
4. hard words swapped for a simpler word of the same meaning: a synonym or a hypernym of the
   hard word's dominant sense whose CEFR level is lower, re-inflected ("institution" ->
   "organization");
5. learner patterns: "a person who ...", "to ... something", "a place where ...",
   "the state of being ...";
6. when the gloss is hopeless, the sense's own easy synonyms ("to reply") or its hypernym
   ("a kind of vehicle").

The full gloss stays on the card (`Sense.definition`), one tap away. Levels come from the
project's CEFR tables (cefrpy's CEFR-J lists; wordfreq where a word is not listed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from toolkit.language.substitute import article_for  # by sound: "a unit", "an hour"

LEARNER_LEVEL = 3  # B1: what a card's definition aims at unless told otherwise
MAX_WORDS = 16  # longer candidates pay for their length
_HARD_COST = 10.0  # one word above the level costs more than any rewrite step
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|'s\b|\d[\d./,]*(?:st|nd|rd|th)?|\S")
_SOFT_CUTS = {"especially", "usually", "often", "typically", "esp", "normally", "generally",
              "sometimes", "chiefly", "mainly", "mostly", "primarily", "particularly",
              "e.g", "i.e", "etc"}
# Clause boundaries only: a cut before a preposition leaves its phrase half-said
# ("lacking the power | of locomotion", "belonging to or characteristic | of").
_HARD_CUTS = {"that", "which", "who", "whose", "where", "when", "and", "or", "but", "while",
              "because", "so"}
_DANGLING = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "with", "for", "from", "and",
             "or", "but", "that", "which", "who", "as", "into", "your", "his", "her", "its",
             "their", "one's", "is", "are", "be", "very", "more", "most", "not", "than"}
_GENERIC_HEADS = {"person", "someone", "somebody", "one", "thing", "something", "act", "state",
                  "quality", "place", "way", "kind", "type", "part", "group", "people", "make",
                  "have", "be", "do", "get", "give", "take", "cause", "become", "having", "being",
                  "made", "used", "using", "process", "condition", "amount", "number", "set",
                  "piece", "item", "form", "area", "time"}
_PERSON_STARTS = ("someone who ", "somebody who ", "one who ", "a person who ", "a person that ",
                  "someone whose ", "a person whose ")
_PLACE_ROOTS = {"location.n.01", "area.n.05", "building.n.01", "structure.n.01", "room.n.01",
                "establishment.n.04", "region.n.03"}
_STATE_ROOTS = {"state.n.02", "quality.n.01", "attribute.n.02", "condition.n.01", "feeling.n.01"}
_TOO_GENERAL = {"organization.n.01", "entity.n.01", "object.n.01", "thing.n.12", "group.n.01",
                "abstraction.n.06", "matter.n.03", "whole.n.02", "artifact.n.01",
                "social_group.n.01", "people.n.01", "causal_agent.n.01", "physical_entity.n.01"}
_DETERMINERS = {"a", "an", "the", "any", "some", "his", "her", "their", "its", "your", "my",
                "our", "this", "that", "these", "those", "each", "every", "'s"}
_NOUN_CUES = {"a", "an", "the", "of", "by", "for", "with", "his", "her", "their", "its", "your",
              "my", "our", "'s", "in", "on", "at", "from", "this", "that", "no", "any", "some"}
_SMALL_PARTICLES = {"without", "by", "from", "to", "into", "with", "for", "in", "on", "at", "as",
                    "away", "up", "out", "off", "over", "back", "down", "through", "together",
                    "or", "and", "of"}


@dataclass(frozen=True)
class Candidate:
    """One way to define a sense, with what it costs a learner and how far it is from the gloss."""

    text: str
    hard: tuple[str, ...]  # words above the level still in it
    penalty: float  # rewrite steps away from the gloss (0: the gloss's own first clause)
    how: str  # "gloss", "cut", "or-list", "swap", "pattern", "synonym", "hypernym"

    @property
    def cost(self) -> float:
        words = len(self.text.split())
        return (_HARD_COST * len(self.hard) + self.penalty + 0.05 * words
                + 0.5 * max(0, words - MAX_WORDS))


# ---------------------------------------------------------------- word levels


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    import json
    from pathlib import Path

    words = json.loads(Path(__file__).with_name("function_words.json").read_text("utf-8"))
    return frozenset(words["words"]) | {"be", "is", "are", "was", "were", "been", "being", "am",
                                        "have", "has", "had", "do", "does", "did", "'s",
                                        "oneself", "yourself", "one's", "someone's", "etc"}


def is_function_word(word: str) -> bool:
    """Grammar words (the, of, someone, ...): never counted as hard."""
    return word.lower() in _function_words()


@lru_cache(maxsize=100_000)
def word_level(word: str) -> int:
    """The lowest CEFR level (1..6) at which a learner knows this word form in any part of
    speech: the CEFR-J lists (cefrpy) for the form or one of its lemmas, else the level its
    frequency suggests. Written without context, as a definition's words are read."""
    from lemminflect import getAllLemmas
    from wordfreq import zipf_frequency

    from toolkit.language.analysis import _cefr, zipf_to_level

    low = word.lower()
    analyzer = _cefr()
    forms = {low} | {lem for lems in getAllLemmas(low).values() for lem in lems}
    found = [float(v.value) for f in sorted(forms) if analyzer.is_word_in_database(f)
             for v in analyzer.get_pos_level_dict_for_word(f).values()]
    if found:
        return max(1, min(6, int(round(min(found)))))
    return zipf_to_level(zipf_frequency(low, "en"))


@lru_cache(maxsize=50_000)
def _heads(headword: str) -> frozenset[str]:
    """The headword and its forms: never counted as hard (the card is about that word)."""
    from lemminflect import getAllInflections

    parts = headword.lower().replace("_", " ").split()
    out = set(parts)
    for p in parts:
        for forms in getAllInflections(p).values():
            out.update(forms)
    return frozenset(out)


def hard_words(text: str, level: int = LEARNER_LEVEL, headword: str = "") -> list[str]:
    """Words of `text` above `level`; the headword, names, numbers and grammar words aside."""
    heads = _heads(headword.lower()) if headword else frozenset()
    out = []
    for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text.replace("’", "'")):
        w = m.group()
        if w.lower() in heads or (w[:1].isupper() and m.start() > 0 and not w.isupper()):
            continue
        if _too_hard(w.lower(), level):
            out.append(w)
    return out


@lru_cache(maxsize=200_000)
def _too_hard(low: str, level: int) -> bool:
    if is_function_word(low):
        return False
    if "-" in low:
        return any(word_level(p) > level for p in low.split("-") if p)
    return word_level(low) > level


def eligible(headword: str, level: int = LEARNER_LEVEL) -> bool:
    """Is this a word the definition measure counts: listed in the CEFR-J tables (cefrpy)
    at or below `level` in some part of speech?"""
    from toolkit.language.analysis import _cefr

    low = headword.lower()
    analyzer = _cefr()
    if " " in low or not analyzer.is_word_in_database(low):
        return False
    levels = [float(v.value) for v in analyzer.get_pos_level_dict_for_word(low).values()]
    return bool(levels) and round(min(levels)) <= level


def readable_share(cards: Iterable[Any], level: int = LEARNER_LEVEL,
                   text: Any = None) -> tuple[int, int]:
    """(cards whose first definition has no word above `level`, eligible cards): cards of
    words at or below `level` by the CEFR-J lists. `text(card)` picks the definition to
    judge (default: the card's own `definition`)."""
    ok = n = 0
    for card in cards:
        if card.kind != "word" or not card.senses or not eligible(card.headword, level):
            continue
        n += 1
        shown = text(card) if text else card.definition
        ok += not hard_words(shown, level, card.headword)
    return ok, n


# ---------------------------------------------------------------- simpler words


@lru_cache(maxsize=50_000)
def _guess_pos(word: str, after: str = "") -> tuple[str, str, str] | None:
    """(lemma, WordNet POS, Penn tag of this form) for a word read without a parser: the
    part of speech with the most SemCor uses among those the form can have, a noun after
    an article, possessive or preposition and a verb after "to"."""
    from lemminflect import getAllInflections, getAllLemmas

    from toolkit.language.senses import count, synsets_for

    low = word.lower()
    best: tuple[float, str, str, str] | None = None
    for upos, lemmas in getAllLemmas(low).items():
        wn_pos = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}.get(upos)
        if wn_pos is None:
            continue
        for lemma in lemmas:
            syns = synsets_for(lemma, wn_pos)
            if not syns:
                continue
            uses = sum(count(lem) for s in syns for lem in s.lemmas() if lem.name().lower() == lemma)
            if low.endswith("ly") and wn_pos == "r":
                uses += 1000  # -ly forms read as adverbs
            if (after in _NOUN_CUES and wn_pos == "n") or (after == "to" and wn_pos == "v"):
                uses += 10_000
            base = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}[wn_pos]
            tag = base if low == lemma else next(
                (t for t, forms in getAllInflections(lemma, upos).items() if low in forms), base)
            if best is None or uses > best[0]:
                best = (uses, lemma, wn_pos, tag)
    return None if best is None else best[1:]


def _dominant(lemma: str, wn_pos: str) -> Any | None:
    """The sense a word nearly always has: its first, when SemCor gives it 60% or more of
    the uses (or the word has one sense). Swaps are made only in that sense ("plot" of
    ground is not its usual sense, so it is never swapped for "strategy")."""
    from toolkit.language.senses import count, synsets_for

    syns = synsets_for(lemma, wn_pos)
    if not syns:
        return None
    if len(syns) == 1:
        return syns[0]
    counts = [sum(count(lem) for lem in s.lemmas() if lem.name().lower() == lemma) for s in syns]
    total = sum(counts)
    return syns[0] if total and counts[0] / total >= 0.6 else None


def _means(word: str, wn_pos: str, synset: Any) -> bool:
    """Does `word` usually mean `synset`? It must be the word's first (most frequent) sense:
    "force" is not a safe swap for "personnel" though WordNet puts them in one synset, nor
    "gathering" for "community"."""
    from toolkit.language.senses import synsets_for

    syns = synsets_for(word, wn_pos)
    return bool(syns) and syns[0] == synset


def _inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    if tag in {"NN", "VB", "JJ", "RB", "VBP"}:
        return lemma
    try:
        forms = getInflection(lemma, tag=tag, inflect_oov=False)
    except IndexError:
        return None
    return forms[0] if forms else None


@lru_cache(maxsize=50_000)
def simpler_word(word: str, level: int = LEARNER_LEVEL,
                 avoid: frozenset[str] = frozenset(), after: str = "") -> tuple[str, str] | None:
    """(simpler word, "synonym" or "hypernym") with the same meaning as `word`, at or below
    `level`, in the same form ("transmitted" -> "sent"); None when none is safe.

    Only the word's dominant sense is used, so "institution" (an organisation) never turns
    into a sense the gloss did not mean; `avoid` keeps the headword out (no circular card).
    """
    guess = _guess_pos(word, after)
    if guess is None:
        return None
    lemma, wn_pos, tag = guess
    sense = _dominant(lemma, wn_pos)
    if sense is None:
        return None
    from wordfreq import zipf_frequency

    def pick(synsets: Iterable[Any], how: str) -> tuple[str, str] | None:
        scored = []
        for s in synsets:
            for name in s.lemma_names():
                if "_" in name or name[:1].isupper() or name.lower() == lemma:
                    continue
                form = _inflect(name.lower(), tag)
                if not form or form in avoid or name.lower() in avoid:
                    continue
                lv = word_level(form)
                if lv <= level and lv < word_level(word) and zipf_frequency(form, "en") >= 3.8 \
                        and _means(name.lower(), wn_pos, s):
                    scored.append((lv, -zipf_frequency(form, "en"), form))
        return (sorted(scored)[0][2], how) if scored else None

    found = pick([sense], "synonym")  # not similar adjectives: "unused" is not "clean"
    if found is None and wn_pos == "n":  # a verb's hypernym is too loose ("inquire": communicate)
        found = pick([h for h in sense.hypernyms() if h.name() not in _TOO_GENERAL], "hypernym")
    return found


# ---------------------------------------------------------------- candidates


def clean_gloss(text: str) -> str:
    """A gloss without domain labels "(computer science)", usage notes, quote marks or
    doubled punctuation."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"`(\w[\w ]*?)'", r"\1", text)  # `much' -> much (one's stays)
    text = text.replace('"', "")
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ;:,.")


_USAGE = re.compile(r"`|\b(informal|informally|nonstandard|slang|archaic|obsolete)\b", re.I)


def _clauses(gloss: str) -> list[str]:
    """The gloss's clauses; after the first, usage notes ("`real' is sometimes used
    informally for `really'") are not definitions and are left out."""
    raw = [c for c in re.sub(r"\([^)]*\)", " ", gloss).split(";") if c.strip(" ,")]
    out = []
    for i, c in enumerate(raw):
        if i and _USAGE.search(c):
            continue
        text = clean_gloss(c)
        if text:
            out.append(text)
    return out


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("’", "'"))


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if t in {",", ".", ":", ";", "'s", ")", "/", "%"} or not out or out.endswith(("(", "/")):
            out += t
        else:
            out += " " + t
    return out.strip(" ,")


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t[:1].isalpha() and not is_function_word(t)
            and t.lower() not in _GENERIC_HEADS]


def _cuts(tokens: list[str], hard_at: list[int]) -> list[tuple[list[str], float]]:
    """Prefixes ending before a boundary that comes at or before the first hard word."""
    if not hard_at:
        return []
    first = hard_at[0]
    out = []
    for i in range(1, first + 1):
        t = tokens[i].lower().rstrip(".") if i < len(tokens) else ""
        soft = t in _SOFT_CUTS or tokens[i] == ","
        if not (soft or t in _HARD_CUTS):
            continue
        prefix = tokens[:i]
        while prefix and (prefix[-1].lower() in _DANGLING or prefix[-1] == ","):
            prefix = prefix[:-1]
        if len(prefix) < 2 or len(_content(prefix)) < (1 if soft else 2):
            continue
        if not soft and re.search(r"(ing|ed)$", prefix[-1]) and len(prefix[-1]) >= 4:
            continue  # "a network consisting", "a system used": the cut left a loose verb
        last = _guess_pos(prefix[-1].lower())
        if not soft and (prefix[-1].lower() in {"behalf", "relatively", "means"}
                         or (last is not None and last[1] == "a")):
            continue  # "a relatively great", "on behalf": the phrase was cut in its middle
        out.append((prefix, 1.0 if soft else 2.5))
    return out


def _refit_article(out: list[str], i: int) -> None:
    """After a change at `i`, make an "a"/"an" just before it fit the word now there."""
    if 0 < i < len(out) and out[i - 1].lower() in {"a", "an"}:
        art = article_for(out[i])
        out[i - 1] = art if out[i - 1].islower() else art.title()


def _or_lists(tokens: list[str], hard: set[int]) -> list[tuple[list[str], float]]:
    """Drop hard alternatives of "X or Y" (and, dearer, "X and Y") lists of single words."""
    out: list[str] = list(tokens)
    changed = 0.0
    i = 0
    while i < len(out) - 2:
        if out[i + 1].lower() in {"or", "and"} and out[i][:1].isalpha() and out[i + 2][:1].isalpha():
            a_hard = _is_hard_tok(out[i], hard, tokens)
            b_hard = _is_hard_tok(out[i + 2], hard, tokens)
            pa, pb = _guess_pos(out[i].lower()), _guess_pos(out[i + 2].lower())
            if pa is None or pb is None or pa[1] != pb[1]:
                i += 1  # "have offspring or produce": not a list of alternatives
                continue
            cost = 1.0 if out[i + 1].lower() == "or" else 2.5
            if a_hard and not b_hard:
                del out[i:i + 2]
                _refit_article(out, i)  # "an elaborate and systematic plan" -> "a systematic plan"
                changed += cost
                continue
            if b_hard and not a_hard:
                del out[i + 1:i + 3]
                changed += cost
                continue
        i += 1
    return [(out, changed)] if changed else []


def _is_hard_tok(tok: str, hard: set[int], tokens: list[str]) -> bool:
    return any(tokens[j] == tok for j in hard)


def _drop_modifiers(tokens: list[str], hard_at: list[int]) -> tuple[list[str], float]:
    """Drop hard adjectives before a noun and hard adverbs before an adjective or verb
    ("an automotive vehicle" -> "a vehicle", "rigidly accurate" -> "accurate"): the
    meaning gets broader, never wrong."""
    out = list(tokens)
    penalty = 0.0
    for i in sorted(hard_at, reverse=True):
        if i + 1 >= len(tokens) or not tokens[i + 1][:1].isalpha() \
                or is_function_word(tokens[i + 1]):
            continue  # "complementary to": the adjective is the meaning, not a modifier
        guess = _guess_pos(tokens[i].lower())
        if guess is None or guess[1] not in {"a", "r"}:
            continue
        if guess[1] == "r" and (not tokens[i].lower().endswith("ly") or len(tokens) <= 2):
            continue  # "stringently enforced" -> "enforced" says too little
        low = tokens[i].lower()
        if guess[1] == "a" and (re.match(r"^(un|in|im|il|ir|non|dis|mis)", low)
                                or low in {"adverse", "false", "former", "mock", "fake"}):
            continue  # "adverse effects", "indefinite", "unused": the modifier is the meaning
        if guess[1] == "a" and i and tokens[i - 1].lower() not in _DETERMINERS:
            continue  # "region of indefinite boundary" would lose its noun phrase
        del out[i]
        _refit_article(out, i)
        penalty += 2.0
    return out, penalty


def _swaps(tokens: list[str], hard_at: list[int], level: int,
           avoid: frozenset[str], verb: bool = False) -> tuple[list[str], float]:
    out = list(tokens)
    penalty = 0.0
    for i in hard_at:
        # a verb's gloss starts with a verb: "consent to" is not the noun "permission"
        after = tokens[i - 1].lower() if i else ("to" if verb else "")
        found = simpler_word(tokens[i].lower(), level, avoid, after)
        if found is None:
            continue
        word, how = found
        out[i] = word
        _refit_article(out, i)
        penalty += 1.0 if how == "synonym" else 1.5
    return out, penalty


def _ancestors(synset: Any) -> set[str]:
    seen: set[str] = set()
    todo = list(synset.hypernyms()) + list(synset.instance_hypernyms())
    while todo:
        s = todo.pop()
        if s.name() not in seen:
            seen.add(s.name())
            todo.extend(s.hypernyms())
    return seen


def _easy(words: Iterable[str], level: int, avoid: frozenset[str],
          phrases: bool = False, keep_order: bool = False) -> list[str]:
    from wordfreq import zipf_frequency

    scored = []
    for name in dict.fromkeys(words):
        low = name.lower().replace("_", " ")
        if (" " in low and not phrases) or name[:1].isupper() or low in avoid or \
                any(p in avoid for p in low.split()):
            continue
        lv = max(word_level(p) for p in low.split())
        if lv <= level and min(zipf_frequency(p, "en") for p in low.split()) >= 3.5:
            scored.append((lv, -zipf_frequency(low, "en"), low))
    return [w for _, _, w in (scored if keep_order else sorted(scored))]


def _third_person(verb: str) -> str:
    form = _inflect(verb, "VBZ")
    return form or verb + "s"


def _pattern(synset: Any, clause: str, level: int, avoid: frozenset[str]) -> list[tuple[str, float, str]]:
    """Learner patterns for the sense's part of speech."""
    pos = synset.pos()
    low = clause.lower()
    out: list[tuple[str, float, str]] = []
    if pos == "n":
        anc = _ancestors(synset)
        if "person.n.01" in anc:
            for start in _PERSON_STARTS:
                if low.startswith(start):
                    rest = clause[len(start):]
                    joiner = "whose " if "whose" in start else "who "
                    out.append((f"a person {joiner}{rest}", -0.2, "pattern"))
            verbs = [d.name() for lem in synset.lemmas() for d in lem.derivationally_related_forms()
                     if d.synset().pos() == "v"]
            for v in _easy(verbs, level, avoid)[:1]:
                obj = " something" if _transitive(v) else ""
                out.append((f"a person who {_third_person(v)}{obj}", 3.0, "pattern"))
        if anc & _PLACE_ROOTS:
            m = re.match(r"^(?:an? |the )?[a-z]+ (where|in which|at which) (.+)$", low)
            if m:
                out.append((f"a place where {clause[len(clause) - len(m.group(2)):]}", 1.5,
                            "pattern"))
        if anc & _STATE_ROOTS:
            adjs = [d.name() for lem in synset.lemmas()
                    for d in lem.derivationally_related_forms() if d.synset().pos() in "as"]
            adjs += [a.name() for a in synset.attributes() for a in a.lemmas()]
            for a in _easy(adjs, level, avoid)[:1]:
                out.append((f"the state of being {a}", 3.0, "pattern"))
    if pos == "v":
        first = low.split(" ", 1)[0] if low else ""
        rest = low.split(" ", 1)[1] if " " in low else ""
        next_word = rest.split(" ", 1)[0] if rest else ""
        frames = " ".join(f for lem in synset.lemmas()[:1] for f in lem.frame_strings())
        obj = ("something" if "something" in frames
               else "someone" if "somebody" in frames else "")
        text = clause
        if obj and first and first not in {"be", "become", "have"} and (
                not rest or next_word in _SMALL_PARTICLES):
            text = f"{first} {obj}" + (f" {rest}" if rest else "")
        if text != clause:
            out.append((text, 0.0, "pattern"))
    return out


@lru_cache(maxsize=20_000)
def _transitive(verb: str) -> bool:
    from toolkit.language.senses import synsets_for

    syns = synsets_for(verb, "v")
    return bool(syns) and any("something" in f for lem in syns[0].lemmas()[:1]
                              for f in lem.frame_strings())


def _fallbacks(synset: Any, level: int, avoid: frozenset[str]) -> list[tuple[str, float, str]]:
    """When the gloss is hopeless: the sense's own easy synonyms, or its hypernym."""
    pos = synset.pos()
    out: list[tuple[str, float, str]] = []
    wn_pos = "a" if pos == "s" else pos
    syn = [w for w in _easy(synset.lemma_names(), level, avoid)
           if len(w) > 3 and _means(w, wn_pos, synset) and eligible(w, level)]
    if syn:
        text = " or ".join(syn[:2])
        out.append(((f"to {text}" if pos == "v" else text), 4.0, "synonym"))
    hyper: list[str] = []
    def first(synsets: list[Any]) -> list[Any]:
        # nltk keeps relations in sets: sort by name, or the pick varies by hash seed
        return sorted(synsets, key=lambda s: s.name())[:1]

    todo = first(synset.hypernyms() + synset.instance_hypernyms())
    for depth in range(3):
        names = [n for s in todo for n in s.lemma_names()]
        hyper = _easy(names, level, avoid, phrases=True, keep_order=True)  # WordNet's first name
        if hyper or not todo:
            break
        todo = first([h for s in todo for h in s.hypernyms()])
        if any(s.name() in _TOO_GENERAL for s in todo):
            break
    if hyper:
        h = hyper[0]
        penalty = 6.0 + depth
        if pos == "n":
            out.append((f"a kind of {h}", penalty, "hypernym"))
        elif pos == "v":
            out.append((f"to {h} in a particular way", penalty, "hypernym"))
    return out


def candidates(synset: Any, headword: str = "", level: int = LEARNER_LEVEL) -> list[Candidate]:
    """Every candidate definition of `synset` for a learner at `level`, cheapest first."""
    avoid = _heads(headword) if headword else frozenset()
    stem = headword.lower() if len(headword) >= 4 else ""
    clauses = _clauses(synset.definition()) or [synset.definition()]
    found: dict[str, Candidate] = {}

    def add(text: str, penalty: float, how: str) -> None:
        text = re.sub(r"\s+", " ", text).strip(" ,;")
        if len(text.split()) < 1 or not text[:1].isalpha():
            return
        if synset.pos() == "v" and not text.startswith("to "):
            text = "to " + text  # a verb is defined as a verb: "to take something ..."
        if stem and any(stem in w.lower() and w.lower() not in avoid for w in text.split()):
            penalty += 3.0  # "not abnormal" for "normal" explains nothing
        c = Candidate(text, tuple(hard_words(text, level, headword)), penalty, how)
        old = found.get(text)
        if old is None or c.cost < old.cost:
            found[text] = c

    def expand(tokens: list[str], base: float, how: str) -> None:
        add(_join(tokens), base, how)
        hard = [i for i, t in enumerate(tokens) if t[:1].isalpha() and hard_words(t, level, headword)]
        if not hard:
            return
        for cut, p in _cuts(tokens, hard):
            add(_join(cut), base + p, "cut")
        for pruned, p in _or_lists(tokens, set(hard)):
            add(_join(pruned), base + p, "or-list")
            ph = [i for i, t in enumerate(pruned) if t[:1].isalpha() and hard_words(t, level, headword)]
            for cut, p2 in _cuts(pruned, ph):
                add(_join(cut), base + p + p2, "cut")
            swapped, p3 = _swaps(pruned, ph, level, avoid, synset.pos() == "v")
            if p3:
                add(_join(swapped), base + p + p3, "swap")
        swapped, p = _swaps(tokens, hard, level, avoid, synset.pos() == "v")
        if p:
            add(_join(swapped), base + p, "swap")
            sh = [i for i, t in enumerate(swapped) if t[:1].isalpha() and hard_words(t, level, headword)]
            for cut, p2 in _cuts(swapped, sh):
                add(_join(cut), base + p + p2, "cut")
            for pruned, p2 in _or_lists(swapped, set(sh)):
                add(_join(pruned), base + p + p2, "or-list")
            dropped, p2 = _drop_modifiers(swapped, sh)
            if p2:
                add(_join(dropped), base + p + p2, "drop")
        dropped, p = _drop_modifiers(tokens, hard)
        if p:
            add(_join(dropped), base + p, "drop")

    for n, clause in enumerate(clauses[:3]):
        if n and found and min(c.cost for c in found.values()) < _HARD_COST:
            break  # the first clause gave a definition with no hard word: keep to it
        base = 0.0 if n == 0 else 1.5 + n
        forms = [(clause, base, "gloss")] + [(t, base + p, h) for t, p, h in
                                            _pattern(synset, clause, level, avoid)]
        for text, p, how in forms:
            expand(_words(text), p, how)
    if not found or min(c.cost for c in found.values()) >= _HARD_COST:
        for text, p, how in _fallbacks(synset, level, avoid):
            add(text, p, how)
    return sorted(found.values(), key=lambda c: (c.cost, c.text))


@lru_cache(maxsize=100_000)
def _best(synset_name: str, headword: str, level: int) -> Candidate:
    from toolkit.language.data import wordnet

    return candidates(wordnet().synset(synset_name), headword, level)[0]


def card_definitions(cards: Mapping[str, Any],
                     keys: Sequence[str] = ()) -> dict[str, tuple[str, str]]:
    """lemma -> (definition, synset) as a lesson's cards show them, for its exercises: the
    first card of each word in reading order (`keys`, then the rest), a teacher's fix
    included, so an exercise never defines a word otherwise than its card."""
    out: dict[str, tuple[str, str]] = {}
    for key in [*keys, *cards]:
        card = cards.get(key)
        if card is None or card.kind != "word" or not card.definition:
            continue
        sense = card.shown_sense
        if sense is not None:
            out.setdefault(card.headword.lower(), (card.definition, sense.synset))
    return out


def learner_definition(synset: Any, headword: str = "", level: int = LEARNER_LEVEL) -> str:
    """The definition a learner at `level` reads for this WordNet sense of `headword`."""
    return _best(synset.name(), headword.lower(), level).text


def explain(synset: Any, headword: str = "", level: int = LEARNER_LEVEL) -> Candidate:
    """The chosen candidate with how it was made (for benchmarks and the teacher)."""
    return _best(synset.name(), headword.lower(), level)


__all__ = ["LEARNER_LEVEL", "Candidate", "candidates", "card_definitions", "clean_gloss",
           "eligible", "explain",
           "hard_words", "readable_share",
           "is_function_word", "learner_definition", "simpler_word", "word_level"]
