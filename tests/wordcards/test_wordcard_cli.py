"""`python -m toolkit lookup`: in-process through cli.main for speed, once as a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from .wordcard_support import require

from toolkit.cli import main


def _run(capsys, *args):
    code = main(["lookup", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lookup_text_and_json(capsys):
    require("zh")
    code, out, _ = _run(capsys, "bank", "--sentence", "He sat on the bank of the river.",
                        "--lang", "zh")
    assert code == 0 and out.startswith("bank") and "Chinese" in out and "/bæŋk/" in out
    code, out, _ = _run(capsys, "bank", "--sentence", "The bank lent them money.", "--json")
    card = json.loads(out)
    assert code == 0 and card["headword"] == "bank" and set(card["translations"]) >= {"zh", "ko"}
    assert "financial" in card["senses"][0]["definition"]


@pytest.mark.parametrize("args, message", [
    (["recieve"], "did you mean"),
    ([""], "empty"),
    (["a" * 60], "at most"),
    (["银行"], "Latin"),
    (["Straße"], "English"),
    (["x<script>"], "letters only"),
    (["bank", "--lang", "xx"], "choose one of"),
    (["bank", "--sentence", "I like cats."], "does not occur"),
])
def test_bad_input_gets_one_clear_line_and_exit_2(capsys, args, message):
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_typo_suggests_the_word():
    from toolkit.language.wordcard import suggestions

    assert "receive" in suggestions("recieve")
    assert "because" in suggestions("becuase")


def test_lookup_as_a_user_runs_it():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "toolkit", "lookup", "North Korea", "--sentence",
                           "They came from North Korea.", "--lang", "ja", "--json"],
                          capture_output=True, timeout=300, cwd=root)
    assert done.returncode == 0, done.stderr.decode()
    card = json.loads(done.stdout)
    assert card["kind"] == "name" and card["headword"] == "North Korea"


def test_lookup_jsonl_one_card_per_line_and_bad_lines_named(tmp_path):
    """One process for the whole file; a bad line is reported with its number, the rest go on."""
    require("zh")
    src = tmp_path / "words.jsonl"
    src.write_text("\n".join([
        json.dumps({"word": "charge", "sentence": "The police will charge him with theft.",
                    "lang": "zh"}),
        "{not json",
        json.dumps({"sentence": "no word here"}),
        json.dumps({"word": "recieve", "lang": "zh"}),
        "",
        json.dumps({"word": "bank", "sentence": "They sat on the bank of the river."}),
    ]) + "\n", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit", "lookup", "--jsonl", str(src),
                           "--lang", "zh"], capture_output=True, text=True, timeout=600,
                          cwd=Path(__file__).resolve().parents[2])
    cards = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [c["headword"] for c in cards] == ["charge", "bank"]
    assert cards[0]["senses"][0]["synset"] in {"charge.v.02", "charge.v.06"}  # accuse, not rush
    assert cards[1]["senses"][0]["synset"] == "bank.n.01"
    assert set(cards[1]["translations"]) == {"zh"}  # --lang is the default for every line
    assert cards[0]["sense_confidence"] is not None
    err = proc.stderr
    assert "line 2: not JSON" in err and "line 3: expected" in err and "line 4:" in err
    assert "did you mean" in err and "line 1" not in err and "line 6" not in err
    assert proc.returncode == 2
