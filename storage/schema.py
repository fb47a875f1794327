"""Schema management: upgrade, downgrade, check — used by `erbij db …`, `serve` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaOutdated(RuntimeError):
    """The database is not at the schema this code expects."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(f"database schema is at {current or 'empty'}, code expects {head}")
        self.current = current
        self.head = head


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


# One advisory lock key per schema: two `erbij db upgrade` (or two starting processes) on one PostgreSQL
# database take turns instead of both creating the same tables; the second finds the work done.
_LOCK = "SELECT pg_advisory_lock(hashtext('erbij-migrations:' || current_schema()))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtext('erbij-migrations:' || current_schema()))"


def _run(engine: Engine, fn: object, *args: object) -> None:
    cfg = _config(engine)
    with engine.connect() as connection:
        # SQLite needs no lock of its own: every transaction begins IMMEDIATE (storage.engine), so a
        # second migration waits for the first one's write lock and then sees the new revision.
        locking = connection.dialect.name == "postgresql"
        if locking:
            connection.execute(text(_LOCK))
            connection.commit()  # a session lock: it outlives this transaction, until _UNLOCK
        try:
            with connection.begin():
                cfg.attributes["connection"] = connection
                fn(cfg, *args)  # type: ignore[operator]
        finally:
            if locking:
                connection.execute(text(_UNLOCK))
                connection.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, command.downgrade, revision)


def check(engine: Engine) -> None:
    """Raise if the models and the migrations disagree (alembic's autogenerate finds a difference)."""
    _run(engine, command.check)


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current(engine: Engine) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        raise SchemaOutdated(current, head)
