"""Tables of the consult feature (slots, consults, agenda items, action items) and their domain values.

The nullable `agenda_due_at` and `remind_at` columns are "work still to do" markers: set when planned, cleared
by the claim that does the work. Their indexes keep a tick with nothing due cheap however much history grows.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from commands.consults.model import (
    ActionItem,
    AgendaItem,
    Consult,
    ConsultSlot,
    ConsultStatus,
    DayOffset,
    Discipline,
    HolidayPolicy,
    ItemKind,
    ItemStatus,
    NewConsult,
    Urgency,
)
from storage.models import Base
from storage.types import UTCDateTime


class ConsultSlotRow(Base):
    __tablename__ = "consult_slot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(80))
    weekday: Mapped[int] = mapped_column(Integer)
    start: Mapped[str] = mapped_column(String(5))  # "HH:MM", local time
    duration_minutes: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(64))
    chairs: Mapped[list[str]] = mapped_column(JSON)
    members: Mapped[list[str]] = mapped_column(JSON)
    max_cases: Mapped[int] = mapped_column(Integer)
    minutes_per_case: Mapped[int] = mapped_column(Integer)
    deadline_days: Mapped[int] = mapped_column(Integer)
    deadline_time: Mapped[str] = mapped_column(String(5))
    agenda_days: Mapped[int] = mapped_column(Integer)
    agenda_time: Mapped[str] = mapped_column(String(5))
    holiday_policy: Mapped[str] = mapped_column(String(20))
    video_url: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean)
    planned_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConsultRow(Base):
    """One consult; the slot's settings are copied in when it is planned."""

    __tablename__ = "consult"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("consult_slot.id"))
    planned_for: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12))
    holiday: Mapped[str | None] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(64))
    chair_id: Mapped[str | None] = mapped_column(String(64), index=True)
    members: Mapped[list[str]] = mapped_column(JSON)
    capacity: Mapped[int] = mapped_column(Integer)
    minutes_per_case: Mapped[int] = mapped_column(Integer)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agenda_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agenda_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    agenda_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agenda_late: Mapped[bool] = mapped_column(Boolean)
    agenda_revision: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    video_url: Mapped[str] = mapped_column(String(300))
    notulist_id: Mapped[str | None] = mapped_column(String(64), index=True)  # may record, named by the chair

    __table_args__ = (UniqueConstraint("slot_id", "planned_for", name="uq_consult_slot_id_planned_for"),)


class ConsultAttendanceRow(Base):
    """Who was there (aanwezig) or sent apologies (afgemeld), one row per person per consult."""

    __tablename__ = "consult_attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consult_id: Mapped[int] = mapped_column(ForeignKey("consult.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("consult_id", "user_id", name="uq_consult_attendance_consult_id_user_id"),
    )


class AgendaItemRow(Base):
    """A case on a consult's agenda; after the consult it holds the decision."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consult_id: Mapped[int] = mapped_column(ForeignKey("consult.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    case_code: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    disciplines: Mapped[list[str]] = mapped_column(JSON)
    urgency: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16))
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    previous_item_id: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(Text)
    returns: Mapped[bool | None] = mapped_column(Boolean)
    discussed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_agenda_item_case_id_status", "case_id", "status"),)


class ActionItemRow(Base):
    """An action agreed in a consult: owner, description, due date; done with a button."""

    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    case_code: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_action_item_owner_id_done_at", "owner_id", "done_at"),)


# --- rows and domain values ---------------------------------------------------------------------------
def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _time(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def slot_fields(slot: ConsultSlot) -> dict[str, Any]:
    return {
        "key": slot.key,
        "title": slot.title,
        "weekday": slot.weekday,
        "start": _hhmm(slot.start),
        "duration_minutes": slot.duration_minutes,
        "channel": slot.channel,
        "chairs": list(slot.chairs),
        "members": list(slot.members),
        "max_cases": slot.max_cases,
        "minutes_per_case": slot.minutes_per_case,
        "deadline_days": slot.deadline.working_days_before,
        "deadline_time": _hhmm(slot.deadline.at),
        "agenda_days": slot.agenda.working_days_before,
        "agenda_time": _hhmm(slot.agenda.at),
        "holiday_policy": slot.holiday.value,
        "video_url": slot.video_url,
        "active": slot.active,
    }


def slot_from_row(row: ConsultSlotRow) -> ConsultSlot:
    return ConsultSlot(
        key=row.key,
        title=row.title,
        weekday=row.weekday,
        start=_time(row.start),
        duration_minutes=row.duration_minutes,
        channel=row.channel,
        chairs=tuple(row.chairs),
        members=tuple(row.members),
        max_cases=row.max_cases,
        minutes_per_case=row.minutes_per_case,
        deadline=DayOffset(row.deadline_days, _time(row.deadline_time)),
        agenda=DayOffset(row.agenda_days, _time(row.agenda_time)),
        holiday=HolidayPolicy(row.holiday_policy),
        video_url=row.video_url,
        active=row.active,
        id=row.id,
        planned_until=row.planned_until,
    )


def consult_fields(consult: NewConsult) -> dict[str, Any]:
    planned = consult.status is ConsultStatus.PLANNED
    return {
        "slot_id": consult.slot_id,
        "planned_for": consult.planned_for,
        "starts_at": consult.starts_at,
        "ends_at": consult.ends_at,
        "status": consult.status.value,
        "holiday": consult.holiday,
        "channel": consult.channel,
        "chair_id": consult.chair_id,
        "members": list(consult.members),
        "capacity": consult.capacity,
        "minutes_per_case": consult.minutes_per_case,
        "deadline_at": consult.deadline_at,
        "agenda_at": consult.agenda_at,
        # A cancelled consult has no agenda to send.
        "agenda_due_at": consult.agenda_at if planned else None,
        "video_url": consult.video_url,
    }


def consult_from_row(row: ConsultRow, slot: tuple[str, str]) -> Consult:
    return Consult(
        id=row.id,
        slot_id=row.slot_id,
        slot_key=slot[0],
        title=slot[1],
        planned_for=row.planned_for,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        status=ConsultStatus(row.status),
        channel=row.channel,
        chair_id=row.chair_id,
        members=tuple(row.members),
        capacity=row.capacity,
        minutes_per_case=row.minutes_per_case,
        deadline_at=row.deadline_at,
        agenda_at=row.agenda_at,
        video_url=row.video_url,
        holiday=row.holiday,
        agenda_sent_at=row.agenda_sent_at,
        agenda_late=row.agenda_late,
        agenda_revision=row.agenda_revision,
        recorded_at=row.recorded_at,
        notulist_id=row.notulist_id,
    )


def item_from_row(row: AgendaItemRow) -> AgendaItem:
    return AgendaItem(
        id=row.id,
        consult_id=row.consult_id,
        case_id=row.case_id,
        case_code=row.case_code,
        question=row.question,
        disciplines=tuple(Discipline(d) for d in row.disciplines),
        urgency=Urgency(row.urgency),
        kind=ItemKind(row.kind),
        status=ItemStatus(row.status),
        registered_by=row.registered_by,
        registered_at=row.registered_at,
        previous_item_id=row.previous_item_id,
        decision=row.decision,
        returns=row.returns,
        discussed_at=row.discussed_at,
    )


def action_from_row(row: ActionItemRow) -> ActionItem:
    return ActionItem(
        id=row.id,
        agenda_item_id=row.agenda_item_id,
        case_code=row.case_code,
        owner_id=row.owner_id,
        description=row.description,
        due_on=row.due_on,
        created_at=row.created_at,
        remind_at=row.remind_at,
        reminded_at=row.reminded_at,
        done_at=row.done_at,
        done_by=row.done_by,
    )
