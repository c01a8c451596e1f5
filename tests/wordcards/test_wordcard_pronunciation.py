import pytest

from toolkit.language.pronunciation import arpabet_to_ipa, pronounce
from toolkit.model.wordcard import Pronunciation


@pytest.mark.parametrize("arpabet, ipa, syllables", [
    ("AY0 D EH1 N T AH0 F AY2", "aɪˈdɛn.təˌfaɪ", ["aɪ", "ˈdɛn", "tə", "ˌfaɪ"]),
    ("B AE1 NG K", "bæŋk", ["bæŋk"]),  # one syllable: no stress mark
    ("EH1 K S T R AH0", "ˈɛk.strə", ["ˈɛk", "strə"]),  # maximal onset keeps "str" together
    ("W AO1 T ER0", "ˈwɔ.tɚ", ["ˈwɔ", "tɚ"]),  # unstressed ER is the reduced vowel
    ("AH0 B AW1 T", "əˈbaʊt", ["ə", "ˈbaʊt"]),
    ("S IH1 NG ER0", "ˈsɪŋ.ɚ", ["ˈsɪŋ", "ɚ"]),  # NG never starts a syllable
])
def test_arpabet_to_ipa_with_stress_and_syllables(arpabet, ipa, syllables):
    p = arpabet_to_ipa(arpabet)
    assert p.ipa == ipa and p.syllables == syllables and p.arpabet == arpabet


def test_unknown_phone_is_refused():
    with pytest.raises(ValueError, match="ARPAbet"):
        arpabet_to_ipa("B XX1 K")


@pytest.mark.parametrize("word, count", [("cat", 1), ("water", 2), ("computer", 3),
                                         ("identify", 4), ("university", 5)])
def test_syllable_counts_from_cmudict(word, count):
    assert pronounce(word).syllable_count == count


def test_pronounce_phrases_and_unknown_words():
    phrase = pronounce("North Korea")
    assert phrase.ipa == f"{pronounce('north').ipa} {pronounce('korea').ipa}"
    assert pronounce("qzxwv") is None and pronounce("") is None


def test_round_trip():
    p = pronounce("identify")
    assert Pronunciation.from_dict(p.to_dict()) == p
