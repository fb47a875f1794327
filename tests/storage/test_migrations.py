"""Migrations on the database under test: upgrade, downgrade, models agree with migrations, serve's check."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

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


def test_every_revision_downgrades_one_step(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine)
        head = schema.head_revision()
        schema.downgrade(engine, "-1")
        assert schema.current_revision(engine) != head
        schema.upgrade(engine)
        assert schema.current_revision(engine) == head
    finally:
        engine.dispose()
