"""A student clicks a word in the lesson article and sees its card, in a real browser."""

import pytest
from browser import ROOT, browser_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_click_a_word_see_its_card_choose_a_language_and_add_it():
    with voila_server(ROOT / "lessons") as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/hidden-remote-workers.ipynb", timeout=180_000)
        page.wait_for_selector(".vs-reader .vs-word", timeout=180_000)
        page.locator(".vs-reader .vs-word", has_text="sanctions").first.click()
        page.wait_for_selector(".vs-word-card .vs-card-headword", timeout=60_000)
        card = page.locator(".vs-word-card")
        assert page.inner_text(".vs-card-headword") == "sanction"
        assert "/" in page.inner_text(".vs-card-ipa")  # IPA between slashes
        assert "Chinese" in card.inner_text()
        # the student's language: the translation line follows the chooser
        page.select_option(".vs-word-card-lang select", label="Japanese (日本語)")
        page.wait_for_function(
            "document.querySelector('.vs-word-card').innerText.includes('Japanese')",
            timeout=30_000)
        page.click(".vs-add-word button, button.vs-add-word")
        page.wait_for_function(
            "document.querySelector('.vs-word-card-status').innerText.includes('Added')",
            timeout=30_000)
        # another word replaces the card
        page.locator(".vs-reader .vs-word", has_text="North").first.click()
        page.wait_for_function(
            "document.querySelector('.vs-card-headword').innerText === 'North Korea'",
            timeout=30_000)
        assert not errors, errors
