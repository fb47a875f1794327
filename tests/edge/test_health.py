"""/healthz proves the database accepts a write: a database that only reads is not healthy."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import event

from bot.demo.world import World


def _refuse_writes(stack: World) -> None:
    """From now on every new connection of the bot may read but not write (as a full disk, a read-only
    file or a read-only replica would); the pool is emptied so no writable connection is left."""
    engine = stack.bot.engine

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()  # a SET inside the driver's implicit transaction would be rolled back
        cursor.close()

    engine.dispose()


def test_health_is_ok_while_writes_work_and_503_once_they_fail(stack: World) -> None:
    url = f"{stack.server.url}/healthz"  # type: ignore[union-attr]
    healthy = httpx.get(url)
    assert healthy.status_code == 200 and healthy.json()["database"] == "ok"
    _refuse_writes(stack)
    # Reads still work: the old check (SELECT 1) would have called this healthy.
    raw = stack.bot.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
        assert row is not None and row[0] == 1
    finally:
        raw.close()
    refused = httpx.get(url)
    assert refused.status_code == 503
    body = refused.json()
    assert body["status"] == "degraded"
    assert body["database"].startswith("error: ")
    assert "outbox" not in body  # nothing read from a database that is not well
