"""Consult domain values: the weekly slot, one consult on a date, its agenda items and their action items.

A `ConsultSlot` is configuration ("every Monday 10:00"); a `Consult` is one planned occurrence, with the
slot's settings copied onto it when it is planned, so later configuration changes never rewrite history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


class HolidayPolicy(StrEnum):
    """What happens to a consult that falls on a Dutch public holiday."""

    SKIP = "overslaan"
    NEXT = "volgende_werkdag"
    PREVIOUS = "vorige_werkdag"


class ConsultStatus(StrEnum):
    PLANNED = "gepland"
    CANCELLED = "vervallen"


class Urgency(StrEnum):
    URGENT = "spoed"
    REGULAR = "regulier"


class ItemKind(StrEnum):
    NEW = "nieuw"
    FOLLOW_UP = "vervolg"  # carried over: not discussed last time, or the case returns


class ItemStatus(StrEnum):
    PLANNED = "gepland"  # on the agenda of a consult that has not been recorded yet
    WITHDRAWN = "afgemeld"
    DISCUSSED = "besproken"
    CARRIED = "doorgeschoven"  # not discussed; a follow-up item carries it to a later consult


class Discipline(StrEnum):
    """Who the lead would like at the table for this case."""

    VT = "veilig_thuis"
    RVDK = "raad"
    GI = "gi"
    BEHAVIOURAL = "gedragswetenschapper"
    LOCAL = "lokaal_team"


@dataclass(frozen=True)
class DayOffset:
    """A moment before a consult: `working_days_before` working days earlier (0: the same day), at `at`."""

    working_days_before: int
    at: time

    def sort_key(self) -> tuple[int, time]:
        # Earlier moments sort first: more days before, then an earlier time of day.
        return (-self.working_days_before, self.at)


@dataclass(frozen=True)
class ConsultSlot:
    """A weekly consult moment as coordinators configure it."""

    key: str  # short name used on the CLI, e.g. "maandag"
    weekday: int  # 0 = Monday
    start: time  # local time in the team's time zone
    duration_minutes: int
    channel: str
    max_cases: int
    minutes_per_case: int
    deadline: DayOffset  # registrations close at this moment
    agenda: DayOffset  # the agenda goes out at this moment
    holiday: HolidayPolicy = HolidayPolicy.NEXT
    chairs: tuple[str, ...] = ()  # user ids; one is a fixed chair, several rotate per week, none: all chairs
    members: tuple[str, ...] = ()  # standing participants (user ids), e.g. the VT, RvdK and GI delegates
    video_url: str = ""
    title: str = "MDO"
    active: bool = True
    id: int = 0
    planned_until: date | None = None

    @property
    def capacity(self) -> int:
        """How many cases fit: the configured maximum, but never more than the time allows."""
        return max(0, min(self.max_cases, self.duration_minutes // max(1, self.minutes_per_case)))


@dataclass(frozen=True)
class Consult:
    id: int
    slot_id: int
    slot_key: str
    title: str
    planned_for: date  # the slot's regular date (differs from the actual date when a holiday moved it)
    starts_at: datetime
    ends_at: datetime
    status: ConsultStatus
    channel: str
    chair_id: str | None
    members: tuple[str, ...]
    capacity: int
    minutes_per_case: int
    deadline_at: datetime
    agenda_at: datetime
    video_url: str = ""
    holiday: str | None = None  # name of the public holiday that moved or cancelled it
    agenda_sent_at: datetime | None = None
    agenda_late: bool = False
    agenda_revision: int = 0
    recorded_at: datetime | None = None
    notulist_id: str | None = None  # named by the chair; may record the verslag too

    def may_record(self, user_id: str) -> bool:
        return user_id in (self.chair_id, self.notulist_id)

    @property
    def cancelled(self) -> bool:
        return self.status is ConsultStatus.CANCELLED

    @property
    def moved(self) -> bool:
        return self.holiday is not None and not self.cancelled

    @property
    def recorded(self) -> bool:
        return self.recorded_at is not None

    def participant_role(self, user_id: str) -> str | None:
        """'voorzitter', 'notulist' or 'deelnemer' for the chair, the minute-taker and standing members; None
        for anyone else. The notulist reads what the chair reads: they record the same outcomes."""
        if user_id == self.chair_id:
            return "voorzitter"
        if user_id == self.notulist_id:
            return "notulist"
        if user_id in self.members:
            return "deelnemer"
        return None


class Attendance(StrEnum):
    PRESENT = "aanwezig"
    EXCUSED = "afgemeld"


@dataclass(frozen=True)
class NewConsult:
    slot_id: int
    planned_for: date
    starts_at: datetime
    ends_at: datetime
    status: ConsultStatus
    channel: str
    chair_id: str | None
    members: tuple[str, ...]
    capacity: int
    minutes_per_case: int
    deadline_at: datetime
    agenda_at: datetime
    video_url: str
    holiday: str | None


@dataclass(frozen=True)
class AgendaItem:
    """A case on a consult's agenda, with the lead's consult question."""

    id: int
    consult_id: int
    case_id: int
    case_code: str
    question: str
    disciplines: tuple[Discipline, ...]
    urgency: Urgency
    kind: ItemKind
    status: ItemStatus
    registered_by: str
    registered_at: datetime  # orders new items ("in registration order")
    previous_item_id: int | None = None
    decision: str | None = None
    returns: bool | None = None
    discussed_at: datetime | None = None

    @property
    def recorded(self) -> bool:
        return self.decision is not None


@dataclass(frozen=True)
class NewAgendaItem:
    consult_id: int
    case_id: int
    case_code: str
    question: str
    disciplines: tuple[Discipline, ...]
    urgency: Urgency
    kind: ItemKind
    registered_by: str
    registered_at: datetime
    previous_item_id: int | None = None


@dataclass(frozen=True)
class ActionItem:
    """An action agreed in a consult: who does what, by when (actiehouder, uiterlijk)."""

    id: int
    agenda_item_id: int
    case_code: str
    owner_id: str
    description: str
    due_on: date
    created_at: datetime
    remind_at: datetime | None = None
    reminded_at: datetime | None = None
    done_at: datetime | None = None
    done_by: str | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class NewAction:
    owner_id: str
    description: str
    due_on: date


@dataclass(frozen=True)
class PastDecision:
    """A decision taken on a case in an earlier consult, shown on later agendas."""

    case_id: int
    at: datetime  # when that consult started
    decision: str


@dataclass(frozen=True)
class Outcome:
    """What the chair records for one agenda item."""

    decision: str
    returns: bool
    actions: tuple[NewAction, ...] = field(default_factory=tuple)
