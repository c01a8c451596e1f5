"""Choosing the translation that fits the sense in context, and saying so only when it does.

A dictionary divides a word into entries (CC-CEDICT reversed, FreeDict's numbered senses,
Ding's lines), each with some English: synonyms, notes, a domain, a qualifier in brackets
("developer (of real estate, a commercial product etc)", "military: ground attack"). An
entry is matched to the card's WordNet sense through those words:

- overlap with the sense's signature (its gloss, synonyms and neighbours) and, at half
  weight, with the sentence; capped, so an entry with a long gloss does not win by length;
- when no word of the sentence confirmed the sense (the encoder or frequency chose it),
  overlap with the sense alone counts half: the sense may be wrong ("developer" in a
  software sentence is ranked as a real-estate developer; WordNet has no other);
- an entry whose qualifier names something neither the sense nor the sentence mentions is
  about another meaning ("company (military)") and is left out while others remain;
- regional or register labels ("(Tw)", "(literary)", "(dialect)", "(bound form)") make an
  entry a worse first translation for a learner.

When nothing fits and the dictionary has several meanings, the card shows the most common
general entry and says "meaning not matched" instead of claiming a fit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.model.wordcard import LANGUAGES, Translation

if TYPE_CHECKING:
    from toolkit.language.translate.base import Entry, Provider, SenseHint

FIT_CAP = 1.5  # beyond this, more shared words are not more evidence
UNCONFIRMED = 0.5  # weight of sense-only overlap when the sentence did not confirm the sense
UNCLAIMED_FIT = 0.0  # how much an untrusted fit still orders the entries
LABEL_PENALTY = 1.0  # "(Tw)", "(literary)": worth four Zipf points
SPECIFIC_PENALTY = 0.75  # an unmatched entry for a named special meaning, when general ones exist
NOT_MATCHED = "meaning not matched"
_LABELS = re.compile(r"\((Tw|literary|archaic|old|dialect|bound form|classical|Cantonese|"
                     r"slang|vulgar|derog\.|euphemism|honorific|formal and deferential|"
                     r"informal|coll\.)\)", re.I)
_PAREN = re.compile(r"\(([^)]*)\)")
_DOMAIN = re.compile(r"^\s*([a-z][a-z ]{2,24}):\s")  # FreeDict-jpn "military: ground attack"


def qualifier(gloss: str) -> str:
    """The words that restrict an entry to a special meaning: brackets that are not labels,
    a short domain before a colon, or the subject label the German table puts first."""
    parts = [p for p in _PAREN.findall(gloss) if not _LABELS.fullmatch(f"({p})")]
    m = _DOMAIN.match(gloss)
    if m:
        parts.append(m.group(1))
    parts.extend(d for d in _german_domains() if gloss.startswith(d))
    return " ".join(parts)


@lru_cache(maxsize=1)
def _german_domains() -> tuple[str, ...]:
    from toolkit.language.translate.dictd_de import _DOMAINS

    return tuple(sorted(set(_DOMAINS.values()), key=len, reverse=True))


def lookup(provider: Provider, headword: str, wn_pos: str | None, hint: SenseHint,
           forms: tuple[str, ...] = ()) -> Translation:
    """Translations of `headword` in `wn_pos`, the entry fitting the sense in context first."""
    from toolkit.language.senses import content_stems, weight
    from toolkit.language.translate.base import MAX_WORDS, MIN_FIT, POS_BONUS, \
        ZIPF_WEIGHT, _stems

    p = provider
    found = p.pool(headword, wn_pos, forms)
    if isinstance(found, Translation):
        return found
    entries, pool, pos_note = found
    skip = content_stems([headword])
    sense_weight = 1.0 if hint.confirmed else UNCONFIRMED

    def fit(e: Entry) -> float:
        gloss = _stems(e.gloss) - skip
        score = (sense_weight * sum(weight(s) for s in sorted(gloss & hint.sense))
                 + 0.5 * sum(weight(s) for s in sorted(gloss & hint.context)))
        return round(min(score, FIT_CAP), 6) if score >= MIN_FIT else 0.0

    def backed(e: Entry) -> bool:
        """May the card say this entry fits? Only if the sentence backed the sense, or the
        entry shares words with the sentence itself."""
        if hint.confirmed:
            return fits[id(e)] > 0
        gloss = _stems(e.gloss) - skip
        return 0.5 * sum(weight(s) for s in sorted(gloss & hint.context)) >= MIN_FIT

    def other_meaning(e: Entry) -> bool:
        """Its qualifier names a meaning neither the sense nor the sentence is about."""
        q = _stems(qualifier(e.gloss)) - skip
        return bool(q) and not (q & (hint.sense | hint.context))

    fits = {id(e): fit(e) for e in pool}
    general = [e for e in pool if not other_meaning(e)]
    if general and len(general) < len(pool):
        pool = [e for e in pool if fits[id(e)] > 0 or e in general]
    claimed = [e for e in pool if backed(e)]
    if claimed:
        pool = claimed
    best = max(fits[id(e)] for e in pool) if claimed else 0.0

    def score(e: Entry) -> float:
        s = (fits[id(e)] if claimed else UNCLAIMED_FIT * fits[id(e)]) + ZIPF_WEIGHT * e.zipf + p.prefer(e) + POS_BONUS * (e.pos == wn_pos)
        if _LABELS.search(e.gloss):
            s -= LABEL_PENALTY
        if best == 0 and qualifier(e.gloss) and len(general) < len(pool) + 1:
            s -= SPECIFIC_PENALTY * bool(_stems(qualifier(e.gloss)) - skip)
        return s

    scored = sorted(pool, key=lambda e: (-score(e), e.order))
    words: list[str] = []
    for e in scored:
        if words and best == 0:
            break  # unmatched: the most common entry only; matched: the fitting ones
        if words and _LABELS.search(e.gloss):
            continue  # a regional or literary word is not listed beside a plain one
        for wd in e.words:
            if wd and wd not in words:
                words.append(wd)
        if len(words) >= MAX_WORDS:
            break
    meanings = {tuple(e.words) for e in entries}
    if best > 0:
        note = pos_note + "chosen to fit this sense (its dictionary gloss matches)"
    elif len(meanings) == 1:
        note = pos_note + "the dictionary's only translation of this word"
    elif p.sense_note:
        note = pos_note + f"{NOT_MATCHED}: {p.sense_note}"
    else:
        note = pos_note + (f"{NOT_MATCHED}: the dictionary's entries do not show which one "
                           "fits here; the most common is shown")
    return Translation(p.lang, words[:MAX_WORDS], True, best > 0, note, p.source)
