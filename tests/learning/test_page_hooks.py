"""The lesson page's widgets feed the store through small recorders: the word card's
"add to my words", the quiz's answers, the reader's clicks and the reading timer."""

from __future__ import annotations

from toolkit.model.items import Item
from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.store import Store
from toolkit.learning.vocab import CardKind, VocabBook
from toolkit.student.quiz import Quiz
from toolkit.model.events import WordAdded

from .support import Clock, student


def test_word_card_event_fills_the_book(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    add = book.card_recorder("hidden-workers")
    ev = WordAdded("hire", "hired", "VERB", "Big firms hired them.", "give a job to",
                   "hire.v.01", "contratar", "es")
    word = add(ev)
    assert (word.lemma, word.form, word.meaning, word.translation, word.lesson) == (
        "hire", "hired", "give a job to", "contratar", "hidden-workers")
    assert {c.kind for c in book.cards()} == set(CardKind)
    assert next(c for c in book.cards() if c.kind == CardKind.CLOZE).answer() == "hired"


def test_quiz_answers_are_recorded_with_type_level_and_time(sqlite_store: Store, clock: Clock) -> None:
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    items = [Item(type="mcq", prompt="The scheme is _____.", answer="simple",
                  options=["simple", "complex"], level="A2"),
             Item(type="cloze", prompt="He wrote good _____.", answer="code", level="B1")]
    ticks = iter([0.0, 0.0, 4.5, 10.0, 12.0, 12.0, 13.0]).__next__
    quiz = Quiz(items, on_answer=log.quiz_recorder("l1"), clock=ticks)
    assert quiz.answer("complex") is False
    quiz.next()
    assert quiz.answer("code") is True
    answers = log.events(EventKind.QUIZ_ANSWER)
    assert [(e.item, e.correct, e.data["type"], e.data["level"], e.lesson) for e in answers] == [
        (items[0].id, False, "mcq", "A2", "l1"), (items[1].id, True, "cloze", "B1", "l1")]
    assert answers[0].value == 4.5  # seconds taken, from the quiz's own clock


def test_reader_clicks_and_reading_timer(sqlite_store: Store, clock: Clock) -> None:
    log = ProgressLog(sqlite_store, student("Ana"), clock)
    from toolkit.model.events import ReaderWord

    log.lookup_recorder("l1")(ReaderWord(3, "hired", "hire", "VERB", 2, 0))
    read = log.reading_recorder("l1")
    read("B1", 540, 216.0, 150.0)
    read("B1", 540, 0.2, 162000.0)  # a double click on "Finished": not a read
    assert [e.item for e in log.events(EventKind.WORD_LOOKED_UP)] == ["hire"]
    reads = log.events(EventKind.ARTICLE_READ)
    assert [(e.value, e.item) for e in reads] == [(150.0, "B1")]
