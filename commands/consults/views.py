"""Reading consults: `/overleg agenda [dag|datum]`, `/overleg rooster`, `/overleg kalender` and the feed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.consults.access import Visibility, agenda_access, own_cases
from commands.consults.agendas import load_view
from commands.consults.ical import consults_calendar
from commands.consults.model import Consult, ConsultSlot
from commands.consults.planning import ensure_planned, planning_due
from commands.consults.render import consult_when, full_agenda, moment
from commands.consults.service import ConsultSettings, audit_read, display_names, registered, work_calendar
from commands.errors import AccessDenied, UserError
from commands.inbound import CommandRequest
from commands.outbox import FileAttachment, direct_message, one_off_key
from commands.ports import UnitOfWork
from commands.registry import Context
from commands.replies import Message, Reply
from commands.roster.formatting import format_day, format_time, weekday_name
from commands.roster.model import Professional
from commands.roster.periods import PeriodError, parse_day

ROOSTER_WEEKS = 2
FEED_PAST_WEEKS = 4


class Views:
    def __init__(self, settings: ConsultSettings) -> None:
        self.settings = settings

    # --- /overleg agenda ----------------------------------------------------------------------------------
    def agenda(self, ctx: Context, req: CommandRequest) -> Reply:
        """The agenda of a day's consults, or without a day the next consult this person may see."""
        now = ctx.clock.now()
        tz = ctx.config.timezone
        calendar = work_calendar(ctx)
        argument = req.rest.strip()
        with ctx.uow.read() as uow:
            behind = planning_due(uow, self.settings, calendar, now)
        if behind:  # rare (the tick plans ahead): only then does showing an agenda write
            with ctx.uow() as uow:
                ensure_planned(uow, self.settings, calendar, now)
                uow.commit()
        # A read: no write lock; the audit rows of the summaries shown are committed at `commit()`, grouped
        # with other reads' (storage.audit), before the agenda is answered.
        with ctx.uow.read() as uow:
            viewer = registered(uow, req.user_id)
            consults = self._which(uow, argument, now, calendar.zone)
            messages: list[Message] = []
            for consult in consults:
                message = self._agenda_of(uow, consult, viewer, now, tz)
                if message is not None:
                    messages.append(message)
                    if not argument:
                        break
            if consults and not messages:
                raise AccessDenied(t("overleg.agenda.geen_deelnemer"))
            uow.commit()
        if not messages:
            return Reply.text(t("overleg.agenda.geen_overleg"))
        text = "\n\n".join(m.text for m in messages)
        return Reply(Message(text, sections=tuple(s for m in messages for s in m.sections)))

    @staticmethod
    def _agenda_of(
        uow: UnitOfWork, consult: Consult, viewer: Professional, now: datetime, tz: str
    ) -> Message | None:
        """What `viewer` may see of one consult's agenda (None: nothing); card summaries shown are audited."""
        if consult.cancelled:
            return Message(_cancelled_line(consult, tz))
        items = uow.agenda_items.items([consult.id])
        access = agenda_access(consult, viewer, items, own_cases(uow, items, viewer.user_id))
        if access.visibility is Visibility.NONE:
            return None
        view = replace(load_view(uow, consult, tz, detailed=access.detailed), late=False)
        for slot in view.plan.slots:
            if access.detailed(slot.item):
                audit_read(uow, viewer.user_id, slot.item.case_code, now, access.authorisation,
                           "/overleg agenda", consult.id)  # fmt: skip
        message = full_agenda(view, access.detailed)
        if consult.agenda_sent_at is None:
            note = t("overleg.agenda.voorlopig", deadline=moment(consult.deadline_at, tz))
            message = replace(message, text=f"{message.text}\n{note}")
        return message

    def _which(self, uow: UnitOfWork, argument: str, now: datetime, zone: ZoneInfo) -> list[Consult]:
        today = now.astimezone(zone).date()
        if not argument:
            upcoming = uow.consults.consults_between(
                now - timedelta(days=1),
                now + timedelta(weeks=self.settings.plan_weeks),
                include_cancelled=False,
            )
            return [c for c in upcoming if c.ends_at > now]
        try:
            day = parse_day(argument.lower(), today, after=today)
        except PeriodError:
            raise UserError(t("overleg.agenda.welke_dag", text=argument[:40])) from None
        start = datetime.combine(day, time(0, 0), tzinfo=zone)
        found = uow.consults.consults_between(start, start + timedelta(days=1))
        if not found:
            raise UserError(t("overleg.agenda.niet_op_dag", day=format_day(day)))
        return found

    # --- /overleg rooster ---------------------------------------------------------------------------------
    def rooster(self, ctx: Context, req: CommandRequest) -> Reply:
        now = ctx.clock.now()
        tz = ctx.config.timezone
        calendar = work_calendar(ctx)
        with ctx.uow() as uow:
            registered(uow, req.user_id)
            slots = uow.slots.slots()
            if not slots:
                return Reply.text(t("overleg.geen_slots"))
            ensure_planned(uow, self.settings, calendar, now)
            consults = uow.consults.consults_between(
                now - timedelta(hours=2), now + timedelta(weeks=ROOSTER_WEEKS)
            )
            counts = {c.id: 0 for c in consults}
            for item in uow.agenda_items.items(list(counts)):
                counts[item.consult_id] += 1
            chairs = {cid for s in slots for cid in s.chairs} | {c.chair_id for c in consults if c.chair_id}
            names = display_names(uow, chairs)
            uow.commit()
        lines = [t("overleg.rooster.titel"), t("overleg.rooster.vaste_momenten")]
        lines += [slot_line(slot, names) for slot in slots]
        lines += ["", t("overleg.rooster.komend", weeks=ROOSTER_WEEKS)]
        for consult in consults:
            if consult.cancelled:
                lines.append(f"- {_cancelled_line(consult, tz)}")
                continue
            lines.append(
                t(
                    "overleg.rooster.overleg",
                    when=consult_when(consult, tz),
                    count=counts[consult.id],
                    capacity=consult.capacity,
                    chair=names.get(consult.chair_id or "", t("overleg.geen_voorzitter")),
                    deadline=moment(consult.deadline_at, tz),
                    moved=t("overleg.rooster.verplaatst", holiday=consult.holiday) if consult.moved else "",
                )
            )
        lines += ["", t("overleg.rooster.kalender")]
        return Reply.text("\n".join(lines))

    # --- calendar -----------------------------------------------------------------------------------------
    def kalender(self, ctx: Context, req: CommandRequest) -> Reply:
        """The coming consults as an .ics file, by DM (a file cannot travel in a command response)."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            registered(uow, req.user_id)
            if not uow.slots.slots():
                return Reply.text(t("overleg.geen_slots"))
            document = self.calendar_document(uow, ctx.config.timezone, now)
            uow.outbox.add(
                direct_message(
                    one_off_key("overleg-kalender", req.user_id),
                    req.user_id,
                    t("overleg.kalender.bericht", weeks=self.settings.plan_weeks),
                    file=FileAttachment("erbij-overleggen.ics", document, "text/calendar"),
                ),
                now,
            )
            uow.commit()
        return Reply.text(t("overleg.kalender.onderweg"))

    def calendar_document(self, uow: UnitOfWork, timezone: str, now: datetime) -> bytes:
        """Consults from a few weeks back to the planning horizon (a subscribed feed keeps recent history)."""
        ensure_planned(uow, self.settings, WorkCalendar(timezone=timezone), now)
        consults = uow.consults.consults_between(
            now - timedelta(weeks=FEED_PAST_WEEKS), now + timedelta(weeks=self.settings.plan_weeks)
        )
        names = display_names(uow, {c.chair_id for c in consults if c.chair_id})
        return consults_calendar(consults, timezone, now, names)

    def feed(self, ctx: Context, user_id: str) -> bytes | None:
        """The HTTP feed's use case: the document for an active professional, None for anyone else."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            professional = uow.roster.professional(user_id)
            if professional is None or not professional.active:
                return None
            document = self.calendar_document(uow, ctx.config.timezone, now)
            uow.commit()
        return document


def _cancelled_line(consult: Consult, tz: str) -> str:
    return t(
        "overleg.agenda.vervallen",
        title=consult.title,
        day=format_day(consult.starts_at.astimezone(ZoneInfo(tz)).date()),
        holiday=consult.holiday or t("overleg.onbekend"),
    )


def slot_line(slot: ConsultSlot, names: dict[str, str]) -> str:
    end = (datetime.combine(date(2000, 1, 3), slot.start) + timedelta(minutes=slot.duration_minutes)).time()
    if not slot.chairs:
        chair = t("overleg.rooster.alle_voorzitters")
    elif len(slot.chairs) == 1:
        chair = names.get(slot.chairs[0], t("overleg.onbekend"))
    else:
        chair = t(
            "overleg.rooster.rota", names=", ".join(names.get(c, t("overleg.onbekend")) for c in slot.chairs)
        )
    return t(
        "overleg.rooster.slot",
        day=weekday_name(slot.weekday),
        start=format_time(slot.start),
        end=format_time(end),
        channel=slot.channel,
        max=slot.capacity,
        minutes=slot.minutes_per_case,
        deadline=_offset(slot.deadline.working_days_before, slot.deadline.at),
        agenda=_offset(slot.agenda.working_days_before, slot.agenda.at),
        chair=chair,
        holiday=t(f"overleg.feestdagbeleid.{slot.holiday.value}"),
    )


def _offset(days: int, at: time) -> str:
    if days == 0:
        return t("overleg.rooster.zelfde_dag", time=format_time(at))
    return t("overleg.rooster.werkdagen_ervoor", days=days, time=format_time(at))
