"""Fits the teacher can see, that run on their own once a class has enough reviews (issue 18)."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from toolkit.learning import analytics, optimise
from toolkit.learning.identity import Identity
from toolkit.learning.simulation import Learner, make_class, simulate_class
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook
from toolkit.teacher.dashboard import ClassDashboard

from common import run_toolkit

from .support import Clock

pytestmark = pytest.mark.skipif(not optimise.optimizer_available(),
                                reason="fsrs-rs-python is not installed")
START = datetime(2026, 1, 5, tzinfo=timezone.utc)
UTC = timezone.utc


def simulated(store: Store, learners: list[Learner], days: int, seed: int,
              start: datetime = START) -> int:
    return simulate_class(store, "7B", learners, days=days, rng=random.Random(seed), start=start,
                          zone=UTC)


def test_a_class_is_fitted_on_its_own_and_the_teacher_sees_what_it_bought(store: Store) -> None:
    learners = make_class(random.Random(4), 3)
    n = simulated(store, learners, days=40, seed=4)
    newcomer = Identity("Zoe", "7B", "typed")
    VocabBook(store, newcomer, lambda: START, zone=UTC)
    before = optimise.fit_status(store, "7B")
    assert [s.in_use for s in before] == ["default"] * 5 and before[0].reviews == n

    now = START + timedelta(days=41)
    fits = optimise.auto_refresh(store, "7B", now, UTC)
    assert fits is not None and fits[0].scope == "class:7B" and fits[0].parameters
    assert optimise.auto_refresh(store, "7B", now, UTC) is None  # nothing new since

    status = {s.name: s for s in optimise.fit_status(store, "7B")}
    cls = status["(class)"]
    assert (cls.in_use, cls.fit_reviews, cls.fitted_at) == ("class", n, now)
    assert cls.held_out and cls.log_loss_after < cls.log_loss_before  # it helped, held out
    assert status["Zoe"].in_use == "class" and status["Zoe"].reviews == 0
    kept = {f.scope: f for f in fits if f.parameters}
    for learner in learners:
        s = status[learner.name]
        own = f"student:{Identity(learner.name, '7B', 'typed').key}" in kept
        assert s.in_use == ("own" if own else "class")
        assert s.last_attempt  # every student with 400 reviews was tried, kept or not
        # what the teacher is told is what the student's book runs on
        book = VocabBook(store, Identity(learner.name, "7B", "typed"), lambda: now, zone=UTC)
        assert book.parameter_source == ("student" if own else "class")
        if own:
            assert s.fit_reviews == s.reviews and s.log_loss_after < s.log_loss_before
    assert sum(s.in_use == "own" for s in status.values()) >= 1

    df = analytics.fit_summary(store, "7B")
    assert list(df["name"])[0] == "(class)" and set(df["name"]) == set(status)
    assert df.loc[0, "improvement"] == pytest.approx(cls.log_loss_before - cls.log_loss_after)
    assert {r["name"]: r["in_use"] for r in df.to_dict("records")} == \
        {k: v.in_use for k, v in status.items()}
    # the fits log keeps every attempt; a status survives a round trip through a dict
    assert store.count("fits") == len(fits)
    assert optimise.FitStatus.from_dict(cls.to_dict()) == cls

    # 200 more reviews: the next check refits
    more = simulated(store, [Learner("Late", strength=3.0)], days=30, seed=5,
                     start=START + timedelta(days=41))
    assert more >= optimise.AUTO_NEW_REVIEWS
    later = START + timedelta(days=72)
    again = optimise.auto_refresh(store, "7B", later, UTC)
    assert again is not None and again[0].n_reviews == n + more


def test_a_small_class_is_not_fitted(sqlite_store: Store) -> None:
    simulated(sqlite_store, [Learner("Ana", attendance=0.5)], days=6, seed=1)
    assert optimise.auto_refresh(sqlite_store, "7B", START + timedelta(days=7), UTC) is None
    assert sqlite_store.count("fits") == 0
    assert [s.in_use for s in optimise.fit_status(sqlite_store, "7B")] == ["default", "default"]


def test_the_live_dashboard_fits_in_its_own_thread(sqlite_store: Store, tmp_path: Path) -> None:
    simulated(sqlite_store, make_class(random.Random(4), 2), days=40, seed=4)
    clock = Clock(START + timedelta(days=41))
    dash = ClassDashboard(sqlite_store, "7B", now=clock, interval=0.05, export_dir=tmp_path)
    assert "vs-fits-table" in dash.fits.value and ">default<" in dash.fits.value
    dash.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and ">class<" not in dash.fits.value:
            time.sleep(0.05)
    finally:
        dash.stop()
    assert ">class<" in dash.fits.value  # the panel shows the pooled fit in use
    assert "Fitted on its own" in dash.message.value and "class:7B" in dash.message.value
    assert sqlite_store.count("fits") >= 1 and sqlite_store.count("parameters") >= 1


def test_fit_from_the_command_line(db_path: Path) -> None:
    with Store(db_path) as store:
        n = simulated(store, make_class(random.Random(4), 2), days=40, seed=4)
    r = run_toolkit("fit", "--db", str(db_path), env={"VOCABSPHERE_TZ": "UTC"})
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert "7B: class:7B: fitted" in out and f"(class): {n} reviews, parameters class" in out
    assert "held-out log loss" in out
    r = run_toolkit("fit", "--db", str(db_path), "--class", "7b")
    assert r.returncode == 0 and "nothing to fit" in r.stdout.decode()
    r = run_toolkit("fit", "--db", str(db_path), "--class", "bad code!")
    assert r.returncode == 2 and "class code" in r.stderr.decode()
    r = run_toolkit("fit", "--db", str(db_path.with_name("typo.sqlite3")))
    assert r.returncode == 2 and "no learner store at" in r.stderr.decode()
    assert not db_path.with_name("typo.sqlite3").exists()


def test_an_open_page_picks_up_a_new_fit(sqlite_store: Store) -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    clock = Clock(START)
    book = VocabBook(sqlite_store, Identity("Ana", "7B", "typed"), clock, zone=UTC)
    book.add_word("firm", meaning="a company")
    card = book.review(book.due()[0].id, "good")
    assert book.parameter_source == "default"
    fitted = tuple(DEFAULT_PARAMETERS[:20]) + (0.3,)
    optimise.save_fit(sqlite_store, optimise.Fit("class:7B", 500, fitted, "fitted"), clock())
    clock.advance(minutes=5)
    card = book.review(card.id, "good")
    assert book.parameter_source == "default"  # read at most every PARAMETERS_TTL
    clock.advance(minutes=6)
    book.review(card.id, "good")
    assert book.parameter_source == "class" and book.scheduler().parameters == fitted
    sources = [r[0] for r in sqlite_store.query("SELECT data FROM events WHERE kind = 'review' "
                                                "ORDER BY id")]
    assert ['"parameters": "class"' in d for d in sources] == [False, False, True]
