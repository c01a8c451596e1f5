"""`python -m toolkit analyze`: text, JSON and JSON lines; bad input is one line and exit 2."""

from __future__ import annotations

import json

import pytest

from common import run_toolkit
from toolkit.cli import main


def _run(capsys, *args):
    code = main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_table_has_every_column_and_conllu_heads(capsys, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Mr. Lee moved to the U.S. in May.\n\nHe bought two laptops.", encoding="utf-8")
    code, out, _ = _run(capsys, str(f))
    assert code == 0
    blocks = [b.splitlines() for b in out.strip().split("\n\n")]
    assert [b[0] for b in blocks] == ["# sentence 1: Mr. Lee moved to the U.S. in May.",
                                     "# sentence 2: He bought two laptops."]
    rows = [line.split("\t") for line in blocks[1][1:]]
    assert rows[3] == ["4", "laptops", "laptop", "NNS", "NOUN", "2", "dobj", "_"]
    assert rows[1][5] == "0" and rows[1][6] == "ROOT"  # "bought" is the root
    assert [r[1] for r in (line.split("\t") for line in blocks[0][1:])][5] == "U.S."


def test_json_keeps_offsets(capsys, tmp_path):
    text = "The “quiet” workers didn’t stop."
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, str(f), "--json")
    (s,) = json.loads(out)["sentences"]
    assert code == 0 and s["text"] == text
    for t in s["tokens"]:
        assert text[t["start"]:t["end"]] == t["text"]
        assert set(t) == {"id", "text", "start", "end", "lemma", "tag", "upos", "head", "dep", "ent"}
    assert [t["text"] for t in s["tokens"]][5:7] == ["did", "n’t"]


def test_jsonl_text_and_pretokenised_lines(capsys, tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"tokens": ["New York", "is", "big", "--", "really", "."]}\n\n'
                 '{"text": "Ana lives in Madrid. She likes it."}\n', encoding="utf-8")
    code, out, _ = _run(capsys, "--jsonl", str(f))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    (pre,) = lines[0]["sentences"]
    assert [t["text"] for t in pre["tokens"]] == ["New York", "is", "big", "--", "really", "."]
    assert sum(t["head"] == 0 for t in pre["tokens"]) == 1
    assert [s["text"] for s in lines[1]["sentences"]] == ["Ana lives in Madrid.", "She likes it."]
    assert lines[1]["sentences"][0]["tokens"][3]["ent"] == "GPE"


@pytest.mark.parametrize("content, message", [
    ("", "no lines"),
    ("not json\n", "line 1: not JSON"),
    ('{"text": "fine"}\n{"txt": "x"}\n', "line 2: expected"),
    ('{"text": "  "}\n', "non-empty string"),
    ('{"tokens": []}\n', "non-empty list"),
    ('{"tokens": ["a", 3]}\n', "non-empty list"),
    ('{"text": "a", "tokens": ["a"]}\n', "expected"),
    ('[1, 2]\n', "expected"),
])
def test_bad_jsonl_is_one_clear_line_and_exit_2(capsys, tmp_path, content, message):
    f = tmp_path / "bad.jsonl"
    f.write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, "--jsonl", str(f))
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_missing_and_empty_files(capsys, tmp_path):
    code, _, err = _run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    code, _, err = _run(capsys, "--jsonl", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "no such file" in err
    (tmp_path / "empty.txt").write_text(" \n\n ")
    code, out, err = _run(capsys, str(tmp_path / "empty.txt"))
    assert code == 2 and out == "" and "empty" in err


def test_stdin_in_a_fresh_process():
    r = run_toolkit("analyze", "-", "--json", stdin="She sings well.".encode())
    assert r.returncode == 0, r.stderr
    (s,) = json.loads(r.stdout)["sentences"]
    assert [(t["text"], t["tag"], t["head"]) for t in s["tokens"]] == [
        ("She", "PRP", 2), ("sings", "VBZ", 0), ("well", "RB", 2), (".", ".", 2)]
    bad = run_toolkit("analyze", "--jsonl", "-", stdin=b"{oops\n")
    assert bad.returncode == 2 and b"line 1: not JSON" in bad.stderr and b"Traceback" not in bad.stderr
