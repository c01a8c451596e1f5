"""Pronunciation from CMUdict, shown in IPA with stress marks and syllables.

Learners read IPA, not ARPAbet, and stress is the part they get wrong most, so each
syllable carries its stress mark. Syllables are cut by the maximal-onset rule over the
consonant clusters English allows at the start of a word.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.model.wordcard import Pronunciation

_VOWELS = {
    "AA": "ɑ", "AE": "æ", "AH": "ʌ", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "EH": "ɛ", "ER": "ɝ",
    "EY": "eɪ", "IH": "ɪ", "IY": "i", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "u",
}
_UNSTRESSED = {"AH": "ə", "ER": "ɚ"}  # reduced vowels where CMUdict marks no stress
_CONSONANTS = {
    "B": "b", "CH": "tʃ", "D": "d", "DH": "ð", "F": "f", "G": "ɡ", "HH": "h", "JH": "dʒ",
    "K": "k", "L": "l", "M": "m", "N": "n", "NG": "ŋ", "P": "p", "R": "r", "S": "s",
    "SH": "ʃ", "T": "t", "TH": "θ", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ",
}
# Consonant clusters that may begin an English syllable (besides any single consonant but NG).
_ONSETS = {tuple(o.split()) for o in (
    "P R|P L|B R|B L|T R|D R|K R|K L|G R|G L|F R|F L|TH R|SH R|S P|S T|S K|S M|S N|S L|S W|"
    "P Y|B Y|K Y|M Y|F Y|V Y|HH Y|K W|G W|T W|D W|TH W|S P R|S P L|S T R|S K R|S K W|S K Y|S P Y"
).split("|")}


def _split(phones: list[str]) -> list[list[str]]:
    """ARPAbet phones -> syllables (lists of phones), maximal onset."""
    nuclei = [i for i, p in enumerate(phones) if p[:2] in _VOWELS]
    if not nuclei:
        return [phones] if phones else []
    cuts = [0]
    for a, b in zip(nuclei, nuclei[1:]):
        cluster = [p for p in phones[a + 1:b]]
        onset = 0  # how many consonants of the cluster start the next syllable
        for k in range(min(3, len(cluster)), 0, -1):
            cand = tuple(cluster[len(cluster) - k:])
            if (k == 1 and cand[0] != "NG") or cand in _ONSETS:
                onset = k
                break
        cuts.append(b - onset)
    cuts.append(len(phones))
    return [phones[i:j] for i, j in zip(cuts, cuts[1:])]


def _ipa_phone(phone: str) -> str:
    base, stress = phone.rstrip("012"), phone[len(phone.rstrip("012")):]
    if base in _VOWELS:
        if stress == "0" and base in _UNSTRESSED:
            return _UNSTRESSED[base]
        return _VOWELS[base]
    if base in _CONSONANTS:
        return _CONSONANTS[base]
    raise ValueError(f"not an ARPAbet phone: {phone!r}")


def arpabet_to_ipa(arpabet: str | list[str]) -> Pronunciation:
    """ARPAbet (CMUdict) -> IPA with ˈ primary and ˌ secondary stress before the syllable.

    One-syllable words get no stress mark, as in learner dictionaries.
    """
    phones = arpabet.split() if isinstance(arpabet, str) else list(arpabet)
    sylls = _split(phones)
    marked = []
    for syl in sylls:
        stress = next((p[-1] for p in syl if p[-1:] in "012" and p[:2] in _VOWELS), "0")
        mark = {"1": "ˈ", "2": "ˌ"}.get(stress, "") if len(sylls) > 1 else ""
        marked.append(mark + "".join(_ipa_phone(p) for p in syl))
    ipa = ""
    for i, part in enumerate(marked):
        ipa += part if i == 0 or part[0] in "ˈˌ" else "." + part
    return Pronunciation(ipa, marked, " ".join(phones))


@lru_cache(maxsize=1)
def _cmudict() -> dict[str, list[list[str]]]:
    from toolkit.language import data

    data.use()
    from nltk.corpus import cmudict

    return cmudict.dict()


@lru_cache(maxsize=100_000)
def pronounce(word: str) -> Pronunciation | None:
    """The first CMUdict pronunciation of a word or phrase in IPA; None when unknown.

    A phrase ("North Korea") is pronounced word by word and only when every word is known.
    """
    words = word.lower().replace("_", " ").replace("-", " ").split()
    if not words:
        return None
    cmu = _cmudict()
    parts = []
    for w in words:
        prons = cmu.get(w)
        if not prons:
            return None
        parts.append(arpabet_to_ipa(prons[0]))
    if len(parts) == 1:
        return parts[0]
    return Pronunciation(" ".join(p.ipa for p in parts),
                         [s for p in parts for s in p.syllables],
                         " | ".join(p.arpabet for p in parts))


__all__ = ["Pronunciation", "arpabet_to_ipa", "pronounce"]
