"""Domain values of a help request ("erbij halen") and the offers it sends out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from commands.cases.sharing import ShareBasis
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
    share_basis: ShareBasis | None = None  # why the card may be shared; None when it is not shared

    def unsaved(self) -> HelpRequest:
        """The request as it is stored, before it has an id (ranked before its write transaction)."""
        return HelpRequest(
            id=0,
            case_id=self.case_id,
            asked_by=self.asked_by,
            expertise=self.expertise,
            organisation_kinds=self.organisation_kinds,
            form=self.form,
            urgency=self.urgency,
            experts_wanted=self.experts_wanted,
            question=self.question,
            share_card=self.share_card,
            status=RequestStatus.OPEN,
            created_at=self.created_at,
            round=0,
            round_due_at=self.first_round_at,
            accepted=0,
            share_basis=self.share_basis,
        )


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
    region_wide: bool = False  # widened by a coordinator: the case's municipality no longer limits
    head_start: bool = False  # round 1 went to known faces alone; their offers outlive that round
    share_basis: ShareBasis | None = None  # None: anonymous, or asked before the basis was recorded


@dataclass(frozen=True)
class Widening:
    """What a coordinator changes when putting an escalated request out more widely."""

    expertise: str
    organisation_kinds: frozenset[OrganisationKind]
    region_wide: bool


@dataclass(frozen=True)
class NewOffer:
    request_id: int
    expert_id: str
    round: int
    rank: int
    reasons: tuple[str, ...]
    offered_at: datetime
    assigned_by: str | None = None  # a coordinator who chose this expert by hand
    forwarded_by: str | None = None  # the colleague who passed the offer on


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
    assigned_by: str | None = None
    forwarded_by: str | None = None
    attempt: int = 1  # >1: the same expert was asked again (assigned or forwarded after an earlier offer)

    @property
    def message_key(self) -> str:
        """Outbox key of the DM carrying this offer; later updates of that post refer to it."""
        return f"offer:{self.id}" if self.attempt == 1 else f"offer:{self.id}:{self.attempt}"


class EscalationStatus(StrEnum):
    OPEN = "open"  # in the coordinators' channel, nobody on it yet
    CLAIMED = "opgepakt"  # a coordinator is looking for someone
    ASSIGNED = "toegewezen"
    WIDENED = "breder"
    NOT_NEEDED = "niet_nodig"
    WITHDRAWN = "ingetrokken"  # the lead withdrew the request


@dataclass(frozen=True)
class Escalation:
    """One time a request reached the coordinators: the post they act on, and who is on it."""

    id: int
    request_id: int
    escalated_at: datetime
    status: EscalationStatus
    post_key: str  # outbox key of the post that carries the buttons now (moves with a re-post)
    version: int  # counts updates of the post, for unique outbox keys
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    repost_due_at: datetime | None = None
    reposted_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class DueCheckin:
    """An involvement whose "is this still needed?" question is due."""

    involvement_id: int
    due_at: datetime
    case_id: int
    expert_id: str
    started_at: datetime
    ended: bool
