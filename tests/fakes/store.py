"""The in-memory database behind the fakes: named tables of immutable values, and transactions over them.

A transaction reads a private copy of each table it touches (copied on first use) and remembers which rows
it wrote; `commit` writes exactly those rows back, `rollback` forgets them. Row ids come from the store,
as a database sequence does: a rolled-back insert still uses up its id.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any


class ReadOnlyTransaction(RuntimeError):
    """A write inside `uow.read()` (on PostgreSQL such a transaction is READ ONLY and the write fails)."""


class TransactionClosed(RuntimeError):
    """Used after commit or rollback (the SQL unit of work's session does not begin a new one by itself)."""


class Store:
    """The committed state: table name → primary key → row value."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[Any, Any]] = {}
        self._sequences: dict[str, int] = {}

    def next_id(self, table: str) -> int:
        self._sequences[table] = self._sequences.get(table, 0) + 1
        return self._sequences[table]

    def rows(self, table: str) -> list[Any]:
        """Committed rows of `table` in key order (for tests that look at what was stored)."""
        return [row for _, row in sorted(self.tables.get(table, {}).items())]


class Transaction:
    def __init__(self, store: Store, *, read_only: bool = False) -> None:
        self.store = store
        self.read_only = read_only
        self._copies: dict[str, dict[Any, Any]] = {}
        self._dirty: set[tuple[str, Any]] = set()
        self.closed = False

    def table(self, name: str) -> dict[Any, Any]:
        """This transaction's view of the table: committed rows plus its own writes. Do not write to it."""
        if self.closed:
            raise TransactionClosed("this transaction has ended (commit or rollback)")
        copy = self._copies.get(name)
        if copy is None:
            copy = self._copies[name] = dict(self.store.tables.get(name, {}))
        return copy

    def rows(self, name: str) -> Iterator[Any]:
        """The table's rows in key order (a database's insertion order for integer ids)."""
        table = self.table(name)
        for key in sorted(table):
            yield table[key]

    def get(self, name: str, key: Any) -> Any:
        return self.table(name).get(key)

    def put(self, name: str, key: Any, row: Any) -> None:
        self._writing()
        self.table(name)[key] = row
        self._dirty.add((name, key))

    def delete(self, name: str, key: Any) -> None:
        self._writing()
        self.table(name).pop(key, None)
        self._dirty.add((name, key))

    def next_id(self, name: str) -> int:
        self.table(name)  # fails once the transaction has ended
        self._writing()
        return self.store.next_id(name)

    def commit(self) -> None:
        for name, key in self._dirty:
            committed = self.store.tables.setdefault(name, {})
            mine = self._copies[name]
            if key in mine:
                committed[key] = mine[key]
            else:
                committed.pop(key, None)
        self.rollback()

    def rollback(self) -> None:
        """Forget this transaction's writes and end it."""
        self._copies.clear()
        self._dirty.clear()
        self.closed = True

    def _writing(self) -> None:
        if self.read_only:
            raise ReadOnlyTransaction("a write in a read-only transaction")


def utc(moment: datetime) -> datetime:
    """As the database column type does: aware instants only, handed back in UTC."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; pass an aware UTC instant")
    return moment.astimezone(UTC)


def utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else utc(moment)
