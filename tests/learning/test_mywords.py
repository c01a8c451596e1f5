"""The student's own words: due times in words, how well a word is known, the my-words list
(remove with confirmation, Anki export), first-attempt accuracy and a resumable quiz."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from toolkit.model.items import Item
from toolkit.learning.events import ProgressLog
from toolkit.learning.progress import accuracy, class_zone, student_progress
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook
from toolkit.learning.when import due_in_words
from toolkit.learning.wordlist import (GETTING_THERE, KNOWN, LEARNING, NEW, SHAKY, WELL_KNOWN,
                                       WordRow, short, strength, word_rows)
from toolkit.student.mywords import CHOOSE, MyWordsWidget
from toolkit.student.quiz import Quiz

from .support import Clock, student

MADRID = ZoneInfo("Europe/Madrid")
UTC = timezone.utc


def _at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


@pytest.mark.parametrize("due, expected", [
    (_at(2026, 3, 2, 8, 0), "now"),  # overdue
    (_at(2026, 3, 2, 9, 0, ), "now"),
    (_at(2026, 3, 2, 9, 20), "in 20 minutes"),
    (_at(2026, 3, 2, 9, 1), "in 1 minute"),
    (_at(2026, 3, 2, 17, 30), "today at 18:30"),  # Madrid is UTC+1 in March
    (_at(2026, 3, 3, 7, 0), "tomorrow"),
    (_at(2026, 3, 5, 12, 0), "in 3 days"),
    (_at(2026, 3, 20, 12, 0), "in 2 weeks"),
    (_at(2026, 6, 1, 12, 0), "in 3 months"),
    (_at(2028, 3, 2, 12, 0), "in 2 years"),
])
def test_due_in_words(due: datetime, expected: str) -> None:
    assert due_in_words(due, _at(2026, 3, 2, 9, 0), MADRID) == expected


def test_due_days_are_the_class_zone_days_not_utc() -> None:
    now = _at(2026, 3, 2, 22, 30)  # 23:30 in Madrid
    due = _at(2026, 3, 2, 23, 30)  # 00:30 the next day in Madrid, the same day in UTC
    assert due_in_words(due, now, MADRID) == "tomorrow"
    assert due_in_words(due, now, UTC) == "today at 23:30"
    tokyo = class_zone({"VOCABSPHERE_TZ": "Asia/Tokyo"})
    assert due_in_words(_at(2026, 3, 2, 16, 0), _at(2026, 3, 2, 14, 0), tokyo) == "tomorrow"
    with pytest.raises(ValueError, match="timezone-aware"):
        due_in_words(datetime(2026, 3, 2), now, UTC)


def test_strength_labels_follow_the_memory() -> None:
    assert strength([], [], learning=False, reviewed=False) == NEW
    assert strength([0.95], [1.0], learning=True, reviewed=True) == LEARNING
    assert strength([0.5], [40.0], learning=False, reviewed=True) == SHAKY
    assert strength([0.95], [3.0], learning=False, reviewed=True) == GETTING_THERE
    assert strength([0.95, 0.9], [12.0, 40.0], learning=False, reviewed=True) == KNOWN
    assert strength([0.97], [45.0], learning=False, reviewed=True) == WELL_KNOWN
    assert short("a " * 100).endswith("…") and len(short("a " * 100)) <= 81


def test_word_rows_from_fsrs(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    book.add_word("hire", "Firms hired them.", "l1", "", "to give a job", form="hired")
    (hire, remote) = word_rows(book)  # newest first
    assert (hire.lemma, hire.strength, hire.recall, remote.strength) == ("hire", NEW, None, NEW)
    for card in [c for c in book.cards() if c.word.lemma == "remote"]:
        book.review(card.id, "easy")
    clock.advance(days=1)
    remote = next(r for r in word_rows(book) if r.lemma == "remote")
    assert remote.strength in (GETTING_THERE, KNOWN) and 0.9 < remote.recall <= 1.0
    assert remote.next_due > clock() and remote.stability > 1
    assert WordRow.from_dict(remote.to_dict()) == remote
    clock.advance(days=400)  # long unreviewed: forgotten
    remote = next(r for r in word_rows(book) if r.lemma == "remote")
    assert remote.strength == SHAKY and remote.recall < 0.7


def test_my_words_lists_removes_with_confirmation_and_exports(db_path: Path, clock: Clock) -> None:
    with Store(db_path) as store:
        book = VocabBook(store, student("Ana"), clock)
        other = VocabBook(store, student("Ben"), clock)
        book.add_word("remote", "They work <b>remote</b> jobs.", "l1", "remoto", "far away")
        book.add_word("hire", "Firms hired them.", "l1", "contratar", "to give a job", form="hired")
        other.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
        book.review(book.due()[0].id, "good")
        changed = []
        view = MyWordsWidget(book, zone=MADRID, on_change=lambda: changed.append(1))
        html = view.listing.value
        assert "(2)" in view.title.value
        for text in ("remote", "far away", "remoto", "hire", "contratar", "next review",
                     "new"):
            assert text in html, text
        assert "<b>remote</b>" not in html  # escaped (the sentence is not shown, but still)
        assert view.remove_choice.options == (CHOOSE, "hire", "remote")

        view.remove_choice.value = "remote"
        view.remove_button.click()
        assert view.confirm.layout.display is None and "Remove “remote”" in view.confirm_text.value
        view.confirm_no.click()  # kept
        assert book.has_word("remote") and view.confirm.layout.display == "none"
        assert view.remove() is False  # not confirmed: nothing happens
        view.remove_button.click()
        view.confirm_yes.click()
        assert not book.has_word("remote") and changed == [1]
        assert "Removed “remote”" in view.status.value and "(1)" in view.title.value
        assert view.remove_choice.options == (CHOOSE, "hire")
        assert other.has_word("remote")  # only Ana's book changed

        data = view.export()
        assert "data:application/octet-stream;base64," in view.export_link.value
        assert "download='vocabsphere-ana.apkg'" in view.export_link.value
        with zipfile.ZipFile(BytesIO(data)) as z:
            (tmp := db_path.parent / "col.anki2").write_bytes(z.read("collection.anki2"))
        with sqlite3.connect(tmp) as con:
            fields = [f for (f,) in con.execute("SELECT flds FROM notes")]
        assert len(fields) == 1 and fields[0].startswith("hire\x1f")

    with sqlite3.connect(db_path) as con:  # gone from the store itself: word, cards, reviews
        ana = "7B/ana"
        assert con.execute("SELECT lemma FROM words WHERE student_id = ?", (ana,)).fetchall() == [
            ("hire",)]
        assert con.execute("SELECT COUNT(*) FROM cards c JOIN words w ON w.id = c.word_id "
                           "WHERE c.student_id = ? AND w.lemma = 'remote'", (ana,)).fetchone() == (0,)
        assert con.execute("SELECT COUNT(*) FROM reviews WHERE student_id = ?", (ana,)).fetchone() == (0,)
        assert con.execute("SELECT COUNT(*) FROM words WHERE student_id = '7B/ben'").fetchone() == (1,)


def test_an_empty_book_says_how_to_fill_it(sqlite_store: Store, clock: Clock) -> None:
    view = MyWordsWidget(VocabBook(sqlite_store, student("Ana"), clock), zone=UTC)
    assert "No words yet" in view.listing.value and view.export_button.disabled
    assert view.remove_button.disabled


def test_accuracy_counts_first_attempts_once_and_names_missing_levels(sqlite_store: Store,
                                                                       clock: Clock) -> None:
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    log.quiz_answer("q1", False, 3.0, lesson="l1", exercise_type="mcq", level="A2")
    log.quiz_answer("q1", True, 2.0, lesson="l1", exercise_type="mcq", level="A2")  # a retry
    log.quiz_answer("q1", True, 2.0, lesson="l1", exercise_type="mcq", level="A2")  # a reload
    log.quiz_answer("q2", True, 2.0, lesson="l1", exercise_type="tf", level="")
    by_level = accuracy(log.events(), "level")
    assert list(by_level) == ["A2", "no level"] and "?" not in by_level
    assert (by_level["A2"].answered, by_level["A2"].correct) == (1, 0)
    p = student_progress(VocabBook(sqlite_store, student("Ana"), clock), log, zone=UTC)
    assert p.accuracy_by_type["mcq"].answered == 1 and p.accuracy_by_type["tf"].rate == 1.0
    assert log.quiz_results("l1") == {"q1": True, "q2": True}  # the latest answer per item
    assert log.quiz_results("other") == {}


def _items() -> list[Item]:
    return [Item(type="mcq", prompt=f"Question {i} _____.", answer="yes",
                 options=["yes", "no"], explanation=f"because {i}") for i in range(4)]


def test_a_reloaded_quiz_continues_at_the_first_unanswered_question(sqlite_store: Store,
                                                                     clock: Clock) -> None:
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    items = _items()
    first = Quiz(items, on_answer=log.quiz_recorder("l1"))
    assert first.answer("yes") is True
    first.next()
    assert first.answer("no") is False
    # the page is reloaded: a new quiz from the store's answers
    again = Quiz(items, on_answer=log.quiz_recorder("l1"), answered=log.quiz_results("l1"))
    assert again.current["prompt"] == "Question 2 _____."
    assert "Question 3 of 4" in again.progress.value and "1 / 2" in again.score.value
    again.answer("yes")
    again.next()
    again.answer("yes")
    assert "1 to try again" in again.score.value
    # a reload once all are answered: the score and a retry of the wrong one, no question 1
    done = Quiz(items, answered=log.quiz_results("l1"))
    assert "answered every question" in done.prompt.value and done.check_button.disabled
    assert done.retry_button.layout.display is None
    done.retry_button.click()
    assert done.current["prompt"] == "Question 1 _____."
    p = student_progress(VocabBook(sqlite_store, student("Ana"), clock), log, zone=UTC)
    assert p.accuracy_by_type["mcq"].answered == 4  # each item once


def test_feedback_reads_at_a_glance() -> None:
    q = Quiz(_items())
    q.answer("no")
    fb = q.feedback.value
    assert "vs-quiz-wrong" in fb and "✗" in fb and "#b3261e" in fb
    assert "You answered: no" in fb and "Answer: <b>yes</b>" in fb and "Why: because 0" in fb
    q.next()
    q.answer("yes")
    fb = q.feedback.value
    assert "vs-quiz-right" in fb and "✓" in fb and "#1e7b34" in fb and "Correct!" in fb
    m = Quiz([Item(type="cloze-bank", prompt="(1) _____ and (2) _____.", stems=["(1)", "(2)"],
                   options=["salt", "pepper", "tea"], answer=["salt", "pepper"],
                   explanation="as written")])
    m.answer(["salt", "tea"])
    fb = m.feedback.value
    assert "vs-gap-right" in fb and "vs-gap-wrong" in fb and "(you chose tea)" in fb
    assert [type(r).__name__ for r in m.answer_area.children] == ["VBox", "VBox"]  # label + menu


def test_remove_word_on_both_backends(store: Store, clock: Clock) -> None:
    """The same SQL removes one student's word, cards and reviews on SQLite and PostgreSQL."""
    ana, ben = VocabBook(store, student("Ana"), clock), VocabBook(store, student("Ben"), clock)
    for book in (ana, ben):
        book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
        book.review(book.due()[0].id, "good")
    assert ana.has_word(" remote ") and ana.remove_word("remote")
    assert not ana.has_word("remote") and ana.remove_word("remote") is False
    assert ana.cards() == [] and ana.review_count() == 0 and word_rows(ana) == []
    assert ben.has_word("remote") and ben.review_count() == 1 and len(ben.cards()) == 3
    ana.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")  # again, fresh
    assert [r.strength for r in word_rows(ana)] == [NEW]


def test_the_lesson_app_says_a_re_added_word_is_already_there(db_path: Path, clock: Clock) -> None:
    """Through the student app: the card's "Add" twice, the store holds it once, and neither
    the page nor the card claims "Added" the second time; My words lists it."""
    from toolkit.student.app import StudentApp
    from toolkit.model.pack import load_pack

    from common import ROOT

    pack = load_pack(ROOT / "lessons" / "the-school-garden.lesson.json")
    with Store(db_path) as store:
        app = StudentApp(pack, store, student("Ana"), now=clock)
        level = app.read.reader.level
        key = next(k for k in pack.version(level).card_keys if pack.cards[k].kind == "word")
        app.read.card.show(pack.cards[key])
        app.read.card.add_button.click()
        lemma = pack.cards[key].headword
        assert "vs-added" in app.status.value and "Added" in app.read.card.status.value
        app.read.card.add_button.click()
        assert "already in your words" in app.status.value and "Added" not in app.status.value
        assert "already in your words" in app.read.card.status.value
        assert [w.lemma for w in VocabBook(store, student("Ana"), clock).words()] == [lemma]
        app.tabs.selected_index = 4
        assert lemma in app.my_words.listing.value
