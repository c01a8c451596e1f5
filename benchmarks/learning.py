"""Learning-store speed: load a 10,000-card book and its due list; write one event.

    python benchmarks/learning.py [--url postgresql://...] [--cards 10000] [--events 500]

Targets from the issue: book + due list <= 200 ms; an event write <= 5 ms median.
Prints one line per figure; nothing is asserted (numbers go into docs/learning.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.learning.events import ProgressLog  # noqa: E402
from toolkit.learning.identity import Identity  # noqa: E402
from toolkit.learning.store import Store  # noqa: E402
from toolkit.learning.vocab import VocabBook  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run(url: str, cards: int, events: int, label: str, **store_options: str) -> None:
    t = [datetime(2026, 3, 2, 9, tzinfo=timezone.utc)]
    who = Identity("Bench", "BENCH", "typed")
    with Store(url) as store:
        book = VocabBook(store, who, lambda: t[0])
        n_words = -(-cards // 3)
        t0 = time.perf_counter()
        book.add_words({"lemma": f"word{i}", "meaning": f"meaning {i}",
                        "sentence": f"A sentence with word{i} in it."} for i in range(n_words))
        print(f"{label}: built {len(book.cards())} cards in {ms(time.perf_counter() - t0)}")
        # a realistic mix: 90% reviewed (Easy: due in days), 10% new and due now
        t0 = time.perf_counter()
        reviewed = [c for i, c in enumerate(book.cards()) if i % 10]
        for c in reviewed:
            book.review(c.id, "easy")
        print(f"{label}: {len(reviewed)} reviews, mean "
              f"{ms((time.perf_counter() - t0) / len(reviewed))} each (one transaction per review)")
        t[0] += timedelta(hours=12)
    loads = []
    for _ in range(7):
        t0 = time.perf_counter()
        with Store(url) as store:  # a fresh kernel: open, load the book, list what is due
            book = VocabBook(store, who, lambda: t[0])
            all_cards, due = book.cards(), book.due()
        loads.append(time.perf_counter() - t0)
    print(f"{label}: open + load {len(all_cards)} cards + due list ({len(due)}): "
          f"median {ms(statistics.median(loads))}, max {ms(max(loads))} (target <= 200 ms)")
    if label == "sqlite":  # baseline in the same run: bare sqlite3 reading the same rows
        import sqlite3

        base = []
        for _ in range(7):
            t0 = time.perf_counter()
            conn = sqlite3.connect(url)
            conn.execute("SELECT * FROM words").fetchall()
            conn.execute("SELECT * FROM cards ORDER BY due").fetchall()
            conn.execute("SELECT * FROM cards WHERE due <= ?", (t[0].isoformat(),)).fetchall()
            conn.close()
            base.append(time.perf_counter() - t0)
        print(f"{label}: baseline, bare sqlite3 fetching the same rows: "
              f"median {ms(statistics.median(base))}")
    with Store(url, **store_options) as store:
        log = ProgressLog(store, who, lambda: t[0])
        times = []
        for i in range(events):
            t0 = time.perf_counter()
            log.word_looked_up(f"word{i % 100}", "bench")
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"{label}: event write median {ms(statistics.median(times))}, "
              f"p95 {ms(times[int(0.95 * len(times))])} over {events} (target <= 5 ms median)")


def dashboard(url: str, students: int = 30, label: str = "sqlite") -> None:
    """One live-dashboard refresh for a class mid-lesson (the teacher's kernel)."""
    from toolkit.learning import analytics

    t = [datetime(2026, 3, 2, 9, tzinfo=timezone.utc)]
    with Store(url) as store:
        for i in range(students):
            who = Identity(f"S{i}", "DASH", "typed")
            log = ProgressLog(store, who, lambda: t[0])
            log.article_read("l1", 500, 150 + i)
            for j in range(40):
                log.quiz_answer(f"q{j}", (i + j) % 3 != 0, 5.0, exercise_type="gap", level="B1")
            for j in range(20):
                log.word_looked_up(f"w{(i * j) % 37}", "l1")
        n = store.query("SELECT COUNT(*) FROM events WHERE class_code = 'DASH'")[0][0]
        analytics.class_report(store, "DASH", t[0])  # warm pandas imports
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            analytics.class_report(store, "DASH", t[0])
            times.append(time.perf_counter() - t0)
    print(f"{label}: dashboard refresh, {students} students, {n} events: "
          f"median {ms(statistics.median(times))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL URL (default: a SQLite file in a temp dir)")
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    if args.url:
        run(args.url, args.cards, args.events, "postgresql")
        dashboard(args.url, label="postgresql")
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(str(Path(tmp) / "bench.sqlite3"), args.cards, args.events, "sqlite")
        run(str(Path(tmp) / "full.sqlite3"), 300, args.events, "sqlite synchronous=FULL",
            synchronous="FULL")
        dashboard(str(Path(tmp) / "dash.sqlite3"))


if __name__ == "__main__":
    main()
