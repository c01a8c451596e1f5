"""The right meaning on the card of an ambiguous word in a lesson's LAST paragraph, seen in a
real browser (Voila + Debian Chromium) at phone and laptop sizes; and an unsure card there asks
"Which meaning fits here?", and the student's answer reaches the SQLite store.

"lesson" in the last paragraph of hidden-remote-workers ("For the companies that hired them, the
lesson is clear") is the moral of a story, not a class at school (WordNet's first sense). Not
every word there is right: "accounts" ("the accounts that have come out") still gets the bank
account sense (a known miss, README "Not done yet").
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from browser import ROOT, chromium, voila_process
from test_page import LONG, SIZES, _inside_viewport, _open, _site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORD, RIGHT, SCHOOL = "lesson", {"moral.n.01"}, "lesson.n.01"


def _pack() -> dict:
    return json.loads((ROOT / "lessons" / f"{LONG}.lesson.json").read_text("utf-8"))


def _last_paragraph_cards() -> list[tuple[str, dict]]:
    """(word as written, card) for the words of the original version's last paragraph."""
    pack = _pack()
    version = pack["versions"][0]
    words = [t["text"] for s in version["sentences"] for t in s["tokens"] if t["is_word"]]
    last = version["sentences"][-1]["text"]
    para = version["text"].rstrip().rsplit("\n\n", 1)[-1]
    assert last in para
    start = len(words) - len(para.split()) - 5  # a little before: words of the paragraph only
    out = []
    for i in range(max(0, start), len(words)):
        key = version["card_keys"][i]
        card = pack["cards"].get(key) if key else None
        if card and card["sentence"] in para:
            out.append((words[i], card))
    return out


def _card(word: str) -> dict:
    return next(c for w, c in _last_paragraph_cards() if w == word)


def test_the_pack_gives_lesson_its_sense_in_the_last_paragraph():
    card = _card(WORD)
    assert "the lesson is clear" in card["sentence"]
    assert card["senses"][0]["synset"] in RIGHT, card["senses"][:2]
    assert any(s["synset"] == SCHOOL for s in card["senses"])  # it was ambiguous
    assert any(c.get("sense_choices") for _w, c in _last_paragraph_cards())


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("senses")
    db = tmp / "class.sqlite3"
    with voila_process(_site(tmp, LONG), env={"VOCABSPHERE_DB": str(db)},
                       ready=f"{LONG}.ipynb") as server:
        yield server, db


def _click(page, word: str, definition: str):
    el = page.locator(".vs-reader .vs-paragraph:last-child .vs-word",
                      has_text=word).filter(has_text=re.compile(f"^{word}$")).first
    el.scroll_into_view_if_needed()
    el.click()
    page.wait_for_function(
        """(d) => { const c = document.querySelector(
                      '.vs-word-card.vs-card-open:not(.vs-card-pending)');
                    const e = c && c.querySelector('.vs-card-def');
                    return e && e.innerText.startsWith(d); }""", arg=definition, timeout=30_000)
    page.wait_for_timeout(150)  # placed again once its content arrived
    return el


@pytest.mark.parametrize("size", [
    "360x740", "390x844", "1280x900"])
def test_last_paragraph_card_shows_the_sense_of_its_sentence(lesson, size):
    server, db = lesson
    viewport = SIZES[size]
    right = _card(WORD)
    with chromium() as browser:
        context = browser.new_context(viewport=dict(zip(("width", "height"), viewport)))
        page, errors = _open(context, f"{server.base}/voila/render/{LONG}.ipynb"
                                      f"?name=Sam{size.replace('x', '')}&class=7C&level=original")
        word = _click(page, WORD, right["definition"])
        card = page.locator(".vs-word-card.vs-card-open")
        definition = card.locator(".vs-card-def")
        assert definition.inner_text().startswith("the significance of a story or event")
        assert _inside_viewport(card.bounding_box(), viewport), card.bounding_box()
        assert _inside_viewport(definition.bounding_box(), viewport), definition.bounding_box()
        assert _inside_viewport(word.bounding_box(), viewport), "the word scrolled away"
        assert card.locator(".vs-sense-option").count() == 0  # sure: nothing to ask
        page.keyboard.press("Escape")
        card.wait_for(state="hidden", timeout=5_000)

        # an unsure card of the same paragraph asks, and the answer is stored
        written, unsure = next((w, c) for w, c in _last_paragraph_cards() if c["sense_choices"])
        _click(page, written, unsure["definition"])
        assert card.locator(".vs-sense-question").inner_text() == "Which meaning fits here?"
        options = card.locator(".vs-sense-option")
        assert options.count() == 2
        second = next(s for s in unsure["senses"] if s["key"] == unsure["sense_choices"][1])
        pick = options.nth(1)
        pick.scroll_into_view_if_needed()
        box = pick.bounding_box()
        assert box["height"] >= 44 and _inside_viewport(box, viewport), box
        pick.click()
        page.wait_for_selector(".vs-word-card.vs-card-open .vs-sense-thanks", timeout=30_000)
        assert card.locator(".vs-card-def").inner_text().startswith(second["short"])
        assert _inside_viewport(card.bounding_box(), viewport), card.bounding_box()
        with sqlite3.connect(db) as con:
            rows = con.execute("SELECT item, data, correct FROM events WHERE kind = "
                               "'sense_chosen'").fetchall()
        mine = [r for r in rows if json.loads(r[1])["sentence"] == unsure["sentence"]
                and json.loads(r[1])["chosen"] == second["key"]]
        assert mine and mine[-1][0] == unsure["headword"] and mine[-1][2] == 0, rows
        assert not errors, errors
        context.close()
