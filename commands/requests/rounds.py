"""Rounds of offers: rank, send the next candidates, or escalate when nobody is left.

One function serves the first round (inside the lead's submission) and every later round (in the
scheduler tick), so the rules are the same whichever path starts a round.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.cases.model import Case
from commands.cases.sharing import basis_value
from commands.cases.summary import compact_summary
from commands.catalogue import t
from commands.config import DEFAULT_COORDINATORS_CHANNEL
from commands.outbox import channel_message, direct_message
from commands.ports import AuditEvent, UnitOfWork, UnitOfWorkFactory
from commands.presence import Presence
from commands.replies import Message
from commands.requests import messages
from commands.requests.matching import Candidate, availability_at, rank
from commands.requests.model import (
    Escalation,
    HelpRequest,
    MatchSpec,
    NewOffer,
    Offer,
    OfferStatus,
    RequestStatus,
)
from commands.requests.policy import RequestPolicy
from commands.roster.expertise import label as expertise_label

log = logging.getLogger(__name__)
RETRY_BROKEN_ROUND = timedelta(minutes=15)


@dataclass(frozen=True)
class RequestSettings:
    policy: RequestPolicy = field(default_factory=RequestPolicy)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    coordinators_channel: str = DEFAULT_COORDINATORS_CHANNEL


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
    asked = frozenset(o.expert_id for o in uow.requests.offers_for(request.id))
    return _ranked(uow, request, case, asked, now, settings, limit, presence)[0]


SPARES = 8  # ranked beyond those wanted, so a re-check can replace one taken meanwhile without the region


@dataclass(frozen=True)
class Ranking:
    """The best `wanted` experts, then up to SPARES more, with what the ranking rests on besides the roster:
    the experts the family knows (now, before)."""

    candidates: list[Candidate]
    known: tuple[frozenset[str], frozenset[str]]
    wanted: int
    complete: bool  # nobody eligible ranked below the last of `candidates`

    @property
    def chosen(self) -> list[Candidate]:
        return self.candidates[: self.wanted]


def _ranked(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    asked: frozenset[str],
    now: datetime,
    settings: RequestSettings,
    limit: int | None,
    presence: Presence | None,
    only: Iterable[str] | None = None,
) -> tuple[list[Candidate], tuple[frozenset[str], frozenset[str]]]:
    """The ranking of `candidates_for`; with `only`, of just those experts (re-checking a few is cheap)."""
    history = uow.cases.ever_for_case(case.id)
    involved_now = frozenset(i.expert_id for i in history if i.ended_at is None)
    involved_before = frozenset(i.expert_id for i in history) - involved_now
    # Widened to the whole region by a coordinator: the case's municipality no longer limits who is asked.
    municipality = None if request.region_wide else case.municipality or None
    spec = MatchSpec(request.expertise, request.organisation_kinds, municipality, case.id)
    if only is None:
        experts = uow.roster.candidate_experts(
            request.expertise,
            request.organisation_kinds,
            municipality,
            involved_now | involved_before,
        )
    else:  # `rank` applies every eligibility rule itself; the region-wide pre-selection only saves time
        experts = list(uow.roster.professionals_by_ids(only).values())
    loads = uow.requests.loads([e.user_id for e in experts])
    # Outside working hours an urgent request still goes out now, judged by who works next.
    instant = settings.calendar.next_working_start(now)
    soft = presence.soft_signals((e.user_id for e in experts), now) if presence else {}
    candidates = rank(
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
    return candidates, (involved_now, involved_before)


def ranking_of(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    wanted: int,
    presence: Presence | None = None,
) -> Ranking:
    """The best `wanted` (and SPARES more) to ask at `now`, excluding experts this request already asked."""
    asked = frozenset(o.expert_id for o in uow.requests.offers_for(request.id)) if request.id else frozenset()
    limit = wanted + SPARES
    candidates, known = _ranked(uow, request, case, asked, now, settings, limit, presence)
    return Ranking(candidates, known, wanted, complete=len(candidates) < limit)


def prematch(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    presence: Presence | None = None,
) -> Ranking:
    """The first round's ranking of a request not stored yet, made in a read transaction before the write one.

    Ranking a region is the slow part of a submission; done here, the write transaction only re-checks the
    few ranked (`start_round`), so writers hold the lock for milliseconds.
    """
    still_needed = request.experts_wanted - request.accepted
    wanted = settings.policy.offers_per_round(request.urgency, still_needed)
    return ranking_of(uow, request, case, now, settings, wanted, presence)


def confirmed(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    ranking: Ranking,
    presence: Presence | None,
) -> list[Candidate] | None:
    """Who to ask now by `ranking`, re-checked on current data, or None when only the region can tell.

    The few ranked are ranked again with the current roster, loads, presence, case history and this
    request's offers: whoever was asked by another request meanwhile, filled up or paused moves down or
    out. The best `wanted` of them are the region's best as long as each still ranks no lower than the last
    of the few did (everyone else ranked below that, and nothing of theirs is re-read); otherwise, or when
    the family's known experts changed, None. What this cannot see is an expert outside the few who became
    a better choice in the milliseconds between (someone's involvement ending): the order is then as of the
    read snapshot, as it always was for concurrent PostgreSQL transactions.
    """
    if not ranking.candidates:
        return None  # nobody to ask: the escalation is decided on current data, inside the transaction
    asked = frozenset(o.expert_id for o in uow.requests.offers_for(request.id)) if request.id else frozenset()
    ids = [c.professional.user_id for c in ranking.candidates]
    again, known = _ranked(uow, request, case, asked, now, settings, None, presence, only=ids)
    if known != ranking.known:
        return None
    chosen = again[: ranking.wanted]
    if not ranking.complete:
        if len(chosen) < ranking.wanted:
            return None
        last = ranking.candidates[-1].sort_key
        if any(c.sort_key > last for c in chosen):
            return None
    return chosen or None


def upcoming(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    at: datetime,
    settings: RequestSettings,
    wanted: int,
    kept: Ranking | None = None,
) -> tuple[list[Candidate], Ranking]:
    """Who a round at `at` would ask, and the ranking that says so: `kept` (an earlier forecast of the same
    round) when `confirmed` can tell from its few, else a new ranking of the region."""
    if kept is not None:
        chosen = confirmed(uow, request, case, at, settings, kept, None)
        if chosen is not None:
            return chosen, kept
    ranking = ranking_of(uow, request, case, at, settings, wanted)
    return ranking.chosen, ranking


def start_round(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    now: datetime,
    settings: RequestSettings,
    presence: Presence | None = None,
    prematched: Ranking | None = None,
) -> list[Candidate]:
    """Send the next round of offers (the caller has claimed the round); escalate if nobody is left.

    One face: in the first round, experts the family already knows are asked alone, for a head start,
    before anyone else (a duo's earlier pair both get it). The next round asks the others, and the known
    face's offer stays open meanwhile.
    """
    still_needed = request.experts_wanted - request.accepted
    wanted = settings.policy.offers_per_round(request.urgency, still_needed)
    chosen = confirmed(uow, request, case, now, settings, prematched, presence) if prematched else None
    if chosen is None:
        chosen = candidates_for(uow, request, case, now, settings, wanted, presence)
    if not chosen:
        escalate(uow, request, case, now, settings)
        return []
    round_number = request.round + 1
    due = settings.policy.round_deadline(now, request.urgency, settings.calendar)
    # Out of office or do-not-disturb in Mattermost: no head start, she would only hold the others up.
    known = [c for c in chosen if c.continuity <= 1 and c.status is None][:still_needed]
    head_start = request.round == 0 and settings.policy.head_start_fraction > 0 and bool(known)
    if head_start:
        chosen = known
        due = settings.policy.head_start_until(now, request.urgency, settings.calendar)
        uow.requests.mark_head_start(request.id)
    offers = uow.requests.add_offers(
        NewOffer(request.id, c.professional.user_id, round_number, i, c.reasons, now)
        for i, c in enumerate(chosen, start=1)
    )
    uow.requests.set_round_due(request.id, due)
    send_offers(uow, request, case, offers, now)
    if head_start:
        names = t("request.names.and").join(c.professional.display_name for c in chosen)
        key = "lead.head_start.one" if len(chosen) == 1 else "lead.head_start.many"
        text = t(
            key, id=request.id, code=case.code, names=names, until=messages.when(due, settings.calendar.zone)
        )
        text += "\n" + messages.ranking_lines(chosen)
    else:
        key = "lead.offered" if request.round == 0 else "lead.next_round"
        if request.round == 1 and request.head_start:
            key = "lead.after_head_start"
        text = t(key, id=request.id, code=case.code, ranking=messages.ranking_lines(chosen))
    uow.outbox.add(
        direct_message(f"request:{request.id}:round:{round_number}", case.lead_id, text),
        now,
    )
    return chosen


def send_offers(
    uow: UnitOfWork, request: HelpRequest, case: Case, offers: list[Offer], now: datetime, note: str = ""
) -> None:
    """The offer DMs, with the compact card when the lead shares it (and that sharing on record)."""
    lead = uow.roster.professional(case.lead_id)
    card = None
    if request.share_card:
        latest = uow.cases.latest_card(case.id)
        card = compact_summary(latest.card, case)
        for offer in offers:
            # The summary leaves the lead's hands with every offer: NEN 7513 wants that on record.
            detail = {"aan": offer.expert_id, "versie": str(latest.info.number), "verzoek": str(request.id)}
            detail["grondslag"] = basis_value(request.share_basis)
            uow.audit.record(
                AuditEvent(now, case.lead_id, "kaart.delen", case.code, authorisation="regiehouder",
                           access_point="aanbod", detail=detail)
            )  # fmt: skip
    expertise = expertise_label(request.expertise, uow.roster.expertise_areas())
    for offer in offers:
        uow.outbox.add(
            direct_message(
                offer.message_key,
                offer.expert_id,
                messages.offer_message(request, offer, case.code, lead, expertise, card, note),
            ),
            now,
        )


def escalate(
    uow: UnitOfWork, request: HelpRequest, case: Case, now: datetime, settings: RequestSettings
) -> None:
    """Nobody left to ask: the coordinators' channel gets a post they can act on, and the lead hears of it.

    The post carries the case code and what is asked, never the question. Nobody claims it by the next
    working morning? It is posted once more then (the escalation tick).
    """
    if not uow.requests.set_status(request.id, RequestStatus.ESCALATED.value, now):
        return
    repost_at = settings.calendar.next_working_start(
        datetime.combine(
            settings.calendar.local(now).date() + timedelta(days=1), time(0), settings.calendar.zone
        )
    )
    escalation = uow.requests.add_escalation(request.id, now, repost_at)
    uow.outbox.add(
        channel_message(
            escalation.post_key,
            settings.coordinators_channel,
            escalation_post(uow, request, case, escalation),
        ),
        now,
    )
    uow.outbox.add(
        direct_message(
            f"{escalation.post_key}:lead", case.lead_id, t("lead.escalated", id=request.id, code=case.code)
        ),
        now,
    )


def escalation_post(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    escalation: Escalation,
    detail: str = "",
    reposted: bool = False,
) -> Message:
    """The coordinators' post as it stands now (re-rendered in full at every step)."""
    lead = uow.roster.professional(case.lead_id)
    claimer = uow.roster.professional(escalation.claimed_by) if escalation.claimed_by else None
    closer = uow.roster.professional(escalation.closed_by) if escalation.closed_by else None
    return messages.escalation_message(
        request,
        case.code,
        lead,
        expertise_label(request.expertise, uow.roster.expertise_areas()),
        escalation,
        claimer,
        closer,
        detail,
        reposted,
    )


def close_offer_posts(
    uow: UnitOfWork, offers: list[Offer], status: OfferStatus, code: str, now: datetime, who: str = ""
) -> None:
    """Replace the buttons of offers that can no longer be answered with a line saying why."""
    for offer in offers:
        uow.outbox.add(
            direct_message(
                f"{offer.message_key}:{status.value}",
                offer.expert_id,
                messages.closed_offer_text(status, offer.request_id, code, who),
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
    with factory.read() as uow:  # finding what is due takes no write lock; each step below claims its own
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
        # A head start's offers outlive their round: the known face may still answer when others are asked.
        if request.round > 0 and not (request.round == 1 and request.head_start):
            expired = uow.requests.close_pending_offers(request.id, OfferStatus.EXPIRED, now)
            close_offer_posts(uow, expired, OfferStatus.EXPIRED, case.code, now)
        start_round(uow, request, case, now, settings, presence)
        uow.commit()
    return 1
