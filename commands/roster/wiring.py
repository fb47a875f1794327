"""Registers `/beschikbaar` and its subcommands on the shared trigger table."""

from __future__ import annotations

from datetime import datetime

from commands.registry import BESCHIKBAAR, Context, Router, Subcommands
from commands.roster.handlers import AvailabilityHandlers, absence_note
from commands.roster.involvements import InvolvementReader


def register(
    router: Router, tables: dict[str, Subcommands], involvements: InvolvementReader | None = None
) -> None:
    """`involvements` defaults to reading the cases feature's; tests pass a fake."""
    handlers = AvailabilityHandlers(involvements)
    table = tables[BESCHIKBAAR]
    table.default = handlers.status
    table.fallback = handlers.someone  # `/beschikbaar @naam`
    table.add("status", handlers.status)
    table.add("afwezig", handlers.absent, free_text=absence_note)
    table.add("capaciteit", handlers.capacity)
    table.add("pauze", handlers.pause)
    table.add("hervat", handlers.resume)
    table.add("overzicht", handlers.overview)
    router.tick("roster.presence", refresh_presence)


def refresh_presence(ctx: Context, now: datetime) -> int:
    """Read the experts' Mattermost statuses in one call, outside any transaction, for matching to consult."""
    with ctx.uow.read() as uow:
        experts = [p.user_id for p in uow.roster.active_experts()]
    if not experts:
        return 0
    statuses = ctx.directory.statuses(experts)
    ctx.presence.update(statuses, now)
    return len(statuses)
