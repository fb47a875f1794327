"""Rounds of offers: rank, send the next candidates, or escalate when nobody is left.

One function serves the first round (inside the lead's submission) and every later round (in the
scheduler tick), so the rules are the same whichever path starts a round.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from commands.calendar import WorkCalendar
from commands.cases.model import Case
from commands.cases.summary import compact_summary
from commands.catalogue import t
from commands.outbox import OutgoingMessage, Recipient
from commands.ports import AuditEvent, UnitOfWork, UnitOfWorkFactory
from commands.presence import Presence
from commands.replies import Message
from commands.requests import messages
from commands.requests.matching import Candidate, availability_at, rank
from commands.requests.model import HelpRequest, MatchSpec, NewOffer, Offer, OfferStatus, RequestStatus
from commands.requests.policy import RequestPolicy
from commands.roster.expertise import label as expertise_label

log = logging.getLogger(__name__)
RETRY_BROKEN_ROUND = timedelta(minutes=15)


@dataclass(frozen=True)
class RequestSettings:
    policy: RequestPolicy = field(default_factory=RequestPolicy)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    coordinators_channel: str = "erbij-coordinatie"


def candidates_for(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    limit: int | None = None,
    presence: Presence | None = None,
) -> list[Candidate]:
    """Everyone who may be asked now, best first, excluding experts this request already asked."""
    history = uow.cases.ever_for_case(case.id)
    involved_now = frozenset(i.expert_id for i in history if i.ended_at is None)
    involved_before = frozenset(i.expert_id for i in history) - involved_now
    asked = frozenset(o.expert_id for o in uow.requests.offers_for(request.id))
    spec = MatchSpec(request.expertise, request.organisation_kinds, case.municipality or None, case.id)
    experts = uow.roster.candidate_experts(
        request.expertise,
        request.organisation_kinds,
        case.municipality or None,
        involved_now | involved_before,
    )
    loads = uow.requests.loads([e.user_id for e in experts])
    # Outside working hours an urgent request still goes out now, judged by who works next.
    instant = settings.calendar.next_working_start(now)
    soft = presence.soft_signals((e.user_id for e in experts), now) if presence else {}
    return rank(
        spec,
        experts,
        loads=loads,
        involved_now=involved_now,
        involved_before=involved_before,
        is_available=availability_at(instant, settings.calendar.zone),
        exclude=asked,
        limit=limit,
        soft=soft,
    )


def start_round(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    presence: Presence | None = None,
) -> list[Candidate]:
    """Send the next round of offers (the caller has claimed the round); escalate if nobody is left."""
    still_needed = request.experts_wanted - request.accepted
    wanted = settings.policy.offers_per_round(request.urgency, still_needed)
    chosen = candidates_for(uow, request, case, now, settings, wanted, presence)
    if not chosen:
        escalate(uow, request, case, now, settings)
        return []
    round_number = request.round + 1
    offers = uow.requests.add_offers(
        NewOffer(request.id, c.professional.user_id, round_number, i, c.reasons, now)
        for i, c in enumerate(chosen, start=1)
    )
    uow.requests.set_round_due(
        request.id, settings.policy.round_deadline(now, request.urgency, settings.calendar)
    )
    lead = uow.roster.professional(case.lead_id)
    card = None
    if request.share_card:
        latest = uow.cases.latest_card(case.id)
        card = compact_summary(latest.card, case)
        for offer in offers:
            # The summary leaves the lead's hands with every offer: NEN 7513 wants that on record.
            detail = {"aan": offer.expert_id, "versie": str(latest.info.number), "verzoek": str(request.id)}
            uow.audit.record(
                AuditEvent(now, case.lead_id, "kaart.delen", case.code, authorisation="regiehouder",
                           access_point="aanbod", detail=detail)
            )  # fmt: skip
    expertise = expertise_label(request.expertise, uow.roster.expertise_areas())
    for offer in offers:
        uow.outbox.add(
            OutgoingMessage(
                key=offer.message_key,
                to=Recipient.user(offer.expert_id),
                message=messages.offer_message(request, offer, case.code, lead, expertise, card),
            ),
            now,
        )
    key = "lead.offered" if request.round == 0 else "lead.next_round"
    uow.outbox.add(
        OutgoingMessage(
            key=f"request:{request.id}:round:{round_number}",
            to=Recipient.user(case.lead_id),
            message=Message(t(key, id=request.id, code=case.code, ranking=messages.ranking_lines(chosen))),
        ),
        now,
    )
    return chosen


def escalate(
    uow: UnitOfWork, request: HelpRequest, case: Case, now: datetime, settings: RequestSettings
) -> None:
    """Nobody left to ask: the coordinators' channel hears of it (code and status only), and the lead."""
    if not uow.requests.set_status(request.id, RequestStatus.ESCALATED.value, now):
        return
    lead = uow.roster.professional(case.lead_id)
    uow.outbox.add(
        OutgoingMessage(
            key=f"request:{request.id}:escalated:coordinators",
            to=Recipient.channel(settings.coordinators_channel),
            message=Message(
                t(
                    "coordinators.escalated",
                    code=case.code,
                    id=request.id,
                    expertise=expertise_label(request.expertise, uow.roster.expertise_areas()),
                    organisation=messages.organisations_wanted(request),
                    form=t(f"request.form.{request.form.value}"),
                    urgency=t(f"request.urgency.{request.urgency.value}"),
                    lead=lead.username if lead else case.lead_id,
                )
            ),
        ),
        now,
    )
    uow.outbox.add(
        OutgoingMessage(
            key=f"request:{request.id}:escalated:lead",
            to=Recipient.user(case.lead_id),
            message=Message(t("lead.escalated", id=request.id, code=case.code)),
        ),
        now,
    )


def close_offer_posts(
    uow: UnitOfWork, offers: list[Offer], status: OfferStatus, code: str, now: datetime, who: str = ""
) -> None:
    """Replace the buttons of offers that can no longer be answered with a line saying why."""
    for offer in offers:
        uow.outbox.add(
            OutgoingMessage(
                key=f"{offer.message_key}:{status.value}",
                to=Recipient.user(offer.expert_id),
                message=Message(messages.closed_offer_text(status, offer.request_id, code, who)),
                replaces=offer.message_key,
            ),
            now,
        )


def run_due_rounds(
    factory: UnitOfWorkFactory,
    now: datetime,
    settings: RequestSettings,
    presence: Presence | None = None,
    limit: int = 50,
) -> int:
    """The tick body: every open request whose round is due moves on, each in its own transaction.

    `claim_round` is a conditional update on the round number, so two bot processes (or a tick that
    overlaps a restart) never start the same round twice. Requests on cases closed meanwhile are
    withdrawn first, so nobody is asked (or can accept) for a family whose case has ended.
    """
    with factory() as uow:
        orphaned = uow.requests.open_on_closed_cases(limit)
        due = uow.requests.due_rounds(now, limit)
    for request in orphaned:
        with factory() as uow:
            case = uow.cases.by_id(request.case_id)
            if uow.requests.set_status(request.id, RequestStatus.WITHDRAWN.value, now):
                pending = uow.requests.close_pending_offers(request.id, OfferStatus.WITHDRAWN, now)
                close_offer_posts(uow, pending, OfferStatus.WITHDRAWN, case.code if case else "?", now)
                uow.commit()
    moved = 0
    for request in due:
        try:
            moved += _next_round(factory, request, now, settings, presence)
        except Exception:
            # One broken request must not hold up every other one behind it; look again later.
            log.exception("round of request %s failed; retrying later", request.id)
            with factory() as uow:
                uow.requests.set_round_due(request.id, now + RETRY_BROKEN_ROUND)
                uow.commit()
    return moved


def _next_round(
    factory: UnitOfWorkFactory,
    request: HelpRequest,
    now: datetime,
    settings: RequestSettings,
    presence: Presence | None,
) -> int:
    with factory() as uow:
        if not uow.requests.claim_round(request.id, request.round, None):
            return 0
        case = uow.cases.by_id(request.case_id)
        assert case is not None, "a request always belongs to a case"
        if request.round > 0:
            expired = uow.requests.close_pending_offers(request.id, OfferStatus.EXPIRED, now)
            close_offer_posts(uow, expired, OfferStatus.EXPIRED, case.code, now)
        start_round(uow, request, case, now, settings, presence)
        uow.commit()
    return 1
