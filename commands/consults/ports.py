"""The consult feature's repositories as the product needs them, one per kind of thing it keeps: weekly
slots, consults (with attendance), agenda items and action items. On the unit of work they are `slots`,
`consults`, `agenda_items` and `actions`; storage implements each in a module of its own
(`storage/consult_slots.py`, `storage/consults.py`, `storage/agenda_items.py`, `storage/consult_actions.py`).

Claims (`claim_*`) are conditional updates that return whether this transaction won: that is what makes the
scheduled work exactly-once across restarts and several bot processes on one database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from commands.consults.model import (
    ActionItem,
    AgendaItem,
    Attendance,
    Consult,
    ConsultSlot,
    ItemStatus,
    NewAction,
    NewAgendaItem,
    NewConsult,
    PastDecision,
)


class SlotKeyTaken(Exception):
    """A slot with this key exists already."""


class SlotRepository(Protocol):
    """The weekly consult moments as configured, and how far ahead each has been planned."""

    def slots(self, *, include_inactive: bool = False) -> list[ConsultSlot]: ...

    def slot(self, key: str) -> ConsultSlot | None: ...

    def add_slot(self, slot: ConsultSlot, now: datetime) -> ConsultSlot:
        """Raises SlotKeyTaken if the key is in use."""
        ...

    def update_slot(self, slot: ConsultSlot, now: datetime) -> None:
        """Store the slot's settings (matched by id); leaves `planned_until` alone."""
        ...

    def slots_to_plan(self, until: date) -> list[ConsultSlot]:
        """Active slots whose consults are not yet planned up to `until` (one cheap indexed query)."""
        ...

    def anything_due(self, until: date, now: datetime) -> bool:
        """Whether a slot needs planning up to `until`, or an agenda or reminder is due: one round trip,
        so the tick that finds nothing to do (nearly every tick) stays cheap."""
        ...

    def claim_planning(self, slot_id: int, planned_until: date | None, until: date) -> bool:
        """Move the slot's planning horizon from `planned_until` to `until`; False if someone else did."""
        ...


class ConsultRepository(Protocol):
    """Planned consults: their planning, who attends, and the claims on their agenda and recording."""

    def add_consult(self, consult: NewConsult) -> Consult: ...

    def consult(self, consult_id: int, *, for_update: bool = False) -> Consult | None: ...

    def consults_between(
        self, start: datetime, end: datetime, *, include_cancelled: bool = True
    ) -> list[Consult]:
        """Consults starting in [start, end), by start."""
        ...

    def open_consults(self, now: datetime, until: datetime) -> list[Consult]:
        """Planned, not recorded consults starting after `now` and before `until`, by start."""
        ...

    def future_of_slot(self, slot_id: int, after: datetime) -> list[Consult]:
        """The slot's consults starting after `after` whose agenda has not been sent, by start."""
        ...

    def replan(self, consult_id: int, consult: NewConsult) -> None:
        """Overwrite an unsent consult's planning (after its slot changed)."""
        ...

    def chaired_by(self, user_id: str, start: datetime, end: datetime) -> list[Consult]:
        """Planned consults this person chairs or takes the minutes of, starting in [start, end), by start."""
        ...

    def set_notulist(self, consult_id: int, user_id: str | None) -> None:
        """The notulist of a consult (None: nobody); the chair names them, they may record too."""
        ...

    def record_attendance(
        self, consult_id: int, user_id: str, status: Attendance, by: str, at: datetime
    ) -> None:
        """Aanwezig or afgemeld for one person (recording again overwrites)."""
        ...

    def attendance(self, consult_id: int) -> dict[str, Attendance]:
        """Per user id, aanwezig or afgemeld, in the order they were recorded."""
        ...

    def due_agendas(self, now: datetime) -> list[Consult]:
        """Consults whose agenda moment has passed and that nobody has handled yet."""
        ...

    def claim_agenda(self, consult_id: int, now: datetime, *, late: bool, sent: bool) -> bool:
        """Mark the agenda handled (sent, or given up because the consult began); False if already done."""
        ...

    def bump_agenda_revision(self, consult_id: int) -> int:
        """The next revision number of a sent agenda (serialised by the row lock)."""
        ...

    def claim_recording(self, consult_id: int, now: datetime) -> bool:
        """Mark the consult recorded; False if it already was."""
        ...

    def posted_unrecorded_with_case(self, case_id: int, now: datetime) -> list[Consult]:
        """Consults whose agenda (with this case on it) was sent and that are not recorded yet."""
        ...


class AgendaItemRepository(Protocol):
    """Cases on consults' agendas, and the decisions recorded on them."""

    def add_item(self, item: NewAgendaItem) -> AgendaItem: ...

    def item(self, item_id: int) -> AgendaItem | None: ...

    def items(
        self, consult_ids: Sequence[int], *, statuses: Sequence[ItemStatus] | None = None
    ) -> list[AgendaItem]:
        """Items of these consults (default: the planned ones), in id order."""
        ...

    def open_item_for_case(self, case_id: int) -> AgendaItem | None:
        """The case's planned item on a consult that has not been recorded, if any."""
        ...

    def move_item(self, item_id: int, consult_id: int) -> None: ...

    def set_item_status(self, item_id: int, status: ItemStatus) -> None: ...

    def record_item(self, item_id: int, decision: str, returns: bool, at: datetime) -> None: ...

    def past_decisions(self, case_ids: Sequence[int], before: datetime, per_case: int) -> list[PastDecision]:
        """The latest decisions per case from consults that started before `before`, newest first."""
        ...


class ActionRepository(Protocol):
    """Actions agreed in consults (actiehouder, uiterlijk), their reminders and their completion."""

    def replace_actions(
        self, item_id: int, case_code: str, actions: Sequence[NewAction], now: datetime
    ) -> None: ...

    def actions_of_items(self, item_ids: Sequence[int]) -> list[ActionItem]: ...

    def set_reminder(self, action_id: int, remind_at: datetime | None) -> None: ...

    def open_actions(self, owner_id: str) -> list[ActionItem]:
        """Not done, by due date."""
        ...

    def open_actions_for_case(self, case_id: int) -> list[ActionItem]:
        """The case's actions from recorded consults that are not done yet, by due date (for the export)."""
        ...

    def action(self, action_id: int) -> ActionItem | None: ...

    def holds_open_action(self, case_code: str, owner_id: str) -> bool:
        """Does `owner_id` hold an action on this case that is not done (card access follows the work)?"""
        ...

    def mark_done(self, action_id: int, by: str, now: datetime) -> bool:
        """False if it was done already."""
        ...

    def due_reminders(self, now: datetime, limit: int) -> list[ActionItem]: ...

    def claim_reminder(self, action_id: int, now: datetime) -> bool:
        """Mark the reminder sent; False if another transaction did, or the action was done meanwhile."""
        ...
