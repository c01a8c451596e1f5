"""The lesson page in a real browser: real Voila server, Debian Chromium, Playwright."""

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_lesson_page_shows_title_level_coverage_and_clickable_words():
    with voila_server(ROOT / "lessons") as base, browser_page() as (page, errors):
        page.goto(base + "/", timeout=60_000)  # the index lists the lessons
        page.get_by_text("hidden-remote-workers.ipynb").first.wait_for(timeout=60_000)
        page.goto(f"{base}/voila/render/hidden-remote-workers.ipynb", timeout=120_000)
        page.wait_for_selector(".vs-title", timeout=120_000)
        assert page.inner_text(".vs-title") == "The Remote Workers Who Were Not Who They Said"
        level = page.inner_text(".vs-level-value")
        assert level in {"A1", "A2", "B1", "B2", "C1", "C2"}
        assert "A learner at this level knows" in page.inner_text(".vs-coverage")
        assert page.locator(".vs-hard-words li").count() > 0
        # clicking a word reaches the kernel and comes back as its level
        word = page.locator(".vs-reader .vs-word", has_text="sanctions").first
        word.click()
        page.wait_for_function(
            "document.querySelector('.vs-word-panel').innerText.includes('sanction')",
            timeout=30_000)
        assert "level" in page.inner_text(".vs-word-panel")
        assert not errors, errors
