"""Planned consults and their attendance, with the conditional-update claims on agenda and recording."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from commands.consults.model import Attendance, Consult, ConsultStatus, ItemStatus, NewConsult
from storage.consult_models import (
    AgendaItemRow,
    ConsultAttendanceRow,
    ConsultRow,
    ConsultSlotRow,
    consult_fields,
    consult_from_row,
)
from storage.sql import won


class SqlConsultRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_consult(self, consult: NewConsult) -> Consult:
        row = ConsultRow(
            **consult_fields(consult),
            agenda_sent_at=None,
            agenda_late=False,
            agenda_revision=0,
            recorded_at=None,
        )
        self.session.add(row)
        self.session.flush()
        return self._consult(row)

    def consult(self, consult_id: int, *, for_update: bool = False) -> Consult | None:
        query = select(ConsultRow).where(ConsultRow.id == consult_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.scalar(query)
        return self._consult(row) if row is not None else None

    def consults_between(
        self, start: datetime, end: datetime, *, include_cancelled: bool = True
    ) -> list[Consult]:
        query = select(ConsultRow).where(ConsultRow.starts_at >= start, ConsultRow.starts_at < end)
        if not include_cancelled:
            query = query.where(ConsultRow.status == ConsultStatus.PLANNED.value)
        return self._consults(query.order_by(ConsultRow.starts_at, ConsultRow.id))

    def open_consults(self, now: datetime, until: datetime) -> list[Consult]:
        query = select(ConsultRow).where(
            ConsultRow.starts_at > now,
            ConsultRow.starts_at < until,
            ConsultRow.status == ConsultStatus.PLANNED.value,
            ConsultRow.recorded_at.is_(None),
        )
        return self._consults(query.order_by(ConsultRow.starts_at, ConsultRow.id))

    def future_of_slot(self, slot_id: int, after: datetime) -> list[Consult]:
        query = select(ConsultRow).where(
            ConsultRow.slot_id == slot_id,
            ConsultRow.starts_at > after,
            ConsultRow.agenda_sent_at.is_(None),
            ConsultRow.recorded_at.is_(None),
        )
        return self._consults(query.order_by(ConsultRow.starts_at))

    def replan(self, consult_id: int, consult: NewConsult) -> None:
        self.session.execute(
            update(ConsultRow)
            .where(ConsultRow.id == consult_id, ConsultRow.agenda_sent_at.is_(None))
            .values(**consult_fields(consult))
            .execution_options(synchronize_session=False)
        )

    def chaired_by(self, user_id: str, start: datetime, end: datetime) -> list[Consult]:
        query = select(ConsultRow).where(
            or_(ConsultRow.chair_id == user_id, ConsultRow.notulist_id == user_id),
            ConsultRow.starts_at >= start,
            ConsultRow.starts_at < end,
            ConsultRow.status == ConsultStatus.PLANNED.value,
        )
        return self._consults(query.order_by(ConsultRow.starts_at))

    def set_notulist(self, consult_id: int, user_id: str | None) -> None:
        self.session.execute(
            update(ConsultRow)
            .where(ConsultRow.id == consult_id)
            .values(notulist_id=user_id)
            .execution_options(synchronize_session=False)
        )

    def record_attendance(
        self, consult_id: int, user_id: str, status: Attendance, by: str, at: datetime
    ) -> None:
        row = self.session.scalar(
            select(ConsultAttendanceRow).where(
                ConsultAttendanceRow.consult_id == consult_id, ConsultAttendanceRow.user_id == user_id
            )
        )
        if row is None:
            self.session.add(
                ConsultAttendanceRow(
                    consult_id=consult_id,
                    user_id=user_id,
                    status=status.value,
                    recorded_by=by,
                    recorded_at=at,
                )
            )
        else:
            row.status, row.recorded_by, row.recorded_at = status.value, by, at
        self.session.flush()

    def attendance(self, consult_id: int) -> dict[str, Attendance]:
        rows = self.session.execute(
            select(ConsultAttendanceRow.user_id, ConsultAttendanceRow.status)
            .where(ConsultAttendanceRow.consult_id == consult_id)
            .order_by(ConsultAttendanceRow.id)
        )
        return {row.user_id: Attendance(row.status) for row in rows}

    def due_agendas(self, now: datetime) -> list[Consult]:
        query = select(ConsultRow).where(ConsultRow.agenda_due_at <= now).order_by(ConsultRow.agenda_due_at)
        return self._consults(query)

    def claim_agenda(self, consult_id: int, now: datetime, *, late: bool, sent: bool) -> bool:
        result = self.session.execute(
            update(ConsultRow)
            .where(ConsultRow.id == consult_id, ConsultRow.agenda_due_at.is_not(None))
            .values(agenda_due_at=None, agenda_sent_at=now if sent else None, agenda_late=late)
            .execution_options(synchronize_session=False)
        )
        return won(result)

    def bump_agenda_revision(self, consult_id: int) -> int:
        self.session.execute(
            update(ConsultRow)
            .where(ConsultRow.id == consult_id)
            .values(agenda_revision=ConsultRow.agenda_revision + 1)
            .execution_options(synchronize_session=False)
        )
        revision = self.session.scalar(select(ConsultRow.agenda_revision).where(ConsultRow.id == consult_id))
        return int(revision or 0)

    def claim_recording(self, consult_id: int, now: datetime) -> bool:
        result = self.session.execute(
            update(ConsultRow)
            .where(ConsultRow.id == consult_id, ConsultRow.recorded_at.is_(None))
            .values(recorded_at=now, agenda_due_at=None)
            .execution_options(synchronize_session=False)
        )
        return won(result)

    def posted_unrecorded_with_case(self, case_id: int, now: datetime) -> list[Consult]:
        query = (
            select(ConsultRow)
            .join(AgendaItemRow, AgendaItemRow.consult_id == ConsultRow.id)
            .where(
                AgendaItemRow.case_id == case_id,
                AgendaItemRow.status == ItemStatus.PLANNED.value,
                ConsultRow.agenda_sent_at.is_not(None),
                ConsultRow.agenda_sent_at <= now,
                ConsultRow.recorded_at.is_(None),
                ConsultRow.status == ConsultStatus.PLANNED.value,
            )
        )
        return self._consults(query)

    def _consults(self, query: Any) -> list[Consult]:
        rows = list(self.session.scalars(query))
        keys = self._slot_keys({row.slot_id for row in rows})
        return [consult_from_row(row, keys.get(row.slot_id, ("", "MDO"))) for row in rows]

    def _consult(self, row: ConsultRow) -> Consult:
        return consult_from_row(row, self._slot_keys({row.slot_id}).get(row.slot_id, ("", "MDO")))

    def _slot_keys(self, slot_ids: set[int]) -> dict[int, tuple[str, str]]:
        if not slot_ids:
            return {}
        rows = self.session.execute(
            select(ConsultSlotRow.id, ConsultSlotRow.key, ConsultSlotRow.title).where(
                ConsultSlotRow.id.in_(slot_ids)
            )
        )
        return {row.id: (row.key, row.title) for row in rows}
