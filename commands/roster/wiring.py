"""Registers `/beschikbaar` and its subcommands on the shared trigger table."""

from __future__ import annotations

from commands.registry import Router, Subcommands
from commands.roster.handlers import AvailabilityHandlers
from commands.roster.involvements import InvolvementReader


def register(
    router: Router, tables: dict[str, Subcommands], involvements: InvolvementReader | None = None
) -> None:
    """`involvements` defaults to reading the cases feature's; tests pass a fake."""
    handlers = AvailabilityHandlers(involvements)
    table = tables["beschikbaar"]
    table.default = handlers.status
    table.fallback = handlers.someone  # `/beschikbaar @naam`
    table.add("status", handlers.status)
    table.add("afwezig", handlers.absent)
    table.add("capaciteit", handlers.capacity)
    table.add("pauze", handlers.pause)
    table.add("hervat", handlers.resume)
    table.add("overzicht", handlers.overview)
