"""The PostgreSQL store survives a server restart: the next transaction opens a new connection."""

from __future__ import annotations

import pytest

from toolkit.learning.store import Store, StoreError

from .test_hub_bad_input import own_postgres


def test_a_store_reconnects_after_postgresql_restarts():
    with own_postgres() as pg:
        store = Store(pg.url)
        try:
            assert store.query("SELECT 1") == [(1,)]
            pg.pg_ctl("-m", "fast", "stop")
            with pytest.raises(StoreError, match="PostgreSQL"):
                store.query("SELECT 1")
            with pytest.raises(StoreError, match="cannot reconnect"):
                store.query("SELECT 1")  # still down: a clear error, not a hang
            pg.pg_ctl("start")
            assert store.query("SELECT 1") == [(1,)]
            assert store.version() > 0
        finally:
            store.close()
