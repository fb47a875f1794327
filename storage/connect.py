"""Opening a database for an administrator's command, and naming what went wrong in plain terms.

SQLAlchemy's and the drivers' exceptions are precise but meant for programmers; the CLI, `serve` and
`erbij doctor` need to know *which* setup mistake it was (a typo in the URL, a database that was never
created, a server that is down) to tell the admin the fix. This module is that translation, so nothing
outside `storage/` has to know SQLAlchemy's exception types.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from storage import schema
from storage.engine import make_engine, ping

__all__ = [
    "DatabaseProblem",
    "MigrationProblem",
    "check_schema",
    "database_name",
    "migrate",
    "open_engine",
    "probe",
    "safe_location",
]

# The kinds of problem, each with its own fix in the message catalogue (`admin.db.<kind>`).
URL = "url"  # not a database URL at all
DRIVER = "driver"  # a URL for a database Erbij does not support (or whose driver is missing)
MISSING = "missing"  # the server answers, but the named database does not exist
LOGIN = "login"  # the server refused the user name or password
UNREACHABLE = "unreachable"  # nothing answers at that host and port
FILE = "file"  # SQLite cannot open or create the file (missing folder, no permission)
SCHEMA = "schema"  # reachable, but not at the schema this version expects
OTHER = "other"

# PostgreSQL SQLSTATEs (psycopg exposes them as `sqlstate`): invalid_catalog_name, auth failures.
_SQLSTATE_KIND = {"3D000": MISSING, "28P01": LOGIN, "28000": LOGIN}


class DatabaseProblem(Exception):
    """A database that cannot be used, with the kind of problem and where (the URL without password)."""

    def __init__(
        self, kind: str, where: str, detail: str = "", *, current: str | None = None, head: str = ""
    ) -> None:
        super().__init__(f"{kind}: {where}: {detail}".rstrip(": "))
        self.kind = kind
        self.where = where
        self.detail = detail
        self.current = current  # for SCHEMA: the revision found (None: empty database) and the one expected
        self.head = head


def safe_location(url: str) -> str:
    """The URL as it may be shown and logged: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(geen geldige database-URL)"


def database_name(url: str) -> str:
    try:
        return make_url(url).database or ""
    except (ArgumentError, ValueError):
        return ""


def open_engine(url: str) -> Engine:
    """An engine for `url`; a URL that cannot be parsed or names an unknown database becomes a problem."""
    where = safe_location(url)
    try:
        return make_engine(url)
    except ArgumentError as err:
        raise DatabaseProblem(URL, where, str(err)) from None
    except (NoSuchModuleError, ImportError) as err:
        raise DatabaseProblem(DRIVER, where, str(err)) from None


def probe(engine: Engine) -> None:
    """Raise `DatabaseProblem` unless the database answers a trivial query."""
    where = safe_location(engine.url.render_as_string(hide_password=False))
    try:
        ping(engine)
    except DBAPIError as err:
        raise DatabaseProblem(_kind(engine, err), where, _first_line(err)) from None
    except SQLAlchemyError as err:
        raise DatabaseProblem(OTHER, where, _first_line(err)) from None


def check_schema(engine: Engine) -> None:
    """Raise `DatabaseProblem(SCHEMA)` unless the database is at this version's newest migration."""
    try:
        schema.require_current(engine)
    except schema.SchemaOutdated as err:
        where = safe_location(engine.url.render_as_string(hide_password=False))
        raise DatabaseProblem(SCHEMA, where, str(err), current=err.current, head=err.head) from None


def _kind(engine: Engine, err: DBAPIError) -> str:
    state = getattr(err.orig, "sqlstate", None)
    if state in _SQLSTATE_KIND:
        return _SQLSTATE_KIND[state]
    text = str(err.orig).lower()
    if engine.dialect.name == "sqlite":
        return FILE if "unable to open" in text or "readonly" in text else OTHER
    if "does not exist" in text and "database" in text:
        return MISSING
    if "password" in text or "authentication" in text:
        return LOGIN
    return UNREACHABLE if isinstance(err.orig, Exception) and "connection" in text else OTHER


def _first_line(err: Exception) -> str:
    orig = getattr(err, "orig", None) or err
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


class MigrationProblem(Exception):
    """`erbij db upgrade|downgrade|check` could not do what was asked (unknown revision, models drifted)."""

    def __init__(self, action: str, revision: str, detail: str) -> None:
        super().__init__(f"{action} {revision}: {detail}")
        self.action = action
        self.revision = revision
        self.detail = detail


def migrate(engine: Engine, action: str, revision: str = "head") -> None:
    """Run `upgrade`, `downgrade` or `check`; alembic's own errors become a `MigrationProblem`."""
    from alembic.util.exc import CommandError  # here, not at import: `serve` never migrates (storage.schema)

    steps = {"upgrade": schema.upgrade, "downgrade": schema.downgrade}
    try:
        if action == "check":
            schema.check(engine)
        else:
            steps[action](engine, revision)
    except CommandError as err:
        raise MigrationProblem(action, revision, _first_line(err)) from None
