"""The store: WAL and busy timeout on SQLite, migrations, clear errors, both backends."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from toolkit.learning.events import EventKind, ProgressLog
from toolkit.learning.store import LATEST_VERSION, MIGRATIONS, Store, StoreError
from toolkit.learning.vocab import VocabBook

from .support import student


def test_sqlite_file_uses_wal_and_busy_timeout(db_path: Path) -> None:
    with Store(db_path, busy_timeout_ms=4321) as s:
        assert s.kind == "sqlite"
        assert s.query("PRAGMA journal_mode")[0][0] == "wal"
        assert s.query("PRAGMA busy_timeout")[0][0] == 4321
        assert s.version() == LATEST_VERSION
    assert db_path.is_file() and db_path.stat().st_size > 0


def test_path_from_environment_and_sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOCABSPHERE_DB", str(tmp_path / "env" / "class.sqlite3"))
    with Store() as s:
        assert s.version() == LATEST_VERSION
    assert (tmp_path / "env" / "class.sqlite3").is_file()
    with Store(f"sqlite:///{tmp_path / 'url.sqlite3'}") as s:
        assert s.kind == "sqlite"
    assert (tmp_path / "url.sqlite3").is_file()


def test_migrations_are_recorded_and_idempotent(store: Store) -> None:
    rows = store.query("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [r[0] for r in rows] == [m[0] for m in MIGRATIONS]
    assert store.migrate() == []  # nothing left to apply
    assert store.version() == LATEST_VERSION


def test_migration_from_older_schema_keeps_all_data(store_url: str, clock) -> None:
    with Store(store_url, upgrade_to=1) as old:
        assert old.version() == 1
        with pytest.raises(StoreError):
            old.query("SELECT * FROM parameters")  # the v2 table does not exist yet
        book = VocabBook(old, student("Ana"), clock)
        book.add_word("remote", "They work remote jobs.", "l1", "remoto", "far away")
        card = book.due()[0]
        with old.transaction() as cur:  # a review as the v1 code wrote it
            cur.execute("INSERT INTO reviews (card_id, student_id, rating, reviewed_at, duration_ms)"
                        " VALUES (?, ?, ?, ?, ?)", (card.id, book.who.key, 3, "2026-03-02", 900))
        ProgressLog(old, student("Ana"), clock).article_read("l1", words=300, seconds=120)
        before = {t: old.count(t) for t in ("students", "words", "cards", "reviews", "events")}
    with Store(store_url) as new:
        assert new.version() == LATEST_VERSION
        after = {t: new.count(t) for t in before}
        assert after == before
        assert before["events"] == 2 and before["cards"] == 3  # word added, article read
        assert new.count("parameters") == 0
        assert [w.lemma for w in VocabBook(new, student("Ana"), clock).words()] == ["remote"]


def test_concurrent_first_opens_migrate_once(store_url: str) -> None:
    errors: list[Exception] = []

    def open_it() -> None:
        try:
            Store(store_url).close()
        except Exception as exc:  # pragma: no cover - the failure we test for
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(store_url) as s:
        assert s.query("SELECT COUNT(*) FROM schema_migrations")[0][0] == len(MIGRATIONS)


def test_a_failed_transaction_leaves_nothing(store: Store, clock) -> None:
    log = ProgressLog(store, student("Ana"), clock)
    with pytest.raises(RuntimeError):
        with store.transaction() as cur:
            cur.execute("INSERT INTO events (student_id, class_code, kind, at, lesson, item, data)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (log.who.key, "7B", "review", "2026-03-02", "", "", "{}"))
            raise RuntimeError("boom")
    assert store.count("events") == 0


def test_corrupted_file_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "learning.sqlite3"
    bad.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(StoreError, match="not a readable SQLite database or is corrupted"):
        Store(bad)


def test_damaged_pages_are_found_by_the_integrity_check(db_path: Path, clock) -> None:
    with Store(db_path) as s:
        log = ProgressLog(s, student("Ana"), clock)
        for i in range(2000):
            log.word_looked_up(f"w{i}")
        s.query("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(db_path, "r+b") as f:  # a disk fault in the middle of the file
        f.seek(4096 * 3)
        f.write(bytes(range(256)) * 64)
    with Store(db_path) as s:
        with pytest.raises(StoreError, match="corrupted"):
            s.integrity_check()


def test_locked_database_gives_a_clear_error(db_path: Path, clock) -> None:
    s = Store(db_path, busy_timeout_ms=200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError, match="stayed locked for more than 0.2 s"):
            ProgressLog(s, student("Ana"), clock)
        with Store(db_path, busy_timeout_ms=200) as other:  # opening only reads: it works
            assert other.version() == LATEST_VERSION
            with pytest.raises(StoreError, match="stayed locked"):
                ProgressLog(other, student("Ben"), clock)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ProgressLog(s, student("Ana"), clock).word_looked_up("free")  # works once released
    assert s.count("events") == 1
    s.close()


def test_unsupported_url_is_rejected() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        Store("mysql://somewhere/db")


def test_unreachable_postgres_gives_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="PostgreSQL"):
        Store("postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_integrity_check_and_counts(store: Store, clock) -> None:
    log = ProgressLog(store, student("Ana"), clock)
    for i in range(5):
        log.word_looked_up(f"word{i}", "l1")
    assert store.integrity_check() == "ok"
    assert store.count("events") == 5
    assert [e.kind for e in log.events()] == [EventKind.WORD_LOOKED_UP] * 5
    with pytest.raises(ValueError):
        store.count("sqlite_master")


def test_postgres_row_lock_gives_a_clear_error(pg_url: str, clock) -> None:
    import psycopg

    with Store(pg_url, busy_timeout_ms=300) as s:
        book = VocabBook(s, student("Ana"), clock)
        book.add_word("firm", meaning="a company")
        card = book.cards()[0]
        with psycopg.connect(pg_url) as other:  # another session locks the card row
            other.execute("SELECT * FROM cards WHERE id = %s FOR UPDATE", (card.id,))
            with pytest.raises(StoreError, match="stayed locked for more than 0.3 s"):
                book.review(card.id, "good")
        assert book.review(card.id, "good").last_review == clock()  # free again
        assert s.count("reviews") == 1
