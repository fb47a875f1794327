"""Schema management: upgrade, downgrade, check — used by `erbij db …`, `serve` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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


def _run(engine: Engine, fn: object, *args: object) -> None:
    cfg = _config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        fn(cfg, *args)  # type: ignore[operator]


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
