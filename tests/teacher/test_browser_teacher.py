"""The teacher notebook in a real browser (Voila + Debian Chromium): profile, levels side by
side, generate, drop an item, publish into a temporary folder; pasted markup runs nothing."""

import pytest

from browser import ROOT, browser_page, voila_server
from toolkit.model.pack import load_pack

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL = ("<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>\n\n"
        "The city council voted on Tuesday to build a new library near the river. Officials said "
        "the ambitious project would cost about twelve million dollars. Residents have "
        "complained for years that the old library is cramped and deteriorating.")


HARDER = (
    "The city council voted on Tuesday to build a new library near the river. Officials said "
    "the ambitious project would cost about twelve million dollars and take three years to "
    "complete.\n\nResidents have complained for years that the old library is cramped and "
    "deteriorating. The new building, which the council approved after a long and heated debate "
    "last winter, will open in two years, although several residents who live nearby have "
    "complained about the noise of the construction."
)


def _tab(page, name: str) -> None:
    page.locator(".vs-teacher-tabs .lm-TabBar-tab", has_text=name).first.click()


def _click(page, css: str) -> None:
    page.click(f"button.{css}, .{css} button")


def test_teacher_publishes_a_lesson_from_the_browser(tmp_path):
    with voila_server(ROOT / "notebooks") as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/teacher.ipynb", timeout=120_000)
        page.wait_for_selector(".vs-teacher .vs-level-value", timeout=120_000)
        assert page.inner_text(".vs-level-value") in {"A1", "A2", "B1", "B2", "C1", "C2"}

        # the sample article reads at A1 (nothing below it): paste a harder one
        page.fill(".vs-teacher-text textarea", HARDER)
        _click(page, "vs-teacher-analyse")
        page.locator(".vs-teacher-message", has_text="Profiled:").first.wait_for(timeout=120_000)
        _tab(page, "2 Levels")
        _click(page, "vs-teacher-adapt")
        page.wait_for_selector(".vs-teacher-column-a2 .vs-changes", timeout=120_000)
        assert page.locator(".vs-teacher-column").count() >= 2  # the original and its A2 version

        _tab(page, "4 Exercises")
        page.fill(".vs-teacher-n input", "5")
        page.locator(".vs-teacher-n input").press("Enter")
        _click(page, "vs-teacher-generate")
        page.wait_for_selector(".vs-item-editor", timeout=180_000)
        n = page.locator(".vs-item-editor").count()
        assert n >= 2
        page.locator(".vs-item-editor").last.locator("button", has_text="Drop item").click()
        page.wait_for_function(f"document.querySelectorAll('.vs-item-editor').length === {n - 1}",
                               timeout=30_000)

        _tab(page, "5 Publish")
        page.fill(".vs-teacher-lessons-dir input", str(tmp_path))
        page.locator(".vs-teacher-lessons-dir input").press("Enter")
        page.fill(".vs-teacher-slug input", "browser-lesson")
        page.locator(".vs-teacher-slug input").press("Enter")
        _click(page, "vs-teacher-publish")
        page.wait_for_selector(".vs-teacher-published", timeout=180_000)
        pack = load_pack(tmp_path / "browser-lesson.lesson.json")
        assert len(pack.exercises) == n - 1
        assert (tmp_path / "browser-lesson.ipynb").exists()

        # pasted markup is shown as text and runs nothing
        _tab(page, "1 Article")
        page.fill(".vs-teacher-text textarea", EVIL)
        _click(page, "vs-teacher-analyse")
        page.wait_for_function("document.querySelector('.vs-teacher-profile').innerText"
                               ".includes('HTML tags were removed')", timeout=60_000)
        assert page.evaluate("window.__pwned") is None
        assert page.locator(".vs-teacher img, .vs-teacher script").count() == 0
        assert not errors, errors
