"""The seed-topic lesson in a real browser: real Voila server, Debian Chromium, Playwright.

The index, the profile panel, word cards (a language switch, a multiword expression), good
sentences with their reasons, and a typed sign-in. The full practice/review/progress journey
at desktop and phone size is in test_journey.py.
"""

import sqlite3

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "hidden-remote-workers.ipynb"


def test_seed_lesson_cards_and_good_sentences(tmp_path):
    db = tmp_path / "class.sqlite3"
    env = {"VOCABSPHERE_DB": str(db)}
    with voila_server(ROOT / "lessons", env=env, ready=LESSON) as base, \
            browser_page() as (page, errors):
        page.goto(base + "/", timeout=60_000)  # Voila's file list
        page.get_by_text(LESSON).first.wait_for(timeout=60_000)
        page.goto(f"{base}/voila/render/index.ipynb", timeout=120_000)  # the lessons index
        page.wait_for_selector(".vs-lesson-link", timeout=120_000)
        assert page.locator(".vs-lesson-link").count() >= 3
        page.locator(".vs-lesson-link", has_text="Remote Workers").click()
        page.wait_for_selector(".vs-login-name input", timeout=120_000)  # asks who is reading

        page.goto(f"{base}/voila/render/{LESSON}?name=Ana&class=7B&level=original", timeout=120_000)
        page.wait_for_selector(".vs-title", timeout=120_000)
        assert page.inner_text(".vs-title") == "The Remote Workers Who Were Not Who They Said"
        assert "Ana" in page.inner_text(".vs-login-who")
        assert page.inner_text(".vs-level-value") in {"A1", "A2", "B1", "B2", "C1", "C2"}
        assert "A learner at this level knows" in page.inner_text(".vs-coverage")
        assert page.locator(".vs-hard-words li").count() > 0

        # a word's card, in the student's language, added to their words
        page.locator(".vs-reader .vs-word", has_text="sanctions").first.click()
        page.wait_for_selector(".vs-word-card .vs-card-headword", timeout=60_000)
        assert page.inner_text(".vs-card-headword") == "sanction"
        assert "/" in page.inner_text(".vs-card-ipa")
        page.select_option(".vs-word-card-lang select", label="Japanese (日本語)")
        page.wait_for_function(
            "document.querySelector('.vs-word-card').innerText.includes('Japanese')", timeout=30_000)
        page.click(".vs-add-word button, button.vs-add-word")
        page.wait_for_selector(".vs-added", timeout=30_000)
        page.keyboard.press("Escape")  # the card opens over the text beside the word: close it
        page.wait_for_selector(".vs-word-card", state="hidden", timeout=5_000)
        page.locator(".vs-reader .vs-word", has_text="North").first.click()
        page.wait_for_function(
            "document.querySelector('.vs-card-headword').innerText === 'North Korea'", timeout=30_000)

        # good sentences explain themselves
        marked = page.locator(".vs-reader .vs-marked")
        assert 1 <= marked.count() <= 3
        marked.first.dispatch_event("click")
        page.wait_for_selector(".vs-mark-note:not([hidden])", timeout=10_000)
        assert page.inner_text(".vs-mark-note").startswith("Good for ")

        assert not errors, errors

    with sqlite3.connect(db) as con:
        kinds = {k for (k,) in con.execute("SELECT kind FROM events WHERE student_id = '7B/ana'")}
    assert {"word_looked_up", "word_added"} <= kinds, kinds


def test_typed_sign_in_without_jupyterhub(tmp_path):
    env = {"VOCABSPHERE_DB": str(tmp_path / "db.sqlite3")}
    with voila_server(ROOT / "lessons", env=env) as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/the-school-garden.ipynb", timeout=120_000)
        page.wait_for_selector(".vs-login-name input", timeout=120_000)
        assert page.locator(".vs-title").count() == 0  # nothing before the student is known
        page.fill(".vs-login-name input", "<b>Bo</b>")
        page.fill(".vs-login-class input", "7b")
        page.click(".vs-login-start button, button.vs-login-start")
        page.wait_for_selector(".vs-title", timeout=60_000)
        assert "<b>Bo" in page.inner_text(".vs-login-who")  # shown as text, not markup
        assert "trust-based" in page.inner_text(".vs-login-who")
        assert not errors, errors
