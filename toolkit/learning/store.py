"""The learning store: one small schema on SQLite (default) or PostgreSQL (by URL).

Why this shape: every student is one Voila kernel writing to the same database, so the
store must survive many concurrent writers and a kernel killed mid-write. SQLite in WAL
mode with a busy timeout does that for one classroom server; PostgreSQL does it for a
school. Both run the same SQL: statements are written with `?` placeholders and the
one place that knows a backend's paramstyle (`_Backend.sql`) rewrites them.

Both backends run in autocommit mode with explicit BEGIN/COMMIT, so a transaction is
exactly what `Store.transaction()` encloses. On SQLite a writing transaction starts with
`BEGIN IMMEDIATE`, taking the write lock up front: a deferred transaction that upgrades
from reading to writing can fail with "database is locked" without waiting.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ENV_URL = "VOCABSPHERE_DB"
DEFAULT_BUSY_TIMEOUT_MS = 10_000


class StoreError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


def default_path() -> Path:
    """`$VOCABSPHERE_DB` if set (a path or URL), else ~/.vocabsphere/learning.sqlite3."""
    return Path.home() / ".vocabsphere" / "learning.sqlite3"


def utc_iso(moment: datetime) -> str:
    """One fixed text form for times, so that text order is time order on both backends."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware (use datetime.now(timezone.utc))")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- migrations ---------------------------------------------------------------------------
# Each migration is (version, name, statements). `{id}` becomes the backend's
# auto-increment primary key. Never edit a released migration: add a new one.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "students, words, cards, reviews, events", [
        """CREATE TABLE students (
            student_id TEXT PRIMARY KEY,
            class_code TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        "CREATE INDEX students_class ON students (class_code)",
        """CREATE TABLE words (
            id {id},
            student_id TEXT NOT NULL REFERENCES students (student_id),
            lemma TEXT NOT NULL,
            form TEXT NOT NULL,
            sentence TEXT NOT NULL,
            lesson TEXT NOT NULL,
            translation TEXT NOT NULL,
            meaning TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (student_id, lemma))""",
        """CREATE TABLE cards (
            id {id},
            word_id INTEGER NOT NULL REFERENCES words (id),
            student_id TEXT NOT NULL REFERENCES students (student_id),
            kind TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability DOUBLE PRECISION,
            difficulty DOUBLE PRECISION,
            due TEXT NOT NULL,
            last_review TEXT,
            UNIQUE (word_id, kind))""",
        "CREATE INDEX cards_due ON cards (student_id, due)",
        """CREATE TABLE reviews (
            id {id},
            card_id INTEGER NOT NULL REFERENCES cards (id),
            student_id TEXT NOT NULL REFERENCES students (student_id),
            rating INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER)""",
        "CREATE INDEX reviews_student ON reviews (student_id, card_id)",
        """CREATE TABLE events (
            id {id},
            student_id TEXT NOT NULL REFERENCES students (student_id),
            class_code TEXT NOT NULL,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            lesson TEXT NOT NULL,
            item TEXT NOT NULL,
            value DOUBLE PRECISION,
            correct INTEGER,
            data TEXT NOT NULL)""",
        "CREATE INDEX events_student ON events (student_id, kind, at)",
        "CREATE INDEX events_class ON events (class_code, kind, at)",
    ]),
    (2, "fitted FSRS parameters per student and per class", [
        """CREATE TABLE parameters (
            scope TEXT PRIMARY KEY,
            parameters TEXT NOT NULL,
            n_reviews INTEGER NOT NULL,
            fitted_at TEXT NOT NULL)""",
    ]),
    (3, "a log of every FSRS fit, kept or not, with its held-out log loss", [
        """CREATE TABLE fits (
            id {id},
            scope TEXT NOT NULL,
            class_code TEXT NOT NULL,
            fitted_at TEXT NOT NULL,
            n_reviews INTEGER NOT NULL,
            held_out INTEGER NOT NULL,
            log_loss_before DOUBLE PRECISION,
            log_loss_after DOUBLE PRECISION,
            kept INTEGER NOT NULL,
            reason TEXT NOT NULL)""",
        "CREATE INDEX fits_class ON fits (class_code, fitted_at)",
    ]),
]
LATEST_VERSION = MIGRATIONS[-1][0]


# --- backends ------------------------------------------------------------------------------
class _Backend:
    """What differs between SQLite and PostgreSQL, in one place."""

    name = "?"
    paramstyle = "qmark"
    id_column = ""
    for_update = ""  # row lock for read-modify-write (SQLite's BEGIN IMMEDIATE already locks)

    def connect(self) -> Any:
        raise NotImplementedError

    def sql(self, statement: str, has_params: bool = True) -> str:
        """Rewrite `?` placeholders to this backend's paramstyle."""
        if self.paramstyle == "format" and has_params:
            return statement.replace("%", "%%").replace("?", "%s")
        return statement

    def begin(self, write: bool) -> str:
        return "BEGIN"

    def migration_lock(self, cur: Any) -> None:
        """Serialise concurrent migrations (called inside the transaction)."""

    def translate(self, exc: Exception, where: str) -> Exception:
        return StoreError(f"{where}: {exc}")

    def is_error(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def broken(self, conn: Any) -> bool:
        """True when the connection was lost (a server restart) and must be opened again."""
        return False


class _SQLite(_Backend):
    name = "sqlite"
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, path: Path, busy_timeout_ms: int, synchronous: str) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        if synchronous.upper() not in {"NORMAL", "FULL"}:
            raise ValueError("synchronous must be NORMAL or FULL")
        self.synchronous = synchronous.upper()

    def connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000,
                               isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            mode = self._wal(conn)
            if mode.lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode}); "
                                 "is it on a network file system? Use a local disk")
            # NORMAL: a commit survives the process being killed (it is in the WAL file);
            # FULL also fsyncs each commit, so it survives power loss too.
            conn.execute(f"PRAGMA synchronous = {self.synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
        except Exception:
            conn.close()
            raise
        return conn

    def _wal(self, conn: sqlite3.Connection) -> str:
        """Switch to WAL. On a new file opened by several processes at once SQLite can answer
        "database is locked" at once, without waiting the busy timeout: retry until it."""
        deadline = time.monotonic() + self.busy_timeout_ms / 1000
        while True:
            try:
                return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def begin(self, write: bool) -> str:
        return "BEGIN IMMEDIATE" if write else "BEGIN"

    def is_error(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.Error)

    def translate(self, exc: Exception, where: str) -> Exception:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return StoreError(
                f"{self.path}: the database stayed locked for more than "
                f"{self.busy_timeout_ms / 1000:g} s ({text}); another program holds a write "
                "lock - close it (or an open DB browser) and try again")
        if "not a database" in text or "malformed" in text or "file is encrypted" in text:
            return StoreError(
                f"{self.path}: the file is not a readable SQLite database or is corrupted "
                f"({text}); move it aside and restore a backup, or point {ENV_URL} elsewhere")
        return StoreError(f"{self.path}: {where}: {text}")


class _Postgres(_Backend):
    name = "postgresql"
    paramstyle = "format"
    id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    for_update = " FOR UPDATE"

    def __init__(self, url: str, lock_timeout_ms: int) -> None:
        self.url = url
        self.lock_timeout_ms = lock_timeout_ms

    def connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreError("a PostgreSQL URL needs psycopg: pip install 'psycopg[binary]'") from exc
        conn = psycopg.connect(self.url, autocommit=True)
        # like SQLite's busy timeout: wait this long for a lock, then say so
        conn.execute(f"SET lock_timeout = {int(self.lock_timeout_ms)}")
        return conn

    def migration_lock(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(7307301)")

    def broken(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def is_error(self, exc: BaseException) -> bool:
        import psycopg

        return isinstance(exc, psycopg.Error)

    def translate(self, exc: Exception, where: str) -> Exception:
        if getattr(exc, "sqlstate", None) == "55P03":  # lock_not_available
            return StoreError(f"PostgreSQL: a row stayed locked for more than "
                              f"{self.lock_timeout_ms / 1000:g} s ({str(exc).strip()}); another "
                              "session holds it - try again, or end that session")
        return StoreError(f"PostgreSQL {where}: {str(exc).strip()}")


def _backend_for(url: str | os.PathLike[str] | None, busy_timeout_ms: int,
                 synchronous: str = "NORMAL") -> _Backend:
    if url is None:
        url = os.environ.get(ENV_URL) or default_path()
    text = os.fspath(url)
    if re.match(r"postgres(ql)?(\+\w+)?://", text):
        plain = re.sub(r"^postgres(ql)?\+\w+://", "postgresql://", text)
        return _Postgres(plain, busy_timeout_ms)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    elif "://" in text:
        raise StoreError(f"unsupported database URL {text!r}: use a file path, "
                         "sqlite:///path or postgresql://user@host/db")
    return _SQLite(Path(text).expanduser(), busy_timeout_ms, synchronous)


@dataclass
class _Cursor:
    """A DB-API cursor that speaks `?` placeholders on every backend."""

    raw: Any
    backend: _Backend

    def execute(self, statement: str, params: Sequence[Any] = ()) -> _Cursor:
        if params:
            self.raw.execute(self.backend.sql(statement), tuple(params))
        else:
            self.raw.execute(self.backend.sql(statement, has_params=False))
        return self

    def fetchone(self) -> tuple | None:
        return self.raw.fetchone()

    def fetchall(self) -> list[tuple]:
        return list(self.raw.fetchall())

    def insert(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id (RETURNING works on both backends)."""
        row = self.execute(statement + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])


class Store:
    """A connection to the learning database, safe to share between a kernel's threads.

    Open with a file path, `sqlite:///path`, or `postgresql://...`; with nothing, the
    `VOCABSPHERE_DB` environment variable or ~/.vocabsphere/learning.sqlite3. Opening
    applies any pending migrations (`upgrade_to` stops early, for tests of old schemas).
    `busy_timeout_ms` is how long a write waits for another writer's lock (SQLite's
    busy_timeout, PostgreSQL's lock_timeout) before a clear `StoreError`.
    `synchronous="FULL"` makes SQLite fsync every commit (survives power loss, slower).
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *,
                 busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, synchronous: str = "NORMAL",
                 upgrade_to: int = LATEST_VERSION) -> None:
        self.backend = _backend_for(url, busy_timeout_ms, synchronous)
        self._lock = threading.RLock()
        try:
            self._conn = self.backend.connect()
        except Exception as exc:
            if self.backend.is_error(exc):
                raise self.backend.translate(exc, "cannot open the database") from exc
            raise
        try:
            self.migrate(upgrade_to)
        except Exception:
            self.close()
            raise

    @property
    def kind(self) -> str:
        return self.backend.name

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[_Cursor]:
        """One atomic unit: committed on success, rolled back on any error."""
        with self._lock:
            if self._conn is None:
                raise StoreError("the store is closed")
            if self.backend.broken(self._conn):  # the server went away: try it again now
                try:
                    fresh = self.backend.connect()
                except Exception as exc:
                    if self.backend.is_error(exc):
                        raise self.backend.translate(exc, "cannot reconnect") from exc
                    raise
                self._conn.close()
                self._conn = fresh
            raw = self._conn.cursor()
            cur = _Cursor(raw, self.backend)
            try:
                raw.execute(self.backend.begin(write))
            except Exception as exc:
                raw.close()
                if self.backend.is_error(exc):
                    raise self.backend.translate(exc, "cannot start a transaction") from exc
                raise
            try:
                yield cur
                raw.execute("COMMIT")
            except BaseException as exc:
                try:
                    raw.execute("ROLLBACK")
                except Exception:
                    pass
                if isinstance(exc, Exception) and self.backend.is_error(exc):
                    raise self.backend.translate(exc, "query failed") from exc
                raise
            finally:
                raw.close()

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of one read-only statement, in its own short transaction."""
        with self.transaction(write=False) as cur:
            return cur.execute(statement, params).fetchall()

    # --- schema ----------------------------------------------------------------------------
    def version(self) -> int:
        rows = self.query("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    def migrate(self, target: int = LATEST_VERSION) -> list[int]:
        """Apply the migrations above the current version, each in one transaction."""
        applied: list[int] = []
        if self._current_version() >= min(target, LATEST_VERSION):
            return applied  # the usual case: a read, no write lock at every kernel start
        with self.transaction() as cur:
            self.backend.migration_lock(cur)
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for version, name, statements in MIGRATIONS:
            if version > target:
                break
            with self.transaction() as cur:
                self.backend.migration_lock(cur)
                done = cur.execute("SELECT 1 FROM schema_migrations WHERE version = ?",
                                   (version,)).fetchone()
                if done:
                    continue
                for statement in statements:
                    cur.execute(statement.replace("{id}", self.backend.id_column))
                cur.execute("INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (?, ?, ?)",
                            (version, name, utc_iso(datetime.now(timezone.utc))))
                applied.append(version)
        return applied

    def _current_version(self) -> int:
        """The schema version, or 0 for an empty database (read-only)."""
        with self.transaction(write=False) as cur:
            if self.kind == "sqlite":
                exists = cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'schema_migrations'").fetchone()
            else:
                exists = cur.execute("SELECT to_regclass('schema_migrations')").fetchone()
                exists = exists if exists and exists[0] else None
            if not exists:
                return 0
            row = cur.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0) if row else 0

    def integrity_check(self) -> str:
        """'ok' when the database file is sound (SQLite's integrity_check; PostgreSQL: 'ok')."""
        if self.kind != "sqlite":
            self.query("SELECT 1")
            return "ok"
        rows = self.query("PRAGMA integrity_check")
        return "; ".join(str(r[0]) for r in rows)

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for checks and tests)."""
        if table not in {"students", "words", "cards", "reviews", "events", "parameters", "fits"}:
            raise ValueError(f"unknown table {table!r}")
        return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    def __repr__(self) -> str:
        where = getattr(self.backend, "path", None) or "PostgreSQL"
        return f"Store({where})"
