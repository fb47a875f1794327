"""`/erbij status` in people's words: per request whom Erbij asked, their answers, and what happens next.

Read-only. Leads see their requests (open and at the coordinators) and who is aboard their cases; experts
see the offers waiting for their answer and the cases they are aboard.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from datetime import datetime, timedelta

from commands.cases.model import Case
from commands.catalogue import t
from commands.ports import UnitOfWork
from commands.requests import messages
from commands.requests.model import EscalationStatus, HelpRequest, Offer, OfferStatus, RequestStatus
from commands.requests.rounds import Ranking, RequestSettings, upcoming
from commands.roster.expertise import label as expertise_label

QUESTION_SHOWN = 90
FORECAST_KEPT = timedelta(minutes=1)
ANSWER_KEYS = {
    OfferStatus.PENDING: "status.answer.pending",
    OfferStatus.ACCEPTED: "status.answer.accepted",
    OfferStatus.DECLINED: "status.answer.declined",
    OfferStatus.EXPIRED: "status.answer.expired",
    OfferStatus.TAKEN: "status.answer.taken",
    OfferStatus.WITHDRAWN: "status.answer.withdrawn",
}


class Forecasts:
    """Who the next round of each request would ask, as `/erbij status` last worked it out.

    Working it out ranks the region (tens of milliseconds per open request); a lead who asks again, or many
    leads at once, reuse it for a minute. A kept forecast is only shown after `rounds.confirmed` re-ranked
    its few experts on the current roster, loads and offers (still eligible, available, not asked
    meanwhile); what a minute can hide is someone else becoming a better choice, and the round itself
    always ranks afresh at its moment, so the forecast never decides who is asked. Per process, in memory.
    """

    def __init__(self, kept_for: timedelta = FORECAST_KEPT) -> None:
        self._kept_for = kept_for
        self._lock = threading.Lock()
        self._kept: dict[Hashable, tuple[datetime, Ranking]] = {}

    def get(self, key: Hashable, now: datetime) -> Ranking | None:
        with self._lock:
            found = self._kept.get(key)
        return found[1] if found is not None and now - found[0] < self._kept_for else None

    def keep(self, key: Hashable, ranking: Ranking, now: datetime) -> None:
        with self._lock:
            if len(self._kept) > 10_000:  # a region's open requests are far fewer; never grow unbounded
                self._kept = {k: v for k, v in self._kept.items() if now - v[0] < self._kept_for}
            self._kept[key] = (now, ranking)


def status_text(
    uow: UnitOfWork,
    user_id: str,
    only_code: str | None,
    now: datetime,
    settings: RequestSettings,
    forecasts: Forecasts | None = None,
) -> str:
    blocks = [
        _requests_block(uow, user_id, only_code, now, settings, forecasts or Forecasts(timedelta(0))),
        _aboard_block(uow, user_id, only_code, settings),
        _offers_block(uow, user_id, only_code, now, settings),
        _mine_block(uow, user_id, only_code, settings),
    ]
    text = "\n\n".join(b for b in blocks if b)
    return text or t("status.none")


def _requests_block(
    uow: UnitOfWork,
    user_id: str,
    only_code: str | None,
    now: datetime,
    settings: RequestSettings,
    forecasts: Forecasts,
) -> str:
    areas = uow.roster.expertise_areas()
    parts = []
    for request in uow.requests.running_for_lead(user_id):
        case = uow.cases.by_id(request.case_id)
        if case is None or (only_code and case.code != only_code):
            continue
        offers = uow.requests.offers_for(request.id)
        lines = [
            t(
                "status.request.head",
                id=request.id,
                code=case.code,
                expertise=expertise_label(request.expertise, areas),
                form=t(f"request.form.{request.form.value}"),
                asked=messages.when_words(request.created_at, now, settings.calendar.zone),
            )
        ]
        lines.append(t("status.request.question", question=_short(request.question)))
        if offers:
            lines.append(t("status.request.asked", answers=_answers(uow, offers)))
        lines.append(_next_step(uow, request, case, offers, now, settings, forecasts))
        parts.append("\n".join(lines))
    if not parts:
        return ""
    return t("status.requests") + "\n" + "\n\n".join(parts)


def _short(question: str) -> str:
    """The lead's own question, shortened for an overview (she wrote it; it passed the privacy guard)."""
    flat = " ".join(question.split())
    return flat if len(flat) <= QUESTION_SHOWN else flat[: QUESTION_SHOWN - 1].rstrip() + "…"


def _answers(uow: UnitOfWork, offers: list[Offer]) -> str:
    answers = []
    for offer in offers:
        expert = uow.roster.professional(offer.expert_id)
        reason = t(f"offer.decline.reason.{offer.decline_reason}") if offer.decline_reason else ""
        answer = t(ANSWER_KEYS[offer.status], reason=f": {reason}" if reason else "")
        answers.append(t("status.request.answer", name=messages.person(expert), answer=answer))
    return "; ".join(answers)


def _next_step(
    uow: UnitOfWork,
    request: HelpRequest,
    case: Case,
    offers: list[Offer],
    now: datetime,
    settings: RequestSettings,
    forecasts: Forecasts,
) -> str:
    tz = settings.calendar.zone
    if request.status is RequestStatus.ESCALATED:
        escalation = next((e for e in reversed(uow.requests.escalations_for(request.id)) if e.open), None)
        if escalation is not None and escalation.status is EscalationStatus.CLAIMED and escalation.claimed_by:
            who = uow.roster.professional(escalation.claimed_by)
            return t("status.next.coordinator_on_it", name=messages.person(who))
        if escalation is not None and escalation.repost_due_at is not None:
            return t(
                "status.next.coordinators_repost", when=messages.when_words(escalation.repost_due_at, now, tz)
            )
        return t("status.next.coordinators")
    due = request.round_due_at
    if due is None:
        return t("status.next.unknown")
    when = messages.when_words(due, now, tz)
    if request.round == 0:
        return t("status.next.first_round", when=when)
    still_needed = request.experts_wanted - request.accepted
    wanted = settings.policy.offers_per_round(request.urgency, still_needed)
    # Who the next round would ask, judged at its moment: the same ranking the tick will use then.
    at = max(due, now)
    forecast = (request.id, request.round, request.accepted, request.expertise, request.organisation_kinds,
                request.region_wide, at, wanted, tuple((o.expert_id, o.status) for o in offers))  # fmt: skip
    kept = forecasts.get(forecast, now)
    chosen, ranking = upcoming(uow, request, case, at, settings, wanted, kept)
    if ranking is not kept:  # kept for a minute from when it was worked out, not from its last use
        forecasts.keep(forecast, ranking, now)
    if not chosen:
        return t("status.next.escalate", when=when)
    names = messages.names([c.professional for c in chosen])
    key = "status.next.also" if request.round == 1 and request.head_start else "status.next.round"
    return t(key, when=when, names=names)


def _aboard_block(uow: UnitOfWork, user_id: str, only_code: str | None, settings: RequestSettings) -> str:
    tz = settings.calendar.zone
    aboard = []
    for case in uow.cases.led_by(user_id):
        if only_code and case.code != only_code:
            continue
        for involvement in uow.cases.active_for_case(case.id):
            expert = uow.roster.professional(involvement.expert_id)
            aboard.append(
                t(
                    "status.involvement.line",
                    code=case.code,
                    name=messages.person(expert),
                    organisation=messages.organisation_of(expert),
                    since=messages.when(involvement.started_at, tz),
                )
            )
    return t("status.involvements") + "\n" + "\n".join(f"- {line}" for line in aboard) if aboard else ""


def _offers_block(
    uow: UnitOfWork, user_id: str, only_code: str | None, now: datetime, settings: RequestSettings
) -> str:
    areas = uow.roster.expertise_areas()
    lines = []
    for offer in uow.requests.pending_for_expert(user_id):
        request = uow.requests.get(offer.request_id)
        case = uow.cases.by_id(request.case_id) if request else None
        if request is None or case is None or (only_code and case.code != only_code):
            continue
        lead = uow.roster.professional(case.lead_id)
        lines.append(
            t(
                "status.offer.line",
                id=request.id,
                code=case.code,
                lead=messages.person(lead),
                expertise=expertise_label(request.expertise, areas),
                asked=messages.when_words(offer.offered_at, now, settings.calendar.zone),
            )
        )
    return t("status.offers") + "\n" + "\n".join(f"- {line}" for line in lines) if lines else ""


def _mine_block(uow: UnitOfWork, user_id: str, only_code: str | None, settings: RequestSettings) -> str:
    mine = []
    for involvement in uow.cases.active_for_expert(user_id):
        case = uow.cases.by_id(involvement.case_id)
        if case is None or (only_code and case.code != only_code):
            continue
        lead = uow.roster.professional(case.lead_id)
        mine.append(
            t(
                "status.mine.line",
                code=case.code,
                lead=lead.username if lead else case.lead_id,
                since=messages.when(involvement.started_at, settings.calendar.zone),
            )
        )
    return t("status.mine") + "\n" + "\n".join(f"- {line}" for line in mine) if mine else ""
