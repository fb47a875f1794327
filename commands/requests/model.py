"""Domain values of a help request ("erbij halen") and the offers it sends out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from commands.roster.model import OrganisationKind


class Urgency(StrEnum):
    TODAY = "vandaag"
    THREE_DAYS = "binnen_3_werkdagen"
    THIS_WEEK = "deze_week"


class InvolvementForm(StrEnum):
    """Forms of involvement, ordered by intensity (docs/domain.md §5)."""

    CONSULT = "consult"
    CASE_MEETING = "meedenken_casusoverleg"
    HOME_VISIT = "gezamenlijk_huisbezoek"
    ALONGSIDE = "samen_optrekken"


class RequestStatus(StrEnum):
    OPEN = "open"  # offers are out, not everyone needed has accepted
    MATCHED = "gekoppeld"  # every expert wanted has accepted
    ESCALATED = "geescaleerd"  # nobody left to ask; the coordinators have been told
    WITHDRAWN = "ingetrokken"


class OfferStatus(StrEnum):
    PENDING = "open"
    ACCEPTED = "opgepakt"
    DECLINED = "afgewezen"
    EXPIRED = "verlopen"  # no answer before the round's deadline
    TAKEN = "al_opgepakt"  # someone else accepted first
    WITHDRAWN = "ingetrokken"


@dataclass(frozen=True)
class MatchSpec:
    """What a request asks for, as matching needs it."""

    expertise: str
    organisation_kinds: frozenset[OrganisationKind]  # empty: any expert organisation
    municipality: str | None
    case_id: int | None


@dataclass(frozen=True)
class ExpertLoad:
    active_involvements: int
    last_asked_at: datetime | None


@dataclass(frozen=True)
class NewHelpRequest:
    case_id: int
    asked_by: str
    expertise: str
    organisation_kinds: frozenset[OrganisationKind]
    form: InvolvementForm
    urgency: Urgency
    experts_wanted: int  # 1, or 2 for a duo (e.g. one for the parents, one for the children)
    question: str
    share_card: bool  # False: an anonymous consult, no card content leaves the lead
    created_at: datetime
    first_round_at: datetime  # now, or the next working period for non-urgent requests out of hours


@dataclass(frozen=True)
class HelpRequest:
    id: int
    case_id: int
    asked_by: str
    expertise: str
    organisation_kinds: frozenset[OrganisationKind]
    form: InvolvementForm
    urgency: Urgency
    experts_wanted: int
    question: str
    share_card: bool
    status: RequestStatus
    created_at: datetime
    round: int  # 0 before the first offers went out
    round_due_at: datetime | None  # when the next round starts (deadline of the current one)
    accepted: int
    matched_at: datetime | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True)
class NewOffer:
    request_id: int
    expert_id: str
    round: int
    rank: int
    reasons: tuple[str, ...]
    offered_at: datetime


@dataclass(frozen=True)
class Offer:
    id: int
    request_id: int
    expert_id: str
    round: int
    rank: int
    reasons: tuple[str, ...]
    status: OfferStatus
    offered_at: datetime
    answered_at: datetime | None = None
    decline_reason: str = ""

    @property
    def message_key(self) -> str:
        """Outbox key of the DM carrying this offer; later updates of that post refer to it."""
        return f"offer:{self.id}"
