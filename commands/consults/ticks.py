"""The consult feature's scheduled job: plan ahead, send due agendas, send due reminders.

One cheap read decides whether anything is due (one statement over the indexed "work to do" columns); each due
thing is then done in its own transaction behind a claim, so a crash halfway loses nothing and a second
process, or a second run, finds nothing left to do.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from commands.calendar import WorkCalendar
from commands.consults.actions import REMINDERS_PER_TICK, send_reminder
from commands.consults.agendas import send_agenda
from commands.consults.model import ActionItem
from commands.consults.planning import ensure_planned
from commands.consults.service import ConsultSettings, work_calendar
from commands.ports import UnitOfWork
from commands.registry import Context

log = logging.getLogger(__name__)


class ConsultTick:
    def __init__(self, settings: ConsultSettings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context, now: datetime) -> int:
        """How many agendas and reminders this run handled (planning ahead is housekeeping, not counted)."""
        done = 0
        calendar = work_calendar(ctx)
        horizon = now.astimezone(calendar.zone).date() + timedelta(weeks=self.settings.plan_weeks)
        with ctx.uow.read() as uow:  # the idle tick's question takes no write lock
            if not uow.slots.anything_due(horizon, now):
                return 0
        agendas, reminders = self._due(ctx, now, calendar, horizon)
        for consult_id in agendas:
            with ctx.uow() as uow:
                consult = uow.consults.consult(consult_id)
                if consult is not None and send_agenda(uow, consult, now, self.settings, calendar):
                    done += 1
                    log.info("agenda of consult %s handled", consult_id)
                uow.commit()
        for action in reminders:
            with ctx.uow() as uow:
                if send_reminder(uow, action, now, ctx.config.timezone):
                    done += 1
                uow.commit()
        return done

    def _due(
        self, ctx: Context, now: datetime, calendar: WorkCalendar, horizon: date
    ) -> tuple[list[int], list[ActionItem]]:
        """What is due. Planning commits before the read, so the read takes no locks and racing processes
        meet only at the claims."""
        with ctx.uow() as uow:
            if not uow.slots.slots_to_plan(horizon):
                return self._read(uow, now)
            ensure_planned(uow, self.settings, calendar, now, horizon)
            uow.commit()
        with ctx.uow() as uow:
            return self._read(uow, now)

    @staticmethod
    def _read(uow: UnitOfWork, now: datetime) -> tuple[list[int], list[ActionItem]]:
        agendas = [consult.id for consult in uow.consults.due_agendas(now)]
        return agendas, uow.actions.due_reminders(now, REMINDERS_PER_TICK)
