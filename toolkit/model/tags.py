"""Part-of-speech tag tables: one place for each direction between tag sets.

Penn Treebank tags come from the tagger; UPOS is the universal set (and "coarse" its four open classes); WordNet uses one
letter per open class (n, v, a, r). Penn lookups go by the tag's first two letters, so
NNS/NNP map like NN and VBD like VB.
"""

from __future__ import annotations

# Penn tag prefix -> the coarse class lemminflect and WordNet take (NOUN, VERB, ADJ, ADV).
PENN_TO_COARSE: dict[str, str] = {"NN": "NOUN", "VB": "VERB", "JJ": "ADJ", "RB": "ADV", "MD": "VERB"}
# Penn tag -> Universal POS (for tokens the old tagger made; the parser gives UPOS itself).
PENN_TO_UPOS: dict[str, str] = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "WRB": "ADV", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON",
    "DT": "DET", "PDT": "DET", "WDT": "PRON", "IN": "ADP", "RP": "ADP", "CC": "CCONJ",
    "CD": "NUM", "TO": "PART", "POS": "PART", "UH": "INTJ", "SYM": "SYM", "$": "SYM",
    "#": "SYM", "FW": "X", "LS": "X", "ADD": "X", "XX": "X", "GW": "X",
}
AUX_LEMMAS = frozenset({"be"})  # copula and auxiliary "be" is AUX in UD; have/do vary with use
PENN_TO_WORDNET: dict[str, str] = {"NN": "n", "VB": "v", "JJ": "a", "RB": "r"}  # MD is grammar
UPOS_TO_WORDNET: dict[str, str] = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
UPOS_TO_PENN: dict[str, str] = {"NOUN": "NN", "VERB": "VB", "ADJ": "JJ", "ADV": "RB"}
WORDNET_TO_UPOS: dict[str, str] = {w: u for u, w in UPOS_TO_WORDNET.items()}
WORDNET_TO_PENN: dict[str, str] = {w: p for p, w in PENN_TO_WORDNET.items()}
WORDNET_TO_NAME: dict[str, str] = {"n": "noun", "v": "verb", "a": "adjective", "r": "adverb"}
PENN_TO_NAME: dict[str, str] = {p: WORDNET_TO_NAME[w] for p, w in PENN_TO_WORDNET.items()}
# Closed-class Penn tags as a learner names them (open classes use PENN_TO_NAME).
PENN_GRAMMAR_NAME: dict[str, str] = {
    "IN": "preposition", "DT": "determiner", "CC": "conjunction", "PRP": "pronoun",
    "PRP$": "pronoun", "MD": "modal verb", "TO": "to", "WDT": "determiner", "WP": "pronoun",
    "WRB": "adverb", "CD": "number", "UH": "interjection", "EX": "there", "PDT": "determiner",
    "RP": "particle", "POS": "possessive"}
CONTENT_PENN = ("NN", "VB", "JJ", "RB")  # prefixes of the open-class Penn tags


def penn_to_coarse(tag: str) -> str:
    """The coarse class of a Penn tag; "OTHER" for closed classes and punctuation."""
    return PENN_TO_COARSE.get(tag[:2], "OTHER")


def penn_to_upos(tag: str, lemma: str = "") -> str:
    """Universal POS for a Penn tag (the usual conversion; punctuation is PUNCT)."""
    if tag.startswith("VB") and lemma in AUX_LEMMAS:
        return "AUX"
    if tag == "RB" and lemma == "not":
        return "PART"
    return PENN_TO_UPOS.get(tag, "PUNCT" if not any(c.isalnum() for c in tag) or tag in
                            {"HYPH", "NFP", "-LRB-", "-RRB-"} else "X")


def penn_to_wordnet(tag: str) -> str | None:
    """WordNet POS letter of a Penn tag, None where WordNet has no entry (MD, IN, ...)."""
    return PENN_TO_WORDNET.get(tag[:2])


__all__ = ["AUX_LEMMAS", "CONTENT_PENN", "PENN_GRAMMAR_NAME", "PENN_TO_COARSE", "PENN_TO_NAME",
           "PENN_TO_UPOS", "PENN_TO_WORDNET",
           "UPOS_TO_PENN", "UPOS_TO_WORDNET", "WORDNET_TO_NAME", "WORDNET_TO_PENN",
           "WORDNET_TO_UPOS", "penn_to_coarse", "penn_to_upos", "penn_to_wordnet"]
