"""Readability formulas, one textstat call each (textstat needs cmudict from the data folder)."""

from __future__ import annotations

from toolkit.language import data

# name -> (textstat function, what the number means)
FORMULAS: dict[str, str] = {
    "flesch_reading_ease": "0-100, higher is easier; 60-70 is plain English",
    "flesch_kincaid_grade": "US school grade: 0.39*words/sentence + 11.8*syllables/word - 15.59",
    "gunning_fog": "years of schooling: 0.4*(words/sentence + 100*complex words/words)",
    "smog_index": "grade from polysyllables per 30 sentences",
    "coleman_liau_index": "grade from letters and sentences per 100 words",
    "automated_readability_index": "grade from characters per word and words per sentence",
    "dale_chall_readability_score": "from the share of words outside Dale-Chall's 3,000 easy words",
}


def readability(text: str) -> dict[str, float]:
    """All formulas in FORMULAS for a text, rounded to two decimals."""
    data.use()
    import textstat

    return {name: round(float(getattr(textstat, name)(text)), 2) for name in FORMULAS}
