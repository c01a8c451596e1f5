"""`build-lesson` input checks: a safe --slug, and errors on a line of their own after the
progress bar (real subprocesses, output captured as a user's terminal would get it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from common import ROOT, run_toolkit

ARTICLE = ROOT / "lessons" / "articles" / "the-school-garden.txt"


@pytest.mark.parametrize("slug", ["../x", "a/b", "..", "x.y", "two words", "", "é", "x" * 81,
                                  "/tmp/abs"])
def test_an_unsafe_slug_is_refused_before_anything_is_written(tmp_path, slug):
    out = tmp_path / "out"
    r = run_toolkit("build-lesson", str(ARTICLE), "--slug", slug, "--out", str(out), "--quiet")
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert err.startswith("error: --slug") and "letters, digits, '-' and '_'" in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not out.exists() and not (tmp_path / "x.lesson.json").exists()


def test_out_that_is_a_file_is_a_clear_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    r = run_toolkit("build-lesson", str(ARTICLE), "--slug", "ok_slug-1", "--out", str(f))
    assert r.returncode == 2 and b"is a file, not a folder" in r.stderr, r.stderr


def test_an_interrupt_during_the_progress_bar_starts_a_fresh_line(tmp_path):
    """The bar has no newline until it ends; what follows must not be glued to it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "build-lesson", str(ARTICLE), "--slug", "garden",
         "--out", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=os.environ.copy())
    try:
        seen = b""
        deadline = time.monotonic() + 120
        while b"] 1/" not in seen and time.monotonic() < deadline:
            chunk = proc.stderr.read1(4096)  # type: ignore[union-attr]
            if not chunk:
                break
            seen += chunk
        assert b"] 1/" in seen, seen  # the bar is on screen, its line still open
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=120)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = (seen + rest).decode()
    assert proc.returncode == 130, err
    lines = err.split("\n")
    assert "interrupted" in lines, err  # alone on its line
    bar_line = next(line for line in lines if "] 1/" in line)
    assert "interrupted" not in bar_line and not list(tmp_path.iterdir())
