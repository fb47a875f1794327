"""The help-request repository. Every state change that can race is a conditional UPDATE (a claim)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from commands.requests.model import (
    DueCheckin,
    Escalation,
    EscalationStatus,
    ExpertLoad,
    HelpRequest,
    InvolvementForm,
    NewHelpRequest,
    NewOffer,
    Offer,
    OfferStatus,
    RequestStatus,
    Urgency,
    Widening,
)
from commands.roster.model import OrganisationKind
from storage.case_models import CaseRow, InvolvementRow
from storage.cases import share_basis
from storage.request_models import CheckinRow, EscalationRow, ExpertActivityRow, HelpRequestRow, OfferRow
from storage.sql import one_of


def _kinds(raw: str) -> frozenset[OrganisationKind]:
    return frozenset(OrganisationKind(k) for k in raw.split(",") if k)


def _request(row: HelpRequestRow) -> HelpRequest:
    return HelpRequest(
        id=row.id,
        case_id=row.case_id,
        asked_by=row.asked_by,
        expertise=row.expertise,
        organisation_kinds=_kinds(row.organisation_kinds),
        form=InvolvementForm(row.form),
        urgency=Urgency(row.urgency),
        experts_wanted=row.experts_wanted,
        question=row.question,
        share_card=row.share_card,
        status=RequestStatus(row.status),
        created_at=row.created_at,
        round=row.round,
        round_due_at=row.round_due_at,
        accepted=row.accepted,
        matched_at=row.matched_at,
        closed_at=row.closed_at,
        region_wide=bool(row.region_wide),
        head_start=bool(row.head_start),
        share_basis=share_basis(row.share_basis, row.share_basis_note),
    )


def _offer(row: OfferRow) -> Offer:
    return Offer(
        id=row.id,
        request_id=row.request_id,
        expert_id=row.expert_id,
        round=row.round,
        rank=row.rank,
        reasons=tuple(row.reasons),
        status=OfferStatus(row.status),
        offered_at=row.offered_at,
        answered_at=row.answered_at,
        decline_reason=row.decline_reason or "",
        assigned_by=row.assigned_by,
        forwarded_by=row.forwarded_by,
        attempt=row.attempt or 1,
    )


def _escalation(row: EscalationRow) -> Escalation:
    return Escalation(
        id=row.id,
        request_id=row.request_id,
        escalated_at=row.escalated_at,
        status=EscalationStatus(row.status),
        post_key=row.post_key,
        version=row.version,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        repost_due_at=row.repost_due_at,
        reposted_at=row.reposted_at,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
    )


class SqlRequestRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _rowcount(self, statement: Any) -> int:
        result = self.session.execute(statement.execution_options(synchronize_session=False))
        return int(result.rowcount)  # type: ignore[attr-defined]

    # --- requests --------------------------------------------------------------------------------------
    def add(self, request: NewHelpRequest) -> HelpRequest:
        row = HelpRequestRow(
            case_id=request.case_id,
            asked_by=request.asked_by,
            expertise=request.expertise,
            organisation_kinds=",".join(sorted(request.organisation_kinds)),
            form=request.form.value,
            urgency=request.urgency.value,
            experts_wanted=request.experts_wanted,
            question=request.question,
            share_card=request.share_card,
            share_basis=request.share_basis.basis.value if request.share_basis else None,
            share_basis_note=request.share_basis.note if request.share_basis else "",
            status=RequestStatus.OPEN.value,
            round=0,
            round_due_at=request.first_round_at,
            accepted=0,
            created_at=request.created_at,
        )
        self.session.add(row)
        self.session.flush()
        return _request(row)

    def get(self, request_id: int) -> HelpRequest | None:
        row = self.session.get(HelpRequestRow, request_id)
        return _request(row) if row else None

    def open_for_lead(self, user_id: str) -> list[HelpRequest]:
        rows = self.session.scalars(
            select(HelpRequestRow)
            .join(CaseRow, CaseRow.id == HelpRequestRow.case_id)
            .where(CaseRow.lead_id == user_id, HelpRequestRow.status == RequestStatus.OPEN.value)
            .order_by(HelpRequestRow.id)
        )
        return [_request(r) for r in rows]

    def running_for_lead(self, user_id: str) -> list[HelpRequest]:
        rows = self.session.scalars(
            select(HelpRequestRow)
            .join(CaseRow, CaseRow.id == HelpRequestRow.case_id)
            .where(
                CaseRow.lead_id == user_id,
                HelpRequestRow.status.in_((RequestStatus.OPEN.value, RequestStatus.ESCALATED.value)),
            )
            .order_by(HelpRequestRow.id)
        )
        return [_request(r) for r in rows]

    def open_on_closed_cases(self, limit: int) -> list[HelpRequest]:
        rows = self.session.scalars(
            select(HelpRequestRow)
            .join(CaseRow, CaseRow.id == HelpRequestRow.case_id)
            .where(HelpRequestRow.status == RequestStatus.OPEN.value, CaseRow.closed_at.is_not(None))
            .order_by(HelpRequestRow.id)
            .limit(limit)
        )
        return [_request(r) for r in rows]

    def lock(self, request_id: int) -> None:
        self.session.execute(
            select(HelpRequestRow.id).where(HelpRequestRow.id == request_id).with_for_update()
        )

    def for_case(self, case_id: int) -> list[HelpRequest]:
        rows = self.session.scalars(
            select(HelpRequestRow).where(HelpRequestRow.case_id == case_id).order_by(HelpRequestRow.id)
        )
        return [_request(r) for r in rows]

    def due_rounds(self, now: datetime, limit: int) -> list[HelpRequest]:
        rows = self.session.scalars(
            select(HelpRequestRow)
            .where(HelpRequestRow.status == RequestStatus.OPEN.value, HelpRequestRow.round_due_at <= now)
            .order_by(HelpRequestRow.round_due_at, HelpRequestRow.id)
            .limit(limit)
        )
        return [_request(r) for r in rows]

    def claim_round(self, request_id: int, expected_round: int, next_due: datetime | None) -> bool:
        return (
            self._rowcount(
                update(HelpRequestRow)
                .where(
                    HelpRequestRow.id == request_id,
                    HelpRequestRow.round == expected_round,
                    HelpRequestRow.status == RequestStatus.OPEN.value,
                )
                .values(round=expected_round + 1, round_due_at=next_due)
            )
            == 1
        )

    def set_round_due(self, request_id: int, due: datetime | None) -> None:
        self._rowcount(update(HelpRequestRow).where(HelpRequestRow.id == request_id).values(round_due_at=due))

    def claim_slot(self, request_id: int) -> int | None:
        claimed = self.session.execute(
            update(HelpRequestRow)
            .where(
                HelpRequestRow.id == request_id,
                HelpRequestRow.status == RequestStatus.OPEN.value,
                HelpRequestRow.accepted < HelpRequestRow.experts_wanted,
            )
            .values(accepted=HelpRequestRow.accepted + 1)
            .returning(HelpRequestRow.accepted)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        return None if claimed is None else int(claimed)

    def set_status(
        self, request_id: int, status: str, at: datetime, expected: str = RequestStatus.OPEN.value
    ) -> bool:
        values: dict[str, Any] = {"status": status, "round_due_at": None}
        values["matched_at" if status == RequestStatus.MATCHED.value else "closed_at"] = at
        return (
            self._rowcount(
                update(HelpRequestRow)
                .where(HelpRequestRow.id == request_id, HelpRequestRow.status == expected)
                .values(**values)
            )
            == 1
        )

    def reopen(self, request_id: int, widening: Widening | None = None) -> bool:
        values: dict[str, Any] = {"status": RequestStatus.OPEN.value, "closed_at": None}
        if widening is not None:
            values |= {
                "expertise": widening.expertise,
                "organisation_kinds": ",".join(sorted(widening.organisation_kinds)),
                "region_wide": widening.region_wide,
            }
        return (
            self._rowcount(
                update(HelpRequestRow)
                .where(
                    HelpRequestRow.id == request_id,
                    HelpRequestRow.status == RequestStatus.ESCALATED.value,
                )
                .values(**values)
            )
            == 1
        )

    def mark_head_start(self, request_id: int) -> None:
        self._rowcount(update(HelpRequestRow).where(HelpRequestRow.id == request_id).values(head_start=True))

    # --- offers ----------------------------------------------------------------------------------------
    def add_offers(self, offers: Iterable[NewOffer]) -> list[Offer]:
        rows = [
            OfferRow(
                request_id=o.request_id,
                expert_id=o.expert_id,
                round=o.round,
                rank=o.rank,
                reasons=list(o.reasons),
                status=OfferStatus.PENDING.value,
                offered_at=o.offered_at,
                decline_reason="",
                assigned_by=o.assigned_by,
                forwarded_by=o.forwarded_by,
                attempt=1,
            )
            for o in offers
        ]
        self.session.add_all(rows)
        self.session.flush()
        for row in rows:
            self._asked(row.expert_id, row.offered_at)
        return [_offer(r) for r in rows]

    def _asked(self, expert_id: str, at: datetime) -> None:
        insert = sqlite_insert if self.session.get_bind().dialect.name == "sqlite" else postgresql_insert
        statement = insert(ExpertActivityRow).values(expert_id=expert_id, last_asked_at=at)
        self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[ExpertActivityRow.expert_id],
                set_={"last_asked_at": statement.excluded.last_asked_at},
            )
        )

    def offer_again(self, offer: NewOffer) -> Offer:
        """The same expert asked again on this request (assigned or forwarded): the old offer comes back."""
        row = self.session.scalar(
            select(OfferRow).where(
                OfferRow.request_id == offer.request_id, OfferRow.expert_id == offer.expert_id
            )
        )
        if row is None:
            (added,) = self.add_offers([offer])
            return added
        row.round, row.rank, row.reasons = offer.round, offer.rank, list(offer.reasons)
        row.status, row.offered_at, row.answered_at = OfferStatus.PENDING.value, offer.offered_at, None
        row.decline_reason, row.assigned_by, row.forwarded_by = "", offer.assigned_by, offer.forwarded_by
        row.attempt = (row.attempt or 1) + 1
        self.session.flush()
        self._asked(row.expert_id, row.offered_at)
        return _offer(row)

    def pending_for_expert(self, expert_id: str) -> list[Offer]:
        rows = self.session.scalars(
            select(OfferRow)
            .where(OfferRow.expert_id == expert_id, OfferRow.status == OfferStatus.PENDING.value)
            .order_by(OfferRow.offered_at, OfferRow.id)
        )
        return [_offer(r) for r in rows]

    def offer(self, offer_id: int) -> Offer | None:
        row = self.session.get(OfferRow, offer_id)
        return _offer(row) if row else None

    def offers_for(self, request_id: int) -> list[Offer]:
        rows = self.session.scalars(
            select(OfferRow).where(OfferRow.request_id == request_id).order_by(OfferRow.round, OfferRow.rank)
        )
        return [_offer(r) for r in rows]

    def answer_offer(
        self, offer_id: int, expert_id: str, status: OfferStatus, at: datetime, reason: str = ""
    ) -> bool:
        answered = (
            self._rowcount(
                update(OfferRow)
                .where(
                    OfferRow.id == offer_id,
                    OfferRow.expert_id == expert_id,
                    OfferRow.status == OfferStatus.PENDING.value,
                )
                .values(status=status.value, answered_at=at, decline_reason=reason)
            )
            == 1
        )
        if answered and status is OfferStatus.ACCEPTED:
            request_id = select(OfferRow.request_id).where(OfferRow.id == offer_id).scalar_subquery()
            self.session.execute(
                update(HelpRequestRow)
                .where(HelpRequestRow.id == request_id, HelpRequestRow.first_accepted_at.is_(None))
                .values(first_accepted_at=at)
                .execution_options(synchronize_session=False)
            )
        return answered

    def close_pending_offers(self, request_id: int, status: OfferStatus, at: datetime) -> list[Offer]:
        pending = self.session.scalars(
            select(OfferRow).where(
                OfferRow.request_id == request_id, OfferRow.status == OfferStatus.PENDING.value
            )
        ).all()
        closed = []
        for row in pending:
            changed = self._rowcount(
                update(OfferRow)
                .where(OfferRow.id == row.id, OfferRow.status == OfferStatus.PENDING.value)
                .values(status=status.value, answered_at=at)
            )
            if changed:
                self.session.expire(row)
                closed.append(_offer(row))
        return closed

    def loads(self, expert_ids: Iterable[str] | None = None) -> dict[str, ExpertLoad]:
        active: dict[str, int] = {}
        asked: dict[str, datetime] = {}
        ids = None if expert_ids is None else list(expert_ids)
        involvements = select(InvolvementRow.expert_id, func.count()).where(InvolvementRow.ended_at.is_(None))
        activity = select(ExpertActivityRow.expert_id, ExpertActivityRow.last_asked_at)
        if ids is not None:
            involvements = involvements.where(one_of(self.session, InvolvementRow.expert_id, ids))
            activity = activity.where(one_of(self.session, ExpertActivityRow.expert_id, ids))
        for expert_id, count in self.session.execute(involvements.group_by(InvolvementRow.expert_id)):
            active[expert_id] = int(count)
        for expert_id, last in self.session.execute(activity):
            asked[expert_id] = last
        return {
            expert_id: ExpertLoad(active.get(expert_id, 0), asked.get(expert_id))
            for expert_id in set(active) | set(asked) | set(ids or ())
        }

    # --- escalations -----------------------------------------------------------------------------------
    def add_escalation(self, request_id: int, at: datetime, repost_due_at: datetime | None) -> Escalation:
        row = EscalationRow(
            request_id=request_id,
            escalated_at=at,
            status=EscalationStatus.OPEN.value,
            post_key="",
            version=0,
            repost_due_at=repost_due_at,
        )
        self.session.add(row)
        self.session.flush()
        row.post_key = f"escalation:{row.id}"
        self.session.flush()
        return _escalation(row)

    def escalation(self, escalation_id: int) -> Escalation | None:
        row = self.session.get(EscalationRow, escalation_id, populate_existing=True)
        return _escalation(row) if row else None

    def escalations_for(self, request_id: int) -> list[Escalation]:
        rows = self.session.scalars(
            select(EscalationRow).where(EscalationRow.request_id == request_id).order_by(EscalationRow.id)
        )
        return [_escalation(r) for r in rows]

    def claim_escalation(self, escalation_id: int, user_id: str, at: datetime) -> bool:
        return (
            self._rowcount(
                update(EscalationRow)
                .where(
                    EscalationRow.id == escalation_id,
                    EscalationRow.claimed_by.is_(None),
                    EscalationRow.closed_at.is_(None),
                )
                .values(
                    claimed_by=user_id,
                    claimed_at=at,
                    status=EscalationStatus.CLAIMED.value,
                    repost_due_at=None,
                )
            )
            == 1
        )

    def close_escalation(
        self, escalation_id: int, status: EscalationStatus, by: str | None, at: datetime
    ) -> bool:
        return (
            self._rowcount(
                update(EscalationRow)
                .where(EscalationRow.id == escalation_id, EscalationRow.closed_at.is_(None))
                .values(status=status.value, closed_at=at, closed_by=by, repost_due_at=None)
            )
            == 1
        )

    def next_escalation_version(self, escalation_id: int) -> int:
        version = self.session.execute(
            update(EscalationRow)
            .where(EscalationRow.id == escalation_id)
            .values(version=EscalationRow.version + 1)
            .returning(EscalationRow.version)
            .execution_options(synchronize_session=False)
        ).scalar_one()
        return int(version)

    def due_reposts(self, now: datetime, limit: int) -> list[Escalation]:
        rows = self.session.scalars(
            select(EscalationRow)
            .where(EscalationRow.repost_due_at <= now)
            .order_by(EscalationRow.repost_due_at, EscalationRow.id)
            .limit(limit)
        )
        return [_escalation(r) for r in rows]

    def claim_repost(self, escalation_id: int, now: datetime, post_key: str) -> bool:
        return (
            self._rowcount(
                update(EscalationRow)
                .where(
                    EscalationRow.id == escalation_id,
                    EscalationRow.repost_due_at.is_not(None),
                    EscalationRow.claimed_by.is_(None),
                    EscalationRow.closed_at.is_(None),
                )
                .values(repost_due_at=None, reposted_at=now, post_key=post_key)
            )
            == 1
        )

    # --- check-ins -------------------------------------------------------------------------------------
    def schedule_checkin(self, involvement_id: int, due: datetime | None) -> None:
        row = self.session.get(CheckinRow, involvement_id)
        if row is None:
            self.session.add(CheckinRow(involvement_id=involvement_id, due_at=due, times_asked=0))
        else:
            row.due_at = due
        self.session.flush()

    def due_checkins(self, now: datetime, limit: int) -> list[DueCheckin]:
        # The index on due_at keeps this a short range scan; the join touches only the rows that are due.
        rows = self.session.execute(
            select(
                CheckinRow.involvement_id,
                CheckinRow.due_at,
                InvolvementRow.case_id,
                InvolvementRow.expert_id,
                InvolvementRow.started_at,
                InvolvementRow.ended_at,
            )
            .join(InvolvementRow, InvolvementRow.id == CheckinRow.involvement_id)
            .where(CheckinRow.due_at <= now)
            .order_by(CheckinRow.due_at, CheckinRow.involvement_id)
            .limit(limit)
        )
        return [
            DueCheckin(
                row.involvement_id,
                row.due_at,
                row.case_id,
                row.expert_id,
                row.started_at,
                row.ended_at is not None,
            )
            for row in rows
            if row.due_at is not None
        ]

    def claim_checkin(
        self, involvement_id: int, expected_due: datetime, next_due: datetime | None, now: datetime
    ) -> bool:
        values: dict[str, Any] = {"due_at": next_due}
        if next_due is not None:
            values |= {"asked_at": now, "times_asked": CheckinRow.times_asked + 1}
        return (
            self._rowcount(
                update(CheckinRow)
                .where(CheckinRow.involvement_id == involvement_id, CheckinRow.due_at == expected_due)
                .values(**values)
            )
            == 1
        )
