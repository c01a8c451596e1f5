"""`python -m toolkit level|adapt|profile`: JSON, batch JSON lines, errors.

JSON output is checked through `toolkit.cli.main` in this process (a fresh interpreter pays
seconds of language-data loading per call); the exit code is checked in a real subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .leveling_texts import HARD, MEANING

ROOT = Path(__file__).resolve().parents[2]


def run_toolkit(*args: str) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` in a fresh interpreter, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=env)


def _main(capsys, *args: str) -> str:
    from toolkit.cli import main

    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_level_and_profile_json(tmp_path, capsys) -> None:
    path = tmp_path / "hard.txt"
    path.write_text(HARD, "utf-8")
    est = json.loads(_main(capsys, "level", str(path), "--json"))
    assert est["level"] in ("C1", "C2") and est["hard_sentences"] and est["coverage"]
    prof = json.loads(_main(capsys, "profile", str(path), "--json"))
    assert prof["cefr"] == est["level"] and prof["difficulty"] == est["difficulty"]


def test_adapt_batch_jsonl_one_process(tmp_path, capsys) -> None:
    lines = [json.dumps({"text": MEANING}), json.dumps({"text": ""}), json.dumps({"text": HARD})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    out = _main(capsys, "adapt", "--jsonl", str(path), "--level", "B1")
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 3
    assert results[0]["target"] == "B1" and results[0]["changes"] and results[0]["profile"]
    assert "error" in results[1] and "line 2" in results[1]["error"]
    assert results[2]["at_target"] or results[2]["blockers"]


def test_adapt_rejects_unknown_level(tmp_path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(MEANING, "utf-8")
    out = run_toolkit("adapt", str(path), "--to", "Z9")
    assert out.returncode == 2 and "choose one of" in out.stderr
