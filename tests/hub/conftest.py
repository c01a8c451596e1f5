"""Fixtures for tests/hub: the real PostgreSQL of tests/learning, a skip when no hub can run."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from learning.conftest import pg_server  # noqa: F401 - the same throwaway PostgreSQL server

from .support import missing


@pytest.fixture(scope="module")
def hub_ready() -> None:
    why = missing()
    if why:
        pytest.skip(why)


@pytest.fixture(scope="module")
def class_db(pg_server: str) -> Iterator[str]:  # noqa: F811
    """A fresh PostgreSQL database for one module's class, dropped afterwards."""
    import psycopg

    name = f"hub_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
