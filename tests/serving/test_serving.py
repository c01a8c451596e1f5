"""`make serve` and voila.json as a classroom gets them: real Voila, real Chromium.

Preheated kernels run a lesson's notebook before any student asks for it, so the page's
`?name=&class=` must still reach the student's kernel (toolkit.learning.identity waits for
the request). Two servers only: each Voila start with its kernel pool costs ~10 s here.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from .support import ROOT, VENV, free_port, served, wait_for_log
from browser import browser_page  # noqa: E402 - on the path once .support is imported

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "hidden-remote-workers.ipynb"
POOL_FILLED = f"Kernel pool of {LESSON} is filled"


def _checkout_copy(tmp_path: Path) -> Path:
    """The files `make serve` uses, in a fresh folder, so var/ and the log stay out of the repo."""
    site = tmp_path / "checkout"
    site.mkdir()
    for name in ("Makefile", "voila.json"):
        shutil.copy(ROOT / name, site / name)
    shutil.copytree(ROOT / "lessons", site / "lessons",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return site


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"VOCABSPHERE_DB", "JUPYTERHUB_USER", "QUERY_STRING", "MAKEFLAGS"}}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return {**env, **extra}


def _open(page, url: str) -> str:
    page.goto(url, timeout=120_000)
    page.wait_for_selector(".vs-login-who", timeout=120_000)
    page.wait_for_selector(".vs-title", timeout=120_000)
    return page.inner_text(".vs-login-who")


def test_make_serve_preheats_and_keeps_the_name_from_the_url(tmp_path):
    site = _checkout_copy(tmp_path)
    port = free_port()
    log = tmp_path / "make-serve.log"
    cmd = ["make", "--no-print-directory", "serve", f"PORT={port}", f"VENV={VENV}"]
    with served(cmd, site, _env(PORT=str(port)), log) as (base, _proc), \
            browser_page() as (page, errors):
        wait_for_log(log, POOL_FILLED)
        who = _open(page, f"{base}/voila/render/{LESSON}?name=Ana&class=7b")
        assert "Ana" in who and "7B" in who and "trust-based" in who
        text = wait_for_log(log, f"for {LESSON}")
        assert re.search(rf"Using pre-heated kernel: \S+ for {re.escape(LESSON)}", text)

        # the pool refills; the next student gets a second preheated kernel and their own name
        wait_for_log(log, POOL_FILLED, count=2)
        second = _open(page, f"{base}/voila/render/{LESSON}?name=Ben&class=7B")
        assert "Ben" in second and "Ana" not in second
        text = log.read_text()
        assert len(re.findall(rf"Using pre-heated kernel: \S+ for {re.escape(LESSON)}", text)) == 2
        assert errors == []

    # voila.json's culler and make's default store, as the server log and the file show
    assert "Culling kernels with idle durations > 90 seconds at 30 second intervals" in text
    assert "Culling kernels even with connected clients" not in text  # open pages stay
    assert f"learner store: {site}/var/learning.sqlite3" in text
    with sqlite3.connect(site / "var" / "learning.sqlite3") as db:
        students = {row[0] for row in db.execute("SELECT student_id FROM students")}
    assert students == {"7B/ana", "7B/ben"}


def test_hub_user_wins_and_an_open_idle_page_is_not_culled(tmp_path):
    """Under JupyterHub the kernel inherits JUPYTERHUB_USER: it beats a name in the URL.

    The repo's voila.json with only the culler's clock shortened (idle limit 4 s, checked
    every second) and the page's watchdog ping off (VOCABSPHERE_PING_S=0), so the open tab
    is idle: its kernel is kept (cull_connected is false), and no pooled kernel is culled.
    """
    site = _checkout_copy(tmp_path)
    port = free_port()
    log = tmp_path / "voila.log"
    cmd = [str(VENV / "bin" / "voila"), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
           "--MappingKernelManager.cull_idle_timeout=4", "--MappingKernelManager.cull_interval=1",
           "lessons/"]
    env = _env(PORT=str(port), JUPYTERHUB_USER="hub-student", VOCABSPHERE_PING_S="0",
               VOCABSPHERE_DB=str(tmp_path / "hub.sqlite3"))
    with served(cmd, site, env, log) as (base, proc), browser_page() as (page, errors):
        wait_for_log(log, POOL_FILLED)
        who = _open(page, f"{base}/voila/render/{LESSON}?name=Mallory&class=7B")
        assert "hub-student" in who and "signed in through JupyterHub" in who
        assert "Mallory" not in who
        text = wait_for_log(log, f"for {LESSON}")
        kernel_id = re.search(rf"Using pre-heated kernel: (\S+) for {re.escape(LESSON)}",
                              text).group(1)
        page.wait_for_timeout(10_000)  # more than twice the idle limit
        text = log.read_text()
        assert "Culling kernels with idle durations > 4 seconds at 1 second intervals" in text
        assert kernel_id not in re.findall(r"Culling '\w+' kernel '\w+' \((\S+)\)", text)
        page.locator(".vs-reader .vs-word").nth(3).click()  # the page still answers
        page.wait_for_selector(".vs-word-card.vs-card-open .vs-card-headword", timeout=30_000)
        assert errors == []
