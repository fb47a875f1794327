"""The health check's write probe: reading is not enough to call a database healthy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert, update
from sqlalchemy.exc import IntegrityError

from storage.models import HealthProbeRow


def probe_write(engine: Engine, now: datetime) -> None:
    """Raise unless the database accepts and commits a write (the one row of `health_probe`).

    A full disk, a read-only SQLite file or a read-only PostgreSQL replica all answer `SELECT 1`; they
    fail here. The write is one small row, so it costs about as much as the read it replaces."""
    try:
        with engine.begin() as conn:
            row = update(HealthProbeRow).where(HealthProbeRow.id == 1).values(checked_at=now)
            if conn.execute(row).rowcount == 0:
                conn.execute(insert(HealthProbeRow).values(id=1, checked_at=now))
    except IntegrityError:
        # Two first probes raced to insert the row: the other one's write committed, so writes work.
        pass
