"""Cases and involvements: who holds the regie, in which framework, and which experts are (or were) aboard.

A `Case` is shared by features: the safety card hangs off it, help requests and consult agenda items refer
to it by `id`. It holds no content about the family beyond the municipality and the framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from commands.roster.model import OrganisationKind


class CaseStatus(StrEnum):
    ACTIVE = "actief"
    CLOSED = "afgesloten"


class Framework(StrEnum):
    """Kader: voluntary, 'drang' (pressure without a court order) or compulsory (a court measure)."""

    VOLUNTARY = "vrijwillig"
    DRANG = "drang"
    COMPULSORY = "gedwongen"


class MeasureKind(StrEnum):
    NONE = "geen"
    PROVISIONAL_OTS = "voorlopige_ots"
    OTS = "ots"
    PLACEMENT = "machtiging_uhp"
    GUARDIANSHIP = "voogdij"
    END_OF_AUTHORITY = "gezagsbeeindiging"
    JUVENILE_PROBATION = "jeugdreclassering"


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind = MeasureKind.NONE
    since: str | None = None  # "YYYY-MM": a month identifies less than a date


NO_MEASURE = Measure()


class CloseReason(StrEnum):
    SAFETY_RESTORED = "veiligheid_hersteld"
    GOAL_REACHED = "doel_bereikt"
    HANDED_OVER = "overgedragen"
    OTHER = "anders"


class EndReason(StrEnum):
    """Why an involvement ended (the expert checked out, or the case was closed)."""

    SAFETY_RESTORED = "veiligheid_hersteld"
    GOAL_REACHED = "doel_bereikt"
    HANDED_OVER = "overgedragen"
    NO_ROLE = "geen_rol"
    OTHER = "anders"


@dataclass(frozen=True)
class Case:
    id: int
    code: str
    municipality: str
    lead_id: str
    status: CaseStatus
    framework: Framework
    measure: Measure
    created_at: datetime
    created_by: str
    version: int  # number of the latest card version
    closed_at: datetime | None = None
    close_reason: CloseReason | None = None

    @property
    def closed(self) -> bool:
        return self.status is CaseStatus.CLOSED


@dataclass(frozen=True)
class NewCase:
    code: str
    municipality: str
    lead_id: str
    framework: Framework
    measure: Measure
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class FrameworkChange:
    """One entry of the framework history (the first is recorded when the case is created)."""

    at: datetime
    by: str
    framework: Framework
    measure: Measure
    note: str = ""


@dataclass(frozen=True)
class Involvement:
    """An expert aboard a case, from 'ik pak het op' until checking out (or the case closing)."""

    id: int
    case_id: int
    expert_id: str
    organisation_kind: OrganisationKind
    started_at: datetime
    help_request_id: int | None = None
    ended_at: datetime | None = None
    end_reason: EndReason | None = None
    # False for an anonymous consult: the expert helps with the question but does not see the card.
    card_access: bool = True

    @property
    def active(self) -> bool:
        return self.ended_at is None


def end_reason_for(reason: CloseReason) -> EndReason:
    return EndReason(reason.value)
