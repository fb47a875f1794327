"""The smaller ports in memory: outbox, audit trail, the monitor's answers; and what is not faked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from commands.monitor.model import FamilyAnswer, History
from commands.outbox import OutgoingMessage
from commands.ports import AuditEvent, ErasedCase, RetentionCandidate
from tests.fakes.store import Transaction, utc

OUTBOX = "outbox"  # key: id; row: Queued
AUDIT = "audit"
FAMILY_ANSWERS = "family_answers"  # key: ("checkout", involvement id) or ("close", case id)
REPORTS = "monitor_reports"  # key: report key


class NotFaked(NotImplementedError):
    """This port has no in-memory fake: the test belongs with the SQL tests."""


@dataclass(frozen=True)
class Queued:
    message: OutgoingMessage
    created_at: datetime
    due_at: datetime


class FakeOutboxRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self.queued = 0

    def add(self, message: OutgoingMessage, now: datetime) -> None:
        if not self.add_once(message, now):
            raise ValueError(f"outbox key {message.key!r} is taken (a unique column in the database)")

    def add_once(self, message: OutgoingMessage, now: datetime) -> bool:
        if any(q.message.key == message.key for q in self.tx.rows(OUTBOX)):
            return False
        self.queued += 1
        due = utc(message.not_before or now)
        self.tx.put(OUTBOX, self.tx.next_id(OUTBOX), Queued(message, utc(now), due))
        return True


class FakeAuditRepository:
    """As storage.audit: in a read-only transaction the events wait for its commit (`commit_pending`),
    which writes them in a write transaction of their own; a rollback forgets them."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self.pending: list[AuditEvent] = []

    def record(self, event: AuditEvent) -> None:
        if self.tx.read_only:
            self.pending.append(event)
            return
        _append(self.tx, event)

    def commit_pending(self) -> None:
        pending, self.pending = self.pending, []
        if pending:
            tx = Transaction(self.tx.store)
            for event in pending:
                _append(tx, event)
            tx.commit()

    def for_case(self, case_code: str) -> list[AuditEvent]:
        return [event for event in self.tx.rows(AUDIT) if event.case_code == case_code]


def _append(tx: Transaction, event: AuditEvent) -> None:
    tx.put(AUDIT, tx.next_id(AUDIT), replace(event, at=utc(event.at), detail=dict(event.detail)))


class FakeMonitorRepository:
    """The answers the family gave, and the report claims; the history query is SQL's own business."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def history(
        self, start: datetime, end: datetime, timezone: str, *, involved_before: bool = False
    ) -> History:
        raise NotFaked("MonitorRepository.history")

    def record_checkout_answer(self, involvement_id: int, answer: FamilyAnswer) -> None:
        self.tx.put(FAMILY_ANSWERS, ("checkout", involvement_id), answer)

    def record_close_answer(self, case_id: int, answer: FamilyAnswer) -> None:
        self.tx.put(FAMILY_ANSWERS, ("close", case_id), answer)

    def report_claimed(self, key: str) -> bool:
        return self.tx.get(REPORTS, key) is not None

    def claim_report(self, key: str, now: datetime) -> bool:
        if self.report_claimed(key):
            return False
        self.tx.put(REPORTS, key, utc(now))
        return True


class NoRetention:
    """Retention erases across every table at once: tested on SQL only (tests/privacy)."""

    def due(self, closed_before: datetime) -> list[RetentionCandidate]:
        raise NotFaked("RetentionRepository.due")

    def erase(self, case_id: int) -> ErasedCase:
        raise NotFaked("RetentionRepository.erase")

    def purge_outbox(self, created_before: datetime) -> int:
        raise NotFaked("RetentionRepository.purge_outbox")
