"""The lesson page in a real browser: good sentences are highlighted and explain themselves."""

import pytest

from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_good_sentences_are_highlighted_and_show_their_explanation_on_click():
    with voila_server(ROOT / "lessons") as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/hidden-remote-workers.ipynb", timeout=120_000)
        page.wait_for_selector(".vs-reader .vs-marked", timeout=120_000)
        marked = page.locator(".vs-reader .vs-marked")
        assert 1 <= marked.count() <= 3
        first = marked.first
        assert first.get_attribute("title").startswith("Good sentence for ")
        assert page.locator(".vs-mark-note:not([hidden])").count() == 0
        first.dispatch_event("click")  # on the sentence, not on one of its words
        page.wait_for_selector(".vs-mark-note:not([hidden])", timeout=10_000)
        note = page.inner_text(".vs-mark-note")
        assert note.startswith("Good for ") and " words" in note
        assert "click one to see why" in page.inner_text(".vs-page-hint")
        assert not errors, errors
