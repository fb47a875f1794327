"""Engine construction: SQLite gets WAL, a busy timeout and immediate write locks taken in turn;
PostgreSQL uses psycopg 3.

Transactions that only read use `read_only(engine)`: on SQLite they begin deferred and take no write lock (in
WAL mode readers never wait for the writer); on PostgreSQL they are READ ONLY, so a write in one fails loudly.
Write transactions on SQLite queue on a lock in this process before `BEGIN IMMEDIATE`, so waiting writers are
woken the moment the lock is free instead of polling SQLite's busy timeout (which stays for other processes,
such as the CLI).
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

__all__ = ["Engine", "make_engine", "normalise_url", "ping", "read_only"]

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Connections kept open: every request thread (anyio's pool has 40) holds one for its transaction. With
# SQLAlchemy's default of five, the sixth concurrent request opened a new connection and closed it after,
# paying the PRAGMAs and SQLite's reading of the schema each time.
SQLITE_POOL_SIZE = 20
SQLITE_CACHE_KIB = 1024
READ_ONLY = "erbij_read_only"  # execution option: this transaction only reads


def ping(engine: Engine) -> None:
    """Raise if the database cannot answer a trivial query (for health checks)."""
    with read_only(engine).connect() as conn:
        conn.execute(text("SELECT 1"))


def read_only(engine: Engine) -> Engine:
    """The same engine (and pool) for transactions that only read."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return engine.execution_options(**options)


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use psycopg 3 for them (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        lock = WriteLock()
        options: dict[str, Any] = {"pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_POOL_SIZE, **kwargs}
        if ":memory:" in url or url.rstrip("/").endswith("sqlite:"):
            options = kwargs  # an in-memory database is one connection (SingletonThreadPool): no pool to size
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10, "factory": _connection_class(lock)},
            **options,
        )
        _tune_sqlite(engine, lock)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)


class WriteLock:
    """One writer at a time in this process, queued on a lock rather than on SQLite's polling busy handler."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def acquire(self) -> None:
        if not self._lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            # What SQLite itself would say after its busy timeout; never a silent wait for ever.
            raise sqlite3.OperationalError("database is locked (waited for this process's other writer)")

    def release(self) -> None:
        self._lock.release()


def _connection_class(lock: WriteLock) -> type[sqlite3.Connection]:
    class Connection(sqlite3.Connection):
        """Releases the process's write lock once its transaction has ended, whichever way it ended."""

        holds_write_lock = False

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                self._release()

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                self._release()

        def close(self) -> None:
            try:
                super().close()
            finally:
                self._release()

        def _release(self) -> None:
            if not self.holds_write_lock:
                return
            try:
                ended = not self.in_transaction
            except sqlite3.ProgrammingError:  # closed (e.g. invalidated mid-transaction): nothing is held
                ended = True
            if ended:
                self.holds_write_lock = False
                lock.release()

    return Connection


def _tune_sqlite(engine: Engine, lock: WriteLock) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event own transaction start (pysqlite would defer BEGIN otherwise).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 1 MiB of pages per connection instead of 2: the pool keeps up to SQLITE_POOL_SIZE of them (and as
        # many again under a burst), and in WAL mode a page SQLite does not keep is read from the OS's cache.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN DEFERRED")
            return
        # A write transaction takes the write lock up front: a deferred one that later writes can fail with
        # "database is locked" without waiting, which would break concurrent claims.
        dbapi = conn.connection.dbapi_connection
        lock.acquire()
        dbapi.holds_write_lock = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            dbapi.holds_write_lock = False
            lock.release()
            raise
