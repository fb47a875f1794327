"""Ports the product needs from the outside world, as Protocols; `storage` and `bot` implement them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from commands.outbox import OutboxStats, OutgoingMessage, PendingDelivery
from commands.roster.model import (
    Absence,
    ExpertiseArea,
    Organisation,
    OrganisationKind,
    Professional,
    RosterChanges,
)

if TYPE_CHECKING:
    from commands.cases.ports import CaseRepository
    from commands.consults.ports import (
        ActionRepository,
        AgendaItemRepository,
        ConsultRepository,
        SlotRepository,
    )
    from commands.monitor.ports import MonitorRepository
    from commands.requests.ports import RequestRepository


@dataclass(frozen=True)
class AuditEvent:
    """One line of the NEN 7513 audit trail (docs/domain.md §8)."""

    at: datetime
    actor_id: str
    action: str  # e.g. "kaart.lezen", "kaart.wijzigen", "kaart.exporteren"
    case_code: str | None
    result: str = "toegestaan"  # or "geweigerd"
    authorisation: str = ""  # e.g. "regiehouder", "betrokken_expert", "mdo_deelnemer"
    access_point: str = ""  # e.g. "/kaart", "cli"
    detail: dict[str, str] = field(default_factory=dict)
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class RetentionCandidate:
    """A closed case whose content is due for erasure (commands.privacy_retention)."""

    case_id: int
    code: str
    closed_at: datetime


@dataclass(frozen=True)
class ErasedCase:
    """What was erased of one case: counts only, for the audit trail."""

    card_versions: int
    framework_notes: int
    request_questions: int
    consult_texts: int


class RetentionRepository(Protocol):
    def due(self, closed_before: datetime) -> list[RetentionCandidate]: ...

    def erase(self, case_id: int) -> ErasedCase: ...

    def purge_outbox(self, created_before: datetime) -> int: ...


class OutboxRepository(Protocol):
    def add(self, message: OutgoingMessage, now: datetime) -> None: ...

    def add_once(self, message: OutgoingMessage, now: datetime) -> bool:
        """Add unless a message with this key exists (committed by anyone): False then, and nothing added.
        For messages caused by an outside event that may arrive twice (the channel guard)."""
        ...


class AuditRepository(Protocol):
    def record(self, event: AuditEvent) -> None: ...

    def for_case(self, case_code: str) -> list[AuditEvent]: ...


class RosterRepository(Protocol):
    """Organisations and professionals; reads return domain values, writes touch only what they name."""

    def professional(self, user_id: str) -> Professional | None:
        """Active or not."""
        ...

    def professional_by_username(self, username: str) -> Professional | None: ...

    def professionals_by_ids(self, user_ids: Iterable[str]) -> dict[str, Professional]:
        """The people with these ids (active or not) that the roster knows; only those are looked up."""
        ...

    def professionals(self, *, include_inactive: bool = False) -> list[Professional]: ...

    def active_experts(self) -> list[Professional]: ...

    def candidate_experts(
        self,
        expertise: str,
        kinds: frozenset[OrganisationKind],
        municipality: str | None,
        known: frozenset[str] = frozenset(),
    ) -> list[Professional]:
        """Active experts of a wanted kind serving the area, with the expertise or `known` to the case."""
        ...

    def organisations(self) -> list[Organisation]:
        """The active ones."""
        ...

    def expertise_areas(self) -> list[ExpertiseArea]:
        """The region's active vocabulary, in file order (empty before the first import)."""
        ...

    def apply(self, changes: RosterChanges, now: datetime) -> None: ...

    def set_paused(self, user_id: str, paused: bool, now: datetime) -> None: ...

    def set_capacity(self, user_id: str, capacity: int, now: datetime) -> None: ...

    def add_absence(self, user_id: str, absence: Absence, now: datetime) -> None: ...

    def remove_absences(self, user_id: str, absences: list[Absence], now: datetime) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: everything done through it is committed together or not at all."""

    outbox: OutboxRepository
    audit: AuditRepository
    roster: RosterRepository
    cases: CaseRepository
    slots: SlotRepository
    consults: ConsultRepository
    agenda_items: AgendaItemRepository
    actions: ActionRepository
    requests: RequestRepository
    monitor: MonitorRepository
    retention: RetentionRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...

    def read(self) -> UnitOfWork:
        """A transaction that only reads (no write lock on SQLite; a write in it fails on PostgreSQL)."""
        ...


class OutboxQueue(Protocol):
    """The delivery side of the outbox, used by the worker; claims are safe across processes."""

    def claim_due(
        self, now: datetime, worker: str, limit: int, lease_seconds: float
    ) -> list[PendingDelivery]: ...

    def renew(self, delivery_id: int, worker: str, now: datetime, lease_seconds: float) -> bool:
        """Extend this worker's still-valid lease on a claimed row; False means: do not send it."""
        ...

    def mark_sent(self, delivery_id: int, worker: str, post_id: str, now: datetime) -> None:
        """Record the post id; the row's payload and file are cleared (privacy)."""
        ...

    def mark_retry(
        self,
        delivery_id: int,
        worker: str,
        error: str,
        retry_at: datetime,
        park: bool,
        count_attempt: bool = True,
    ) -> None: ...

    def stats(self, now: datetime) -> OutboxStats: ...

    def failed(self, limit: int = 50) -> list[tuple[int, str, str, int]]:
        """Parked rows as (id, key, last error, attempts)."""
        ...

    def requeue_failed(self, now: datetime) -> int: ...


@dataclass(frozen=True)
class ChatUser:
    id: str
    username: str
    first_name: str = ""
    last_name: str = ""

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.username


class Directory(Protocol):
    """Who is who in chat: resolves usernames and reads presence (read-only, may be slow: keep calls few)."""

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]: ...

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]: ...

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        """Mattermost status per user id: online, away, dnd, offline or ooo."""
        ...


class BackgroundJobs(Protocol):
    """Work that outlasts the request asking for it: Mattermost waits at most 30 s for a slash command's
    answer, and some reads (a year of the monitor at region scale) take about that long under load."""

    def submit(self, key: str, job: Callable[[], None]) -> bool:
        """Run `job` off the request. False, and nothing started, while a job with this `key` is still
        waiting or running (so a second ask does not compute the same thing twice)."""
        ...


class InlineJobs:
    """Runs each job at once, in the caller's thread: for tools and tests that need no background.
    Jobs report their own failures (by message to the person), so none is caught here."""

    def submit(self, key: str, job: Callable[[], None]) -> bool:
        job()
        return True
