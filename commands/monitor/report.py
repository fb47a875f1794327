"""The monthly report: last month's figures and charts in the coordinators' channel, on the first working day.

Due from 09:00 on the first working day of the month through the fifth working day (a bot that was down for a
few days catches up; later the report would be stale and is skipped).
Exactly once across restarts and processes: the report's row in `monitor_report` is inserted in the same
transaction as its outbox messages, so either both exist or neither. The slow part (reading six months and
drawing the charts) runs before that transaction, never inside it; a process that loses the race to claim
throws its work away.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.monitor import figures, render
from commands.monitor.charts import ChartRenderer, request_charts, trend_charts
from commands.monitor.gc_pause import cycle_collection_paused
from commands.monitor.model import History, Period
from commands.monitor.period import containing, previous
from commands.outbox import FileAttachment, channel_message
from commands.ports import AuditEvent
from commands.registry import Context
from commands.roster.expertise import label as expertise_label

REPORT_AT = time(9, 0)
CATCH_UP_WORKING_DAYS = 5
TREND_MONTHS = 6
SYSTEM = "erbij"


def first_working_day(year: int, month: int, calendar: WorkCalendar) -> date:
    day = date(year, month, 1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def due_month(now: datetime, calendar: WorkCalendar) -> Period | None:
    """The month to report on at `now` (the previous one): from 09:00 on the month's first working day through
    its fifth working day; otherwise None."""
    local = calendar.local(now)
    first = first_working_day(local.year, local.month, calendar)
    last = first
    for _ in range(CATCH_UP_WORKING_DAYS - 1):
        last = calendar.next_working_day(last)
    if local.date() < first or local.date() > last or (local.date() == first and local.time() < REPORT_AT):
        return None
    return previous(containing("maand", now, calendar), calendar)


def report_key(month: Period, calendar: WorkCalendar) -> str:
    return f"maandrapport:{calendar.local(month.start):%Y-%m}"


def trend(month: Period, calendar: WorkCalendar, count: int = TREND_MONTHS) -> list[Period]:
    """`count` months ending with `month`, oldest first."""
    months = [month]
    while len(months) < count:
        months.insert(0, previous(months[0], calendar))
    return months


def _nothing_happened(history: History) -> bool:
    return not (
        history.cases or history.requests or history.involvements or history.consults or history.actions
    )


class MonthlyReport:
    def __init__(self, charts: ChartRenderer | None) -> None:
        self.charts = charts

    def pending(self, ctx: Context, now: datetime) -> bool:
        """Whether a report is due at `now` and no process has claimed it yet (cheap: a date and a row)."""
        return self._due(ctx, now) is not None

    def _due(self, ctx: Context, now: datetime) -> tuple[Period, str] | None:
        """The month whose report is due at `now` and its key, unless none is or it was claimed already."""
        calendar = WorkCalendar(ctx.config.timezone)
        month = due_month(now, calendar)
        if month is None:
            return None
        key = report_key(month, calendar)
        with ctx.uow.read() as uow:
            return None if uow.monitor.report_claimed(key) else (month, key)

    def __call__(self, ctx: Context, now: datetime) -> int:
        due = self._due(ctx, now)
        if due is None:
            return 0
        month, key = due
        calendar = WorkCalendar(ctx.config.timezone)
        months = trend(month, calendar)
        with cycle_collection_paused():
            # Reading a year of history takes a while: in a read-only transaction, so that on SQLite no
            # request waits for it (a write transaction would hold the write lock all along).
            with ctx.uow.read() as uow:
                history = uow.monitor.history(months[0].start, month.end, calendar.timezone)
                areas = uow.roster.expertise_areas()
            per_month = [figures.compute(history, m, now, calendar) for m in months]
            labels = {r.expertise: expertise_label(r.expertise, areas) for r in history.requests}
            charts = trend_charts(per_month)
            charts += request_charts(history, month, history.organisation_names, labels)
        text = "\n".join(
            [t("monitor.rapport.kop", period=month.label), render.summary(per_month[-1], calendar)]
        )
        if self.charts is None or _nothing_happened(history):
            charts = []  # e.g. the months before Erbij was installed: empty charts would only say "nothing"
        drawn = list(zip(charts, self.charts.pngs(charts) if self.charts else [], strict=True))
        stamp = f"{calendar.local(month.start):%Y-%m}"
        with ctx.uow() as uow:
            if not uow.monitor.claim_report(key, now):
                return 0  # another process claimed it meanwhile; leaving the block rolls back
            channel = ctx.config.coordinators_channel
            uow.outbox.add(channel_message(f"{key}:samenvatting", channel, text), now)
            for chart, png in drawn:
                uow.outbox.add(
                    channel_message(
                        f"{key}:grafiek:{chart.name}",
                        channel,
                        t("monitor.rapport.grafiek", title=chart.title),
                        file=FileAttachment(f"{chart.name}-{stamp}.png", png, "image/png"),
                    ),
                    now,
                )
            uow.audit.record(
                AuditEvent(
                    at=now,
                    actor_id=SYSTEM,
                    action="monitor.rapport",
                    case_code=None,
                    authorisation="systeem",
                    access_point="maandrapport",
                    detail={"periode": month.label, "kanaal": ctx.config.coordinators_channel},
                )
            )
            uow.commit()
        return 1
