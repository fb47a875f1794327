"""Agenda items: the cases on a consult's agenda, and the decisions recorded on them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from commands.consults.model import AgendaItem, ItemStatus, NewAgendaItem, PastDecision
from storage.consult_models import AgendaItemRow, ConsultRow, item_from_row


class SqlAgendaItemRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_item(self, item: NewAgendaItem) -> AgendaItem:
        row = AgendaItemRow(
            consult_id=item.consult_id,
            case_id=item.case_id,
            case_code=item.case_code,
            question=item.question,
            disciplines=[d.value for d in item.disciplines],
            urgency=item.urgency.value,
            kind=item.kind.value,
            status=ItemStatus.PLANNED.value,
            registered_by=item.registered_by,
            registered_at=item.registered_at,
            previous_item_id=item.previous_item_id,
        )
        self.session.add(row)
        self.session.flush()
        return item_from_row(row)

    def item(self, item_id: int) -> AgendaItem | None:
        row = self.session.get(AgendaItemRow, item_id)
        return item_from_row(row) if row is not None else None

    def items(
        self, consult_ids: Sequence[int], *, statuses: Sequence[ItemStatus] | None = None
    ) -> list[AgendaItem]:
        if not consult_ids:
            return []
        wanted = [s.value for s in (statuses or (ItemStatus.PLANNED,))]
        query = (
            select(AgendaItemRow)
            .where(AgendaItemRow.consult_id.in_(list(consult_ids)), AgendaItemRow.status.in_(wanted))
            .order_by(AgendaItemRow.id)
        )
        return [item_from_row(row) for row in self.session.scalars(query)]

    def open_item_for_case(self, case_id: int) -> AgendaItem | None:
        row = self.session.scalar(
            select(AgendaItemRow)
            .join(ConsultRow, ConsultRow.id == AgendaItemRow.consult_id)
            .where(
                AgendaItemRow.case_id == case_id,
                AgendaItemRow.status == ItemStatus.PLANNED.value,
                ConsultRow.recorded_at.is_(None),
            )
            .order_by(AgendaItemRow.id.desc())
            .limit(1)
        )
        return item_from_row(row) if row is not None else None

    def move_item(self, item_id: int, consult_id: int) -> None:
        self.session.execute(
            update(AgendaItemRow)
            .where(AgendaItemRow.id == item_id)
            .values(consult_id=consult_id)
            .execution_options(synchronize_session=False)
        )

    def set_item_status(self, item_id: int, status: ItemStatus) -> None:
        self.session.execute(
            update(AgendaItemRow)
            .where(AgendaItemRow.id == item_id)
            .values(status=status.value)
            .execution_options(synchronize_session=False)
        )

    def record_item(self, item_id: int, decision: str, returns: bool, at: datetime) -> None:
        self.session.execute(
            update(AgendaItemRow)
            .where(AgendaItemRow.id == item_id)
            .values(decision=decision, returns=returns, discussed_at=at)
            .execution_options(synchronize_session=False)
        )

    def past_decisions(self, case_ids: Sequence[int], before: datetime, per_case: int) -> list[PastDecision]:
        if not case_ids:
            return []
        # Number each case's decisions newest first in the database, so only `per_case` rows come back
        # however long a case's history is.
        ranked = (
            select(
                AgendaItemRow.case_id,
                AgendaItemRow.decision,
                ConsultRow.starts_at,
                func.row_number()
                .over(
                    partition_by=AgendaItemRow.case_id,
                    order_by=(ConsultRow.starts_at.desc(), AgendaItemRow.id.desc()),
                )
                .label("rank"),
            )
            .join(ConsultRow, ConsultRow.id == AgendaItemRow.consult_id)
            .where(
                AgendaItemRow.case_id.in_(list(case_ids)),
                AgendaItemRow.status == ItemStatus.DISCUSSED.value,
                AgendaItemRow.decision.is_not(None),
                ConsultRow.starts_at < before,
            )
            .subquery()
        )
        rows = self.session.execute(
            select(ranked.c.case_id, ranked.c.decision, ranked.c.starts_at)
            .where(ranked.c.rank <= per_case)
            .order_by(ranked.c.case_id, ranked.c.rank)
        )
        return [PastDecision(row.case_id, row.starts_at, row.decision or "") for row in rows]
