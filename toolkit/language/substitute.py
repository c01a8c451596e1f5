"""Simpler words for hard ones, from WordNet, checked for sense and re-inflected.

Why these checks: a WordNet synonym of *some* sense of a word is often wrong in context
("bank" -> "depository"). We pick the word's sense by its frequency rank plus overlap of the
sense's gloss with the sentence (a simplified Lesk), and accept a candidate only if that sense
is among the candidate's own two most common senses, so the reader meets the candidate in its
everyday meaning. The candidate must be at or below the target level and is inflected like
the original (lemminflect): "purchased" -> "bought", "infants" -> "babies".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from toolkit.language import data
from wordfreq import zipf_frequency

from toolkit.language.analysis import zipf_to_level
from toolkit.model.text import Token
from toolkit.model.tags import UPOS_TO_WORDNET, WORDNET_TO_PENN

# Lemmas never replaced: grammar words, and words whose replacement would change meaning.
KEEP = frozenset("be have do say get make go not no never can will would should may might must "
                 "shall could accord according".split())
# Candidates that look simple but do not work as content-word substitutes.
_BAD_CANDIDATES = frozenset("someone somebody anyone anybody everyone everybody one thing "
                            "needs being get make do have be change act move cause take use "
                            "activity then".split())  # "then": listed as an adjective too
MIN_FORM_ZIPF = 1.0  # an inflected candidate must be a form in use (wordfreq Zipf)
STRICT_SHARE = 0.5  # sense share a candidate needs when it is more general or above the target
_IRREGULAR = {("person", "NNS"): "people"}
# WordNet tops too general to stand for a word ("billionaire" -> "entity").
_TOO_GENERAL_DEPTH = 5
_STOP = frozenset("a an the of to in on at for and or but with by from as is are was were be "
                  "that this it its their his her".split())


@dataclass
class Replacement:
    word: str  # the new word, inflected and cased like the original
    lemma: str
    relation: str  # "synonym" or "more general word"
    sense: str  # the WordNet sense used, e.g. "buy.v.01"
    definition: str
    level: int = 0  # the new word's CEFR level (1..6)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)




def _synsets(lemma: str, pos: str) -> list[Any]:
    return _cached_synsets(lemma.lower(), pos)


@lru_cache(maxsize=50_000)
def _cached_synsets(lemma: str, pos: str) -> list[Any]:
    wn = data.wordnet()
    found = wn.synsets(lemma.replace(" ", "_"), pos)
    if pos == "a":  # satellites ("s") are adjectives too
        found = found + [s for s in wn.synsets(lemma, "s") if s not in found]
    return found


@lru_cache(maxsize=50_000)
def _sense_counts(word: str, pos: str) -> tuple[int, ...]:
    """SemCor counts of `word` in each of its senses (WordNet's cntlist; each lookup is a
    file search, hence the cache)."""
    return tuple(sum(l.count() for l in s.lemmas() if l.name().lower() == word)
                 for s in _synsets(word, pos))


def _sense_shares(lemma: str, pos: str, senses: list[Any]) -> list[float]:
    """How often `lemma` is used in each sense (SemCor counts); rank-based when uncounted."""
    counts = _sense_counts(lemma, pos)[:len(senses)]
    total = sum(counts)
    if total == 0:
        return [1.0 if i == 0 else 0.3 / i for i in range(len(senses))]
    return [c / total for c in counts]


def choose_sense(lemma: str, pos: str, context: set[str]) -> Any | None:
    """The word's most likely sense here: how common the sense is, plus gloss overlap with
    the sentence (a simplified Lesk). The prior dominates: overlap only breaks near-ties,
    because short glosses share words with a sentence by chance."""
    senses = _synsets(lemma, pos)[:6]
    if not senses:
        return None
    shares = _sense_shares(lemma, pos, senses)

    def score(i: int) -> float:
        s = senses[i]
        gloss = set(re.findall(r"[a-z]+", (s.definition() + " " + " ".join(s.examples())).lower()))
        return 2.0 * shares[i] + 0.25 * min(len((gloss - _STOP) & context), 2)

    return senses[max(range(len(senses)), key=score)]


@lru_cache(maxsize=50_000)
def _listed_level(word: str, pos: str) -> int | None:
    """The word's CEFR-J level for this part of speech, or None when it is not listed.

    Candidates must be listed for the POS: a frequent form with another POS ("needs" as
    an adverb) is not a simple word in that role.
    """
    from toolkit.language.analysis import _cefr

    found = _cefr().get_word_pos_level_float(word, WORDNET_TO_PENN[pos])
    return None if found is None else max(1, min(6, int(round(found))))


def _everyday_sense(candidate: str, pos: str, sense: Any, min_share: float) -> bool:
    """Is `sense` a common use of `candidate`? By SemCor counts (WordNet's cntlist).

    With no counts at all, only the candidate's first sense is trusted.
    """
    senses = _synsets(candidate, pos)
    if sense not in senses:
        return False
    counts = _sense_counts(candidate, pos)
    total, mine = sum(counts), counts[senses.index(sense)]
    if total == 0:
        return senses[0] == sense
    return mine >= 1 and mine / total >= min_share


def inflect_like(lemma: str, tag: str, original: str) -> str | None:
    """`lemma` in the form of Penn `tag`, cased like `original`; None if it has no such form."""
    from lemminflect import getInflection

    if (lemma, tag) in _IRREGULAR:
        form = _IRREGULAR[(lemma, tag)]
    elif tag in {"NN", "VB", "VBP", "JJ", "RB"}:
        form = lemma
    else:
        forms = getInflection(lemma, tag=tag)
        if not forms:
            return None
        form = forms[0]
    if original[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


def _candidates(sense: Any, pos: str) -> list[tuple[str, str, Any]]:
    out = [(l.name(), "synonym", sense) for l in sense.lemmas()]
    if pos == "a":
        for sim in sense.similar_tos():
            out += [(l.name(), "synonym", sim) for l in sim.lemmas()]
    if pos == "n":  # verb hypernyms drift too far ("rose" -> "went", "amassed" -> "increased")
        for hyper in sense.hypernyms():
            if hyper.min_depth() < _TOO_GENERAL_DEPTH:
                continue
            out += [(l.name(), "more general word", hyper) for l in hyper.lemmas()]
    return out


def simpler_word(token: Token, target: int, context: set[str], stretch: int = 0,
                 ) -> Replacement | None:
    """A word at or below level `target` that can stand for `token` here, or None.

    With `stretch`, a word up to `stretch` levels above the target is accepted when none at
    the target fits, as long as it is below the original ("bolster" C2 -> "support" B1 for
    an A2 reader): a step down is easier to read than the original with a gloss.
    """
    pos = UPOS_TO_WORDNET.get(token.coarse)
    lemma = token.lemma.lower()
    if pos is None or lemma in KEEP or token.is_name or not token.is_word:
        return None
    sense = choose_sense(lemma, pos, context)
    if sense is None:
        return None
    # Stretch only where the sense is sure: counted in SemCor and this word's main use.
    senses = _synsets(lemma, pos)[:6]
    shares = _sense_shares(lemma, pos, senses)
    if not sum(_sense_counts(lemma, pos)) or shares[senses.index(sense)] < STRICT_SHARE:
        stretch = 0
    best: tuple[tuple, Replacement] | None = None
    for name, relation, syn in _candidates(sense, pos):
        cand = name.lower()
        if "_" in cand or "-" in cand or cand == lemma or not cand.isalpha():
            continue
        if difflib.SequenceMatcher(None, cand, lemma).ratio() > 0.75:  # spelling variants
            continue
        if cand in _BAD_CANDIDATES:
            continue
        # Simple means listed at the level *and* common: cefrpy also estimates rare words.
        zipf = zipf_frequency(cand, "en")
        if pos == "n" and cand.endswith("ing") and not lemma.endswith("ing") and zipf < 4.5:
            continue  # a gerund ("investing"), not a noun of its own ("meeting")
        if zipf < max(zipf_frequency(lemma, "en"), 3.0) or \
                zipf_to_level(zipf) > target + 1 + stretch:
            continue
        level = _listed_level(cand, pos)
        # A more general word, or one above the target, must mean this in most of its uses;
        # above the target only synonyms ("haemorrhages" -> "injuries" loses too much).
        above = level is not None and level > target
        if above and relation != "synonym":
            continue
        share = 0.3 if relation == "synonym" and not above else STRICT_SHARE
        if level is None or level > target + stretch or level >= (token.level or 7) or \
                not _everyday_sense(cand, pos, syn, share):
            continue
        form = inflect_like(cand, token.pos, token.text)
        if form is None or (token.pos == "NNS" and form.lower() == cand):
            continue  # no plural (a mass noun like "pay" for "salaries" breaks agreement)
        if form.lower() != cand and zipf_frequency(form.lower(), "en") < MIN_FORM_ZIPF:
            continue  # a form nobody writes ("violentest" for "fiercest")
        key = (level > target, relation != "synonym", level, -zipf)
        rep = Replacement(form, cand, relation, sense.name(), sense.definition(), level)
        if best is None or key < best[0]:
            best = (key, rep)
    return best[1] if best else None


def short_gloss(token: Token, context: set[str], max_words: int = 10) -> str | None:
    """A short plain definition of the word's sense here (first clause, at most max_words)."""
    pos = UPOS_TO_WORDNET.get(token.coarse)
    if pos is None:
        return None
    sense = choose_sense(token.lemma.lower(), pos, context)
    if sense is None:
        return None
    return first_clause(sense.definition(), max_words)


def first_clause(definition: str, max_words: int = 10) -> str:
    """A WordNet definition cut to its first clause and at most `max_words` words."""
    text = re.sub(r"^\([^)]*\)\s*", "", definition.split(";")[0].strip())
    words = text.split()
    if len(words) > max_words:
        text = " ".join(words[:max_words]).rstrip(",") + "…"
    return text


_SILENT_H = ("hour", "honest", "honour", "honor", "heir", "herb")  # "herb": US usage
_YU_SOUND = re.compile(r"^(?:uni|use|usu|usa|uti|ure|uro|eu|ewe|one|once|ufo|ubiq|uku)", re.I)
_AN_LETTERS = set("AEFHILMNORSX")  # letters whose names start with a vowel sound


def article_for(word: str) -> str:
    """"a" or "an" before `word`, by sound: "an hour", "a university", "an FBI agent".

    A rule rather than `inflect`: importing inflect costs seconds (typeguard), and these few
    patterns cover the words a simplifier puts after an article.
    """
    w = word.strip("\"'“‘(")
    if not w:
        return "a"
    if len(w) > 1 and w.isupper() and w.isalpha():
        if not (len(w) >= 4 and set(w[1:3]) & set("AEIOU")):  # FBI, not NASA: letter by letter
            return "an" if w[0] in _AN_LETTERS else "a"
    low = w.lower()
    if low.startswith(_SILENT_H):
        return "an"
    if _YU_SOUND.match(low):
        return "a"
    return "an" if low[0] in "aeiou" else "a"
