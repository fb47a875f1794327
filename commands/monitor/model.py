"""The facts the monitor computes its figures from: plain values, loaded per period by storage.

Facts carry no free text and no names: ids, keys of organisations and expertise, timestamps, enum values and
0–10 scores. Everything in `docs/monitor.md` is defined on these values.

The facts are named tuples, not dataclasses: a quarter of a region is some 100,000 of them, and a tuple is
built several times faster than a frozen dataclass (the monitor's time is mostly spent making them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class FamilyAnswer(StrEnum):
    """The family's answer to "Sloot de hulp aan bij wat het gezin nodig had?", recorded by the lead."""

    YES = "ja"
    PARTLY = "deels"
    NO = "nee"
    NOT_ASKED = "niet_gevraagd"


@dataclass(frozen=True)
class Period:
    """A half-open interval [start, end) of UTC instants, with a Dutch label ("november 2026", "K4 2026")."""

    start: datetime
    end: datetime
    label: str
    kind: str = "maand"  # maand | kwartaal | jaar

    def contains(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.end


@dataclass(frozen=True)
class Scope:
    """Which cases count: all, or those of one region, municipality or organisation."""

    kind: str = "alles"  # alles | regio | gemeente | organisatie
    value: str = ""

    @property
    def needs_involved_before(self) -> bool:
        """Only an organisation's cases depend on who was involved before the period (see `History`)."""
        return self.kind == "organisatie"


ALL = Scope()


class FrameworkEntry(NamedTuple):
    at: datetime
    framework: str  # vrijwillig | drang | gedwongen
    measure: str  # geen | ots | voorlopige_ots | ...


class LeadSpell(NamedTuple):
    """From `since` on, the case was led by someone of this organisation (kind and key)."""

    since: datetime
    organisation_kind: str
    organisation: str


class Score(NamedTuple):
    perspective: str
    score: int
    on: date


class CaseFact(NamedTuple):
    id: int
    municipality: str
    region: str  # the region of the current lead's organisation
    created_at: datetime
    closed_at: datetime | None = None
    close_reason: str | None = None
    frameworks: tuple[FrameworkEntry, ...] = ()  # oldest first; the first is the framework at creation
    leads: tuple[LeadSpell, ...] = ()  # oldest first; the first is the lead at creation
    scores: tuple[Score, ...] = ()  # every scale score ever given, in the order entered (may be backdated)
    family_at_close: FamilyAnswer | None = None


class RequestFact(NamedTuple):
    id: int
    case_id: int
    expertise: str
    urgency: str  # vandaag | binnen_3_werkdagen | deze_week
    asked_at: datetime
    status: str  # open | gekoppeld | geescaleerd | ingetrokken
    accepted_at: datetime | None = None  # the first "ik pak het op"
    escalated_at: datetime | None = None
    closed_at: datetime | None = None  # when it was matched, withdrawn or escalated (the last move)


class InvolvementFact(NamedTuple):
    id: int
    case_id: int
    expert_id: str  # an opaque id: used only to tell "the same expert came back", never shown
    organisation: str
    organisation_kind: str
    started_at: datetime
    request_id: int | None = None
    ended_at: datetime | None = None
    family_at_checkout: FamilyAnswer | None = None


class AgendaItemFact(NamedTuple):
    case_id: int
    status: str  # gepland | afgemeld | besproken | doorgeschoven
    has_decision: bool


class ConsultFact(NamedTuple):
    id: int
    starts_at: datetime
    cancelled: bool = False
    items: tuple[AgendaItemFact, ...] = ()


class ActionFact(NamedTuple):
    case_id: int
    due_on: date
    done_on: date | None = None  # local date it was marked done


@dataclass(frozen=True)
class History:
    """Everything the monitor of one period needs (storage loads more than the period where figures look
    beyond it: involvements after a check-out, the whole framework history of a closed case). Involvements
    that ended before the period's start are left out: every figure looks only at involvements that started,
    ended or were open in the period or after it."""

    cases: tuple[CaseFact, ...] = ()
    requests: tuple[RequestFact, ...] = ()
    involvements: tuple[InvolvementFact, ...] = ()
    consults: tuple[ConsultFact, ...] = ()
    actions: tuple[ActionFact, ...] = ()
    organisation_names: dict[str, str] = field(default_factory=dict)
    # (case id, organisation) of experts involved in a case before the period, whose involvements are not in
    # `involvements` (no figure looks at them): only the scope "organisatie" needs them, so storage reads them
    # only when asked. None (the default) means not read, and `figures.in_scope` refuses that scope then.
    involved_before: frozenset[tuple[int, str]] | None = None
