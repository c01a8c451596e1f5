"""Fixtures for the learning store: a clock, SQLite files, and a throwaway PostgreSQL.

PostgreSQL is real: when its binaries are missing and the tests run as root they install
Debian's `postgresql` package, then initdb a cluster in a temporary folder listening on
127.0.0.1 on a free port, and stop it at the end. They skip, saying why, only where
that is impossible.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.learning.store import Store

from .support import Clock

@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "learning.sqlite3"


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as s:
        yield s


def _pg_bindir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return os.path.dirname(found[-1]) if found else None


def _install_postgres() -> str:
    """apt-get install postgresql (root only); returns what went wrong, or ''."""
    cmd = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q",
           "--no-install-recommends", "postgresql"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-q"],
                       capture_output=True, env=env)
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return "" if r.returncode == 0 else (r.stderr or r.stdout).strip()[-400:]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a running throwaway PostgreSQL server (superuser `postgres`, trust auth)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install 'psycopg[binary]'")
    bindir = _pg_bindir()
    if bindir is None:
        if os.geteuid() != 0:
            pytest.skip("PostgreSQL is not installed and the tests are not root; as root run "
                        "apt-get install --no-install-recommends postgresql")
        problem = _install_postgres()
        bindir = _pg_bindir()
        if bindir is None:
            pytest.skip(f"could not install Debian postgresql: {problem}")
    run_as: dict = {}
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        run_as = {"user": "postgres", "group": "postgres"}
    tmp = Path(tempfile.mkdtemp(prefix="vs-pg-"))
    if run_as:
        shutil.chown(tmp, "postgres", "postgres")
    data, port = tmp / "data", _free_port()
    subprocess.run([f"{bindir}/initdb", "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-sync"], check=True, capture_output=True, **run_as)
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off -c max_connections=100"
    start = subprocess.run([f"{bindir}/pg_ctl", "-D", str(data), "-l", str(tmp / "log"), "-o", opts,
                            "-w", "-t", "60", "start"], capture_output=True, text=True, **run_as)
    if start.returncode != 0:
        log = (tmp / "log").read_text() if (tmp / "log").exists() else start.stderr
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {log[-800:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, **run_as)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the throwaway server, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "learning.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s
