"""Action items agreed in consults: owners, due dates, reminders (claimed once) and completion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from commands.consults.model import ActionItem, NewAction
from storage.consult_models import ActionItemRow, AgendaItemRow, ConsultRow, action_from_row
from storage.sql import won


class SqlActionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

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
        return self._open_of_recorded(ActionItemRow.owner_id == owner_id)

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
        return self._open_of_recorded(AgendaItemRow.case_id == case_id)

    def _open_of_recorded(self, which: ColumnElement[bool]) -> list[ActionItem]:
        """Open actions of consults whose outcome was recorded (an unrecorded consult's actions are drafts),
        by due date."""
        query = (
            select(ActionItemRow)
            .join(AgendaItemRow, AgendaItemRow.id == ActionItemRow.agenda_item_id)
            .join(ConsultRow, ConsultRow.id == AgendaItemRow.consult_id)
            .where(which, ActionItemRow.done_at.is_(None), ConsultRow.recorded_at.is_not(None))
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
        return won(result)

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
        return won(result)
