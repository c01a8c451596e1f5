"""Analytics on a small hand-built class, checked against independent computations
(on SQLite and PostgreSQL: the same SQL and the same numbers)."""

from __future__ import annotations

import csv
import math
import statistics
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from toolkit.learning import analytics
from toolkit.learning.events import ProgressLog
from toolkit.learning.progress import StudentProgress, streak_days, student_progress
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

from .support import Clock, student

# first attempts, students ranked strong -> weak; q3 is miskeyed (weak students "win")
ANSWERS = {
    "Ana": {"q1": 1, "q2": 1, "q3": 0, "q4": 1},
    "Ben": {"q1": 1, "q2": 1, "q3": 0, "q4": 1},
    "Cai": {"q1": 1, "q2": 1, "q3": 1, "q4": 0},
    "Dia": {"q1": 0, "q2": 1, "q3": 1, "q4": 0},
    "Eli": {"q1": 0, "q2": 0, "q3": 1, "q4": 0},
}
TYPES = {"q1": ("gap", "B1"), "q2": ("mcq", "A2"), "q3": ("mcq", "B2"), "q4": ("gap", "B2")}


@pytest.fixture
def classroom(store: Store, clock: Clock) -> Store:
    for day in range(3):
        for name in ANSWERS:
            if name != "Ana" and day > 0:
                continue  # only Ana comes back on later days
            log = ProgressLog(store, student(name), clock)
            if day == 0:
                for item, correct in ANSWERS[name].items():
                    kind, level = TYPES[item]
                    log.quiz_answer(item, bool(correct), seconds=10.0 + len(name), lesson="l1",
                                    exercise_type=kind, level=level)
            else:  # Ana practises q2 again on days 1 and 2 (retries: not first attempts)
                log.quiz_answer("q2", True, 4.0, exercise_type="mcq", level="A2")
        clock.advance(days=1)
    ana = ProgressLog(store, student("Ana"), clock)
    ana.quiz_answer("q3", True, 5.0, exercise_type="mcq", level="B2")  # a retry: not a first attempt
    ana.article_read("l1", words=300, seconds=120)  # 150 WPM
    clock.advance(hours=1)
    ana.article_read("l2", words=300, seconds=90)  # 200 WPM
    ben = ProgressLog(store, student("Ben"), clock)
    ben.article_read("l1", words=240, seconds=120, level="B1")  # 120 WPM
    for who, lemma in [("Ana", "remote"), ("Ben", "remote"), ("Ben", "remote"), ("Cai", "firm"),
                       ("Dia", "hidden"), ("Dia", "firm")]:
        ProgressLog(store, student(who), clock).word_looked_up(lemma, "l1")
    book = VocabBook(store, student("Ana"), clock)
    book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
    book.review(book.due()[0].id, "easy")
    return store


def rest_scores(item: str) -> dict[str, float]:
    return {n: (sum(a.values()) - a[item]) / (len(a) - 1) for n, a in ANSWERS.items()}


def test_item_difficulty_and_discrimination(classroom: Store) -> None:
    stats = analytics.item_statistics(classroom, "7B").set_index("item")
    for item in ANSWERS["Ana"]:
        col = [a[item] for a in ANSWERS.values()]
        assert stats.loc[item, "n"] == 5
        assert stats.loc[item, "p_value"] == pytest.approx(sum(col) / 5)  # Ana's retry ignored
        rest = list(rest_scores(item).values())
        if statistics.pstdev(col) > 0:
            assert stats.loc[item, "point_biserial"] == pytest.approx(statistics.correlation(col, rest))
    assert stats.loc["q1", "point_biserial"] > 0.5
    assert stats.loc["q3", "point_biserial"] < -0.5  # the miskeyed item shows up
    # totals: Ana, Ben, Cai 0.75 (tied: all upper), Dia 0.5, Eli 0.25 (lower)
    expected_d = {"q1": 1 - 0, "q2": 1 - 0, "q3": 1 / 3 - 1, "q4": 2 / 3 - 0}
    for item, d in expected_d.items():
        assert stats.loc[item, "upper_lower"] == pytest.approx(d)
    assert stats.loc["q1", "type"] == "gap" and stats.loc["q3", "level"] == "B2"
    assert list(stats.index[:2]) == ["q4", "q1"]  # hardest (lowest p) first: 0.4, 0.6
    assert stats.loc["q2", "mean_seconds"] == pytest.approx(statistics.mean(10 + len(n) for n in ANSWERS))


def test_class_table(classroom: Store, clock: Clock) -> None:
    table = analytics.class_table(classroom, "7B", clock(), zone=timezone.utc).set_index("name")
    assert list(table.index) == sorted(ANSWERS)
    assert table.loc["Ana", "articles_read"] == 2 and table.loc["Ana", "last_wpm"] == 200.0
    assert table.loc["Ana", "mean_wpm"] == 175.0 and table.loc["Ben", "mean_wpm"] == 120.0
    assert table["has_read"].tolist() == [True, True, False, False, False]
    assert table.loc["Ana", "quiz_answers"] == 4 + 2 + 1
    assert table.loc["Cai", "quiz_accuracy"] == 0.75
    assert table.loc["Ana", "words"] == 1 and table.loc["Ana", "reviews"] == 1
    assert table.loc["Ana", "due"] == 2  # the two cards not yet reviewed
    assert table.loc["Ana", "streak"] == 4 and table.loc["Eli", "streak"] == 0
    assert math.isnan(table.loc["Eli", "last_wpm"])


def test_most_looked_up_and_accuracy(classroom: Store) -> None:
    top = analytics.most_looked_up(classroom, "7B")
    assert top.values.tolist() == [["remote", 3, 2], ["firm", 2, 2], ["hidden", 1, 1]]
    by_type = analytics.accuracy_by(classroom, "7B", "type").set_index("type")
    assert by_type.loc["gap", "answered"] == 10 and by_type.loc["gap", "correct"] == 5
    assert by_type.loc["mcq", "answered"] == 13  # 10 first attempts, 3 retries by Ana
    assert by_type.loc["mcq", "accuracy"] == pytest.approx(10 / 13, abs=1e-3)
    assert analytics.most_looked_up(classroom, "8A").empty


def test_student_progress_view(classroom: Store, clock: Clock) -> None:
    book, log = VocabBook(classroom, student("Ana"), clock), ProgressLog(classroom, student("Ana"), clock)
    p = student_progress(book, log, zone=timezone.utc)
    assert (p.words, p.learned, p.due, p.reviews, p.streak) == (1, 1, 2, 1, 4)
    assert [v for _, v, _ in p.wpm] == [150.0, 200.0]
    # first attempts only: Ana's retries of q2 and q3 do not count again
    assert p.accuracy_by_type["gap"].rate == 1.0 and p.accuracy_by_type["mcq"].answered == 2
    assert p.accuracy_by_type["mcq"].correct == 1
    assert p.accuracy_by_level["B2"].correct == 1 and p.accuracy_by_level["B2"].answered == 2
    assert StudentProgress.from_dict(p.to_dict()) == p
    trend = analytics.wpm_trend(classroom, "7B/ana")
    assert trend["wpm"].tolist() == [150.0, 200.0]


def test_streak_days() -> None:
    d = Clock()().date()
    assert streak_days([d, d - timedelta(days=1), d - timedelta(days=3)], d) == 2
    assert streak_days([d - timedelta(days=1), d - timedelta(days=2)], d) == 2  # today not over
    assert streak_days([d - timedelta(days=2)], d) == 0


def test_csv_export(classroom: Store, clock: Clock, tmp_path: Path) -> None:
    frames = analytics.class_report(classroom, "7B", clock())
    paths = analytics.export_csv(frames, tmp_path / "out", prefix="7B-")
    assert sorted(p.name for p in paths) == sorted(f"7B-{n}.csv" for n in frames)
    with open(tmp_path / "out" / "7B-items.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["item"] for r in rows] == frames["items"]["item"].tolist()
    assert float(rows[0]["p_value"]) == pytest.approx(0.4)


def test_events_frame_for_researchers(classroom: Store) -> None:
    ev = analytics.events_frame(classroom, "7B")
    assert len(ev) == classroom.count("events")
    assert str(ev["at"].dt.tz) == "UTC"
    assert set(ev["kind"]) == {"quiz_answer", "article_read", "word_looked_up", "word_added", "review"}
    reviews = analytics.reviews_frame(classroom, "7B")
    assert reviews[["lemma", "rating"]].values.tolist() == [["remote", 4]]
    assert analytics.item_statistics(classroom, "NOBODY").empty


def test_streak_counts_the_class_days_not_utc_days(store: Store) -> None:
    """Tokyo (UTC+9): Monday 23:30 and Tuesday 08:00 are two local days but one UTC day."""
    from datetime import datetime, timezone

    tokyo = timezone(timedelta(hours=9))
    clock = Clock(datetime(2026, 3, 2, 14, 30, tzinfo=timezone.utc))  # Mon 23:30 in Tokyo
    log = ProgressLog(store, student("Ana"), clock)
    log.word_looked_up("remote", "l1")
    clock.advance(hours=8, minutes=30)  # Mon 23:00 UTC = Tue 08:00 in Tokyo
    log.word_looked_up("firm", "l1")
    clock.advance(hours=1)
    book = VocabBook(store, student("Ana"), clock)
    assert student_progress(book, log, zone=tokyo).streak == 2
    assert student_progress(book, log, zone=timezone.utc).streak == 1
    table = analytics.class_table(store, "7B", clock(), zone=tokyo).set_index("name")
    assert table.loc["Ana", "streak"] == 2
    assert analytics.class_table(store, "7B", clock(), zone=timezone.utc).loc[0, "streak"] == 1


def test_class_zone_from_the_environment() -> None:
    from datetime import datetime, timezone

    from toolkit.learning.progress import class_zone

    madrid = class_zone({"VOCABSPHERE_TZ": "Europe/Madrid"})
    assert datetime(2026, 7, 1, 12, tzinfo=timezone.utc).astimezone(madrid).hour == 14  # summer
    assert datetime(2026, 1, 1, 12, tzinfo=timezone.utc).astimezone(madrid).hour == 13
    with pytest.raises(ValueError, match="not a time zone name"):
        class_zone({"VOCABSPHERE_TZ": "Mars/Olympus"})
    assert class_zone({}).utcoffset(datetime(2026, 1, 1)) is not None  # the server's own zone
