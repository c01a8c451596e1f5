"""The sense table (common senses encoded once by set-up) and ranking a whole article in one
encoder call: both only make cards faster, so the cards must be the same bit for bit."""

from __future__ import annotations

import json

import numpy as np
import pytest

from toolkit.language import sense_table
from toolkit.language.encoder import Encoder

TEXTS = ["bank: sloping land beside a body of water", "bank: a financial institution",
         "The river rose over its banks.", "charge, bill: demand payment"]
ARTICLE = ("The bank will charge a small fee for every transfer. "
           "After the storm the river rose over its banks, and the fields were flooded. "
           "Police charged the driver with dangerous driving.")


@pytest.fixture()
def table_dir(tmp_path):
    sense_table.build(tmp_path, texts=TEXTS, quiet=True)
    return tmp_path


def test_table_rows_are_the_encoders_own_rows(table_dir):
    row, vectors = sense_table._load(*sense_table.paths(table_dir))
    assert sorted(row) == sorted(TEXTS) and vectors.dtype == np.float32
    fresh = Encoder(disk_cache=False).encode(TEXTS)
    for n, t in enumerate(TEXTS):  # float32 as computed: not close, equal
        assert np.array_equal(vectors[row[t]], fresh[n]), t


def test_a_damaged_or_other_table_is_ignored(table_dir):
    npy, meta = sense_table.paths(table_dir)
    info = json.loads(meta.read_text("utf-8"))
    meta.write_text(json.dumps({**info, "version": sense_table.VERSION + 1}), "utf-8")
    assert sense_table._load(npy, meta) is None  # another version
    meta.write_text(json.dumps(info), "utf-8")
    assert sense_table._load(npy, meta) is not None
    blob = bytearray(npy.read_bytes())
    blob[-1] ^= 0xFF
    npy.write_bytes(bytes(blob))
    assert sense_table._load(npy, meta) is None  # its sha256 no longer matches


def test_encode_reads_what_the_table_holds_and_encodes_the_rest(table_dir):
    table = sense_table._load(*sense_table.paths(table_dir))
    texts = [TEXTS[1], "A text the table does not hold.", TEXTS[1], TEXTS[0]]
    got = sense_table.encode(texts, table=table)
    want = Encoder(disk_cache=False).encode(texts)
    assert np.array_equal(got, want)


def test_cards_are_the_same_word_by_word_in_one_go_and_with_a_table(tmp_path, monkeypatch):
    from toolkit.language import sense_context as C
    from toolkit.language import senses as S
    from toolkit.language import wordcard
    from toolkit.language.analysis import analyze

    sents = analyze(ARTICLE)

    def cards(rank_all: bool) -> dict:
        S._IN_CONTEXT.clear()
        monkeypatch.setattr(wordcard, "RANK_ALL", rank_all)
        return wordcard.build_cards(sents, langs=("zh",)).to_dict()

    monkeypatch.setenv(sense_table.ENV, "off")
    sense_table.load.cache_clear()
    word_by_word, in_one_go = cards(False), cards(True)
    assert word_by_word == in_one_go
    # a table holding some of these senses' texts (and the sentences) gives the same cards
    texts = []
    for s in sents:
        for i, t in enumerate(s.tokens):
            if t.is_word and not t.is_name:
                cands = C.features(t.lemma, t.pos, s.tokens, i, s.text,
                                   S._context_stems(s.tokens, i), encode=False)
                texts += C.encoder_texts(cands, s.text)[::2]
    sense_table.build(tmp_path, texts=texts, quiet=True)
    monkeypatch.setenv(sense_table.ENV, str(tmp_path))
    sense_table.load.cache_clear()
    assert sense_table.load() is not None
    try:
        assert cards(True) == in_one_go
    finally:
        S._IN_CONTEXT.clear()
        sense_table.load.cache_clear()
    bank = [c for c in in_one_go["cards"].values() if c["headword"] == "bank"]
    assert {c["senses"][0]["synset"] for c in bank} >= {"depository_financial_institution.n.01"}


def test_the_built_table_holds_the_common_senses():
    if not sense_table.paths()[0].is_file():
        pytest.skip("the sense table is not built (optional, not in set-up: "
                    "python -m toolkit.language.sense_table --build)")
    loaded = sense_table.load()
    assert loaded is not None, "the sense table does not match its sha256 or the model: rebuild it"
    row, vectors = loaded
    assert vectors.shape == (len(row), 384) and len(row) > 5000
    from toolkit.language.data import wordnet
    from toolkit.language.sense_context import gloss_text, related_text

    assert gloss_text(wordnet().synset("bank.n.01")) in row
    assert related_text("depository_financial_institution.n.01") in row
