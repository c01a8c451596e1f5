"""In a real browser: add a word from the reader, review it, see the due count and the
forgetting curve change. Real Voila, Debian Chromium, Playwright; the store is a SQLite
file the test reads afterwards."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from browser import browser_page, voila_server  # noqa: E402

from toolkit.learning.store import Store  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXT = "Many hidden workers now work remote jobs. Big firms hire them through agencies."
MEANINGS = {"remote": "far away; not in the office", "firm": "a company"}

# A light student page: no language analysis, the text is cut into tokens by a regex
# (a lesson pack would carry real tokens, lemmas and levels).
PAGE = f'''
import re
from toolkit.learning import ProgressLog, Store, VocabBook, identify
from toolkit.model.text import Sentence, Token
from toolkit.student.reader import Reader
from toolkit.student.review import AddWordButton
from toolkit.student.progress import vocabulary_page
TEXT = {TEXT!r}
MEANINGS = {MEANINGS!r}
sentences = []
for m in re.finditer(r"[^.]+\\.\\s*", TEXT):
    tokens = [Token(t.group(), m.start() + t.start(), m.start() + t.end(), "X",
                    t.group().lower().rstrip("s"), t.group()[0].isalpha(), False, None, "", 0.0)
              for t in re.finditer(r"\\w+|[^\\w\\s]", m.group())]
    sentences.append(Sentence(m.group(), m.start(), m.end(), 0, tokens))
who = identify()  # from the page URL: ?name=Ana&class=7B (trust-based)
store = Store()
book, log = VocabBook(store, who), ProgressLog(store, who)
adder = AddWordButton(book)
reader = Reader(TEXT, sentences)
def chosen(word):
    s = sentences[word.sentence]
    adder.set_word(word.lemma, TEXT[s.start:s.end].strip(), "demo", "",
                   MEANINGS.get(word.lemma, ""), form=word.text)
reader.on_word(chosen)
'''


def test_add_a_word_from_the_reader_then_review_it(tmp_path: Path) -> None:
    db = tmp_path / "class.sqlite3"
    nb = new_notebook(cells=[new_code_cell(PAGE), new_code_cell("reader"), new_code_cell("adder"),
                             new_code_cell("vocabulary_page(book, log, adder)")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nbformat.write(nb, tmp_path / "words.ipynb")
    env = {"VOCABSPHERE_DB": str(db)}
    with voila_server(tmp_path, env=env) as base, browser_page() as (page, errors):
        page.goto(f"{base}/voila/render/words.ipynb?name=Ana&class=7b", timeout=120_000)
        page.wait_for_selector(".vs-review-due", timeout=120_000)
        due = page.locator(".vs-due-count")
        assert due.inner_text() == "0"
        assert page.locator(".vs-curve-chart.vs-chart-empty").count() == 1
        # click "remote" in the reader, then "Add to my words"
        page.locator(".vs-reader .vs-word", has_text="remote").first.click()
        page.wait_for_function("document.querySelector('.vs-add-word-lemma')?.innerText === 'remote'",
                               timeout=30_000)
        page.locator(".vs-add-word button, button.vs-add-word").first.click()
        page.wait_for_function("document.querySelector('.vs-due-count').innerText === '3'",
                               timeout=30_000)
        # review one card: show the answer, grade Easy
        page.locator("button.vs-review-show").click()
        page.locator("button.vs-grade-easy").click()
        page.wait_for_function("document.querySelector('.vs-due-count').innerText === '2'",
                               timeout=30_000)
        page.wait_for_selector(".vs-curve-chart polyline", timeout=30_000)
        assert page.locator(".vs-curve-chart polyline").get_attribute("data-points") == "31"
        assert "2" in page.inner_text(".vs-stat-due")
        assert not errors, errors
    with Store(db) as store:  # what the browser did is in the store
        assert store.query("SELECT student_id, source FROM students") == [("7B/ana", "typed")]
        assert store.query("SELECT lemma, form FROM words") == [("remote", "remote")]
        assert store.query("SELECT rating FROM reviews") == [(4,)]
        assert store.integrity_check() == "ok"
