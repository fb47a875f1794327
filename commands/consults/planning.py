"""Materialising consults: the database holds every consult a few weeks ahead, so what is due is a query.

Planning a slot claims its horizon first (a conditional update), so two processes never plan the same weeks.
A consult whose registration deadline has already passed when it is planned is left out: a new slot starts
with the first consult one can still register for. A consult moved or cancelled for a public holiday is
announced in its channel when it is planned.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.consults.model import Consult, ConsultSlot, ConsultStatus
from commands.consults.render import clock_time, moment
from commands.consults.schedule import Planned, plan_range, plan_slot, regular_start
from commands.consults.service import ConsultSettings
from commands.outbox import OutgoingMessage, channel_message
from commands.ports import UnitOfWork
from commands.roster.formatting import format_day
from commands.roster.model import Role


def chair_pool(uow: UnitOfWork) -> list[str]:
    """Everyone with the chair role, for slots that name no chairs of their own (a rota over all of them)."""
    chairs = [p for p in uow.roster.professionals() if Role.CHAIR in p.roles]
    return [p.user_id for p in sorted(chairs, key=lambda p: p.username)]


def _horizon(settings: ConsultSettings, calendar: WorkCalendar, now: datetime) -> date:
    return now.astimezone(calendar.zone).date() + timedelta(weeks=settings.plan_weeks)


def planning_due(uow: UnitOfWork, settings: ConsultSettings, calendar: WorkCalendar, now: datetime) -> bool:
    """Whether `ensure_planned` has anything to do (a read: callers that only read can skip the write)."""
    return bool(uow.slots.slots_to_plan(_horizon(settings, calendar, now)))


def ensure_planned(
    uow: UnitOfWork,
    settings: ConsultSettings,
    calendar: WorkCalendar,
    now: datetime,
    until: date | None = None,
) -> int:
    """Plan every active slot's consults up to `until` (default: the planning horizon); returns how many."""
    today = now.astimezone(calendar.zone).date()
    until = until or _horizon(settings, calendar, now)
    pending = uow.slots.slots_to_plan(until)
    if not pending:
        return 0
    slots = uow.slots.slots()
    pool: list[str] | None = None
    planned = 0
    for slot in pending:
        first = max(today, slot.planned_until + timedelta(days=1)) if slot.planned_until else today
        if not uow.slots.claim_planning(slot.id, slot.planned_until, until):
            continue  # another process planned it
        if pool is None:
            pool = chair_pool(uow)
        for item in plan_range(slot, first, until, settings.dates, calendar, slots, pool):
            if item.consult.deadline_at <= now:
                continue  # planned too late for anyone to register: it would only send an empty agenda
            consult = uow.consults.add_consult(item.consult)
            planned += 1
            if item.notice:
                uow.outbox.add(holiday_notice(consult, item, calendar.timezone), now)
    return planned


def holiday_notice(consult: Consult, planned: Planned, timezone: str) -> OutgoingMessage:
    move = planned.move
    values = {
        "title": consult.title,
        "holiday": move.holiday,
        "regular": format_day(move.regular),
        "time": clock_time(consult.starts_at, ZoneInfo(timezone)),
    }
    if move.day is None:
        key = "overleg.feestdag.botsing" if move.collides else "overleg.feestdag.vervalt"
        text = t(key, **values)
    else:
        text = t("overleg.feestdag.verplaatst", **values, when=moment(consult.starts_at, timezone))
    key = f"overleg-feestdag:{consult.slot_id}:{move.regular.isoformat()}"
    return channel_message(key, consult.channel, text)


def replan_slot(
    uow: UnitOfWork, slot: ConsultSlot, settings: ConsultSettings, calendar: WorkCalendar, now: datetime
) -> list[Consult]:
    """Apply a changed slot to its future consults whose agenda has not gone out; returns them re-read.

    A consult keeps its week: its regular date shifts by the change of weekday. Cases on it stay on it (the
    caller rebalances, so a smaller capacity or a cancellation moves the overflow on with a notice).
    """
    slots = [s if s.id != slot.id else slot for s in uow.slots.slots(include_inactive=True)]
    pool = chair_pool(uow)
    changed: list[Consult] = []
    for consult in uow.consults.future_of_slot(slot.id, now):
        regular = consult.planned_for + timedelta(days=slot.weekday - consult.planned_for.weekday())
        planned = plan_slot(slot, regular_start(slot, regular, calendar), calendar, slots, pool)
        new = planned.consult
        if not slot.active or new.starts_at <= now:  # stopped, or moved into the past: its cases move on
            new = replace(new, status=ConsultStatus.CANCELLED)
        uow.consults.replan(consult.id, new)
        fresh = uow.consults.consult(consult.id)
        if fresh is not None:
            changed.append(fresh)
    return changed
