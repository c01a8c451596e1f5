"""What goes wrong in a class, on the real hub: a wrong password, a student not yet approved,
a sign-in that has expired, and the PostgreSQL store going down and coming back.

Their own hubs (one whose sign-ins last 10 s) and their own PostgreSQL server, which the test
stops and starts.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from learning.conftest import _free_port, _install_postgres, _pg_bindir

from . import support as S

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]
COOKIE_SECONDS = 10


class Postgres:
    """A PostgreSQL server of this test's own, so the test can stop and start it."""

    def __init__(self, bindir: str) -> None:
        self.bindir = bindir
        self.as_user = {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}
        self.tmp = Path(tempfile.mkdtemp(prefix="vs-hub-pg-"))
        if self.as_user:
            shutil.chown(self.tmp, "postgres", "postgres")
        self.data, self.port = self.tmp / "data", _free_port()
        subprocess.run([f"{bindir}/initdb", "-D", str(self.data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--no-sync"], check=True,
                       capture_output=True, **self.as_user)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.tmp} -c fsync=off"
        subprocess.run([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-l",
                        str(self.tmp / "log"), "-o", opts, "-w", "-t", "60", *args],
                       check=True, capture_output=True, **self.as_user)

    def remove(self) -> None:
        subprocess.run([f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "immediate",
                        "-w", "stop"], capture_output=True, **self.as_user)
        shutil.rmtree(self.tmp, ignore_errors=True)


@contextmanager
def own_postgres():
    bindir = _pg_bindir()
    if bindir is None and os.geteuid() == 0:
        _install_postgres()
        bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (as root: apt-get install postgresql)")
    pg = Postgres(bindir)
    try:
        pg.pg_ctl("start")
        yield pg
    finally:
        pg.remove()


def _count(url: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchone()[0]


async def _story(hub: S.Hub, pg: Postgres) -> dict:
    from playwright.async_api import async_playwright

    seen: dict = {}
    async with async_playwright() as pw:
        browser = await S.launch(pw)
        try:
            teacher = await (await browser.new_context()).new_page()
            await S.sign_up(teacher, hub.base, "teacher")
            page = await (await browser.new_context(viewport={"width": 360, "height": 740})).new_page()
            await S.sign_up(page, hub.base, "ana")
            await S.sign_up(page, hub.base, "ben")

            # not approved yet: the right password is not enough, and the page says why
            await S.sign_in(page, hub.base, "ana", next_url="/hub/home")
            seen["unapproved"] = await S.login_error(page)
            # a wrong password
            await S.sign_in(teacher, hub.base, "teacher", next_url="/hub/authorize")
            await S.approve(teacher, hub.base, ["ana"])
            await S.sign_in(page, hub.base, "ana", password="not-her-password", next_url="/hub/home")
            seen["wrong_password"] = await S.login_error(page)
            seen["wrong_in_view"] = await S.visible_in_viewport(page, ".alert, .login_error", False)

            # the store goes down while ana is signed in: her lesson page says so
            await S.sign_in(page, hub.base, "ana")
            await page.wait_for_url(re.compile(r"/user/ana/voila/render/index\.ipynb"),
                                    timeout=S.TIMEOUT_MS)
            lesson = f"{hub.base}/user/ana/voila/render/{S.LESSON}.ipynb"
            await page.goto(lesson, timeout=S.TIMEOUT_MS)
            await page.locator(".vs-reader .vs-word").first.wait_for(timeout=S.TIMEOUT_MS)
            texts = await page.locator(".vs-reader .vs-word").all_inner_texts()
            picks, seen_words = [], set()
            for i, text in enumerate(texts):
                text = text.strip()
                if i > 10 and text.isalpha() and text.islower() and len(text) >= 5 \
                        and text not in seen_words:
                    picks.append(i)
                    seen_words.add(text)
                if len(picks) == 3:
                    break

            async def add(i: int, expect: str) -> str:
                """Click word i, add it, and return the status line once it matches `expect`
                (or after 60 s, whatever it says then)."""
                word = page.locator(".vs-reader .vs-word").nth(i)
                await word.scroll_into_view_if_needed()
                await word.click()
                headword = page.locator(S.READY_CARD).first
                await headword.wait_for()
                seen.setdefault("headwords", []).append((await headword.inner_text()).strip())
                if expect == "^Added":  # this word: words that waited say "Added" on the way
                    expect += " " + re.escape(seen["headwords"][-1]) + r"\b"
                await page.click(".vs-add-word button, button.vs-add-word")
                try:
                    await page.wait_for_function(
                        "(re) => new RegExp(re).test("
                        "document.querySelector('.vs-app-status').innerText.trim())",
                        arg=expect, timeout=60_000)
                except Exception:  # noqa: BLE001 - the assertion below shows what it said
                    pass
                return (await page.inner_text(".vs-app-status")).strip()

            seen["first"] = await add(picks[0], "^Added")
            seen["words_before"] = _count(pg.url, "SELECT count(*) FROM words")
            pg.pg_ctl("-m", "fast", "stop")  # mid-lesson: the next word cannot be saved now
            seen["while_down"] = await add(picks[1], r"\(2 waiting\)")
            seen["unsaved_in_view"] = await S.visible_in_viewport(page, ".vs-unsaved")
            pg.pg_ctl("start")
            seen["back"] = await add(picks[2], "^Added")  # saves what waited, then this one
            seen["words_back"] = _count(pg.url, "SELECT count(*) FROM words")
            seen["lookups_back"] = _count(
                pg.url, "SELECT count(*) FROM events WHERE kind = 'word_looked_up'")
            pg.pg_ctl("-m", "fast", "stop")  # down when a page opens: the page says so
            await page.goto(lesson, timeout=S.TIMEOUT_MS)
            error = page.locator(".vs-error").first
            await error.wait_for(state="visible", timeout=S.TIMEOUT_MS)
            seen["down"] = (await error.inner_text()).strip()
            seen["down_in_view"] = await S.visible_in_viewport(page, ".vs-error")
            # ... and when it is back, a reload has everything that was saved before
            pg.pg_ctl("start")
            await page.goto(lesson, timeout=S.TIMEOUT_MS)
            await page.locator(".vs-reader .vs-word").first.wait_for(timeout=S.TIMEOUT_MS)
            await page.locator(".vs-student-tabs .lm-TabBar-tab", has_text="Review").first.click()
            await page.locator(".vs-review-due").first.wait_for(state="visible",
                                                                timeout=S.TIMEOUT_MS)
            seen["review_after"] = await page.inner_text(".vs-review-due")
            seen["words_after"] = _count(pg.url, "SELECT count(*) FROM words")
        finally:
            await browser.close()
    return seen


async def _expiry(hub: S.Hub) -> tuple[str, str]:
    """Sign in (to the hub's home: no server needed), wait out the sign-in, come back."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await S.launch(pw)
        try:
            page = await (await browser.new_context()).new_page()
            await S.sign_up(page, hub.base, "teacher")
            await S.sign_in(page, hub.base, "teacher", next_url="/hub/home")
            await page.wait_for_url(re.compile(r"/hub/home"))
            before = page.url
            await page.wait_for_timeout((COOKIE_SECONDS + 2) * 1000)
            await page.goto(f"{hub.base}/hub/home")
            return before, page.url
        finally:
            await browser.close()


def test_an_expired_sign_in_is_asked_again(hub_ready, tmp_path):
    """A hub whose sign-ins last 10 s (a school day in `make hub`)."""
    with S.running_hub(tmp_path / "hub", str(tmp_path / "learning.sqlite3"), "7B",
                       VOCABSPHERE_HUB_COOKIE_DAYS=str(COOKIE_SECONDS / 86400)) as hub:
        before, after = asyncio.run(_expiry(hub))
    assert before.endswith("/hub/home")
    assert "/hub/login" in after, after


def test_wrong_password_unapproved_and_the_store_down(hub_ready, tmp_path):
    with own_postgres() as pg, S.running_hub(tmp_path / "hub", pg.url, "7B") as hub:
        seen = asyncio.run(_story(hub, pg))
    assert seen["unapproved"] == "User ana has not been authorized by an administrator yet."
    assert seen["wrong_password"] == "Invalid username or password." and seen["wrong_in_view"]
    assert "learning store cannot be opened" in seen["down"], seen["down"]
    assert seen["down_in_view"]
    assert seen["first"].startswith("Added") and seen["words_before"] == 1
    # the look-up and the word of the click while the store was down both wait on the page
    assert seen["while_down"].startswith("Not saved yet") and "(2 waiting)" in seen["while_down"]
    assert seen["unsaved_in_view"]
    assert seen["back"].startswith("Added"), seen["back"]
    assert seen["words_back"] == seen["words_after"] == 3, seen  # nothing was lost
    assert seen["lookups_back"] == 3
    assert re.search(r"[1-9]", seen["review_after"]), seen  # her word's cards are due
