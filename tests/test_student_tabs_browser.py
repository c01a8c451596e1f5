"""Practice, Review, Progress and My words in a real browser (Voila + Debian Chromium through
Playwright) at 360x740, 390x844 and 1280x900: no overlapping controls, no sideways scroll,
touch-size targets, charts and menus inside the screen; the my-words flow down to the store;
a quiz that resumes after a reload; a too-fast reading that is not stored; feedback that
reads at a glance. Every test fails on a page error.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "plastic-in-the-deep"
# A page view starts a kernel; on a loaded 2-core CI machine, with the earlier tests' kernels
# still held (closed tabs keep theirs until the culler), that took over 120 s once.
OPEN_MS = 240_000
SIZES = {"360x740": (360, 740), "390x844": (390, 844), "1280x900": (1280, 900)}
# screenshots to look at (never committed): $VOCABSPHERE_SHOTS or the temp folder
SHOTS = Path(os.environ.get("VOCABSPHERE_SHOTS") or tempfile.gettempdir()) / "vocabsphere-shots"
SHOTS.mkdir(parents=True, exist_ok=True)

# Every visible control in the tabs: (name, box). Hidden ones (display:none, visibility:hidden,
# zero size) are left out; an input inside its own label is one control.
CONTROLS = """() => {
  const sel = 'button, select, input:not([type=radio]):not([type=checkbox]), textarea, '
    + '.lm-TabBar-tab, .widget-radio-box label, a.vs-mywords-download';
  const root = document.querySelector('.vs-student-tabs');
  return [...root.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect();
    let v = e;
    while (v) { if (getComputedStyle(v).visibility === 'hidden') return false; v = v.parentElement; }
    return e.offsetParent !== null && r.width > 0 && r.height > 0;
  }).map(e => {
    const r = e.getBoundingClientRect();
    const label = (e.innerText || e.value || e.placeholder || '').trim().slice(0, 30);
    return {name: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${label}"`,
            x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
  });
}"""
# Elements that must stay inside the screen's width (charts, menus, tabs, buttons, tables).
PAST_RIGHT_EDGE = """() => {
  const sel = 'svg, select, input, button, .lm-TabBar-tab, .lm-TabBar, table, .vs-quiz, '
    + '.vs-progress, .vs-mywords-widget, .vs-review';
  return [...document.querySelectorAll('.vs-student-tabs ' + sel.split(', ').join(', .vs-student-tabs '))]
    .filter(e => e.getBoundingClientRect().width > 0)
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1)
    .map(e => `${e.tagName}.${e.className.baseVal ?? e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
}"""
TYPED = ("cloze", "word-formation", "verb-form", "jumble", "wh")  # answered in a text box
# Voila scrolls the page inside #rendered_cells, not the document: check both.
NO_SIDEWAYS_SCROLL = """(() => { const c = document.querySelector('#rendered_cells');
  return document.scrollingElement.scrollWidth <= innerWidth
    && (!c || c.scrollWidth <= c.clientWidth + 1); })()"""


def overlaps(controls: list[dict]) -> list[str]:
    """Pairs of controls whose boxes intersect by more than a pixel each way."""
    out = []
    for i, a in enumerate(controls):
        for b in controls[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 1 and dy > 1:
                out.append(f"{a['name']} overlaps {b['name']}")
    return out


def check_layout(page, where: str, touch: bool = True) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), (
        f"sideways scroll on {where}: {page.evaluate('document.scrollingElement.scrollWidth')}"
        f" > {page.evaluate('innerWidth')}")
    controls = page.evaluate(CONTROLS)
    assert controls, f"no controls found on {where}"
    bad = overlaps(controls)
    assert not bad, f"overlapping controls on {where}: {bad[:4]}"
    if touch:
        small = [f"{c['name']} {c['w']:.0f}x{c['h']:.0f}" for c in controls
                 if c["w"] < 44 or c["h"] < 44]
        assert not small, f"touch targets under 44 px on {where}: {small[:4]}"
    past = page.evaluate(PAST_RIGHT_EDGE)
    assert not past, f"off the right edge on {where}: {past[:4]}"


def tab(page, name: str, ready: str) -> None:
    page.locator(".vs-student-tabs .lm-TabBar-tab", has_text=name).first.click()
    page.wait_for_selector(ready, state="visible", timeout=60_000)


def items() -> list[dict]:
    return json.loads((ROOT / "lessons" / f"{LESSON}.lesson.json").read_text("utf-8"))["exercises"]


def shown_item(page, all_items: list[dict]) -> dict:
    """The item on screen: by its prompt, and by its options when prompts repeat."""
    # the last item's inputs are disabled after its check: wait for the new, enabled ones
    page.wait_for_selector(".vs-quiz-answer input:not([disabled]), "
                           ".vs-quiz-answer select:not([disabled])", timeout=30_000)
    prompt = page.inner_text(".vs-quiz-prompt").strip()
    found = [i for i in all_items if i["prompt"] == prompt]
    if len(found) > 1:
        shown = {" ".join(t.split()) for t in
                 page.locator(".vs-quiz-options label, .vs-quiz-match-stem").all_inner_texts()}
        found = [i for i in found if {" ".join(o.split()) for o in i["stems"] or i["options"]}
                 == shown - {""}]
    assert len(found) == 1, (prompt, len(found), page.locator(".vs-quiz-options label, .vs-quiz-match-stem").all_inner_texts())
    return found[0]


def answer(page, item: dict, right: bool) -> None:
    """Answer the shown item as a student would, rightly or wrongly."""
    key = item["answer"]
    if isinstance(key, list):
        order = key if right else [*key[1:], key[0]]
        for i, value in enumerate(order):  # the menu lists a placeholder, then the options
            page.locator(".vs-quiz-match select").nth(i).select_option(
                index=item["options"].index(value) + 1)
        page.click("button.vs-quiz-check")
    elif item["type"] not in TYPED:
        choice = key if right else next(o for o in item["options"] if o != key)
        labels = page.locator(".vs-quiz-options label")
        texts = [" ".join(t.split()) for t in labels.all_inner_texts()]
        want = " ".join(choice.split())
        assert want in texts, (want, texts)
        labels.nth(texts.index(want)).click()
        page.click("button.vs-quiz-check")
    else:
        page.fill(".vs-quiz-text input", key if right else "zzzz wrong")
        page.press(".vs-quiz-text input", "Enter")
    page.wait_for_function(
        "document.querySelector('.vs-quiz-feedback').innerText.trim().length > 0", timeout=30_000)


def next_question(page) -> None:
    prompt = page.inner_text(".vs-quiz-prompt")
    page.click("button.vs-quiz-next")
    page.wait_for_function("(p) => document.querySelector('.vs-quiz-prompt').innerText !== p",
                           arg=prompt, timeout=30_000)


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
      return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight
        && r.right <= innerWidth; }""", selector)


def verdict_on_screen(page) -> bool:
    """The feedback's first line (the verdict) is inside the viewport of Voila's scroller."""
    return page.evaluate("""() => { const r = document.querySelector('.vs-quiz-verdict')
        .getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }""")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("class") / "class.sqlite3"
    with voila_server(ROOT / "lessons", env={"VOCABSPHERE_DB": str(db),
                                              "VOCABSPHERE_TZ": "Europe/Madrid"}) as base:
        yield base, db


def open_lesson(page, base: str, name: str, size: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
    page.goto(f"{base}/voila/render/{LESSON}.ipynb?name={name}&class=7B", timeout=OPEN_MS)
    page.wait_for_selector(".vs-title", timeout=OPEN_MS)


@pytest.mark.parametrize("size", list(SIZES))
def test_every_student_tab_fits_the_screen(server, size):
    """Each question of the lesson (with its feedback), Review, Progress and My words."""
    base, _db = server
    all_items = items()
    with browser_page() as (page, errors):
        open_lesson(page, base, f"Layout{size.replace('x', '')}", size)
        page.locator(".vs-reader .vs-word", has_text=re.compile("^ocean$")).first.click()
        page.wait_for_selector(".vs-word-card .vs-card-headword", timeout=60_000)
        page.click("button.vs-add-word")
        page.wait_for_selector(".vs-added", timeout=30_000)

        tab(page, "Practice", ".vs-quiz-prompt")
        seen_types = set()
        for n in range(len(all_items)):
            item = shown_item(page, all_items)
            seen_types.add(item["type"])
            check_layout(page, f"Practice question {n + 1} ({item['type']}) at {size}")
            if item["type"] == "cloze-bank" and size in ("360x740", "1280x900"):
                page.locator("button.vs-quiz-check").scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"cloze-bank-{size}.png"))
            answer(page, item, right=n % 2 == 0)
            check_layout(page, f"Practice feedback {n + 1} ({item['type']}) at {size}")
            # the feedback and the Next button are on screen after a check
            if n < len(all_items) - 1:
                page.locator("button.vs-quiz-next").scroll_into_view_if_needed()
                next_question(page)
        assert {"cloze-bank", "matching"} <= seen_types

        tab(page, "Review", ".vs-review-due")
        check_layout(page, f"Review at {size}")
        page.click("button.vs-review-show")
        page.wait_for_selector("button.vs-grade-good:not([disabled])", timeout=30_000)
        check_layout(page, f"Review with grades at {size}")
        page.click("button.vs-grade-good")
        page.wait_for_selector(".vs-review-when", timeout=30_000)
        assert re.fullmatch(r"in \d+ minutes?|today at \d\d:\d\d|tomorrow|in \d+ days",
                            page.inner_text(".vs-review-when")), page.inner_text(".vs-review-when")

        tab(page, "Progress", ".vs-progress-summary")
        page.wait_for_selector(".vs-forgetting-curve svg", timeout=30_000)
        check_layout(page, f"Progress at {size}")
        assert "no level" in page.inner_text(".vs-accuracy") and "?" not in page.inner_text(
            ".vs-accuracy")
        ticks = page.locator(".vs-progress .vs-tick").all_text_contents()
        assert ticks and not [t for t in ticks if "e+" in t or "e-" in t], ticks
        page.screenshot(path=str(SHOTS / f"progress-top-{size}.png"))
        page.locator(".vs-forgetting-curve svg").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"progress-curve-{size}.png"))

        tab(page, "My words", ".vs-mywords-list")
        check_layout(page, f"My words at {size}")
        page.screenshot(path=str(SHOTS / f"my-words-{size}.png"))
        assert not errors, errors


def test_my_words_flow_down_to_the_store(server):
    """Add, re-add ("already there"), list, remove with confirmation, export an Anki deck;
    a grammar word's card has a usage note. At phone size, then checked at laptop size."""
    base, db = server
    with browser_page() as (page, errors):
        open_lesson(page, base, "Mia", "360x740")
        page.locator(".vs-reader .vs-word", has_text=re.compile("^the$", re.I)).nth(1).click()
        page.wait_for_function(
            "document.querySelector('.vs-card-headword')?.innerText === 'the'", timeout=60_000)
        assert "points to a thing" in page.inner_text(".vs-word-card")  # not an empty card
        page.locator(".vs-reader .vs-word", has_text=re.compile("^ocean$")).first.click()
        page.wait_for_function(
            "document.querySelector('.vs-card-headword')?.innerText === 'ocean'", timeout=60_000)
        page.click("button.vs-add-word")
        page.wait_for_selector(".vs-added", timeout=30_000)
        page.click("button.vs-add-word")  # again
        page.wait_for_selector(".vs-already-added", timeout=30_000)
        assert "already in your words" in page.inner_text(".vs-app-status")
        assert "Added" not in page.inner_text(".vs-word-card-status")  # the card agrees

        tab(page, "My words", ".vs-mywords-list")
        assert "ocean" in page.inner_text(".vs-mywords-list")
        assert "next review now" in page.inner_text(".vs-mywords-list")
        page.locator(".vs-mywords-remove-choice select").select_option(label="ocean")
        page.click("button.vs-mywords-remove")
        page.wait_for_selector(".vs-mywords-confirm-yes", state="visible", timeout=30_000)
        check_layout(page, "My words, asking to confirm, at 360x740")
        page.click("button.vs-mywords-confirm-no")  # kept
        page.wait_for_selector(".vs-mywords-confirm-yes", state="hidden", timeout=30_000)
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT COUNT(*) FROM words WHERE student_id = '7B/mia' "
                               "AND lemma = 'ocean'").fetchone() == (1,)

        page.click("button.vs-mywords-export")
        page.wait_for_selector("a.vs-mywords-download", timeout=60_000)
        with page.expect_download() as info:
            page.click("a.vs-mywords-download")
        saved = Path(info.value.path())
        with zipfile.ZipFile(saved) as z:
            assert "collection.anki2" in z.namelist()

        page.click("button.vs-mywords-remove")
        page.click("button.vs-mywords-confirm-yes")
        page.wait_for_selector(".vs-mywords-removed", timeout=30_000)
        assert "ocean" not in page.inner_text(".vs-mywords")
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT COUNT(*) FROM words WHERE student_id = '7B/mia'"
                               ).fetchone() == (0,)
            assert con.execute("SELECT COUNT(*) FROM cards WHERE student_id = '7B/mia'"
                               ).fetchone() == (0,)
        page.set_viewport_size({"width": 1280, "height": 900})
        check_layout(page, "My words after removing, at 1280x900")
        assert not errors, errors


def test_practice_resumes_after_a_reload_and_counts_first_attempts(server):
    base, db = server
    all_items = items()
    with browser_page() as (page, errors):
        open_lesson(page, base, "Noa", "390x844")
        tab(page, "Practice", ".vs-quiz-prompt")
        first = page.inner_text(".vs-quiz-prompt").strip()
        answer(page, shown_item(page, all_items), right=False)
        assert verdict_on_screen(page), "the verdict is off screen after Check"
        fb = page.locator(".vs-quiz-feedback .vs-quiz-wrong")
        assert "✗" in fb.inner_text() and "Answer:" in fb.inner_text() + page.inner_text(
            ".vs-quiz-feedback")
        assert fb.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 236, 234)"
        next_question(page)
        second = page.inner_text(".vs-quiz-prompt").strip()
        answer(page, shown_item(page, all_items), right=True)
        ok = page.locator(".vs-quiz-feedback .vs-quiz-right")
        assert "✓" in ok.inner_text() and "Correct!" in ok.inner_text()
        assert ok.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(231, 245, 234)"
        assert verdict_on_screen(page), "the verdict is off screen after Check"

        page.reload(timeout=OPEN_MS)
        # the reloaded page comes back on the Practice tab (its place is kept in the URL)
        page.wait_for_selector(".vs-student-tabs", timeout=OPEN_MS)
        tab(page, "Practice", ".vs-quiz-prompt")
        third = page.inner_text(".vs-quiz-prompt").strip()
        assert third not in (first, second), "the quiz started again from the beginning"
        assert "Question 3 of" in page.inner_text(".vs-quiz-progress")
        assert "1 / 2" in page.inner_text(".vs-quiz-score")
        assert not errors, errors
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT item, correct FROM events WHERE student_id = '7B/noa' AND "
                           "kind = 'quiz_answer' ORDER BY id").fetchall()
    assert [c for _i, c in rows] == [0, 1]


def test_a_too_fast_reading_is_asked_about_and_not_stored(server):
    base, db = server
    with browser_page() as (page, errors):
        open_lesson(page, base, "Ola", "360x740")
        page.click("button.vs-timer-start")
        page.wait_for_selector("button.vs-timer-finish:not([disabled])", timeout=30_000)
        page.click("button.vs-timer-finish")
        page.wait_for_selector(".vs-too-fast-question", state="visible", timeout=30_000)
        assert "did you read it all?" in page.inner_text(".vs-too-fast")
        gap = page.evaluate("""() => document.querySelector('.vs-too-fast').getBoundingClientRect()
            .top - document.querySelector('button.vs-timer-finish').getBoundingClientRect().bottom""")
        assert 0 <= gap < 60, f"the question is {gap} px away from the Finished button"
        page.locator(".vs-too-fast").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "too-fast-360x740.png"))
        for sel in (".vs-too-fast-text", "button.vs-too-fast-keep", "button.vs-too-fast-skimmed"):
            assert in_viewport(page, sel), sel
        check_layout(page, "the too-fast question at 360x740")
        page.click("button.vs-too-fast-skimmed")
        page.wait_for_selector(".vs-timer-skimmed", timeout=30_000)
        assert page.locator(".vs-wpm-value").count() == 0
        tab(page, "Progress", ".vs-progress-summary")
        assert "Read an article to see your reading speed" in page.inner_text(".vs-wpm-trend")
        assert not errors, errors
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM events WHERE student_id = '7B/ola' "
                           "AND kind = 'article_read'").fetchone() == (0,)


def test_my_words_page_on_a_phone(server):
    """lessons/my-words.ipynb: review, the list and progress, at phone and laptop size."""
    base, _db = server
    with browser_page() as (page, errors):
        for size in ("360x740", "1280x900"):
            page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
            page.goto(f"{base}/voila/render/my-words.ipynb?name=Mia&class=7B", timeout=OPEN_MS)
            page.wait_for_selector(".vs-mywords-widget", timeout=OPEN_MS)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scroll at {size}"
            controls = page.evaluate(CONTROLS.replace(".vs-student-tabs", ".vs-my-words"))
            assert controls and not overlaps(controls), overlaps(controls)[:4]
            small = [c["name"] for c in controls if c["w"] < 44 or c["h"] < 44]
            assert not small, small[:4]
            page.screenshot(path=str(SHOTS / f"my-words-page-{size}.png"))
        assert not errors, errors
