"""`/beschikbaar`: an expert's own availability, and a coordinator's view of everyone's.

Everyone acts on themselves. A coordinator may name someone else with `@naam` (e.g. to enter an
absence for a colleague who is ill); that is recorded in the audit trail. Bad input changes nothing.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.errors import AccessDenied, UserError
from commands.inbound import CommandRequest
from commands.numbers import bounded_int
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import CommandResult, Reply
from commands.roster.availability import available
from commands.roster.formatting import format_period
from commands.roster.involvements import CaseInvolvements, InvolvementReader
from commands.roster.model import Absence, AbsenceSource, Professional, Role
from commands.roster.periods import PeriodError, parse_period
from commands.roster.status import render_status
from commands.roster.summary import render_summary, summarise

log = logging.getLogger(__name__)

MAX_CAPACITY = 25
CLEAR_WORDS = ("wissen", "weg", "intrekken")


class AvailabilityHandlers:
    def __init__(self, involvements: InvolvementReader | None = None) -> None:
        self.involvements = involvements or CaseInvolvements()

    # --- reading ------------------------------------------------------------------------------------

    def status(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/beschikbaar` (own status) or `/beschikbaar @naam` (a coordinator looking at someone)."""
        now = ctx.clock.now()
        tz = ZoneInfo(ctx.config.timezone)
        with ctx.uow.read() as uow:
            actor, target, _ = _actor_and_target(uow, req, req.words)
            cases = self.involvements.case_codes(uow, target.user_id)
        chat_status = _chat_status(ctx, target.user_id)
        verdict = available(target, now, tz=tz, active_involvements=len(cases), chat_status=chat_status)
        today = now.astimezone(tz).date()
        own = actor.user_id == target.user_id
        return Reply.text(render_status(target, verdict, cases, today, own=own))

    def overview(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/beschikbaar overzicht`: the week's roster summary, for coordinators only."""
        now = ctx.clock.now()
        tz = ZoneInfo(ctx.config.timezone)
        with ctx.uow() as uow:
            actor = _registered(uow, req.user_id)
            if Role.COORDINATOR not in actor.roles:
                raise AccessDenied(t("roster.summary.only_coordinators"))
            people = uow.roster.professionals()
            vocabulary = uow.roster.expertise_areas()
            load = self.involvements.counts(uow, [p.user_id for p in people if Role.EXPERT in p.roles])
        summary = summarise(people, now=now, tz=tz, involvements=load, vocabulary=vocabulary)
        return Reply.text(render_summary(summary, now.astimezone(tz).date()))

    # --- changing -----------------------------------------------------------------------------------

    def absent(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`afwezig <van> t/m <tot>[: notitie]`, or `afwezig wissen` for the absences entered in chat."""
        now = ctx.clock.now()
        today = now.astimezone(ZoneInfo(ctx.config.timezone)).date()
        period_part = req.rest.partition(":")[0]
        note = absence_note(req)  # the facade has run the privacy guard on it
        with ctx.uow() as uow:
            actor, target, words = _actor_and_target(uow, req, period_part.split())
            period_text = " ".join(words)
            if period_text.lower() in CLEAR_WORDS:
                return self._clear(uow, actor, target, today, now)
            try:
                period = parse_period(period_text, today)
            except PeriodError as err:
                raise UserError(err.message) from None
            absence = Absence(period.start, period.end, note.strip()[:500], AbsenceSource.CHAT)
            if any((a.start, a.end) == (absence.start, absence.end) for a in target.absences):
                return Reply.text(
                    t("roster.absent.already", period=format_period(period.start, period.end, today))
                )
            uow.roster.add_absence(target.user_id, absence, now)
            _audit(uow, actor, target, "afwezig", now)
            uow.commit()
        key = "roster.absent.saved_own" if actor.user_id == target.user_id else "roster.absent.saved_other"
        return Reply.text(
            t(key, period=format_period(period.start, period.end, today), name=target.display_name)
        )

    def _clear(
        self, uow: UnitOfWork, actor: Professional, target: Professional, today: date, now: datetime
    ) -> CommandResult:
        own = [a for a in target.absences if a.source is AbsenceSource.CHAT and a.end >= today]
        kept = [a for a in target.absences if a.source is AbsenceSource.ROSTER and a.end >= today]
        if own:
            uow.roster.remove_absences(target.user_id, own, now)
            _audit(uow, actor, target, "afwezig wissen", now)
            uow.commit()
        lines = [t("roster.absent.cleared", count=len(own))]
        if kept:
            lines.append(t("roster.absent.roster_kept", count=len(kept)))
        return Reply.text("\n".join(lines))

    def capacity(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`capaciteit <n>`: how many cases at the same time."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            actor, target, words = _actor_and_target(uow, req, req.words[1:])
            capacity = bounded_int(words[0], 0, MAX_CAPACITY) if len(words) == 1 else None
            if capacity is None:
                raise UserError(t("roster.capacity.invalid", maximum=MAX_CAPACITY))
            used = self.involvements.counts(uow, [target.user_id]).get(target.user_id, 0)
            if capacity != target.capacity:
                uow.roster.set_capacity(target.user_id, capacity, now)
                _audit(uow, actor, target, "capaciteit", now)
                uow.commit()
        lines = [t("roster.capacity.saved", capacity=capacity, name=target.display_name)]
        if capacity == 0:
            lines.append(t("roster.capacity.zero"))
        elif used >= capacity:
            lines.append(t("roster.capacity.below_load", used=used))
        return Reply.text("\n".join(lines))

    def pause(self, ctx: Context, req: CommandRequest) -> CommandResult:
        return self._set_pause(ctx, req, paused=True)

    def resume(self, ctx: Context, req: CommandRequest) -> CommandResult:
        return self._set_pause(ctx, req, paused=False)

    def _set_pause(self, ctx: Context, req: CommandRequest, *, paused: bool) -> CommandResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            actor, target, words = _actor_and_target(uow, req, req.words[1:])
            if words:
                raise UserError(t("roster.pause.no_arguments", sub=req.sub))
            if target.paused == paused:
                return Reply.text(t("roster.pause.already_on" if paused else "roster.pause.already_off"))
            uow.roster.set_paused(target.user_id, paused, now)
            _audit(uow, actor, target, "pauze" if paused else "hervat", now)
            uow.commit()
        own = "own" if actor.user_id == target.user_id else "other"
        return Reply.text(t(f"roster.pause.{'on' if paused else 'off'}_{own}", name=target.display_name))

    def someone(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """The trigger's fallback: `/beschikbaar @naam` is a status; anything else is unknown."""
        if req.sub.startswith("@"):
            return self.status(ctx, req)
        return Reply.text(t("general.unknown_sub", command=req.command, sub=req.sub))


def _registered(uow: UnitOfWork, user_id: str) -> Professional:
    person = uow.roster.professional(user_id)
    if person is None or not person.active:
        raise UserError(t("general.not_registered"))
    return person


def _actor_and_target(
    uow: UnitOfWork, req: CommandRequest, words: list[str]
) -> tuple[Professional, Professional, list[str]]:
    """Who asks, whom it is about (`@naam`, coordinators only) and the remaining words."""
    actor = _registered(uow, req.user_id)
    named = [w for w in words if w.startswith("@") and len(w) > 1]
    rest = [w for w in words if not (w.startswith("@") and len(w) > 1)]
    if not named:
        return actor, actor, rest
    if len(named) > 1:
        raise UserError(t("roster.one_person"))
    username = named[0][1:].lower()
    if username == actor.username:
        return actor, actor, rest
    if Role.COORDINATOR not in actor.roles:
        raise AccessDenied(t("roster.only_own"))
    target = uow.roster.professional_by_username(username)
    if target is None or not target.active:
        raise UserError(t("roster.unknown_person", username=username))
    return actor, target, rest


def _audit(uow: UnitOfWork, actor: Professional, target: Professional, what: str, now: datetime) -> None:
    if actor.user_id == target.user_id:
        return  # one's own availability is not someone else's business to log
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=actor.user_id,
            action="beschikbaarheid.wijzigen",
            case_code=None,
            authorisation="coordinator",
            access_point="/beschikbaar",
            detail={"voor": target.user_id, "wat": what},
        )
    )


def _chat_status(ctx: Context, user_id: str) -> str | None:
    try:
        return ctx.directory.statuses([user_id]).get(user_id)
    except Exception:
        # The status is only a soft signal: an unreachable Mattermost must not break the command.
        log.warning("could not read the Mattermost status of %s", user_id, exc_info=True)
        return None


def absence_note(req: CommandRequest) -> str:
    """The note of `afwezig <van> t/m <tot>: <notitie>`: free text, so the privacy guard reads it first."""
    return req.rest.partition(":")[2]  # a note may itself mention @someone
