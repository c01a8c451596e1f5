"""The right meaning on the card of an ambiguous word in a lesson's LAST paragraph, seen in a
real browser (Voila + Debian Chromium) at phone and laptop sizes; where the card was unsure,
the student's answer to "Which meaning fits here?" reaches the SQLite store.

"accounts" is read twice in hidden-remote-workers: "frozen bank accounts" (money in a bank)
and, in the last paragraph, "the accounts that have come out" (what people told). The card
of the second must tell the story sense, built into the pack, shown on the page.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from browser import ROOT, chromium, voila_process
from test_page import LONG, SIZES, _inside_viewport, _open, _site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORD = "accounts"
STORY = {"history.n.02", "report.n.03", "account.n.06", "explanation.n.01"}  # told, not banked
BANKED = {"account.n.03"}


def _pack() -> dict:
    return json.loads((ROOT / "lessons" / f"{LONG}.lesson.json").read_text("utf-8"))


def _cards_of(word: str) -> list[dict]:
    """The cards the original version's `word` opens, in reading order."""
    pack = _pack()
    version = pack["versions"][0]
    words = [t["text"] for s in version["sentences"] for t in s["tokens"] if t["is_word"]]
    return [pack["cards"][version["card_keys"][i]] for i, w in enumerate(words) if w == word]


def test_the_pack_tells_the_two_accounts_apart():
    cards = _cards_of(WORD)
    assert len(cards) >= 2
    assert cards[0]["senses"][0]["synset"] in BANKED, cards[0]["senses"][0]
    last = cards[-1]
    offered = {s["synset"] for s in last["senses"]
               if s["key"] in (last.get("sense_choices") or [last["senses"][0]["key"]])}
    assert last["senses"][0]["synset"] in STORY or offered & STORY, last["senses"][:2]


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("senses")
    db = tmp / "class.sqlite3"
    with voila_process(_site(tmp, LONG), env={"VOCABSPHERE_DB": str(db)},
                       ready=f"{LONG}.ipynb") as server:
        yield server, db


@pytest.mark.parametrize("size", ["360x740", "390x844", "1280x900"])
def test_last_paragraph_card_shows_the_sense_of_its_sentence(lesson, size):
    server, db = lesson
    viewport = SIZES[size]
    card_data = _cards_of(WORD)[-1]
    with chromium() as browser:
        context = browser.new_context(viewport=dict(zip(("width", "height"), viewport)))
        page, errors = _open(context, f"{server.base}/voila/render/{LONG}.ipynb"
                                      f"?name=Sam-{size}&class=7C")
        word = page.locator(".vs-reader .vs-paragraph:last-child .vs-word",
                            has_text=WORD).first
        word.scroll_into_view_if_needed()
        word.click()
        page.wait_for_function(
            """(d) => { const c = document.querySelector(
                          '.vs-word-card.vs-card-open:not(.vs-card-pending)');
                        const e = c && c.querySelector('.vs-card-def');
                        return e && e.innerText.startsWith(d); }""",
            arg=card_data["definition"], timeout=30_000)
        page.wait_for_timeout(150)  # placed again once its content arrived
        card = page.locator(".vs-word-card.vs-card-open")
        definition = card.locator(".vs-card-def")
        assert _inside_viewport(card.bounding_box(), viewport), card.bounding_box()
        assert _inside_viewport(definition.bounding_box(), viewport), definition.bounding_box()
        assert _inside_viewport(word.bounding_box(), viewport), "the word scrolled away"
        if card_data.get("sense_choices"):  # unsure: the student says which meaning fits
            question = card.locator(".vs-sense-question")
            assert question.inner_text() == "Which meaning fits here?"
            options = card.locator(".vs-sense-option")
            assert options.count() == 2
            story = next(s for s in card_data["senses"] if s["key"] in card_data["sense_choices"]
                         and s["synset"] in STORY)
            pick = options.filter(has_text=story["short"]).first
            pick.scroll_into_view_if_needed()
            box = pick.bounding_box()
            assert box["height"] >= 44 and _inside_viewport(box, viewport), box
            pick.click()
            page.wait_for_function(
                "(d) => document.querySelector('.vs-word-card.vs-card-open .vs-card-def')"
                ".innerText.startsWith(d)", arg=story["short"], timeout=30_000)
            page.wait_for_selector(".vs-sense-thanks", timeout=30_000)
            with sqlite3.connect(db) as con:
                rows = con.execute("SELECT item, data FROM events WHERE kind = 'sense_chosen' "
                                   "AND student_id LIKE ?", (f"%sam-{size.lower()}%",)).fetchall()
            assert rows and rows[-1][0] == "account", rows
            assert json.loads(rows[-1][1])["chosen"] == story["key"]
        else:
            assert card.locator(".vs-sense-option").count() == 0
            assert card_data["senses"][0]["synset"] in STORY
        assert not errors, errors
        context.close()
