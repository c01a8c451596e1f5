"""A comprehension question in a real browser (Voila + Debian Chromium through Playwright), at
phone sizes: the lesson is built with comprehension items stored in its pack; the student
chooses an answer on the Practice tab and sees the verdict, the key and the supporting
sentence inside the viewport, right and wrong."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import browser_page, voila_server
from test_student_tabs_browser import OPEN_MS, SIZES, check_layout, tab, verdict_on_screen

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "the-fox-and-the-king"
STORY = ("Hans lived with his mother in a small house near the wood. "
         "One morning Hans went to the forest to find his brother. "
         "The fox ran away because the dog barked loudly. "
         "When the king heard the news, he ordered his soldiers to search the castle. "
         "Hans gave his lump of gold to the horseman. "
         "The princess was very sad.\n\n"
         "The old farmer found a small bag in the field in 1820. "
         "The soldiers searched the castle for three days. "
         "At last the king found his daughter in the tower.")


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    from toolkit.exercises.registry import Source, run_one
    from toolkit.lesson.build import build_pack, write_lesson

    folder = tmp_path_factory.mktemp("lesson")
    items = [i for i in run_one("comprehension", Source.from_text(STORY), seed=1, n=6)
             if i.type == "comprehension"]
    assert len(items) >= 2, [i.prompt for i in items]
    pack = build_pack(STORY, "The fox and the king", slug=SLUG, levels=[], exercises=items)
    pack_path, _ = write_lesson(pack, folder)
    stored = json.loads(pack_path.read_text("utf-8"))["exercises"]
    assert [i["type"] for i in stored] == ["comprehension"] * len(items)  # in the pack
    with voila_server(folder, env={"VOCABSPHERE_DB": str(folder / "class.sqlite3")}) as base:
        yield base, stored


def in_view(page, selector: str) -> bool:
    return page.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0
        && r.right <= innerWidth; }""", selector)


def choose(page, option: str) -> None:
    labels = page.locator(".vs-quiz-options label")
    # the next item's prompt can be drawn a moment before its options: wait for the option
    try:
        page.wait_for_function(
            "(o) => [...document.querySelectorAll('.vs-quiz-options label')]"
            ".some(l => l.innerText.split(/\\s+/).join(' ').trim() === o)", arg=option,
            timeout=30_000)
    except PlaywrightTimeout:
        pass  # the assertion below says what was shown instead
    texts = [" ".join(t.split()) for t in labels.all_inner_texts()]
    assert option in texts, (option, texts)
    labels.nth(texts.index(option)).click()
    page.locator("button.vs-quiz-check").click()
    page.wait_for_function(
        "document.querySelector('.vs-quiz-feedback').innerText.trim().length > 0", timeout=30_000)


@pytest.mark.parametrize("size", ["360x740", "390x844"])
def test_a_student_answers_a_comprehension_question_on_a_phone(lesson, size):
    base, stored = lesson
    with browser_page() as (page, errors):
        page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
        page.goto(f"{base}/voila/render/{SLUG}.ipynb?name=Ada{size[:3]}&class=7B",
                  timeout=OPEN_MS)
        page.wait_for_selector(".vs-title", timeout=OPEN_MS)
        tab(page, "Practice", ".vs-quiz-prompt")

        first = stored[0]
        assert page.inner_text(".vs-quiz-prompt").strip() == first["prompt"]
        assert first["prompt"].endswith("?")
        shown = sorted(t for t in (" ".join(x.split()) for x in
                                   page.locator(".vs-quiz-options label").all_inner_texts()) if t)
        assert shown == sorted(first["options"]) and len(shown) >= 3
        check_layout(page, f"a comprehension question at {size}")
        choose(page, first["answer"])
        right = page.locator(".vs-quiz-feedback .vs-quiz-right")
        assert "Correct!" in right.inner_text()
        assert verdict_on_screen(page), f"the verdict is off screen after Check at {size}"
        assert in_view(page, ".vs-quiz-key"), f"the answer line is off screen at {size}"
        assert first["source"] in page.inner_text(".vs-quiz-why")  # the supporting sentence
        check_layout(page, f"comprehension feedback at {size}")

        page.locator("button.vs-quiz-next").click()
        second = stored[1]
        page.wait_for_function("(p) => document.querySelector('.vs-quiz-prompt').innerText"
                               ".trim() === p", arg=second["prompt"], timeout=30_000)
        wrong = next(o for o in second["options"] if o != second["answer"])
        choose(page, " ".join(wrong.split()))
        fb = page.locator(".vs-quiz-feedback .vs-quiz-wrong")
        assert "Not quite." in fb.inner_text() and second["answer"] in page.inner_text(
            ".vs-quiz-key")
        assert verdict_on_screen(page), f"the verdict is off screen after a wrong answer at {size}"
        assert in_view(page, ".vs-quiz-key"), f"the right answer is off screen at {size}"
        page.wait_for_function("document.querySelector('.vs-quiz-score').innerText"
                               ".includes('Score: 1 / 2 answered')", timeout=30_000)
        assert not errors, errors
