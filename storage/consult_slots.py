"""The weekly consult slots, and the claim that moves a slot's planning horizon."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from commands.consults.model import ConsultSlot
from commands.consults.ports import SlotKeyTaken
from storage.consult_models import ActionItemRow, ConsultRow, ConsultSlotRow, slot_fields, slot_from_row
from storage.sql import won


class SqlSlotRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def slots(self, *, include_inactive: bool = False) -> list[ConsultSlot]:
        query = select(ConsultSlotRow).order_by(
            ConsultSlotRow.weekday, ConsultSlotRow.start, ConsultSlotRow.id
        )
        if not include_inactive:
            query = query.where(ConsultSlotRow.active.is_(True))
        return [slot_from_row(row) for row in self.session.scalars(query)]

    def slot(self, key: str) -> ConsultSlot | None:
        row = self.session.scalar(select(ConsultSlotRow).where(ConsultSlotRow.key == key))
        return slot_from_row(row) if row is not None else None

    def add_slot(self, slot: ConsultSlot, now: datetime) -> ConsultSlot:
        if self.slot(slot.key) is not None:
            raise SlotKeyTaken(slot.key)
        row = ConsultSlotRow(**slot_fields(slot), planned_until=None, created_at=now, updated_at=now)
        self.session.add(row)
        self.session.flush()
        return slot_from_row(row)

    def update_slot(self, slot: ConsultSlot, now: datetime) -> None:
        self.session.execute(
            update(ConsultSlotRow)
            .where(ConsultSlotRow.id == slot.id)
            .values(**slot_fields(slot), updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def slots_to_plan(self, until: date) -> list[ConsultSlot]:
        query = select(ConsultSlotRow).where(
            ConsultSlotRow.active.is_(True),
            (ConsultSlotRow.planned_until.is_(None)) | (ConsultSlotRow.planned_until < until),
        )
        return [slot_from_row(row) for row in self.session.scalars(query)]

    def anything_due(self, until: date, now: datetime) -> bool:
        planning = exists().where(
            ConsultSlotRow.active.is_(True),
            ConsultSlotRow.planned_until.is_(None) | (ConsultSlotRow.planned_until < until),
        )
        agendas = exists().where(ConsultRow.agenda_due_at <= now)
        reminders = exists().where(ActionItemRow.remind_at <= now)
        return bool(self.session.scalar(select(planning | agendas | reminders)))

    def claim_planning(self, slot_id: int, planned_until: date | None, until: date) -> bool:
        current = (
            ConsultSlotRow.planned_until.is_(None)
            if planned_until is None
            else ConsultSlotRow.planned_until == planned_until
        )
        result = self.session.execute(
            update(ConsultSlotRow)
            .where(ConsultSlotRow.id == slot_id, current)
            .values(planned_until=until)
            .execution_options(synchronize_session=False)
        )
        return won(result)
