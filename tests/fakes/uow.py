"""The unit of work in memory, as `storage.uow.SqlUnitOfWork` behaves: commit or nothing.

Leaving the `with` block without `commit()` rolls back; `read()` gives a transaction in which any write
fails (as on PostgreSQL, where such a transaction is READ ONLY).
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from commands import ports
from commands.cases.ports import CaseRepository
from commands.consults.ports import (
    ActionRepository,
    AgendaItemRepository,
    ConsultRepository,
    SlotRepository,
)
from commands.monitor.ports import MonitorRepository
from commands.outbox import OutgoingMessage
from commands.ports import AuditEvent
from commands.requests.ports import RequestRepository
from tests.fakes.cases import FakeCaseRepository
from tests.fakes.consults import (
    FakeActionRepository,
    FakeAgendaItemRepository,
    FakeConsultRepository,
    FakeSlotRepository,
)
from tests.fakes.other import (
    AUDIT,
    OUTBOX,
    FakeAuditRepository,
    FakeMonitorRepository,
    FakeOutboxRepository,
    NoRetention,
    Queued,
)
from tests.fakes.requests import FakeRequestRepository
from tests.fakes.roster import FakeRosterRepository
from tests.fakes.store import Store, Transaction


class FakeUnitOfWork:
    # The ports' types, so mypy checks that every fake implements its port (as for SqlUnitOfWork).
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

    def __init__(self, store: Store, *, read_only: bool = False) -> None:
        self.tx = Transaction(store, read_only=read_only)
        self._outbox = FakeOutboxRepository(self.tx)
        self.outbox = self._outbox
        self._audit = FakeAuditRepository(self.tx)
        self.audit = self._audit
        self.roster = FakeRosterRepository(self.tx)
        self.cases = FakeCaseRepository(self.tx)
        self.slots = FakeSlotRepository(self.tx)
        self.consults = FakeConsultRepository(self.tx)
        self.agenda_items = FakeAgendaItemRepository(self.tx)
        self.actions = FakeActionRepository(self.tx)
        self.requests = FakeRequestRepository(self.tx)
        self.monitor = FakeMonitorRepository(self.tx)
        self.retention = NoRetention()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self.tx.commit()
        self._audit.commit_pending()  # a read transaction's audit events (storage.audit's group commit)
        self._outbox.queued = 0

    def rollback(self) -> None:
        self.tx.rollback()
        self._audit.pending = []
        self._outbox.queued = 0


class FakeUnitOfWorkFactory:
    """Every transaction over one in-memory store; tests read what was committed from `store`."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)

    def read(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store, read_only=True)

    def sent(self) -> list[OutgoingMessage]:
        """Every committed outbox message, oldest first."""
        queued: list[Queued] = self.store.rows(OUTBOX)
        return [q.message for q in queued]

    def audit_trail(self) -> list[AuditEvent]:
        events: list[AuditEvent] = self.store.rows(AUDIT)
        return events


def _conforms(factory: FakeUnitOfWorkFactory) -> ports.UnitOfWorkFactory:
    return factory  # mypy checks the fake factory (and so its unit of work) against the ports
