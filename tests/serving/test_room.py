"""`make teach`: the whole room in one command (students' Voila + the teacher's JupyterLab).

Real servers and Debian Chromium: the terminal shows the students' link and its QR code, the
lesson index shows the same QR code on a phone's first screens, JupyterLab wants its token,
and the teacher's dashboard in JupyterLab counts a student who just opened a lesson.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from toolkit.student.link import qr_svg

from .support import ROOT, VENV, free_port, served, wait_for_log
from .test_serving import _env

sys.path.insert(0, str(ROOT / "tests"))
from hub import support as S  # noqa: E402 - the browser helpers shared with tests/hub

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "room-test-token-1234"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "checkout"
    site.mkdir()
    for name in ("Makefile", "voila.json"):
        shutil.copy(ROOT / name, site / name)
    for folder in ("lessons", "notebooks"):
        shutil.copytree(ROOT / folder, site / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return site


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _wait_for_lab(base: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if _status(f"{base}/api/status?token={TOKEN}") == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("JupyterLab did not start")
        time.sleep(0.5)


async def _room(base: str, lab: str) -> dict:
    from playwright.async_api import async_playwright

    seen: dict = {}
    async with async_playwright() as pw:
        browser = await S.launch(pw)
        try:
            phone = await (await browser.new_context(viewport={"width": 360, "height": 740})).new_page()
            await phone.goto(f"{base}/voila/render/index.ipynb", timeout=S.TIMEOUT_MS)
            seen["qr_in_view"] = await S.visible_in_viewport(phone, ".vs-room-link svg")
            seen["link_text"] = await phone.inner_text(".vs-room-link code")
            seen["no_sideways"] = await phone.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth + 1")
            seen["svg"] = await phone.locator(".vs-room-link svg").evaluate("e => e.outerHTML")
            await phone.goto(f"{base}/voila/render/{S.LESSON}.ipynb?name=Ana", timeout=S.TIMEOUT_MS)
            await phone.locator(".vs-reader .vs-word").first.wait_for(timeout=S.TIMEOUT_MS)
            seen["who"] = await phone.inner_text(".vs-login-who")
            teacher = await (await browser.new_context(viewport={"width": 1280, "height": 800})).new_page()
            await teacher.goto(f"{lab}/lab/tree/notebooks/class-dashboard.ipynb?token={TOKEN}",
                               timeout=S.TIMEOUT_MS)  # the link the terminal shows
            await teacher.wait_for_url(re.compile(r"/lab/tree/notebooks/class-dashboard\.ipynb"),
                                       timeout=S.TIMEOUT_MS)
            await S.run_dashboard(teacher, 1)
            seen["class_table"] = await teacher.inner_text(".vs-class-table")
        finally:
            await browser.close()
    return seen


def test_make_teach_starts_the_students_and_the_teachers_side_with_one_store(tmp_path):
    site = _site(tmp_path)
    port, teach_port = free_port(), free_port()
    log = tmp_path / "make-teach.log"
    cmd = ["make", "--no-print-directory", "serve-teach", f"PORT={port}",
           f"TEACH_PORT={teach_port}", f"VENV={VENV}", "CLASS=7B"]
    env = _env(PORT=str(port), VOCABSPHERE_TEACH_TOKEN=TOKEN)
    lab = f"http://127.0.0.1:{teach_port}"
    link = f"http://127.0.0.1:{port}/voila/render/index.ipynb"
    with served(cmd, site, env, log, timeout=120) as (base, _proc):
        _wait_for_lab(lab)
        assert _status(f"{lab}/api/status") == 403  # no token, no JupyterLab
        assert _status(f"{lab}/api/contents/notebooks?token={TOKEN}") == 200
        text = wait_for_log(log, "Ctrl-C stops both servers")
        seen = asyncio.run(_room(base, lab))
    assert f"Students: open {link}" in text and "▄▄▄▄▄" in text  # the QR code, in blocks
    assert f"{lab}/lab/tree/notebooks/class-dashboard.ipynb?token={TOKEN}" in text
    assert f"learner store: {site}/var/learning.sqlite3" in text
    assert seen["qr_in_view"] and seen["link_text"] == link and seen["no_sideways"]
    page_path = re.search(r' d="([^"]+)"', seen["svg"]).group(1)
    assert page_path == re.search(r' d="([^"]+)"', qr_svg(link)).group(1)  # the same code
    assert "Ana" in seen["who"] and "7B" in seen["who"]
    assert re.search(r"\bAna\b", seen["class_table"]), seen["class_table"][:300]
