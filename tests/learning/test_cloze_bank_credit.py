"""Word-bank (cloze-bank) items give partial credit: each gap is scored, the student sees which
gaps were right, and the answer event records the fraction (the real SQLite store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.identity import Identity
from toolkit.learning.store import Store
from toolkit.model.items import Item
from toolkit.model.pack import load_pack
from toolkit.student.app import StudentApp
from toolkit.student.quiz import Quiz

from .support import Clock, student

ROOT = Path(__file__).resolve().parents[2]
BANK = Item(type="cloze-bank", prompt="We grow (1) _____, (2) _____ and (3) _____.",
            stems=["(1)", "(2)", "(3)"], options=["beans", "herbs", "tomatoes", "rice"],
            answer=["beans", "herbs", "tomatoes"], explanation="as written", level="A2")


def test_each_gap_counts_on_its_own():
    assert BANK.score(["beans", "herbs", "tomatoes"]) == 1.0
    assert BANK.score(["beans", "rice", "tomatoes"]) == pytest.approx(2 / 3)
    assert BANK.score(["rice", "rice", "rice"]) == 0.0
    assert BANK.score("beans") == 0.0  # not a list: nothing right
    mcq = Item(type="mcq", prompt="_____", answer="a", options=["a", "b"])
    assert (mcq.score("a"), mcq.score("b")) == (1.0, 0.0)  # other types: right or wrong
    matching = Item(type="matching", prompt="Match", stems=["x", "y"], options=["1", "2"],
                    answer=["1", "2"])
    assert matching.score(["1", "1"]) == 0.0


def test_the_student_sees_which_gaps_were_right_and_the_store_keeps_the_fraction(
        sqlite_store: Store, clock: Clock) -> None:
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    mcq = Item(type="mcq", prompt="The soil is _____.", answer="rich", options=["rich", "cold"])
    q = Quiz([BANK, mcq], on_answer=log.quiz_recorder("garden"))
    assert q.answer(["beans", "rice", "tomatoes"]) is False
    fb = q.feedback.value
    assert "Partly right: 2 of 3 gaps." in fb and "vs-quiz-partly" in fb
    assert fb.count("vs-gap-right") == 2 and fb.count("vs-gap-wrong") == 1
    assert "(you chose rice)" in fb
    assert "Score: 0.7 / 1 answered" in q.score.value and q.points == pytest.approx(2 / 3)
    q.next()
    assert q.answer("rich") is True
    assert "Finished: 1.7 of 2 right." not in q.score.value  # one item to retry
    assert "Score: 1.7 / 2 answered" in q.score.value
    events = log.events(EventKind.QUIZ_ANSWER)
    assert [(e.correct, e.data["score"]) for e in events] == [(False, 0.6667), (True, 1.0)]
    q.retry()  # the partly right item comes back; all right now
    assert q.answer(["beans", "herbs", "tomatoes"]) is True
    assert "Correct!" in q.feedback.value and q.points == pytest.approx(2.0)
    assert log.events(EventKind.QUIZ_ANSWER)[-1].data["score"] == 1.0
    with pytest.raises(ValueError, match="fraction"):
        log.quiz_answer("x", False, 1.0, score=1.5)


def test_the_lesson_page_records_the_fraction(tmp_path):
    """Through the student app's own quiz, a shipped lesson's word-bank item."""
    pack = load_pack(ROOT / "lessons" / "the-school-garden.lesson.json")
    store = Store(tmp_path / "class.sqlite3")
    app = StudentApp(pack, store, Identity("Mina", "7B", "typed"), "es")
    app.tabs.selected_index = 1
    quiz = app.quiz
    assert quiz is not None
    bank = next(i for i in pack.exercises if i.type == "cloze-bank")
    while quiz._round[quiz._pos] != bank.id:
        quiz.answer(quiz._items[quiz._round[quiz._pos]].answer)
        quiz.next()
    wrong = next(o for o in bank.options if o != bank.answer[0])
    quiz.answer([wrong, *bank.answer[1:]])
    n = len(bank.answer)
    assert f"Partly right: {n - 1} of {n} gaps." in quiz.feedback.value
    last = app.events.events(EventKind.QUIZ_ANSWER)[-1]
    assert last.item == bank.id and last.correct is False
    assert last.data["score"] == pytest.approx((n - 1) / n, abs=1e-4)
