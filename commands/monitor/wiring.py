"""Registers the monitor: `/monitor` and the monthly report's tick."""

from __future__ import annotations

from commands.monitor.charts import ChartRenderer
from commands.monitor.handlers import MonitorHandlers
from commands.monitor.report import MonthlyReport
from commands.registry import Router, Subcommands

TICK = "monitor.maandrapport"


def register(router: Router, tables: dict[str, Subcommands], charts: ChartRenderer | None = None) -> None:
    """`charts` draws the report's PNG charts (the bot passes matplotlib's); without it the report is text."""
    handlers = MonitorHandlers()
    table = tables["monitor"]
    table.default = handlers.show
    table.fallback = handlers.show
    router.tick(TICK, MonthlyReport(charts))
