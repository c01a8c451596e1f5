"""The vocabulary book on FSRS, with injected time."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fsrs import Rating, Scheduler, State

from toolkit.learning import optimise
from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.store import Store
from toolkit.learning.vocab import (BLANK, CardKind, ReviewCard, VocabBook, Word, add_word,
                                    as_rating, cloze)

from .support import Clock, student

SENTENCE = "Thousands of hidden workers now work remotely for big firms."


def add_remote(book: VocabBook) -> Word:
    return book.add_word("remotely", SENTENCE, lesson="hidden-workers", translation="a distancia",
                         meaning="from a distance")


def test_a_word_from_a_word_card_gets_three_kinds_of_card(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    word = add_remote(book)
    assert (word.sentence, word.lesson, word.translation) == (SENTENCE, "hidden-workers", "a distancia")
    cards = {c.kind: c for c in book.due()}
    assert set(cards) == set(CardKind)
    assert cards[CardKind.MEANING_TO_WORD].prompt() == "Which word means: from a distance / a distancia?"
    assert cards[CardKind.MEANING_TO_WORD].answer() == "remotely"
    assert cards[CardKind.WORD_TO_MEANING].answer() == "from a distance / a distancia"
    assert BLANK in cards[CardKind.CLOZE].prompt() and "remotely" not in cards[CardKind.CLOZE].prompt()
    assert book.due_count() == 3
    # adding again is harmless: same word, no new cards, one word_added event
    assert add_remote(book).id == word.id
    assert len(book.cards()) == 3
    added = ProgressLog(sqlite_store, student("Ana"), clock).events(EventKind.WORD_ADDED)
    assert [(e.item, e.lesson) for e in added] == [("remotely", "hidden-workers")]


def test_add_word_function_for_word_card_callbacks(sqlite_store: Store, clock: Clock) -> None:
    word = add_word(sqlite_store, student("Ana"), "firm", "Big firms hire them.", "l1", "empresa",
                    "a company", form="firms", now=clock)
    assert (word.lemma, word.form, word.translation) == ("firm", "firms", "empresa")
    assert [c.kind for c in VocabBook(sqlite_store, student("Ana"), clock).cards()] == list(CardKind)


def test_card_kinds_follow_what_is_known() -> None:
    assert cloze("She RAN home; ran fast.", "ran") == f"She {BLANK} home; {BLANK} fast."
    assert cloze("a ransom note", "ran") is None  # whole words only
    assert cloze("C++ (c++) rocks", "c++") == f"{BLANK} ({BLANK}) rocks"
    no_sentence = Word(1, "firm", "firm", "", "", "", "a company", Clock()())
    assert no_sentence.kinds() == [CardKind.MEANING_TO_WORD, CardKind.WORD_TO_MEANING]
    only_sentence = Word(1, "firm", "firms", "Big firms hire.", "", "", "", Clock()())
    assert only_sentence.kinds() == [CardKind.CLOZE]


def test_inflected_form_and_empty_input(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    book.add_word("hire", "Big firms hired them.", form="hired")
    (card,) = book.cards()
    assert card.kind == CardKind.CLOZE and card.answer() == "hired"
    with pytest.raises(ValueError, match="meaning, a translation or the sentence"):
        book.add_word("ghost", "No such word here.")
    with pytest.raises(ValueError, match="empty"):
        book.add_word("   ")


def test_grades_by_name_number_or_rating() -> None:
    assert [as_rating(g) for g in ("Again", "hard", 3, Rating.Easy)] == list(Rating)
    with pytest.raises(ValueError, match="Again, Hard, Good or Easy"):
        as_rating("perfect")


def test_schedule_follows_fsrs_with_injected_time(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    add_remote(book)
    steps = Scheduler().learning_steps
    first, second, third = book.due()
    start = clock()
    # Again restarts the learning steps, Good moves to the next one
    again = book.review(first.id, "again")
    assert again.state == State.Learning and again.due == start + steps[0]
    good = book.review(second.id, "good")
    assert good.state == State.Learning and good.due == start + steps[1]
    assert book.due_count() == 1
    # Easy graduates at once, further out than a Good that graduates later
    easy = book.review(third.id, "easy")
    assert easy.state == State.Review and easy.due - start >= timedelta(days=1)
    assert book.due_count() == 0
    clock.advance(minutes=10)
    assert {c.id for c in book.due()} == {first.id, second.id}
    graduated = book.review(second.id, Rating.Good)
    assert graduated.state == State.Review and graduated.due - clock() >= timedelta(days=1)
    assert easy.stability > graduated.stability
    assert book.learned_count() == 1  # one word, however many of its cards graduated
    # the card waits until FSRS says it is due
    clock.t = graduated.due - timedelta(seconds=1)
    assert second.id not in {c.id for c in book.due()}
    clock.t = graduated.due
    assert second.id in {c.id for c in book.due()}
    assert book.review_count() == 4
    assert len(ProgressLog(sqlite_store, student("Ana"), clock).events(EventKind.REVIEW)) == 4


def test_forgetting_curve_for_a_word_and_the_book(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    add_remote(book)
    book.add_word("firm", meaning="a company")
    assert book.forgetting_curve(days=5) == []  # nothing reviewed yet: no memory to predict
    for c in book.due():
        book.review(c.id, "easy" if c.word.lemma == "firm" else "good")
    clock.advance(minutes=10)
    for c in book.due():
        book.review(c.id, "good")
    word = book.forgetting_curve("remotely", days=30)
    whole = book.forgetting_curve(days=30)
    firm = book.forgetting_curve("firm", days=30)
    assert [p.day for p in word] == list(range(31))
    recall = [p.recall for p in word]
    assert recall == sorted(recall, reverse=True) and recall[0] > 0.9 > recall[-1] > 0
    # Easy memories are more stable, so the book curve sits between its words
    assert all(w.recall <= b.recall <= f.recall for w, b, f in zip(word, whole, firm))
    assert firm[30].recall > word[30].recall
    card = book.cards()[0]
    assert book.recall_probability(card, clock() + timedelta(days=10)) == pytest.approx(
        book.scheduler().get_card_retrievability(card.fsrs_card(), clock() + timedelta(days=10)))


def test_cards_and_words_round_trip_through_dicts(sqlite_store: Store, clock: Clock) -> None:
    book = VocabBook(sqlite_store, student("Ana"), clock)
    add_remote(book)
    card = book.review(book.due()[0].id, "good")
    assert ReviewCard.from_dict(card.to_dict()) == card
    assert Word.from_dict(card.word.to_dict()) == card.word
    assert book.card(card.id) == card


def simulate(book: VocabBook, clock: Clock, rng: random.Random, words: int, days: int) -> int:
    """A student who remembers with probability R^2 (worse than FSRS's default model)."""
    for j in range(words):
        book.add_word(f"word{j}", meaning=f"meaning {j}")
    reviews = 0
    start = clock()
    for day in range(days):
        clock.t = start + timedelta(days=day)
        for c in book.due():
            r = book.recall_probability(c)
            book.review(c.id, "good" if rng.random() < (r * r if c.last_review else 0.7) else "again")
            reviews += 1
    return reviews


@pytest.mark.skipif(not optimise.optimizer_available(), reason="fsrs-rs-python is not installed")
def test_class_pooled_then_personal_parameters(sqlite_store: Store, clock: Clock) -> None:
    rng = random.Random(7)
    books = [VocabBook(sqlite_store, student(f"S{i}"), clock) for i in range(3)]
    n = sum(simulate(b, clock, rng, words=15, days=40) for b in books)
    assert n >= optimise.CLASS_MIN_REVIEWS
    newcomer = VocabBook(sqlite_store, student("New"), clock)
    assert newcomer.scheduler().parameters == Scheduler().parameters  # class not fitted yet

    fits = optimise.refresh_parameters(sqlite_store, "7B", clock())
    assert fits[0].scope == "class:7B" and fits[0].n_reviews == n and fits[0].parameters
    assert len(fits[0].parameters) == 21 and fits[0].parameters != Scheduler().parameters
    newcomer = VocabBook(sqlite_store, student("New"), clock)
    assert newcomer.scheduler().parameters == fits[0].parameters
    assert newcomer.parameter_source == "class"
    # another class keeps the defaults
    assert VocabBook(sqlite_store, student("X", "8A"), clock).parameter_source == "default"

    # a student with enough reviews of their own gets a personal fit
    own = optimise.optimise_student(sqlite_store, books[0].who.key, clock(), min_reviews=100)
    assert own.parameters and own.parameters != fits[0].parameters
    personal = VocabBook(sqlite_store, books[0].who, clock)
    assert personal.parameter_source == "student" and personal.scheduler().parameters == own.parameters
    # too few reviews: nothing is stored, and the reason says why
    few = optimise.optimise_student(sqlite_store, newcomer.who.key, clock())
    assert few.parameters is None and "fewer than" in few.reason
    assert optimise.Fit.from_dict(own.to_dict()) == own
