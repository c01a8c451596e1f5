import json
import xml.etree.ElementTree as ET

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"


def run_toolkit(*args: str) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` in a fresh interpreter, as a teacher would run it."""
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          timeout=120, cwd=ROOT, env=dict(os.environ))


def test_exercises_command_writes_json_and_moodle_xml(tmp_path):
    out = run_toolkit("exercises", str(ARTICLE), "--types", "cloze,jumble", "--n", "6",
                      "--seed", "2")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) == 6 and {i["type"] for i in items} == {"cloze", "jumble"}
    assert all(i["seed"] == 2 for i in items)
    assert b"dropped by validity checks" in out.stderr
    target = tmp_path / "bank.xml"
    out = run_toolkit("exercises", str(ARTICLE), "--types", "cloze", "--n", "3",
                      "--format", "moodle-xml", "-o", str(target))
    assert out.returncode == 0 and len(ET.parse(target).getroot().findall("question")) == 3


def test_exercises_command_refuses_bad_input_in_one_line(tmp_path):
    out = run_toolkit("exercises", str(ARTICLE), "--types", "cloze,riddles")
    assert out.returncode == 2 and b"unknown exercise type(s) riddles" in out.stderr
    assert b"Traceback" not in out.stderr
    out = run_toolkit("exercises", str(ARTICLE), "--level", "Z9")
    assert out.returncode == 2 and b"unknown CEFR level" in out.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    out = run_toolkit("exercises", str(empty))
    assert out.returncode == 2 and b"empty" in out.stderr


def test_distractors_command_single_and_batch(tmp_path, capsys):
    from toolkit.cli import main

    assert main(["distractors", "--sentence", "She drove her ___ to work.", "--answer", "car",
                 "--n", "5", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["answer"] == "car" and 1 <= len(row["distractors"]) <= 5
    assert "car" not in row["distractors"] and "automobile" not in row["distractors"]
    batch = tmp_path / "gaps.jsonl"
    batch.write_text('{"sentence": "**blank** causes rocks to roll downhill", "answer": "gravity"}\n'
                     '{"sentence": "He bought a big ___.", "answer": "house"}\n')
    assert main(["distractors", "--jsonl", str(batch), "--n", "3"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["answer"] for x in lines] == ["gravity", "house"]
    assert all(len(x["distractors"]) <= 3 for x in lines)
    assert main(["distractors", "--sentence", "No gap here.", "--answer", "x"]) == 2
    assert "needs a gap" in capsys.readouterr().err
