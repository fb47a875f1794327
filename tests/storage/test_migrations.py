"""Migrations on the database under test: upgrade, downgrade, models agree with migrations, serve's check."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from storage import schema
from storage.engine import make_engine


def test_upgrade_downgrade_upgrade_and_check(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        assert schema.current_revision(engine) is None
        with pytest.raises(schema.SchemaOutdated) as outdated:
            schema.require_current(engine)
        assert outdated.value.current is None

        schema.upgrade(engine)
        assert schema.current_revision(engine) == schema.head_revision()
        schema.require_current(engine)
        schema.check(engine)  # raises if a model change has no migration
        assert {"outbox_message", "audit_event"} <= set(inspect(engine).get_table_names())

        schema.downgrade(engine, "base")
        assert schema.current_revision(engine) is None
        assert not {"outbox_message", "audit_event"} & set(inspect(engine).get_table_names())

        schema.upgrade(engine)
        schema.require_current(engine)
    finally:
        engine.dispose()


def test_serve_reads_the_revisions_as_alembic_does(empty_database_url: str) -> None:
    """`serve` checks the schema without importing alembic; the head and the database's revision it reads
    are alembic's, at every step of the chain."""
    from alembic.runtime.migration import MigrationContext

    assert schema.head_revision() == ScriptDirectory(str(schema.MIGRATIONS)).get_current_head()
    engine = make_engine(empty_database_url)
    try:
        for revision in [None, *_revisions()[:2], _revisions()[-1]]:
            if revision is not None:
                schema.upgrade(engine, revision)
            with engine.connect() as connection:
                assert (
                    schema.current_revision(engine)
                    == MigrationContext.configure(connection).get_current_revision()
                )
            assert schema.current_revision(engine) == revision
    finally:
        engine.dispose()


def _revisions() -> list[str]:
    """Every revision from the first to the head."""
    script = ScriptDirectory(str(schema.MIGRATIONS))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_every_revision_downgrades_one_step(empty_database_url: str) -> None:
    """Down one step at a time from the head to nothing, then up one step at a time: each step works."""
    revisions = _revisions()
    assert revisions[-1] == schema.head_revision() and len(revisions) >= 8
    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine)
        for below in [*reversed(revisions[:-1]), None]:
            schema.downgrade(engine, "-1")
            assert schema.current_revision(engine) == below
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        for revision in revisions:
            schema.upgrade(engine, "+1")
            assert schema.current_revision(engine) == revision
        schema.check(engine)
    finally:
        engine.dispose()


def test_a_downgrade_and_upgrade_of_the_claims_counter_keeps_it(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine, "0006")
        with engine.begin() as conn:
            for key, claims, claimed_by in [("a", 3, None), ("b", 0, None), ("c", 1, "w1")]:
                conn.execute(
                    text(
                        "INSERT INTO outbox_message (key, recipient_kind, recipient_ref, payload, status, "
                        "attempts, claims, due_at, claimed_by, created_at) VALUES (:key, 'user', 'u', '{}', "
                        "'pending', 0, :claims, '2026-11-23 08:00:00', :claimed_by, '2026-11-23 08:00:00')"
                    ),
                    {"key": key, "claims": claims, "claimed_by": claimed_by},
                )
        schema.downgrade(engine, "0005")
        with engine.begin() as conn:  # 0005's code claims a row without counting
            conn.execute(text("UPDATE outbox_message SET claimed_by = 'w2' WHERE key = 'b'"))
        schema.upgrade(engine, "0006")
        with engine.connect() as conn:
            rows = {
                key: claims for key, claims in conn.execute(text("SELECT key, claims FROM outbox_message"))
            }
        assert rows == {"a": 3, "b": 1, "c": 1}
    finally:
        engine.dispose()


def test_0016_fills_in_the_first_pick_up_of_earlier_requests(empty_database_url: str) -> None:
    """Requests picked up before 0016 get their first accept's time from their offers; others stay empty."""
    from bench.monitor_seed import seed

    engine = make_engine(empty_database_url)
    first_accept = (
        "SELECT h.id, (SELECT min(o.answered_at) FROM offer o WHERE o.request_id = h.id"
        " AND o.status = 'opgepakt') FROM help_request h ORDER BY h.id"
    )
    try:
        schema.upgrade(engine)
        seed(engine, cases=20, requests=120)
        with engine.connect() as conn:
            expected = [tuple(row) for row in conn.execute(text(first_accept))]
        schema.downgrade(engine, "0015")
        schema.upgrade(engine, "0016")
        with engine.connect() as conn:
            filled = [
                tuple(row)
                for row in conn.execute(text("SELECT id, first_accepted_at FROM help_request ORDER BY id"))
            ]
        assert filled == expected
        assert any(at is None for _, at in filled) and any(at is not None for _, at in filled)
    finally:
        engine.dispose()


def test_every_revision_downgrades_one_step_with_data_in_it(empty_database_url: str) -> None:
    """An admin who steps back a release does so on a database full of cases, requests and involvements:
    on SQLite, a table copied in batch mode must not be refused by the foreign keys pointing at it."""
    from bench.monitor_seed import seed

    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine)
        seed(engine, cases=20, requests=100)
        kept = []
        for revision in reversed(_revisions()[:-1]):
            schema.downgrade(engine, revision)
            if inspect(engine).has_table("cases"):  # the cases stay as long as their table does
                with engine.connect() as conn:
                    kept.append(conn.execute(text("SELECT count(*) FROM cases")).scalar())
        assert kept and set(kept) == {20}
        schema.upgrade(engine)
    finally:
        engine.dispose()
