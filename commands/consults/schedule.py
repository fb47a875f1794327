"""Planning consults from slots: dates, public holidays, deadlines, agenda moments and the chair rota. Pure.

A consult on a public holiday is skipped or moved to the next or previous working day, per slot. A move that
would land on a day on which the same channel already has its own consult is a skip instead: one channel,
one consult a day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from commands.calendar import WorkCalendar, public_holiday
from commands.consults.dates import ConsultDates
from commands.consults.model import ConsultSlot, ConsultStatus, DayOffset, HolidayPolicy, NewConsult

ROTA_EPOCH = date(2024, 1, 1)  # a Monday: week numbers for the chair rota count from here
PLAN_WEEKS = 8  # consults exist this far ahead, so registrations and overflow always find one


@dataclass(frozen=True)
class HolidayMove:
    """Where a consult on `regular` ends up; `day` is None when it is cancelled."""

    regular: date
    day: date | None
    holiday: str | None = None
    collides: bool = False  # cancelled because the move would land on the channel's other consult


@dataclass(frozen=True)
class Planned:
    consult: NewConsult
    move: HolidayMove

    @property
    def notice(self) -> bool:
        """Whether the channel should be told (the consult moved or was cancelled for a holiday)."""
        return self.move.holiday is not None


def moment_before(day: date, offset: DayOffset, calendar: WorkCalendar) -> datetime:
    """The instant `offset` describes for a consult on `day` (working days back, then the local time)."""
    cursor = day
    for _ in range(offset.working_days_before):
        cursor = calendar.previous_working_day(cursor)
    return datetime.combine(cursor, offset.at, tzinfo=calendar.zone).astimezone(UTC)


def place_around_holiday(
    slot: ConsultSlot, regular: date, calendar: WorkCalendar, slots: Sequence[ConsultSlot]
) -> HolidayMove:
    holiday = public_holiday(regular)
    if holiday is None:
        return HolidayMove(regular, regular)
    if slot.holiday is HolidayPolicy.SKIP:
        return HolidayMove(regular, None, holiday)
    if slot.holiday is HolidayPolicy.NEXT:
        target = calendar.next_working_day(regular)
    else:
        target = calendar.previous_working_day(regular)
    taken = any(
        other.active and other.key != slot.key and other.channel == slot.channel
        for other in slots
        if other.weekday == target.weekday()
    )
    if taken:
        return HolidayMove(regular, None, holiday, collides=True)
    return HolidayMove(regular, target, holiday)


def chair_for(slot: ConsultSlot, day: date, chairs: Sequence[str]) -> str | None:
    """The slot's fixed chair, or this week's turn in its rota (or in all chairs when it names none)."""
    pool = slot.chairs or tuple(chairs)
    if not pool:
        return None
    week = (day - ROTA_EPOCH).days // 7
    return pool[week % len(pool)]


def plan_slot(
    slot: ConsultSlot,
    regular_start: datetime,
    calendar: WorkCalendar,
    slots: Sequence[ConsultSlot],
    chairs: Sequence[str],
) -> Planned:
    """One consult for the slot's regular start instant, with the holiday rule applied."""
    regular = regular_start.astimezone(calendar.zone).date()
    move = place_around_holiday(slot, regular, calendar, slots)
    day = move.day or regular
    starts_at = (
        regular_start
        if day == regular
        else datetime.combine(day, slot.start, tzinfo=calendar.zone).astimezone(UTC)
    )
    consult = NewConsult(
        slot_id=slot.id,
        planned_for=regular,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=slot.duration_minutes),
        status=ConsultStatus.PLANNED if move.day is not None else ConsultStatus.CANCELLED,
        channel=slot.channel,
        chair_id=chair_for(slot, day, chairs),
        members=slot.members,
        capacity=slot.capacity,
        minutes_per_case=slot.minutes_per_case,
        deadline_at=moment_before(day, slot.deadline, calendar),
        agenda_at=moment_before(day, slot.agenda, calendar),
        video_url=slot.video_url,
        holiday=move.holiday,
    )
    return Planned(consult, move)


def plan_range(
    slot: ConsultSlot,
    first: date,
    last: date,
    dates: ConsultDates,
    calendar: WorkCalendar,
    slots: Sequence[ConsultSlot],
    chairs: Sequence[str],
) -> list[Planned]:
    """The slot's consults with a regular date in [first, last]."""
    starts = dates.weekly(slot.weekday, slot.start, calendar.timezone, first, last)
    return [plan_slot(slot, start, calendar, slots, chairs) for start in starts]


def regular_start(slot: ConsultSlot, regular: date, calendar: WorkCalendar) -> datetime:
    """The start instant of the slot on a given regular date (for re-planning after a change)."""
    return datetime.combine(regular, slot.start, tzinfo=calendar.zone).astimezone(UTC)
