"""Registers Erbij's slash commands; features add their subcommands to the same tables."""

from __future__ import annotations

from commands.catalogue import t
from commands.registry import TRIGGERS, Router, SlashCommandSpec, Subcommands


def spec(trigger: str) -> SlashCommandSpec:
    return SlashCommandSpec(
        trigger=trigger,
        description=t(f"command.{trigger}.description"),
        hint=t(f"command.{trigger}.hint"),
        display_name=t(f"command.{trigger}.display_name"),
    )


def register(router: Router) -> dict[str, Subcommands]:
    return {trigger: router.trigger(spec(trigger), f"help.{trigger}") for trigger in TRIGGERS}
