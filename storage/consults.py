"""The consult repository: slots, consults, agenda items and action items, with conditional-update claims."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, exists, func, or_, select, update
from sqlalchemy.orm import Session

from commands.consults.model import (
    ActionItem,
    AgendaItem,
    Attendance,
    Consult,
    ConsultSlot,
    ConsultStatus,
    ItemStatus,
    NewAction,
    NewAgendaItem,
    NewConsult,
    PastDecision,
)
from commands.consults.ports import SlotKeyTaken
from storage.consult_models import (
    ActionItemRow,
    AgendaItemRow,
    ConsultAttendanceRow,
    ConsultRow,
    ConsultSlotRow,
    action_from_row,
    consult_fields,
    consult_from_row,
    item_from_row,
    slot_fields,
    slot_from_row,
)


def _won(result: Any) -> bool:
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


class SqlConsultRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- slots --------------------------------------------------------------------------------------------
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
        return _won(result)

    # --- consults -----------------------------------------------------------------------------------------
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
        return _won(result)

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
        return _won(result)

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

    # --- agenda items -------------------------------------------------------------------------------------
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

    # --- action items -------------------------------------------------------------------------------------
    def replace_actions(
        self, item_id: int, case_code: str, actions: Sequence[NewAction], now: datetime
    ) -> None:
        for row in self.session.scalars(select(ActionItemRow).where(ActionItemRow.agenda_item_id == item_id)):
            self.session.delete(row)
        self.session.flush()
        for action in actions:
            self.session.add(
                ActionItemRow(
                    agenda_item_id=item_id,
                    case_code=case_code,
                    owner_id=action.owner_id,
                    description=action.description,
                    due_on=action.due_on,
                    created_at=now,
                )
            )
        self.session.flush()

    def actions_of_items(self, item_ids: Sequence[int]) -> list[ActionItem]:
        if not item_ids:
            return []
        query = (
            select(ActionItemRow)
            .where(ActionItemRow.agenda_item_id.in_(list(item_ids)))
            .order_by(ActionItemRow.id)
        )
        return [action_from_row(row) for row in self.session.scalars(query)]

    def set_reminder(self, action_id: int, remind_at: datetime | None) -> None:
        self.session.execute(
            update(ActionItemRow)
            .where(ActionItemRow.id == action_id)
            .values(remind_at=remind_at)
            .execution_options(synchronize_session=False)
        )

    def open_actions(self, owner_id: str) -> list[ActionItem]:
        query = (
            select(ActionItemRow)
            .join(AgendaItemRow, AgendaItemRow.id == ActionItemRow.agenda_item_id)
            .join(ConsultRow, ConsultRow.id == AgendaItemRow.consult_id)
            .where(
                ActionItemRow.owner_id == owner_id,
                ActionItemRow.done_at.is_(None),
                ConsultRow.recorded_at.is_not(None),
            )
            .order_by(ActionItemRow.due_on, ActionItemRow.id)
        )
        return [action_from_row(row) for row in self.session.scalars(query)]

    def holds_open_action(self, case_code: str, owner_id: str) -> bool:
        # Through the (owner_id, done_at) index: a person holds few open actions.
        found = self.session.scalar(
            select(ActionItemRow.id)
            .where(
                ActionItemRow.owner_id == owner_id,
                ActionItemRow.done_at.is_(None),
                ActionItemRow.case_code == case_code,
            )
            .limit(1)
        )
        return found is not None

    def open_actions_for_case(self, case_id: int) -> list[ActionItem]:
        query = (
            select(ActionItemRow)
            .join(AgendaItemRow, AgendaItemRow.id == ActionItemRow.agenda_item_id)
            .join(ConsultRow, ConsultRow.id == AgendaItemRow.consult_id)
            .where(
                AgendaItemRow.case_id == case_id,
                ActionItemRow.done_at.is_(None),
                ConsultRow.recorded_at.is_not(None),
            )
            .order_by(ActionItemRow.due_on, ActionItemRow.id)
        )
        return [action_from_row(row) for row in self.session.scalars(query)]

    def action(self, action_id: int) -> ActionItem | None:
        row = self.session.get(ActionItemRow, action_id)
        return action_from_row(row) if row is not None else None

    def mark_done(self, action_id: int, by: str, now: datetime) -> bool:
        result = self.session.execute(
            update(ActionItemRow)
            .where(ActionItemRow.id == action_id, ActionItemRow.done_at.is_(None))
            .values(done_at=now, done_by=by, remind_at=None)
            .execution_options(synchronize_session=False)
        )
        return _won(result)

    def due_reminders(self, now: datetime, limit: int) -> list[ActionItem]:
        query = (
            select(ActionItemRow)
            .where(ActionItemRow.remind_at <= now)
            .order_by(ActionItemRow.remind_at, ActionItemRow.id)
            .limit(limit)
        )
        return [action_from_row(row) for row in self.session.scalars(query)]

    def claim_reminder(self, action_id: int, now: datetime) -> bool:
        result = self.session.execute(
            update(ActionItemRow)
            .where(
                ActionItemRow.id == action_id,
                ActionItemRow.remind_at.is_not(None),
                ActionItemRow.done_at.is_(None),
            )
            .values(remind_at=None, reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        return _won(result)
