"""`/monitor`: the figures for coordinators and policy staff (role `beleid`), every read audited."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.errors import AccessDenied, UserError
from commands.inbound import CommandRequest
from commands.monitor import figures, render
from commands.monitor.gc_pause import cycle_collection_paused
from commands.monitor.model import History, Period, Scope
from commands.monitor.period import PeriodError, parse
from commands.outbox import direct_message, one_off_key
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import Reply
from commands.roster.expertise import label as expertise_label
from commands.roster.model import ExpertiseArea, Role

READERS = (Role.COORDINATOR, Role.POLICY)  # in order of preference for the audit's authorisation
SCOPE_WORDS = {"gemeente": "gemeente", "regio": "regio", "organisatie": "organisatie", "org": "organisatie"}
DETAIL_WORDS = frozenset({"detail", "details"})
ACCESS_POINT = "/monitor"
log = logging.getLogger(__name__)
EXAMPLES = {"gemeente": "Roosendaal", "regio": "West-Brabant", "organisatie": "vt-wb"}


@dataclass(frozen=True)
class MonitorQuery:
    period_words: list[str]
    scope: Scope
    detail: bool


def parse_query(words: list[str]) -> MonitorQuery:
    """`[periode…] [gemeente|regio|organisatie <naam…>] [detail]`, in any case; `detail` may be anywhere."""
    detail = any(w.lower() in DETAIL_WORDS for w in words)
    rest = [w for w in words if w.lower() not in DETAIL_WORDS]
    for index, word in enumerate(rest):
        kind = SCOPE_WORDS.get(word.lower())
        if kind is not None:
            value = " ".join(rest[index + 1 :]).strip()
            if not value:
                raise UserError(t("monitor.scope_leeg", kind=kind, example=EXAMPLES[kind]))
            return MonitorQuery(rest[:index], Scope(kind, value), detail)
    return MonitorQuery(rest, Scope(), detail)


def authorise(uow: UnitOfWork, user_id: str, now: datetime, what: dict[str, str]) -> str:
    """The reader's role (audited either way); refused for anyone without coordinator or beleid."""
    person = uow.roster.professional(user_id)
    role = next((r for r in READERS if person is not None and person.active and r in person.roles), None)
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=user_id,
            action="monitor.lezen",
            case_code=None,
            result="toegestaan" if role else "geweigerd",
            authorisation=role.value if role else "",
            access_point=what.pop("access_point", ACCESS_POINT),
            detail=what,
        )
    )
    uow.commit()
    if role is None:
        raise AccessDenied(t("monitor.geen_toegang"))
    return role.value


def resolve_scope(scope: Scope, history: History) -> Scope:
    """The scope's value as the data spells it (any case); a clear message when nothing matches."""
    if scope.kind == "alles":
        return scope
    if scope.kind == "gemeente":
        known = {c.municipality for c in history.cases}
    elif scope.kind == "regio":
        known = {c.region for c in history.cases if c.region}
    else:
        known = set(history.organisation_names)
    for value in known:
        if value.lower() == scope.value.lower():
            return Scope(scope.kind, value)
    listed = ", ".join(sorted(known)) or "—"
    raise UserError(t("monitor.scope_onbekend", kind=scope.kind, value=scope.value[:60], known=listed))


class MonitorHandlers:
    def show(self, ctx: Context, req: CommandRequest) -> Reply:
        now = ctx.clock.now()
        calendar = WorkCalendar(ctx.config.timezone)
        query = parse_query(req.words)
        try:
            period = parse(query.period_words, now, calendar)
        except PeriodError:
            raise UserError(t("monitor.periode_onbekend", text=" ".join(query.period_words)[:60])) from None
        audit = {"periode": period.label, "scope": query.scope.kind, "waarde": query.scope.value[:80]}
        audit["detail"] = "ja" if query.detail else "nee"
        # The role check and its audit line commit first and on their own, and a refusal answers at once.
        with ctx.uow() as uow:
            authorise(uow, req.user_id, now, audit)
        # The figures are read and computed in the background and arrive by DM: at region scale a year
        # takes about as long as Mattermost waits for a slash command's answer (30 s). One at a time per
        # person, so asking again while waiting does not start the same work twice.
        job = partial(self.send, ctx, req, query, period, now, calendar)
        if not ctx.jobs.submit(f"monitor:{req.user_id}", job):
            return Reply.text(t("monitor.al_bezig"))
        return Reply.text(t("monitor.bezig", period=period.label))

    def send(
        self,
        ctx: Context,
        req: CommandRequest,
        query: MonitorQuery,
        period: Period,
        now: datetime,
        calendar: WorkCalendar,
    ) -> None:
        """The background half of `/monitor`: read, compute (outside any transaction), queue the DM."""
        try:
            with cycle_collection_paused():
                # A read-only transaction: on SQLite a write one would hold the write lock for the whole read.
                with ctx.uow.read() as uow:
                    history = uow.monitor.history(
                        period.start,
                        period.end,
                        calendar.timezone,
                        involved_before=query.scope.needs_involved_before,
                    )
                    areas = uow.roster.expertise_areas()
                text = self.text(history, period, query, now, calendar, areas, req.words)
        except UserError as err:  # e.g. a municipality that is not in the cases: explained by DM
            text = err.message
        except Exception as err:
            # Only the type: an error's message can carry case content. The person hears it by DM.
            log.error("monitor figures failed: %s", type(err).__name__)
            text = t("monitor.mislukt", period=period.label)
        with ctx.uow() as uow:
            uow.outbox.add(
                direct_message(one_off_key("monitor", req.user_id), req.user_id, text), ctx.clock.now()
            )
            uow.commit()

    @staticmethod
    def text(
        history: History,
        period: Period,
        query: MonitorQuery,
        now: datetime,
        calendar: WorkCalendar,
        areas: Sequence[ExpertiseArea] = (),
        words: Sequence[str] = (),
    ) -> str:
        scope = resolve_scope(query.scope, history)
        result = figures.compute(history, period, now, calendar, scope)
        parts = [render.summary(result, calendar)]
        if query.detail:
            keys = {r.expertise for r in history.requests}
            labels = {k: expertise_label(k, areas) for k in keys}
            parts.append(render.detail(result, history.organisation_names, labels))
        else:
            parts.append(t("monitor.meer", command=" ".join(["/monitor", *words, "detail"])))
        return "\n\n".join(parts)
