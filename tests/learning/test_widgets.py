"""Review, progress and dashboard widgets in plain Python: click, then check model and store."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from toolkit.learning.events import ProgressLog
from toolkit.learning.store import Store
from toolkit.learning.vocab import CardKind, VocabBook
from toolkit.teacher.dashboard import ClassDashboard
from toolkit.student.progress import WHOLE_BOOK, ProgressWidget, vocabulary_page
from toolkit.student.review import AddWordButton, ReviewWidget

from .support import Clock, student

EVIL = "<script>alert(1)</script>"


def due_shown(widget: ReviewWidget) -> int:
    return int(re.search(r"vs-due-count'>(\d+)<", widget.due_label.value).group(1))


def test_review_widget_grades_through_the_store(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    book.add_word("firm", meaning="a company")
    review = ReviewWidget(book)
    assert "vs-review" in review._dom_classes
    assert due_shown(review) == 5 and review.current is not None
    assert all(b.disabled for b in review.grade_buttons.values())  # answer first
    review.show_button.click()
    assert review.current.answer() in review.answer.value.replace("&quot;", '"')
    assert not any(b.disabled for b in review.grade_buttons.values())
    first = review.current
    clock.advance(seconds=7)
    review.grade_buttons["Good"].click()
    stored = book.card(first.id)
    assert stored.last_review == clock() and stored.due > clock()
    assert sqlite_store.query("SELECT rating, duration_ms FROM reviews")[0] == (3, 7000)
    assert due_shown(review) == 4
    assert review.current.word.id != first.word.id  # a sibling does not follow straight away
    # grade everything; the widget says when nothing is due
    while review.current is not None:
        review.show_button.click()
        review.grade_buttons["Easy"].click()
    assert due_shown(review) == 0
    assert "No words are due" in review.prompt.value
    clock.advance(minutes=10)  # the Good card comes back after its 10-minute learning step
    review.next_card()
    assert due_shown(review) == 1 and review.current.id == first.id


def test_a_failed_save_keeps_the_card_and_says_why(db_path: Path, clock: Clock) -> None:
    store = Store(db_path)
    book = VocabBook(store, student("Ana"), clock)
    book.add_word("firm", meaning="a company")
    review = ReviewWidget(book)
    card = review.current
    review.show_button.click()
    store.close()  # e.g. the server's disk went away
    review.grade_buttons["Good"].click()
    assert "Not saved" in review.status.value and "closed" in review.status.value
    assert review.current == card  # still there to grade again
    with Store(db_path) as s:
        assert s.count("reviews") == 0


def test_text_is_escaped_in_the_review(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    book.add_word(EVIL, f"A sentence with {EVIL} in it.", meaning=EVIL)
    review = ReviewWidget(book)
    kinds = set()
    while review.current is not None:
        kinds.add(review.current.kind)
        review.show_button.click()
        for html in (review.prompt.value, review.answer.value):
            assert "<script>" not in html
        review.grade_buttons["Easy"].click()
        assert "<script>" not in review.status.value
    assert kinds == set(CardKind)


def test_progress_view_follows_reviews(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    page = vocabulary_page(book, log)
    review, words, progress = page.children
    assert isinstance(progress, ProgressWidget) and "vs-vocabulary-page" in page._dom_classes
    assert "remote" in words.listing.value and "new" in words.listing.value
    assert progress.progress.due == 3
    assert "vs-chart-empty" in progress.curve.value  # nothing reviewed: no curve yet
    review.show_button.click()
    review.grade_buttons["Easy"].click()  # the progress view refreshes itself
    assert progress.progress.due == 2 and progress.progress.reviews == 1
    assert "recall 100%" in words.listing.value  # the list follows the review
    assert "data-points='31'" in progress.curve.value
    assert progress.word_choice.options == (WHOLE_BOOK, "remote")
    progress.word_choice.value = "remote"
    assert "“remote”" in progress.curve.value
    log.article_read("l1", 300, 120)
    log.article_read("l2", 330, 120)
    log.quiz_answer("q1", True, 3.0, exercise_type="gap", level="B1")
    progress.refresh_button.click()
    assert "data-points='2'" in progress.wpm.value
    assert "1/1" in progress.accuracy.value and "vs-acc-level" in progress.accuracy.value
    assert "vs-stat-value" in progress.summary.value


@pytest.fixture
def busy_class(sqlite_store: Store, clock: Clock) -> Store:
    for i, name in enumerate(["Ana", "Ben", EVIL]):
        log = ProgressLog(sqlite_store, student(name), clock)
        log.article_read("l1", 300, 60 + 30 * i)
        log.word_looked_up("remote")
        log.quiz_answer("q1", i != 2, 5.0, exercise_type="gap", level="B1")
        log.quiz_answer("q2", i == 2, 5.0, exercise_type="mcq", level="B2")
    return sqlite_store


def test_dashboard_shows_the_class_and_exports_csv(busy_class: Store, clock: Clock,
                                                  tmp_path: Path) -> None:
    dash = ClassDashboard(busy_class, "7b", now=clock, export_dir=tmp_path)
    assert "vs-dashboard" in dash._dom_classes
    assert "vs-dash-n'>3<" in dash.status.value
    assert "<script>" not in dash.table.value and "&lt;script&gt;" in dash.table.value
    assert dash.wpm.value.count("data-count=") == 8
    assert "remote" in dash.looked_up.value
    items = dash.report["items"]
    assert items["item"].tolist() == ["q2", "q1"] and items["p_value"].tolist() == [1 / 3, 2 / 3]
    dash.export_button.click()
    paths = sorted(tmp_path.glob("7B-*.csv"))
    assert "Exported" in dash.message.value
    assert {p.name.split("-")[-1] for p in paths} == {"class.csv", "items.csv", "looked_up.csv",
                                                      "accuracy_by_type.csv", "accuracy_by_level.csv",
                                                      "sense_choices.csv"}
    with open(next(p for p in paths if p.name.endswith("class.csv")), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["name"] for r in rows) == sorted(["Ana", "Ben", EVIL])


def test_dashboard_updates_live_until_stopped(busy_class: Store, clock: Clock) -> None:
    dash = ClassDashboard(busy_class, "7B", now=clock, interval=0.05)
    dash.live.value = True  # the teacher's toggle starts the thread
    assert dash.running
    ProgressLog(busy_class, student("Newcomer"), clock).article_read("l1", 200, 100)
    deadline = time.monotonic() + 5
    while "vs-dash-n'>4<" not in dash.status.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "vs-dash-n'>4<" in dash.status.value  # no cell re-run needed
    dash.stop()
    assert not dash.running and dash.live.value is False
    count = dash.refreshes
    time.sleep(0.2)
    assert dash.refreshes == count  # stopped means stopped


def test_dashboard_survives_a_closed_store(busy_class: Store, clock: Clock) -> None:
    dash = ClassDashboard(busy_class, "7B", now=clock)
    busy_class.close()
    dash.refresh()
    assert "Not updated" in dash.status.value and "closed" in dash.status.value


def test_dashboard_fit_button_reports_why(busy_class: Store, clock: Clock) -> None:
    dash = ClassDashboard(busy_class, "7B", now=clock)
    dash.fit_button.click()
    assert "class:7B" in dash.message.value and "fewer than" in dash.message.value


def test_add_word_button_feeds_the_review(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    adder = AddWordButton(book)
    page = vocabulary_page(book, log, adder)
    review, words, progress = page.children
    assert adder.button.disabled and due_shown(review) == 0
    adder.set_word("remote", "They work remote jobs.", "l1", "remoto", EVIL)
    assert not adder.button.disabled and "<script>" not in adder.label.value
    adder.button.click()
    assert [w.lemma for w in book.words()] == ["remote"]
    assert due_shown(review) == 3 and progress.progress.words == 1  # both views refreshed
    assert "(1)" in words.title.value and "remote" in words.listing.value
    adder.set_word("remote")
    assert adder.button.disabled and "already in your book" in adder.label.value
    adder.button.disabled = False  # a second click (another tab added it meanwhile)
    adder.button.click()
    assert "already in your book" in adder.label.value and "Added" not in adder.label.value
    adder.set_word("ghost", "No such word here.")
    adder.button.click()
    assert "Not added" in adder.label.value and len(book.words()) == 1


def test_typed_answers_suggest_a_grade(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    book.add_word("hire", "Big firms hired them.", meaning="to give a job", form="hired")
    review = ReviewWidget(book)
    seen = set()
    while review.current is not None:
        card = review.current
        seen.add(card.kind)
        typed = card.kind in (CardKind.MEANING_TO_WORD, CardKind.CLOZE)
        assert (review.typed.layout.display != "none") == typed
        if typed:
            review.typed.value = "  HIRED " if card.kind == CardKind.CLOZE else "fire"
        review.show_button.click()
        styles = {k: b.button_style for k, b in review.grade_buttons.items()}
        if card.kind == CardKind.CLOZE:
            assert "Right" in review.answer.value and styles["Good"] == "info"
        elif card.kind == CardKind.MEANING_TO_WORD:
            assert "You typed “fire”" in review.answer.value and styles["Again"] == "info"
        else:
            assert set(styles.values()) == {""}
        review.grade_buttons["Easy"].click()  # the student's choice is what counts
        assert book.card(card.id).state.name == "Review"
    assert seen == set(CardKind)


def test_my_words_page_signs_in_then_shows_the_book(db_path: Path) -> None:
    from toolkit.student.login import LoginBox
    from toolkit.student.progress import my_words_page

    page = my_words_page(str(db_path), env={})
    _style, login, body = page.children
    assert isinstance(login, LoginBox) and body.children == ()
    assert not db_path.exists()  # nothing opened before the student is known
    login.name.value, login.class_code.value = "Ana", "7B"
    login.start.click()
    (vocab,) = body.children
    assert "vs-vocabulary-page" in vocab._dom_classes
    with Store(db_path) as s:
        assert s.query("SELECT student_id FROM students") == [("7B/ana",)]
    page = my_words_page(str(db_path), env={"QUERY_STRING": "name=Ben&class=7B"})
    assert page.children[2].children  # signed in from the URL at once
