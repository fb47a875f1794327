"""The unit of work: one session, one transaction, every repository a handler needs."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from commands import ports
from commands.cases.ports import CaseRepository
from commands.consults.ports import (
    ActionRepository,
    AgendaItemRepository,
    ConsultRepository,
    SlotRepository,
)
from commands.monitor.ports import MonitorRepository
from commands.requests.ports import RequestRepository
from storage.agenda_items import SqlAgendaItemRepository
from storage.audit import AuditWriter, DeferredAuditRepository, SqlAuditRepository
from storage.cases import SqlCaseRepository
from storage.consult_actions import SqlActionRepository
from storage.consult_slots import SqlSlotRepository
from storage.consults import SqlConsultRepository
from storage.engine import read_only
from storage.monitor import SqlMonitorRepository
from storage.outbox import SqlOutboxRepository
from storage.requests import SqlRequestRepository
from storage.retention import SqlRetentionRepository
from storage.roster import SqlRosterRepository
from storage.roster_cache import RosterCache


class SqlUnitOfWork:
    """Leaving the `with` block without `commit()` rolls back: nothing half-written ever lands."""

    # Declared with the ports' types so this class satisfies `commands.ports.UnitOfWork` structurally.
    outbox: ports.OutboxRepository
    audit: ports.AuditRepository
    roster: ports.RosterRepository
    cases: CaseRepository
    slots: SlotRepository
    consults: ConsultRepository
    agenda_items: AgendaItemRepository
    actions: ActionRepository
    requests: RequestRepository
    monitor: MonitorRepository
    retention: ports.RetentionRepository

    def __init__(
        self,
        session_factory: Callable[[], Session],
        roster_cache: RosterCache | None = None,
        on_queued: Callable[[], None] | None = None,
        audit_writer: AuditWriter | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._roster_cache = roster_cache or RosterCache()
        self._on_queued = on_queued
        # Set for a read transaction: its reads' audit events are committed by the writer (storage.audit).
        self._audit_writer = audit_writer

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.session.begin()
        self._outbox = self.outbox = SqlOutboxRepository(self.session)
        self._deferred = DeferredAuditRepository(self.session) if self._audit_writer else None
        self.audit = self._deferred or SqlAuditRepository(self.session)
        self.roster = SqlRosterRepository(self.session, self._roster_cache)
        self.cases = SqlCaseRepository(self.session)
        self.slots = SqlSlotRepository(self.session)
        self.consults = SqlConsultRepository(self.session)
        self.agenda_items = SqlAgendaItemRepository(self.session)
        self.actions = SqlActionRepository(self.session)
        self.requests = SqlRequestRepository(self.session)
        self.monitor = SqlMonitorRepository(self.session)
        self.retention = SqlRetentionRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
        if self._deferred is not None and self._deferred.pending and self._audit_writer is not None:
            pending, self._deferred.pending = self._deferred.pending, []
            self._audit_writer.write(pending)  # returns once they are committed; raises if they could not be
        if self._outbox.queued and self._on_queued is not None:
            self._outbox.queued = 0
            self._on_queued()  # only now can a worker see the rows: wake it, and only if there are any

    def rollback(self) -> None:
        self.session.rollback()
        self._outbox.queued = 0
        if self._deferred is not None:
            self._deferred.pending = []


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autobegin=False)


class SqlUnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = session_factory(engine)
        self.read_sessions = session_factory(read_only(engine))
        self.audit_writer = AuditWriter(self.sessions)  # reads' audit rows, committed in groups
        self.roster_cache = RosterCache()  # one per process and database: shared by every transaction
        # Called after a commit that queued outbox messages (the composition root wakes the worker).
        self.on_queued: Callable[[], None] | None = None

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.roster_cache, self._queued)

    def read(self) -> SqlUnitOfWork:
        """A transaction that only reads: no write lock on SQLite; on PostgreSQL a write in it fails.

        The audit of its reads is the exception: recorded events are committed at `commit()`, grouped with
        other reads' (see storage.audit); without `commit()` they are dropped, like any rolled-back write.
        """
        return SqlUnitOfWork(self.read_sessions, self.roster_cache, audit_writer=self.audit_writer)

    def _queued(self) -> None:
        if self.on_queued is not None:
            self.on_queued()
