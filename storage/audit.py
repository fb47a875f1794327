"""The audit trail repository: append and read, never update or delete.

Reads audit too (NEN 7513: who read which card, when, from where). A read that took the write lock only to
append its audit row would make every card read on SQLite wait for every other one; so a read transaction
collects its audit events, and its `commit()` hands them to the `AuditWriter`, which commits the rows of
all reads arriving together in one short write transaction (group commit). The reader waits until its row
is committed before it answers, exactly as before: no read is shown that is not on record, and a failed
audit write still fails the read. What differs: the audit row lands a few milliseconds after the read's
snapshot instead of in the same transaction (it names the version read, so it stays exact), and rows of
different readers may share a transaction. Nothing else is shared: each row carries only its own reader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from commands.ports import AuditEvent
from storage.models import AuditRow

AUDIT = cast(Table, AuditRow.__table__)


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, event: AuditEvent) -> None:
        self.record_all([event])

    def record_all(self, events: list[AuditEvent]) -> None:
        """Events in one plain INSERT in this transaction, now (the group commit of reads passes several): an
        ORM instance per row (built, tracked, flushed at the commit) cost more than the row itself, on every
        command."""
        if events:
            self.session.execute(insert(AUDIT), [_values(event) for event in events])

    def for_case(self, case_code: str) -> list[AuditEvent]:
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.case_code == case_code).order_by(AuditRow.id)
        ).all()
        return [
            AuditEvent(
                at=r.at,
                actor_id=r.actor_id,
                action=r.action,
                case_code=r.case_code,
                result=r.result,
                authorisation=r.authorisation,
                access_point=r.access_point,
                detail=dict(r.detail),
                on_behalf_of=r.on_behalf_of,
            )
            for r in rows
        ]


def _values(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "actor_id": event.actor_id,
        "action": event.action,
        "case_code": event.case_code,
        "result": event.result,
        "authorisation": event.authorisation,
        "access_point": event.access_point,
        "on_behalf_of": event.on_behalf_of,
        "detail": dict(event.detail),
    }


class _Batch:
    __slots__ = ("done", "error", "events")

    def __init__(self, events: list[AuditEvent]) -> None:
        self.events = events
        self.done = False
        self.error: BaseException | None = None


class AuditWriter:
    """Commits the audit events of concurrent reads together: one write transaction per group.

    No thread of its own: the first reader to find nobody writing becomes the writer and takes everything
    queued so far (its own events first); readers arriving meanwhile queue for the next group, and one of
    them writes it. Every reader returns only once its own events are committed, or raises their error.
    """

    def __init__(self, sessions: Callable[[], Session]) -> None:
        self._sessions = sessions
        self._changed = threading.Condition()
        self._queued: list[_Batch] = []
        self._writing = False

    def write(self, events: list[AuditEvent]) -> None:
        mine = _Batch(list(events))
        with self._changed:
            self._queued.append(mine)
            while not mine.done and self._writing:
                self._changed.wait()
            if mine.done:
                if mine.error is not None:
                    raise mine.error
                return
            self._writing = True
            group, self._queued = self._queued, []
        try:
            self._commit(group)
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()
        if mine.error is not None:
            raise mine.error

    def _commit(self, group: list[_Batch]) -> None:
        try:
            self._insert([e for batch in group for e in batch.events])
        except Exception as err:
            if len(group) == 1:
                group[0].error = err
            else:  # one reader's bad row must not fail the others': each on its own
                for batch in group:
                    try:
                        self._insert(batch.events)
                    except Exception as err:
                        batch.error = err
        for batch in group:
            batch.done = True

    def _insert(self, events: list[AuditEvent]) -> None:
        with self._sessions() as session:
            session.begin()
            SqlAuditRepository(session).record_all(events)
            session.commit()


class DeferredAuditRepository:
    """The audit repository of a read transaction: events are kept until its commit hands them to the
    `AuditWriter` (a rollback forgets them, as a write transaction's would); reads go to the tables."""

    def __init__(self, session: Session) -> None:
        self._tables = SqlAuditRepository(session)
        self.pending: list[AuditEvent] = []

    def record(self, event: AuditEvent) -> None:
        self.pending.append(event)

    def for_case(self, case_code: str) -> list[AuditEvent]:
        return self._tables.for_case(case_code)
