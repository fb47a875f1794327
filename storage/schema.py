"""Schema management: upgrade, downgrade, check — used by `erbij db …`, `serve` and the tests.

alembic is imported only where a migration runs: `erbij serve` checks the schema at every start, and alembic
(with mako and pygments behind it) would otherwise stay resident in the server, about 11 MB, for nothing. The
check reads the revisions from the migration files and the database's version table itself.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
# `revision = "0001"` and `down_revision = "0001"` (or None, or a tuple for a merge) in a migration file.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


class SchemaOutdated(RuntimeError):
    """The database is not at the schema this code expects."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(f"database schema is at {current or 'empty'}, code expects {head}")
        self.current = current
        self.head = head


def _config(engine: Engine) -> Config:
    from alembic.config import Config

    # stdout named here: alembic's default is the sys.stdout of the moment it was first imported, which is
    # now the first migration's (in the tests, a capture long closed by the next one).
    cfg = Config(stdout=sys.stdout)
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
        sqlite = connection.dialect.name == "sqlite"
        if locking:
            connection.execute(text(_LOCK))
            connection.commit()  # a session lock: it outlives this transaction, until _UNLOCK
        if sqlite:
            # SQLite alters a table by copying it (alembic's batch mode) and dropping the old one, which the
            # foreign keys of other tables' rows refuse once there is data. Its documented procedure: keys
            # off for the schema change, every key checked before the change commits.
            _sqlite_foreign_keys(connection, "OFF")
        try:
            with connection.begin():
                cfg.attributes["connection"] = connection
                fn(cfg, *args)  # type: ignore[operator]
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if locking:
                connection.execute(text(_UNLOCK))
                connection.commit()
            if sqlite:
                _sqlite_foreign_keys(connection, "ON")


def _sqlite_foreign_keys(connection: Connection, setting: str) -> None:
    """A PRAGMA that only works outside a transaction: on the driver's connection, which SQLAlchemy's would
    not leave (it begins one on first use)."""
    connection.connection.dbapi_connection.execute(f"PRAGMA foreign_keys={setting}")  # type: ignore[union-attr]


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise RuntimeError(
            f"the migration left rows whose foreign keys point nowhere, in {', '.join(tables)}"
        )


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def check(engine: Engine) -> None:
    """Raise if the models and the migrations disagree (alembic's autogenerate finds a difference)."""
    from alembic import command

    _run(engine, command.check)


def head_revision() -> str:
    """The newest migration: the one revision no other migration names as its predecessor."""
    revisions: set[str] = set()
    predecessors: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revisions.add(str(ast.literal_eval(found["revision"])))
        down = ast.literal_eval(found.get("down_revision", "None"))
        predecessors.update([down] if isinstance(down, str) else down or ())
    heads = revisions - predecessors
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The revision alembic recorded in the database (None: an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        query = text(f"SELECT version_num FROM {VERSION_TABLE}")  # noqa: S608 (a constant)
        found = sorted(connection.execute(query).scalars())
    return ",".join(found) or None  # more than one (never written by Erbij) is not the head either


def require_current(engine: Engine) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        raise SchemaOutdated(current, head)
