"""Many writers at once lose nothing; a writer killed mid-session loses nothing committed."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.store import Store
from toolkit.learning.vocab import VocabBook

from . import writer
from .support import Clock, student

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer.py")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

N_PROCESSES = 30
N_EVENTS = 20
N_REVIEWS = 10


def _write(url: str, name: str, go: Any) -> None:
    go.wait(60)  # every process starts writing at the same moment
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        writer.main(url, name, N_EVENTS, N_REVIEWS)


def test_processes_writing_at_once_lose_nothing(store_url: str) -> None:
    """30 OS processes, each with its own connection, as 30 students' kernels would be.
    Forked, so they skip the imports a fresh interpreter would spend most of its time on."""
    Store(store_url).close()  # migrate once, as a server would at start
    ctx = multiprocessing.get_context("fork")
    go = ctx.Event()
    procs = [ctx.Process(target=_write, args=(store_url, f"student{i}", go))
             for i in range(N_PROCESSES)]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * N_PROCESSES
    with Store(store_url) as s:
        assert s.count("students") == N_PROCESSES
        assert s.count("words") == N_PROCESSES
        assert s.count("reviews") == N_PROCESSES * N_REVIEWS
        # per student: every quiz answer, every review, one word added
        rows = s.query("SELECT student_id, kind, COUNT(*) FROM events GROUP BY student_id, kind")
        counts = {(k, kind): n for k, kind, n in rows}
        for i in range(N_PROCESSES):
            key = f"7B/student{i}"
            assert counts[(key, "quiz_answer")] == N_EVENTS
            assert counts[(key, "review")] == N_REVIEWS
            assert counts[(key, "word_added")] == 1
        assert s.count("events") == N_PROCESSES * (N_EVENTS + N_REVIEWS + 1)
        assert s.integrity_check() == "ok"


def test_two_students_in_threads_of_one_kernel(sqlite_store: Store, clock: Clock) -> None:
    def work(name: str) -> None:
        log = ProgressLog(sqlite_store, student(name), clock)
        book = VocabBook(sqlite_store, student(name), clock)
        book.add_word("firm", meaning="a company")
        for i in range(50):
            log.word_looked_up(f"w{i}")
            book.review(book.cards()[0].id, "good")

    threads = [threading.Thread(target=work, args=(n,)) for n in ("Ana", "Ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sqlite_store.count("reviews") == 100
    for name in ("Ana", "Ben"):
        log = ProgressLog(sqlite_store, student(name), clock)
        assert len(log.events(EventKind.WORD_LOOKED_UP)) == 50
        assert len(log.events(EventKind.REVIEW)) == 50


def test_writer_killed_with_sigkill_loses_nothing_committed(db_path: Path) -> None:
    Store(db_path).close()
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path), "Ana", "-1", "0"],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    committed = 0
    deadline = time.monotonic() + 60
    while committed < 300 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed = int(line.split()[1])
    os.kill(proc.pid, signal.SIGKILL)  # mid-session: it is writing as fast as it can
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 300, proc.stderr.read() if proc.stderr else ""
    # the writer ran ahead of our reading: its last report before death is still in the pipe
    for line in proc.stdout.read().splitlines():
        if line.startswith("committed ") and line.split()[1].isdigit():
            committed = int(line.split()[1])
    with Store(db_path) as s:
        assert s.integrity_check() == "ok"
        quiz = s.query("SELECT COUNT(*) FROM events WHERE kind = 'quiz_answer'")[0][0]
        reviews = s.count("reviews")
        review_events = s.query("SELECT COUNT(*) FROM events WHERE kind = 'review'")[0][0]
        # everything reported as committed is there; at most the one step (a quiz answer
        # and a review) between the last report and the kill got in unreported
        assert committed <= quiz + reviews <= committed + 2
        # a review and its event commit together or not at all
        assert reviews == review_events
        # and the store keeps working after the crash
        ProgressLog(s, student("Ana"), Clock()).word_looked_up("after")
        assert s.integrity_check() == "ok"
