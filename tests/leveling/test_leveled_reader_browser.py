"""The leveled reader in a real browser: switch level, read, finish, see the WPM."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from browser import browser_page, voila_server
from .leveling_texts import ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_CELL = """
import json
from toolkit.model.adaptation import LevelVersion
from toolkit.student.leveled_reader import LeveledReader
versions = [LevelVersion.from_dict(v) for v in json.load(open("versions.json"))]
LeveledReader(versions, student_level="A2", teacher=True)
"""


def test_switch_level_and_finish_reading_shows_wpm(tmp_path: Path, adapted: dict) -> None:
    from toolkit.language.analysis import analyze
    from toolkit.model.adaptation import ORIGINAL, LevelVersion

    versions = [LevelVersion(ORIGINAL, ARTICLE, analyze(ARTICLE))]
    versions += [a.level_version() for a in adapted.values()]
    (tmp_path / "versions.json").write_text(json.dumps([v.to_dict() for v in versions]))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "reader.ipynb")
    root = str(Path(__file__).resolve().parents[2])
    with voila_server(tmp_path, env={"PYTHONPATH": root}) as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/reader.ipynb", timeout=120_000)
        page.wait_for_selector(".vs-leveled-reader .vs-reader .vs-word", timeout=120_000)
        a2_text = page.inner_text(".vs-reader")
        assert page.locator(".vs-reader .vs-hard").count() > 0
        page.locator(".vs-level-switcher button", has_text="B1").click()
        page.wait_for_function(f"document.querySelector('.vs-reader').innerText !== {json.dumps(a2_text)}",
                               timeout=30_000)
        assert "vs-changes-table" in page.inner_html(".vs-changes")
        page.locator(".vs-timer-start").click()
        page.wait_for_selector(".vs-timer-running", timeout=30_000)
        page.wait_for_timeout(1500)
        page.locator(".vs-timer-finish").click()  # too soon: asked, nothing stored
        page.wait_for_selector(".vs-too-fast-question", state="visible", timeout=30_000)
        assert "did you read it all?" in page.inner_text(".vs-too-fast")
        page.locator(".vs-too-fast-keep").click()  # not finished: the timer runs on
        page.wait_for_selector(".vs-too-fast-question", state="hidden", timeout=30_000)
        b1_words = next(v.word_count for v in versions if v.level == "B1")
        page.wait_for_timeout(max(6.0, b1_words / 700 * 60) * 1000)  # a real reading
        page.locator(".vs-timer-finish").click()
        page.wait_for_selector(".vs-wpm-value", timeout=30_000)
        assert 0 < int(page.inner_text(".vs-wpm-value")) <= 800
        assert not errors, errors
