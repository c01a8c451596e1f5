"""A student's whole journey through a lesson in a real browser, at desktop and phone size.

Real Voila server, Debian Chromium through Playwright, a real SQLite store checked afterwards.
Also: answer keys never travel to the browser before an answer, and an article with script or
event-handler markup renders as text and runs nothing.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "plastic-in-the-deep"  # has an adapted A2 version besides the original
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"
SMALL_TARGETS = """() => {
  const sel = '.vs-lesson button, .vs-lesson select, .vs-lesson input[type=text], '
    + '.vs-lesson .lm-TabBar-tab, .vs-lesson .widget-radio-box label';
  return [...document.querySelectorAll(sel)]
    .filter(e => e.offsetParent !== null)
    .map(e => [e.tagName + '.' + e.className, e.getBoundingClientRect()])
    .filter(([_, r]) => r.height < 44 || r.width < 44)
    .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`);
}"""


def _items() -> dict[str, dict]:
    pack = json.loads((ROOT / "lessons" / f"{LESSON}.lesson.json").read_text("utf-8"))
    return {item["prompt"]: item for item in pack["exercises"]}


def _tab(page, name: str) -> None:
    page.locator(".vs-student-tabs .lm-TabBar-tab", has_text=name).first.click()


def _check_layout(page, where: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scrolling on {where}"
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"controls smaller than 44 px on {where}: {small[:5]}"


def _answer(page, item: dict, right: bool) -> None:
    """Answer the quiz item shown, rightly or wrongly, as a student would."""
    kind, key = item["type"], item["answer"]
    if isinstance(key, list):  # matching: one dropdown per stem
        order = key if right else [*key[1:], key[0]]
        for i, value in enumerate(order):
            page.locator(".vs-quiz-match select").nth(i).select_option(label=value)
    elif item["options"]:
        choice = key if right else next(o for o in item["options"] if o != key)
        page.locator(".vs-quiz-options label").filter(
            has_text=re.compile("^" + re.escape(choice) + "$")).first.click()
    else:
        page.fill(".vs-quiz-text input", key if right else "zzzz wrong")
    if kind not in ("cloze", "word-formation", "verb-form", "jumble", "wh"):
        page.click(".vs-quiz-check button, button.vs-quiz-check")
    else:
        page.press(".vs-quiz-text input", "Enter")
    page.wait_for_function(
        "document.querySelector('.vs-quiz-feedback').innerText.trim().length > 0", timeout=30_000)


@pytest.mark.parametrize("size", list(SIZES))
def test_journey(tmp_path, size):
    db = tmp_path / "class.sqlite3"
    items = _items()
    frames: list[str] = []
    with voila_server(ROOT / "lessons", env={"VOCABSPHERE_DB": str(db)}) as base, \
            browser_page() as (page, errors):
        page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda f: frames.append(f if isinstance(f, str) else f.decode(
                "utf-8", "replace"))))
        page.goto(f"{base}/voila/render/{LESSON}.ipynb?name=Ana&class=7B", timeout=120_000)
        page.wait_for_selector(".vs-title", timeout=120_000)
        _check_layout(page, "the Read tab")

        # switch level: the text changes
        before = page.inner_text(".vs-reader")
        page.locator(".vs-level-switcher button:not(.mod-active)").first.click()
        page.wait_for_function(
            "(b) => document.querySelector('.vs-reader').innerText !== b", arg=before,
            timeout=30_000)

        # click a word, add it
        page.locator(".vs-reader .vs-word").nth(12).click()
        page.wait_for_selector(".vs-word-card .vs-card-headword", timeout=60_000)
        page.click(".vs-add-word button, button.vs-add-word")
        page.wait_for_selector(".vs-added", timeout=30_000)

        # "finish" reading after a second: too fast to be a reading, so the page asks
        page.click(".vs-timer-start button, button.vs-timer-start")
        page.wait_for_timeout(1200)
        page.click(".vs-timer-finish button, button.vs-timer-finish")
        page.wait_for_selector(".vs-too-fast-question", state="visible", timeout=30_000)
        page.click("button.vs-too-fast-skimmed")
        page.wait_for_selector(".vs-timer-skimmed", timeout=30_000)

        # practice: nothing sent so far holds an answer key or its explanation
        _tab(page, "Practice")
        page.wait_for_selector(".vs-quiz-prompt", state="visible", timeout=30_000)
        sent = "\n".join(frames)
        assert '"answer"' not in sent and '"accepted"' not in sent
        leaked = [i["explanation"] for i in items.values()
                  if len(i["explanation"]) > 20 and i["explanation"] in sent]
        assert not leaked, leaked[:2]
        _check_layout(page, "the Practice tab")
        for right in (True, False):
            prompt = page.inner_text(".vs-quiz-prompt").strip()
            item = items[prompt]
            _answer(page, item, right)
            feedback = page.inner_text(".vs-quiz-feedback")
            assert ("Correct" in feedback) == right, feedback
            page.click(".vs-quiz-next button, button.vs-quiz-next")
            page.wait_for_function(
                "(p) => document.querySelector('.vs-quiz-prompt').innerText.trim() !== p",
                arg=prompt, timeout=30_000)

        # review the word: the due count goes down
        _tab(page, "Review")  # built on first selection
        page.wait_for_selector(".vs-review-due", state="visible", timeout=30_000)
        page.wait_for_function(
            "/[1-9]/.test(document.querySelector('.vs-review-due').innerText)", timeout=30_000)
        due_before = page.inner_text(".vs-review-due")
        page.click(".vs-review-show button, button.vs-review-show")
        page.click(".vs-grade-good button, button.vs-grade-good")
        page.wait_for_function(
            "(d) => document.querySelector('.vs-review-due').innerText !== d", arg=due_before,
            timeout=30_000)
        _check_layout(page, "the Review tab")

        # progress shows the word and its curve
        _tab(page, "Progress")
        page.wait_for_selector(".vs-progress-summary", state="visible", timeout=30_000)
        page.wait_for_selector(".vs-forgetting-curve svg", timeout=30_000)
        _check_layout(page, "the Progress tab")
        assert not errors, errors

    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT kind, correct FROM events WHERE student_id = '7B/ana'").fetchall()
    kinds = {k for k, _ in rows}
    assert {"word_looked_up", "word_added", "quiz_answer", "review"} <= kinds, kinds
    assert "article_read" not in kinds  # the skimmed "reading" stored no speed
    assert {c for k, c in rows if k == "quiz_answer"} == {0, 1}


def test_article_markup_renders_as_text_and_runs_nothing(tmp_path):
    """Tags in an article are stripped at build time; markup in a pack is shown as text."""
    from toolkit.lesson.build import build_pack, write_lesson

    article = ("<p>The night bus <script>window.__xss = 'script'</script>was late again.</p>"
               "<p>Drivers said <img src=x onerror=\"window.__xss='img'\"> the roads were icy "
               "and the timetable was wrong.</p>")
    pack = build_pack(article, "Icy <img src=x onerror=\"window.__xss='title'\"> roads",
                      slug="icy-roads", levels=[], n_exercises=3)
    write_lesson(pack, tmp_path)
    dialogs: list[str] = []
    with voila_server(tmp_path, env={"VOCABSPHERE_DB": str(tmp_path / "db.sqlite3")}) as base, \
            browser_page() as (page, errors):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/voila/render/icy-roads.ipynb?name=Bo&class=7B", timeout=120_000)
        page.wait_for_selector(".vs-title", timeout=120_000)
        assert "<img" in page.inner_text(".vs-title")  # shown as text
        assert "was late again" in page.inner_text(".vs-reader")
        assert "__xss" not in page.inner_text(".vs-reader")  # script content dropped
        page.wait_for_timeout(1000)
        assert page.evaluate("window.__xss === undefined")
        assert page.locator(".vs-lesson img").count() == 0
        assert not dialogs and not errors, (dialogs, errors)
