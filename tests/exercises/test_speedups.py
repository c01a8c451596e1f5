"""The shortcuts that make `exercises` faster must not change what it makes: each is checked
against the plain computation it replaces, on real WordNet data and the real encoder."""

from __future__ import annotations

import collections

import pytest

from toolkit.exercises import distractors as D
from toolkit.exercises import lexicon as lx

GAPS = [
    ("buses", "NNS", "The city bought forty electric buses for the routes near the river."),
    ("gravity", "NN", "Without gravity, the water would float away from the planet."),
    ("approved", "VBD", "On Tuesday the council approved the plan to close the old bridge."),
    ("cold", "JJ", "The deep sea is cold and dark, but many strange animals live there."),
]


def _rank_checking_all(answer: str, tag: str, sentence: str, n: int,
                       fits_as_well: float) -> list[str]:
    """`rank` as it was before the lazy reading: every one of the first n + RECHECK allowed
    candidates has its filled sentence encoded, then the list is filtered and cut."""
    key, pos = answer.lower(), lx.upos(tag)
    lemma = D.lemma_of_key(answer, tag)
    top = []
    for s, c in D.score_pool(D.candidate_pool(answer, tag, sentence)):
        if D.allowed(c, key, lemma, pos):
            top.append((s, c))
            if len(top) >= n + D.RECHECK:
                break
    fits = D.gap_fit(sentence, answer, [c for _, c in top])
    broader = D._broader(lemma, pos)
    kept = [c for (_, c), f in zip(top, fits)
            if f < fits_as_well and c.lemma.lower() not in broader]
    out, spellings = [], {lx.spelling_key(answer)}
    for c in kept:
        if lx.spelling_key(c.word) not in spellings:
            spellings.add(lx.spelling_key(c.word))
            out.append(c.word)
    return out[:n]


@pytest.mark.parametrize("answer, tag, sentence", GAPS)
@pytest.mark.parametrize("fits_as_well", [D.FITS_AS_WELL, 0.95])
def test_lazy_ranking_gives_what_checking_every_candidate_gives(answer, tag, sentence,
                                                                 fits_as_well):
    from toolkit.language import encoder

    if not encoder.available():
        pytest.skip("the sentence encoder is not built (python -m toolkit data)")
    full = _rank_checking_all(answer, tag, sentence, 6, fits_as_well)
    assert full, f"no distractors for {answer!r}: the comparison would say nothing"
    assert [c.word for c in D.rank(answer, tag, sentence, n=6, fits_as_well=fits_as_well)] \
        == full
    for need in (1, 3, 6, 9):
        got = D.rank(answer, tag, sentence, n=6, fits_as_well=fits_as_well, need=need)
        assert [c.word for c in got] == full[:need]


def test_wordnet_tables_are_the_ones_nltk_builds():
    from toolkit.language import data

    wn = data.wordnet()
    mine = (set(wn.satellite_offsets), dict(wn._lemma_pos_offset_map),
            {p: dict(t) for p, t in wn._exception_map.items()})
    assert len(mine[1]) > 100_000 and mine[0] and mine[2]["v"]["went"] == ["go"]
    reader = type(wn).__new__(type(wn))  # a bare reader over the same files
    reader.__dict__.update({k: v for k, v in wn.__dict__.items()
                            if k not in {"satellite_offsets", "_lemma_pos_offset_map",
                                         "_exception_map"}})
    reader._lemma_pos_offset_map = collections.defaultdict(dict)
    reader._exception_map = {}
    for name in ("_scan_satellites", "_load_lemma_pos_offset_map", "_load_exception_map"):
        data.NLTK_LOADERS[name](reader)
    assert reader.satellite_offsets == mine[0]
    assert dict(reader._lemma_pos_offset_map) == mine[1]
    assert list(reader._lemma_pos_offset_map) == list(mine[1])  # same order: synsets() lists
    assert reader._exception_map == mine[2]


def test_matching_defines_only_one_sense_words_as_before():
    """The shortcut in `lexis.definition` (no sense ranking for a word with several senses
    in its POS) returns what the ranking path returned: nothing for those words."""
    from toolkit.exercises.generators.lexis import clear_sense, definition

    sentence = "The minister said the bank would open a new branch near the station."
    for lemma, penn in (("minister", "NN"), ("bank", "NN"), ("branch", "NN"), ("open", "VB")):
        assert len(lx.wordnet().synsets(lemma, pos=lx.UPOS_TO_WORDNET[lx.upos(penn)])) > 1
        assert definition(lemma, lx.upos(penn), sentence, penn) is None
    one = [w for w in ("photosynthesis", "kilometre", "bicycle", "thermometer")
           if len(lx.wordnet().synsets(w, pos="n")) == 1]
    assert one, "no one-sense noun to check"
    for lemma in one:
        got = definition(lemma, "NOUN", f"We read about the {lemma} in class.", "NN")
        assert got is not None and clear_sense(lemma, "NOUN", lx.wordnet().synset(got[1]))
