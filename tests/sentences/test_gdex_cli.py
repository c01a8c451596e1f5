"""`python -m toolkit sentences`: text and JSON output, --word, --level, bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "lessons" / "articles" / "hidden-remote-workers.txt"


def run_toolkit(*args: str) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` in a fresh interpreter, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          timeout=120, cwd=ROOT, env=dict(os.environ))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_in_a_fresh_interpreter_prints_three_explained_sentences():
    r = run_toolkit("sentences", str(ARTICLE), "--level", "B1")
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert out.startswith("Good sentences for B1 learners")
    ranked = [line for line in out.splitlines() if line[:3] in {"1. ", "2. ", "3. "}]
    assert len(ranked) == 3
    assert out.count("Good for B1 learners: ") == 3


def test_cli_json_matches_the_picks(capsys):
    code, out, _ = run(capsys, "sentences", str(ARTICLE), "--level", "a2", "--json")
    d = json.loads(out)
    assert code == 0 and d["level"] == "A2" and len(d["chosen"]) == 3
    text = ARTICLE.read_text("utf-8")
    for c in d["chosen"]:
        assert c["text"] in text and c["explanation"].startswith("Good for A2")
        assert set(c["features"]) >= {"length", "known_words", "grammar", "standalone", "form"}


def test_cli_word(capsys):
    code, out, _ = run(capsys, "sentences", str(ARTICLE), "--word", "identity", "--article-only")
    assert code == 0 and "for 'identity'" in out and "shows how 'identit" in out


def test_cli_word_in_no_sentence(capsys):
    code, out, _ = run(capsys, "sentences", str(ARTICLE), "--word", "zxqwv", "--article-only",
                       "--json")
    d = json.loads(out)
    assert code == 0 and d["chosen"] == []
    assert any("does not appear in any sentence" in n for n in d["notes"])


def test_cli_headings_only(capsys, tmp_path):
    f = tmp_path / "h.txt"
    f.write_text("Life As A Worker\n\n- buy bread\n- sell fish\n", "utf-8")
    code, out, _ = run(capsys, "sentences", str(f))
    assert code == 0 and "Note: none of the" in out and "1. " not in out


def test_cli_config_changes_the_picks(capsys, tmp_path):
    cfg = tmp_path / "w.json"
    cfg.write_text(json.dumps({"weights": {k: 0 for k in ("known_words", "target_words",
                                                         "main_clause", "standalone",
                                                         "clutter", "grammar", "form")},
                               "min_score": 0}))
    _, default, _ = run(capsys, "sentences", str(ARTICLE), "--json")
    _, length_only, _ = run(capsys, "sentences", str(ARTICLE), "--json", "--config", str(cfg))
    a = [c["index"] for c in json.loads(default)["chosen"]]
    b = json.loads(length_only)["chosen"]
    assert all(c["features"]["length"]["score"] == 1 for c in b)
    assert a != [c["index"] for c in b]


def test_cli_errors_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "sentences", str(ARTICLE), "--level", "Z3")
    assert code == 2 and err.startswith("error: unknown CEFR level") and err.count("\n") == 1
    code, _, err = run(capsys, "sentences", str(tmp_path / "none.txt"))
    assert code == 2 and "no such file" in err
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\ngramar = 2\n")
    code, _, err = run(capsys, "sentences", str(ARTICLE), "--config", str(bad))
    assert code == 2 and "gramar" in err
    code, _, err = run(capsys, "sentences", str(ARTICLE), "--word", "42")
    assert code == 2 and "give a word" in err
