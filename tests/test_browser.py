"""The student app in a real browser: real Voila server, Debian Chromium, Playwright.

One server, one student journey: read with word cards and good sentences, time the reading,
add a word, practise, review, see progress; then check the SQLite store holds it all.
"""

import sqlite3

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "hidden-remote-workers.ipynb"


def _tab(page, name: str) -> None:
    page.locator(".vs-student-tabs .lm-TabBar-tab", has_text=name).first.click()


def test_student_journey_through_a_lesson(tmp_path):
    db = tmp_path / "class.sqlite3"
    env = {"VOCABSPHERE_DB": str(db)}
    with voila_server(ROOT / "lessons", env=env) as base, browser_page() as (page, errors):
        page.goto(base + "/", timeout=60_000)  # the index lists the lessons
        page.get_by_text(LESSON).first.wait_for(timeout=60_000)

        page.goto(f"{base}/voila/render/{LESSON}?name=Ana&class=7B", timeout=120_000)
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
        page.locator(".vs-reader .vs-word", has_text="North").first.click()
        page.wait_for_function(
            "document.querySelector('.vs-card-headword').innerText === 'North Korea'", timeout=30_000)

        # good sentences explain themselves
        marked = page.locator(".vs-reader .vs-marked")
        assert 1 <= marked.count() <= 3
        marked.first.dispatch_event("click")
        page.wait_for_selector(".vs-mark-note:not([hidden])", timeout=10_000)
        assert page.inner_text(".vs-mark-note").startswith("Good for ")

        # the reading timer
        page.click(".vs-timer-start button, button.vs-timer-start")
        page.wait_for_timeout(1500)
        page.click(".vs-timer-finish button, button.vs-timer-finish")
        page.wait_for_selector(".vs-wpm-value", timeout=30_000)

        # practice: answer the first lesson exercise
        _tab(page, "Practice")
        page.wait_for_selector(".vs-quiz-prompt", state="visible", timeout=30_000)
        typed = page.locator(".vs-quiz-answer input[type=text]")
        if typed.count():
            for i in range(typed.count()):
                typed.nth(i).fill("answer")
        else:
            page.locator(".vs-quiz-answer input").first.check()
        page.click(".vs-quiz-check button, button.vs-quiz-check")
        page.wait_for_function(
            "document.querySelector('.vs-quiz-feedback').innerText.trim().length > 0",
            timeout=30_000)

        # review: the added word is due
        _tab(page, "Review")
        page.wait_for_function(
            "/[1-9]/.test(document.querySelector('.vs-review-due').innerText)", timeout=30_000)
        _tab(page, "Progress")
        page.wait_for_selector(".vs-progress-summary", state="visible", timeout=30_000)
        assert not errors, errors

    with sqlite3.connect(db) as con:
        kinds = {k for (k,) in con.execute("SELECT kind FROM events WHERE student_id = '7B/ana'")}
    assert {"word_looked_up", "word_added", "article_read", "quiz_answer"} <= kinds, kinds


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
