"""`RequestRepository` in memory: requests, offers, escalations, check-ins; every claim is conditional."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from commands.cases.model import Case, Involvement
from commands.requests.model import (
    DueCheckin,
    Escalation,
    EscalationStatus,
    ExpertLoad,
    HelpRequest,
    NewHelpRequest,
    NewOffer,
    Offer,
    OfferStatus,
    RequestStatus,
    Widening,
)
from tests.fakes.cases import CASES, INVOLVEMENTS
from tests.fakes.store import Transaction, utc, utc_or_none

REQUESTS = "help_requests"
OFFERS = "offers"
ESCALATIONS = "escalations"
CHECKINS = "checkins"  # key: involvement id
LAST_ASKED = "expert_activity"  # key: expert id; row: datetime


@dataclass(frozen=True)
class Checkin:
    due_at: datetime | None
    times_asked: int = 0
    asked_at: datetime | None = None


class FakeRequestRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    # --- requests --------------------------------------------------------------------------------------
    def add(self, request: NewHelpRequest) -> HelpRequest:
        stored = replace(
            request.unsaved(),
            id=self.tx.next_id(REQUESTS),
            created_at=utc(request.created_at),
            round_due_at=utc(request.first_round_at),
        )
        self.tx.put(REQUESTS, stored.id, stored)
        return stored

    def get(self, request_id: int) -> HelpRequest | None:
        found: HelpRequest | None = self.tx.get(REQUESTS, request_id)
        return found

    def open_for_lead(self, user_id: str) -> list[HelpRequest]:
        return self._of_lead(user_id, {RequestStatus.OPEN})

    def running_for_lead(self, user_id: str) -> list[HelpRequest]:
        return self._of_lead(user_id, {RequestStatus.OPEN, RequestStatus.ESCALATED})

    def _of_lead(self, user_id: str, statuses: set[RequestStatus]) -> list[HelpRequest]:
        return [
            r
            for r in self.tx.rows(REQUESTS)
            if r.status in statuses
            and (case := self._case(r.case_id)) is not None
            and case.lead_id == user_id
        ]

    def open_on_closed_cases(self, limit: int) -> list[HelpRequest]:
        return [
            r
            for r in self.tx.rows(REQUESTS)
            if r.status is RequestStatus.OPEN
            and (case := self._case(r.case_id)) is not None
            and case.closed_at is not None
        ][:limit]

    def lock(self, request_id: int) -> None:
        """Nothing to lock: the fakes serve one thread at a time."""

    def for_case(self, case_id: int) -> list[HelpRequest]:
        return [r for r in self.tx.rows(REQUESTS) if r.case_id == case_id]

    def due_rounds(self, now: datetime, limit: int) -> list[HelpRequest]:
        due = [
            r
            for r in self.tx.rows(REQUESTS)
            if r.status is RequestStatus.OPEN and r.round_due_at is not None and r.round_due_at <= now
        ]
        return sorted(due, key=lambda r: (r.round_due_at, r.id))[:limit]

    def claim_round(self, request_id: int, expected_round: int, next_due: datetime | None) -> bool:
        request = self.get(request_id)
        if request is None or request.round != expected_round or request.status is not RequestStatus.OPEN:
            return False
        self._put(replace(request, round=expected_round + 1, round_due_at=utc_or_none(next_due)))
        return True

    def set_round_due(self, request_id: int, due: datetime | None) -> None:
        request = self.get(request_id)
        if request is not None:
            self._put(replace(request, round_due_at=utc_or_none(due)))

    def claim_slot(self, request_id: int) -> int | None:
        request = self.get(request_id)
        if (
            request is None
            or request.status is not RequestStatus.OPEN
            or request.accepted >= request.experts_wanted
        ):
            return None
        self._put(replace(request, accepted=request.accepted + 1))
        return request.accepted + 1

    def set_status(
        self, request_id: int, status: str, at: datetime, expected: str = RequestStatus.OPEN.value
    ) -> bool:
        request = self.get(request_id)
        if request is None or request.status != expected:
            return False
        moment = "matched_at" if status == RequestStatus.MATCHED.value else "closed_at"
        changed = replace(request, status=RequestStatus(status), round_due_at=None, **{moment: utc(at)})  # type: ignore[arg-type]
        self._put(changed)
        return True

    def reopen(self, request_id: int, widening: Widening | None = None) -> bool:
        request = self.get(request_id)
        if request is None or request.status is not RequestStatus.ESCALATED:
            return False
        request = replace(request, status=RequestStatus.OPEN, closed_at=None)
        if widening is not None:
            request = replace(
                request,
                expertise=widening.expertise,
                organisation_kinds=widening.organisation_kinds,
                region_wide=widening.region_wide,
            )
        self._put(request)
        return True

    def mark_head_start(self, request_id: int) -> None:
        request = self.get(request_id)
        if request is not None:
            self._put(replace(request, head_start=True))

    def _put(self, request: HelpRequest) -> None:
        self.tx.put(REQUESTS, request.id, request)

    def _case(self, case_id: int) -> Case | None:
        case: Case | None = self.tx.get(CASES, case_id)
        return case

    # --- offers ----------------------------------------------------------------------------------------
    def add_offers(self, offers: Iterable[NewOffer]) -> list[Offer]:
        added = []
        for new in offers:
            if any(
                o.request_id == new.request_id and o.expert_id == new.expert_id for o in self.tx.rows(OFFERS)
            ):
                raise ValueError("one offer per expert and request (a unique constraint in the database)")
            offer = Offer(
                id=self.tx.next_id(OFFERS),
                request_id=new.request_id,
                expert_id=new.expert_id,
                round=new.round,
                rank=new.rank,
                reasons=tuple(new.reasons),
                status=OfferStatus.PENDING,
                offered_at=utc(new.offered_at),
                assigned_by=new.assigned_by,
                forwarded_by=new.forwarded_by,
            )
            self.tx.put(OFFERS, offer.id, offer)
            self.tx.put(LAST_ASKED, offer.expert_id, offer.offered_at)
            added.append(offer)
        return added

    def offer_again(self, offer: NewOffer) -> Offer:
        earlier = next(
            (
                o
                for o in self.tx.rows(OFFERS)
                if o.request_id == offer.request_id and o.expert_id == offer.expert_id
            ),
            None,
        )
        if earlier is None:
            (added,) = self.add_offers([offer])
            return added
        again = replace(
            earlier,
            round=offer.round,
            rank=offer.rank,
            reasons=tuple(offer.reasons),
            status=OfferStatus.PENDING,
            offered_at=utc(offer.offered_at),
            answered_at=None,
            decline_reason="",
            assigned_by=offer.assigned_by,
            forwarded_by=offer.forwarded_by,
            attempt=earlier.attempt + 1,
        )
        self.tx.put(OFFERS, again.id, again)
        self.tx.put(LAST_ASKED, again.expert_id, again.offered_at)
        return again

    def pending_for_expert(self, expert_id: str) -> list[Offer]:
        pending = [
            o for o in self.tx.rows(OFFERS) if o.expert_id == expert_id and o.status is OfferStatus.PENDING
        ]
        return sorted(pending, key=lambda o: (o.offered_at, o.id))

    def offer(self, offer_id: int) -> Offer | None:
        found: Offer | None = self.tx.get(OFFERS, offer_id)
        return found

    def offers_for(self, request_id: int) -> list[Offer]:
        mine = [o for o in self.tx.rows(OFFERS) if o.request_id == request_id]
        return sorted(mine, key=lambda o: (o.round, o.rank, o.id))

    def answer_offer(
        self, offer_id: int, expert_id: str, status: OfferStatus, at: datetime, reason: str = ""
    ) -> bool:
        offer = self.offer(offer_id)
        if offer is None or offer.expert_id != expert_id or offer.status is not OfferStatus.PENDING:
            return False
        self.tx.put(
            OFFERS, offer_id, replace(offer, status=status, answered_at=utc(at), decline_reason=reason)
        )
        return True

    def close_pending_offers(self, request_id: int, status: OfferStatus, at: datetime) -> list[Offer]:
        closed = []
        for offer in self.tx.rows(OFFERS):
            if offer.request_id == request_id and offer.status is OfferStatus.PENDING:
                changed = replace(offer, status=status, answered_at=utc(at))
                self.tx.put(OFFERS, offer.id, changed)
                closed.append(changed)
        return closed

    def loads(self, expert_ids: Iterable[str] | None = None) -> dict[str, ExpertLoad]:
        ids = None if expert_ids is None else set(expert_ids)
        active: dict[str, int] = {}
        involvement: Involvement
        for involvement in self.tx.rows(INVOLVEMENTS):
            if involvement.ended_at is None and (ids is None or involvement.expert_id in ids):
                active[involvement.expert_id] = active.get(involvement.expert_id, 0) + 1
        asked = {
            expert: at for expert, at in self.tx.table(LAST_ASKED).items() if ids is None or expert in ids
        }
        return {
            expert: ExpertLoad(active.get(expert, 0), asked.get(expert))
            for expert in set(active) | set(asked) | (ids or set())
        }

    # --- escalations -----------------------------------------------------------------------------------
    def add_escalation(self, request_id: int, at: datetime, repost_due_at: datetime | None) -> Escalation:
        escalation_id = self.tx.next_id(ESCALATIONS)
        escalation = Escalation(
            id=escalation_id,
            request_id=request_id,
            escalated_at=utc(at),
            status=EscalationStatus.OPEN,
            post_key=f"escalation:{escalation_id}",
            version=0,
            repost_due_at=utc_or_none(repost_due_at),
        )
        self.tx.put(ESCALATIONS, escalation_id, escalation)
        return escalation

    def escalation(self, escalation_id: int) -> Escalation | None:
        found: Escalation | None = self.tx.get(ESCALATIONS, escalation_id)
        return found

    def escalations_for(self, request_id: int) -> list[Escalation]:
        return [e for e in self.tx.rows(ESCALATIONS) if e.request_id == request_id]

    def claim_escalation(self, escalation_id: int, user_id: str, at: datetime) -> bool:
        escalation = self.escalation(escalation_id)
        if escalation is None or escalation.claimed_by is not None or escalation.closed_at is not None:
            return False
        self._put_escalation(
            replace(
                escalation,
                claimed_by=user_id,
                claimed_at=utc(at),
                status=EscalationStatus.CLAIMED,
                repost_due_at=None,
            )
        )
        return True

    def close_escalation(
        self, escalation_id: int, status: EscalationStatus, by: str | None, at: datetime
    ) -> bool:
        escalation = self.escalation(escalation_id)
        if escalation is None or escalation.closed_at is not None:
            return False
        self._put_escalation(
            replace(escalation, status=status, closed_at=utc(at), closed_by=by, repost_due_at=None)
        )
        return True

    def next_escalation_version(self, escalation_id: int) -> int:
        escalation = self.escalation(escalation_id)
        if escalation is None:
            raise LookupError(f"no escalation {escalation_id}")  # as UPDATE … RETURNING with no row
        self._put_escalation(replace(escalation, version=escalation.version + 1))
        return escalation.version + 1

    def due_reposts(self, now: datetime, limit: int) -> list[Escalation]:
        due = [e for e in self.tx.rows(ESCALATIONS) if e.repost_due_at is not None and e.repost_due_at <= now]
        return sorted(due, key=lambda e: (e.repost_due_at, e.id))[:limit]

    def claim_repost(self, escalation_id: int, now: datetime, post_key: str) -> bool:
        escalation = self.escalation(escalation_id)
        if (
            escalation is None
            or escalation.repost_due_at is None
            or escalation.claimed_by is not None
            or escalation.closed_at is not None
        ):
            return False
        self._put_escalation(replace(escalation, repost_due_at=None, reposted_at=utc(now), post_key=post_key))
        return True

    def _put_escalation(self, escalation: Escalation) -> None:
        self.tx.put(ESCALATIONS, escalation.id, escalation)

    # --- check-ins -------------------------------------------------------------------------------------
    def schedule_checkin(self, involvement_id: int, due: datetime | None) -> None:
        checkin: Checkin = self.tx.get(CHECKINS, involvement_id) or Checkin(None)
        self.tx.put(CHECKINS, involvement_id, replace(checkin, due_at=utc_or_none(due)))

    def due_checkins(self, now: datetime, limit: int) -> list[DueCheckin]:
        due = []
        for involvement_id, checkin in self.tx.table(CHECKINS).items():
            involvement: Involvement | None = self.tx.get(INVOLVEMENTS, involvement_id)
            if checkin.due_at is None or checkin.due_at > now or involvement is None:
                continue
            due.append(
                DueCheckin(
                    involvement.id,
                    checkin.due_at,
                    involvement.case_id,
                    involvement.expert_id,
                    involvement.started_at,
                    involvement.ended_at is not None,
                )
            )
        return sorted(due, key=lambda c: (c.due_at, c.involvement_id))[:limit]

    def claim_checkin(
        self, involvement_id: int, expected_due: datetime, next_due: datetime | None, now: datetime
    ) -> bool:
        checkin: Checkin | None = self.tx.get(CHECKINS, involvement_id)
        if checkin is None or checkin.due_at != expected_due:
            return False
        if next_due is None:
            checkin = replace(checkin, due_at=None)
        else:
            checkin = Checkin(utc(next_due), checkin.times_asked + 1, utc(now))
        self.tx.put(CHECKINS, involvement_id, checkin)
        return True
