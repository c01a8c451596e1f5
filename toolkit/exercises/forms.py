"""Forms the generators write and the validity checks recompute: articles and verb groups.

Shared here so a check never imports the generator it checks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.exercises import lexicon as lx


# 'a'/'an' goes by sound: a silent h takes "an", a vowel letter said "you" or "w" takes "a".
# (The inflect package knows the same rules but its import costs seconds: typeguard
# instruments every function of it.)
_AN_CONSONANT = re.compile(r"^(?:hour|honest|honou?r|heir|x-?ray)")
_A_VOWEL = re.compile(r"^(?:uni(?![mn])|uran|ure|uri|uro|usa|use|usu|using|usb|usd|utah|uber|us$|uten|uti|euro?|eu|ewe|one|"
                      r"once|ouija|u-|u\.|ubiq|ufo|ukr|ugand|utop|uter|uruguay|ussr|ukulele|unanim)")


@lru_cache(maxsize=20_000)
def indefinite_article(word: str) -> str:
    """'a' or 'an' for `word`, by sound (an hour, a university, an umbrella, a one-off)."""
    w = word.strip().lower()
    if not w:
        return "a"
    if _AN_CONSONANT.match(w):
        return "an"
    if _A_VOWEL.match(w):
        return "a"
    return "an" if w[0] in "aeiou" else "a"


def realise(lemma: str, tense: str, person: str) -> str | None:
    """The verb group for a lemma, tense name and subject person ('3sg', 'pl', '1sg').

    Built from lemminflect's tables (irregular verbs included), independently of the
    article, so the validity check can compare it with the text."""
    sg3 = person == "3sg"
    be_pres = "is" if sg3 else ("am" if person == "1sg" else "are")
    be_past = "were" if person == "pl" else "was"
    have = "has" if sg3 else "have"
    vbn, vbg = lx.inflect(lemma, "VBN"), lx.inflect(lemma, "VBG")
    table = {
        "past simple": lx.inflect(lemma, "VBD"),
        "present simple": lx.inflect(lemma, "VBZ") if sg3 else lemma,
        "present perfect": vbn and f"{have} {vbn}",
        "past perfect": vbn and f"had {vbn}",
        "present simple passive": vbn and f"{be_pres} {vbn}",
        "past simple passive": vbn and f"{be_past} {vbn}",
        "present perfect passive": vbn and f"{have} been {vbn}",
        "past perfect passive": vbn and f"had been {vbn}",
        "present continuous": vbg and f"{be_pres} {vbg}",
        "past continuous": vbg and f"{be_past} {vbg}",
    }
    return table.get(tense)


__all__ = ["indefinite_article", "realise"]
