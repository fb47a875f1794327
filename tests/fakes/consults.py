"""The consult feature's four repositories in memory: slots, consults (with attendance), agenda items and
action items, over one transaction's tables, as `storage/consult_slots.py`, `storage/consults.py`,
`storage/agenda_items.py` and `storage/consult_actions.py` behave. Every claim is conditional."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from commands.consults.model import (
    ActionItem,
    AgendaItem,
    Attendance,
    Consult,
    ConsultSlot,
    ConsultStatus,
    DayOffset,
    ItemStatus,
    NewAction,
    NewAgendaItem,
    NewConsult,
    PastDecision,
)
from commands.consults.ports import SlotKeyTaken
from tests.fakes.store import Transaction, utc, utc_or_none

SLOTS = "consult_slots"  # key: id; row: ConsultSlot
CONSULTS = "consults"  # key: id; row: StoredConsult
ATTENDANCE = "consult_attendance"  # key: (consult id, user id); row: (row id, Attendance)
ITEMS = "agenda_items"  # key: id; row: AgendaItem
ACTIONS = "action_items"  # key: id; row: ActionItem

_ActionFilter = Callable[[ActionItem, AgendaItem], bool]


@dataclass(frozen=True)
class StoredConsult:
    """A consult as its row holds it: the slot's key and title are read from the slot, as SQL joins them,
    and `agenda_due_at` (work still to do) is not part of the domain value."""

    consult: Consult
    agenda_due_at: datetime | None


# --- slots -------------------------------------------------------------------------------------------------
class FakeSlotRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def slots(self, *, include_inactive: bool = False) -> list[ConsultSlot]:
        found = [slot for slot in self.tx.rows(SLOTS) if include_inactive or slot.active]
        return sorted(found, key=lambda slot: (slot.weekday, slot.start, slot.id))

    def slot(self, key: str) -> ConsultSlot | None:
        return next((slot for slot in self.tx.rows(SLOTS) if slot.key == key), None)

    def add_slot(self, slot: ConsultSlot, now: datetime) -> ConsultSlot:
        utc(now)
        if self.slot(slot.key) is not None:
            raise SlotKeyTaken(slot.key)
        stored = replace(_stored_slot(slot), id=self.tx.next_id(SLOTS), planned_until=None)
        self.tx.put(SLOTS, stored.id, stored)
        return stored

    def update_slot(self, slot: ConsultSlot, now: datetime) -> None:
        utc(now)
        current: ConsultSlot | None = self.tx.get(SLOTS, slot.id)
        if current is not None:
            self.tx.put(SLOTS, slot.id, replace(_stored_slot(slot), planned_until=current.planned_until))

    def slots_to_plan(self, until: date) -> list[ConsultSlot]:
        return [slot for slot in self.tx.rows(SLOTS) if _to_plan(slot, until)]

    def anything_due(self, until: date, now: datetime) -> bool:
        now = utc(now)
        return (
            any(_to_plan(slot, until) for slot in self.tx.rows(SLOTS))
            or any(_due(row.agenda_due_at, now) for row in self.tx.rows(CONSULTS))
            or any(_due(action.remind_at, now) for action in self.tx.rows(ACTIONS))
        )

    def claim_planning(self, slot_id: int, planned_until: date | None, until: date) -> bool:
        slot: ConsultSlot | None = self.tx.get(SLOTS, slot_id)
        if slot is None or slot.planned_until != planned_until:
            return False
        self.tx.put(SLOTS, slot_id, replace(slot, planned_until=until))
        return True


def _to_plan(slot: ConsultSlot, until: date) -> bool:
    return slot.active and (slot.planned_until is None or slot.planned_until < until)


def _due(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment <= now


def _minute(moment: time) -> time:
    """Times of day are stored as "HH:MM"."""
    return time(moment.hour, moment.minute)


def _stored_slot(slot: ConsultSlot) -> ConsultSlot:
    return replace(
        slot,
        start=_minute(slot.start),
        deadline=DayOffset(slot.deadline.working_days_before, _minute(slot.deadline.at)),
        agenda=DayOffset(slot.agenda.working_days_before, _minute(slot.agenda.at)),
    )


# --- consults ----------------------------------------------------------------------------------------------
class FakeConsultRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add_consult(self, consult: NewConsult) -> Consult:
        if any(
            (row.consult.slot_id, row.consult.planned_for) == (consult.slot_id, consult.planned_for)
            for row in self.tx.rows(CONSULTS)
        ):
            raise ValueError(
                "a consult of this slot on this date exists (a unique constraint in the database)"
            )
        consult_id = self.tx.next_id(CONSULTS)
        self.tx.put(CONSULTS, consult_id, _planned(consult_id, consult))
        return self._read(consult_id)

    def consult(self, consult_id: int, *, for_update: bool = False) -> Consult | None:
        return self._read(consult_id) if self.tx.get(CONSULTS, consult_id) is not None else None

    def consults_between(
        self, start: datetime, end: datetime, *, include_cancelled: bool = True
    ) -> list[Consult]:
        start, end = utc(start), utc(end)
        return self._by_start(
            c
            for c in self._all()
            if start <= c.starts_at < end and (include_cancelled or c.status is ConsultStatus.PLANNED)
        )

    def open_consults(self, now: datetime, until: datetime) -> list[Consult]:
        now, until = utc(now), utc(until)
        return self._by_start(
            c
            for c in self._all()
            if now < c.starts_at < until and c.status is ConsultStatus.PLANNED and c.recorded_at is None
        )

    def future_of_slot(self, slot_id: int, after: datetime) -> list[Consult]:
        after = utc(after)
        return self._by_start(
            c
            for c in self._all()
            if c.slot_id == slot_id
            and c.starts_at > after
            and c.agenda_sent_at is None
            and c.recorded_at is None
        )

    def replan(self, consult_id: int, consult: NewConsult) -> None:
        row: StoredConsult | None = self.tx.get(CONSULTS, consult_id)
        if row is None or row.consult.agenda_sent_at is not None:
            return
        planned = _planned(consult_id, consult)
        kept = row.consult  # what planning does not set: the agenda's and the recording's state
        self.tx.put(
            CONSULTS,
            consult_id,
            replace(
                planned,
                consult=replace(
                    planned.consult,
                    agenda_sent_at=kept.agenda_sent_at,
                    agenda_late=kept.agenda_late,
                    agenda_revision=kept.agenda_revision,
                    recorded_at=kept.recorded_at,
                    notulist_id=kept.notulist_id,
                ),
            ),
        )

    def chaired_by(self, user_id: str, start: datetime, end: datetime) -> list[Consult]:
        start, end = utc(start), utc(end)
        return self._by_start(
            c
            for c in self._all()
            if user_id in (c.chair_id, c.notulist_id)
            and start <= c.starts_at < end
            and c.status is ConsultStatus.PLANNED
        )

    def set_notulist(self, consult_id: int, user_id: str | None) -> None:
        self._update(consult_id, notulist_id=user_id)

    def record_attendance(
        self, consult_id: int, user_id: str, status: Attendance, by: str, at: datetime
    ) -> None:
        utc(at)
        existing: tuple[int, Attendance] | None = self.tx.get(ATTENDANCE, (consult_id, user_id))
        row_id = existing[0] if existing is not None else self.tx.next_id(ATTENDANCE)
        self.tx.put(ATTENDANCE, (consult_id, user_id), (row_id, status))

    def attendance(self, consult_id: int) -> dict[str, Attendance]:
        rows = [
            (row, user) for (consult, user), row in self.tx.table(ATTENDANCE).items() if consult == consult_id
        ]
        return {user: status for (_, status), user in sorted(rows)}

    def due_agendas(self, now: datetime) -> list[Consult]:
        now = utc(now)
        due = [row for row in self.tx.rows(CONSULTS) if _due(row.agenda_due_at, now)]
        due.sort(key=lambda row: (row.agenda_due_at, row.consult.id))
        return [self._read(row.consult.id) for row in due]

    def claim_agenda(self, consult_id: int, now: datetime, *, late: bool, sent: bool) -> bool:
        row: StoredConsult | None = self.tx.get(CONSULTS, consult_id)
        if row is None or row.agenda_due_at is None:
            return False
        handled = replace(row.consult, agenda_sent_at=utc(now) if sent else None, agenda_late=late)
        self.tx.put(CONSULTS, consult_id, StoredConsult(handled, agenda_due_at=None))
        return True

    def bump_agenda_revision(self, consult_id: int) -> int:
        row: StoredConsult | None = self.tx.get(CONSULTS, consult_id)
        if row is None:
            return 0
        self._update(consult_id, agenda_revision=row.consult.agenda_revision + 1)
        return row.consult.agenda_revision + 1

    def claim_recording(self, consult_id: int, now: datetime) -> bool:
        row: StoredConsult | None = self.tx.get(CONSULTS, consult_id)
        if row is None or row.consult.recorded_at is not None:
            return False
        self.tx.put(CONSULTS, consult_id, StoredConsult(replace(row.consult, recorded_at=utc(now)), None))
        return True

    def posted_unrecorded_with_case(self, case_id: int, now: datetime) -> list[Consult]:
        now = utc(now)
        found: list[Consult] = []
        for item in self.tx.rows(ITEMS):  # a row per matching item, as the SQL join gives
            if item.case_id != case_id or item.status is not ItemStatus.PLANNED:
                continue
            consult = self.consult(item.consult_id)
            if (
                consult is not None
                and consult.agenda_sent_at is not None
                and consult.agenda_sent_at <= now
                and consult.recorded_at is None
                and consult.status is ConsultStatus.PLANNED
            ):
                found.append(consult)
        return found

    def _all(self) -> list[Consult]:
        return [self._read(row.consult.id) for row in self.tx.rows(CONSULTS)]

    def _read(self, consult_id: int) -> Consult:
        consult: Consult = self.tx.get(CONSULTS, consult_id).consult
        slot: ConsultSlot | None = self.tx.get(SLOTS, consult.slot_id)
        key, title = (slot.key, slot.title) if slot is not None else ("", "MDO")
        return replace(consult, slot_key=key, title=title)

    def _update(self, consult_id: int, **values: object) -> None:
        row: StoredConsult | None = self.tx.get(CONSULTS, consult_id)
        if row is not None:  # an UPDATE of a missing row changes nothing
            self.tx.put(CONSULTS, consult_id, replace(row, consult=replace(row.consult, **values)))  # type: ignore[arg-type]

    @staticmethod
    def _by_start(consults: Iterable[Consult]) -> list[Consult]:
        return sorted(consults, key=lambda c: (c.starts_at, c.id))


def _planned(consult_id: int, consult: NewConsult) -> StoredConsult:
    planned = consult.status is ConsultStatus.PLANNED
    stored = Consult(
        id=consult_id,
        slot_id=consult.slot_id,
        slot_key="",
        title="",
        planned_for=consult.planned_for,
        starts_at=utc(consult.starts_at),
        ends_at=utc(consult.ends_at),
        status=consult.status,
        channel=consult.channel,
        chair_id=consult.chair_id,
        members=tuple(consult.members),
        capacity=consult.capacity,
        minutes_per_case=consult.minutes_per_case,
        deadline_at=utc(consult.deadline_at),
        agenda_at=utc(consult.agenda_at),
        video_url=consult.video_url,
        holiday=consult.holiday,
    )
    # A cancelled consult has no agenda to send.
    return StoredConsult(stored, agenda_due_at=stored.agenda_at if planned else None)


# --- agenda items ------------------------------------------------------------------------------------------
class FakeAgendaItemRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def add_item(self, item: NewAgendaItem) -> AgendaItem:
        stored = AgendaItem(
            id=self.tx.next_id(ITEMS),
            consult_id=item.consult_id,
            case_id=item.case_id,
            case_code=item.case_code,
            question=item.question,
            disciplines=tuple(item.disciplines),
            urgency=item.urgency,
            kind=item.kind,
            status=ItemStatus.PLANNED,
            registered_by=item.registered_by,
            registered_at=utc(item.registered_at),
            previous_item_id=item.previous_item_id,
        )
        self.tx.put(ITEMS, stored.id, stored)
        return stored

    def item(self, item_id: int) -> AgendaItem | None:
        found: AgendaItem | None = self.tx.get(ITEMS, item_id)
        return found

    def items(
        self, consult_ids: Sequence[int], *, statuses: Sequence[ItemStatus] | None = None
    ) -> list[AgendaItem]:
        wanted = set(statuses or (ItemStatus.PLANNED,))
        consults = set(consult_ids)
        return [i for i in self.tx.rows(ITEMS) if i.consult_id in consults and i.status in wanted]

    def open_item_for_case(self, case_id: int) -> AgendaItem | None:
        open_items = [
            item
            for item in self.tx.rows(ITEMS)
            if item.case_id == case_id
            and item.status is ItemStatus.PLANNED
            and (row := self.tx.get(CONSULTS, item.consult_id)) is not None
            and row.consult.recorded_at is None
        ]
        return open_items[-1] if open_items else None

    def move_item(self, item_id: int, consult_id: int) -> None:
        self._update(item_id, consult_id=consult_id)

    def set_item_status(self, item_id: int, status: ItemStatus) -> None:
        self._update(item_id, status=status)

    def record_item(self, item_id: int, decision: str, returns: bool, at: datetime) -> None:
        self._update(item_id, decision=decision, returns=returns, discussed_at=utc(at))

    def past_decisions(self, case_ids: Sequence[int], before: datetime, per_case: int) -> list[PastDecision]:
        before = utc(before)
        ranked: dict[int, list[tuple[datetime, int, str]]] = {}
        for item in self.tx.rows(ITEMS):
            row: StoredConsult | None = self.tx.get(CONSULTS, item.consult_id)
            if (
                item.case_id in case_ids
                and item.status is ItemStatus.DISCUSSED
                and item.decision is not None
                and row is not None
                and row.consult.starts_at < before
            ):
                ranked.setdefault(item.case_id, []).append((row.consult.starts_at, item.id, item.decision))
        return [
            PastDecision(case_id, starts_at, decision)
            for case_id in sorted(ranked)
            for starts_at, _, decision in sorted(ranked[case_id], reverse=True)[: max(per_case, 0)]
        ]

    def _update(self, item_id: int, **values: object) -> None:
        item = self.item(item_id)
        if item is not None:
            self.tx.put(ITEMS, item_id, replace(item, **values))  # type: ignore[arg-type]


# --- action items ------------------------------------------------------------------------------------------
class FakeActionRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def replace_actions(
        self, item_id: int, case_code: str, actions: Sequence[NewAction], now: datetime
    ) -> None:
        for old in list(self.tx.rows(ACTIONS)):
            if old.agenda_item_id == item_id:
                self.tx.delete(ACTIONS, old.id)
        for action in actions:
            stored = ActionItem(
                id=self.tx.next_id(ACTIONS),
                agenda_item_id=item_id,
                case_code=case_code,
                owner_id=action.owner_id,
                description=action.description,
                due_on=action.due_on,
                created_at=utc(now),
            )
            self.tx.put(ACTIONS, stored.id, stored)

    def actions_of_items(self, item_ids: Sequence[int]) -> list[ActionItem]:
        return [action for action in self.tx.rows(ACTIONS) if action.agenda_item_id in item_ids]

    def set_reminder(self, action_id: int, remind_at: datetime | None) -> None:
        self._update(action_id, remind_at=utc_or_none(remind_at))

    def open_actions(self, owner_id: str) -> list[ActionItem]:
        return self._open_of_recorded(lambda action, item: action.owner_id == owner_id)

    def open_actions_for_case(self, case_id: int) -> list[ActionItem]:
        return self._open_of_recorded(lambda action, item: item.case_id == case_id)

    def action(self, action_id: int) -> ActionItem | None:
        found: ActionItem | None = self.tx.get(ACTIONS, action_id)
        return found

    def holds_open_action(self, case_code: str, owner_id: str) -> bool:
        return any(
            a.owner_id == owner_id and a.done_at is None and a.case_code == case_code
            for a in self.tx.rows(ACTIONS)
        )

    def mark_done(self, action_id: int, by: str, now: datetime) -> bool:
        action = self.action(action_id)
        if action is None or action.done_at is not None:
            return False
        self._update(action_id, done_at=utc(now), done_by=by, remind_at=None)
        return True

    def due_reminders(self, now: datetime, limit: int) -> list[ActionItem]:
        now = utc(now)
        due = [action for action in self.tx.rows(ACTIONS) if _due(action.remind_at, now)]
        return sorted(due, key=lambda action: (action.remind_at, action.id))[:limit]

    def claim_reminder(self, action_id: int, now: datetime) -> bool:
        action = self.action(action_id)
        if action is None or action.remind_at is None or action.done_at is not None:
            return False
        self._update(action_id, remind_at=None, reminded_at=utc(now))
        return True

    def _open_of_recorded(self, wanted: _ActionFilter) -> list[ActionItem]:
        """Not done, agreed in a consult that has been recorded, by due date."""
        found: list[ActionItem] = []
        for action in self.tx.rows(ACTIONS):
            item: AgendaItem | None = self.tx.get(ITEMS, action.agenda_item_id)
            row: StoredConsult | None = None if item is None else self.tx.get(CONSULTS, item.consult_id)
            if (
                action.done_at is None
                and item is not None
                and row is not None
                and row.consult.recorded_at is not None
                and wanted(action, item)
            ):
                found.append(action)
        return sorted(found, key=lambda action: (action.due_on, action.id))

    def _update(self, action_id: int, **values: object) -> None:
        action = self.action(action_id)
        if action is not None:
            self.tx.put(ACTIONS, action_id, replace(action, **values))  # type: ignore[arg-type]
