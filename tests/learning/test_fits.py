"""Forgetting-curve fits that are kept, consistent and reproducible (issue 18)."""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fsrs import Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from toolkit.learning import optimise
from toolkit.learning.days import day_start, days_between, local_day
from toolkit.learning.identity import Identity
from toolkit.learning.simulation import make_class, simulate_class
from toolkit.learning.store import Store
from toolkit.learning.vocab import ReviewCard, VocabBook

from .support import Clock, student

needs_optimizer = pytest.mark.skipif(not optimise.optimizer_available(),
                                     reason="fsrs-rs-python is not installed")
NOON = datetime(2026, 1, 5, 12, 0, tzinfo=timezone.utc)


def exponential_reviews(rng: random.Random, cards: int, reviews: int) -> list[tuple[int, int, datetime]]:
    """Students who forget exponentially (recall exp(-t/S), S fixed per card, 7-30 days) and
    come back irregularly: 0.05-3 times the interval the default FSRS model would set.
    Their forgetting is steeper than FSRS's power curve, so the fitted decay w20 runs into
    its upper bound."""
    import fsrs_rs_python as rs

    model = rs.FSRS(list(DEFAULT_PARAMETERS))
    rows = []
    for card in range(cards):
        s = 15 * rng.uniform(0.5, 2)
        at = NOON + timedelta(days=rng.randint(0, 30))
        rows.append((card, 3, at))
        history = [rs.FSRSReview(3, 0)]
        for _ in range(reviews):
            believed = model.memory_state(rs.FSRSItem(history)).stability
            gap = max(1, round(believed * rng.uniform(0.05, 3.0)))
            rating = 3 if rng.random() < math.exp(-gap / s) else 1
            at += timedelta(days=gap)
            rows.append((card, rating, at))
            history.append(rs.FSRSReview(rating, gap))
    return rows


def test_clamp_moves_only_float32_roundings_onto_the_bounds() -> None:
    raw = list(DEFAULT_PARAMETERS)
    raw[20] = 0.800000011920929  # float32(0.8), as the Rust optimizer returns it
    with pytest.raises(ValueError):
        Scheduler(parameters=raw)
    clamped = optimise.clamp_to_bounds(raw)
    assert clamped[20] == 0.8 and clamped[:20] == tuple(DEFAULT_PARAMETERS[:20])
    Scheduler(parameters=clamped)
    raw[20] = 0.8001  # really outside: refused, naming the parameter
    with pytest.raises(ValueError, match="w20"):
        optimise.clamp_to_bounds(raw)
    with pytest.raises(ValueError):
        optimise.clamp_to_bounds(raw[:20])


@needs_optimizer
def test_a_fit_at_an_upper_bound_is_kept() -> None:
    import fsrs_rs_python as rs

    rows = exponential_reviews(random.Random(2), cards=600, reviews=10)
    raw = rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(optimise.training_items(rows))
    hit = [i for i, (p, hi) in enumerate(zip(raw, UPPER_BOUNDS_PARAMETERS)) if p > hi]
    assert hit, "the simulation should drive a parameter onto an upper bound"
    with pytest.raises(ValueError):  # what fit() used to trip over
        Scheduler(parameters=raw)

    result = optimise.fit(rows, "class:EXP", min_reviews=100)
    assert result.reason == "fitted" and result.parameters is not None
    for i in hit:
        assert result.parameters[i] == UPPER_BOUNDS_PARAMETERS[i]
    assert result.parameters[20] > DEFAULT_PARAMETERS[20]  # steeper than the default curve
    Scheduler(parameters=result.parameters)


def _history(store: Store, who: Identity, card_id: int, zone: tzinfo) -> Any:
    """The card's reviews as the optimiser reads them from the store."""
    return optimise.card_history(optimise._rows(store, "s.student_id", who.key), card_id, zone)


@needs_optimizer
@pytest.mark.parametrize("zone_name, first, hours_later, class_days", [
    ("UTC", datetime(2026, 3, 2, 20, 0, tzinfo=timezone.utc), 13, 1),  # the example
    # 23:30 and 08:00 in Tokyo: two class days, one UTC date
    ("Asia/Tokyo", datetime(2026, 3, 2, 14, 30, tzinfo=timezone.utc), 8.5, 1),
    # 08:30 and 10:00 in Tokyo: one class day, two UTC dates
    ("Asia/Tokyo", datetime(2026, 3, 2, 23, 30, tzinfo=timezone.utc), 1.5, 0),
])
def test_scheduler_and_optimiser_see_the_same_memory(sqlite_store: Store, zone_name: str,
                                                     first: datetime, hours_later: float,
                                                     class_days: int) -> None:
    import fsrs_rs_python as rs

    zone = ZoneInfo(zone_name)
    assert days_between(first, first + timedelta(hours=hours_later), zone) == class_days
    clock = Clock(first)
    who = student("Ana")
    book = VocabBook(sqlite_store, who, clock, zone=zone)
    book.add_word("firm", meaning="a company")
    card = book.due()[0]
    model = rs.FSRS(list(DEFAULT_PARAMETERS))

    def same_memory(card: ReviewCard) -> None:
        state = model.memory_state(_history(sqlite_store, who, card.id, zone))
        assert card.stability == pytest.approx(state.stability, rel=1e-4)
        assert card.difficulty == pytest.approx(state.difficulty, rel=1e-4)

    card = book.review(card.id, "good")
    clock.advance(hours=hours_later)
    card = book.review(card.id, "good")
    same_memory(card)
    if class_days == 1:  # a next-day review: long-term stability, not the same-day boost
        assert card.stability == pytest.approx(7.3153, rel=1e-4)
    # predicted recall four class days on: the book's forgetting curve and the optimiser's model
    later = clock() + timedelta(days=4)
    item = rs.FSRSItem(_history(sqlite_store, who, card.id, zone).reviews + [rs.FSRSReview(3, 4)])
    predicted = math.exp(-model.evaluate([item]).log_loss)  # one recalled item: loss = -log R
    assert book.recall_probability(card, later) == pytest.approx(predicted, rel=1e-4)
    # a lapse late in the evening, relearnt early the next morning
    clock.t = day_start(local_day(later, zone), zone) + timedelta(hours=23, minutes=10)
    card = book.review(card.id, "again")
    same_memory(card)
    clock.advance(hours=9)
    card = book.review(card.id, "good")
    same_memory(card)
    # graduated again: due from the start of a later class day, as its interval counts days
    assert card.due > clock() and card.due.astimezone(zone).time() == time(0)


def _copy_with_reviews_in(source: Store, target: Store, order: str, rng: random.Random) -> None:
    """The same class in another store: students, words and cards as they are, the review
    rows inserted in another order (so their row ids differ)."""
    tables = {"students": "student_id, class_code, name, source, created_at",
              "words": "id, student_id, lemma, form, sentence, lesson, translation, meaning, "
                       "added_at",
              "cards": "id, word_id, student_id, kind, state, step, stability, difficulty, due, "
                       "last_review"}
    reviews = source.query("SELECT card_id, student_id, rating, reviewed_at, duration_ms "
                           "FROM reviews ORDER BY id")
    if order == "reversed":
        reviews.reverse()
    elif order == "shuffled":
        rng.shuffle(reviews)
    with target.transaction() as cur:
        for table, columns in tables.items():
            marks = ", ".join("?" * len(columns.split(",")))
            for row in source.query(f"SELECT {columns} FROM {table} ORDER BY 1"):
                cur.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)
        for row in reviews:
            cur.execute("INSERT INTO reviews (card_id, student_id, rating, reviewed_at, "
                        "duration_ms) VALUES (?, ?, ?, ?, ?)", row)


@needs_optimizer
def test_the_same_reviews_in_any_row_order_give_the_same_fit(tmp_path: Path) -> None:
    rng = random.Random(11)
    utc = timezone.utc
    with Store(tmp_path / "class.sqlite3") as source:
        n = simulate_class(source, "7B", make_class(rng, 3), days=40, rng=rng)
        # the simulated class studies in sessions: many reviews share one moment
        at = [r[0] for r in source.query("SELECT reviewed_at FROM reviews")]
        assert len(set(at)) < len(at) and n >= 1000
        fits: dict[str, list[optimise.Fit]] = {}
        for order in ("inserted", "reversed", "shuffled"):
            with Store(tmp_path / f"{order}.sqlite3") as copy:
                _copy_with_reviews_in(source, copy, order, random.Random(3))
                fits[order] = optimise.refresh_parameters(copy, "7B", NOON, zone=utc,
                                                          student_min_reviews=300)
    first = fits["inserted"]
    assert first[0].scope == "class:7B" and first[0].parameters is not None
    # students' own fits too (kept or not: their held-out log losses must agree as well)
    assert len(first) == 4 and any(f.parameters for f in first[1:])
    assert all(f.log_loss_after is not None for f in first)
    assert fits["reversed"] == first and fits["shuffled"] == first

    # what the order costs when it is not fixed: the optimizer weights later items more
    import fsrs_rs_python as rs

    with Store(tmp_path / "shuffled.sqlite3") as copy:
        items = optimise.training_items(optimise._rows(copy, "s.class_code", "7B"), utc)
    forward = rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items)
    backward = rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items[::-1])
    assert forward == pytest.approx(list(first[0].parameters), abs=1e-6)
    assert forward != backward


def test_interval_fuzz_draws_from_the_injected_rng(tmp_path: Path) -> None:
    def dues(seed: int) -> list[datetime]:
        with Store(tmp_path / f"fuzz{seed}-{random.random()}.sqlite3") as store:
            clock = Clock(NOON)
            book = VocabBook(store, student("Ana"), clock, fuzz=True, zone=timezone.utc,
                             rng=random.Random(seed))
            book.add_word("firm", meaning="a company")
            card = book.due()[0]
            out = []
            for _ in range(6):
                card = book.review(card.id, "easy")
                out.append(card.due)
                clock.t = card.due + timedelta(hours=12)
            return out

    assert dues(5) == dues(5)
    assert dues(5) != dues(6)
