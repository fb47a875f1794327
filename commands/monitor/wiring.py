"""Registers the monitor: `/monitor` and the monthly report's tick."""

from __future__ import annotations

from commands.monitor.handlers import MonitorHandlers
from commands.registry import Router, Subcommands


def register(router: Router, tables: dict[str, Subcommands]) -> None:
    handlers = MonitorHandlers()
    table = tables["monitor"]
    table.default = handlers.show
    table.fallback = handlers.show
