"""Registers the cases feature: `/kaart nieuw`, `/kaart lijst`, `/kaart <code> …` and the card's dialogs."""

from __future__ import annotations

from commands.cases import bulk, parts
from commands.cases.handlers import CLICK_ACTION, CardCommands, CardSettings
from commands.cases.lifecycle import CLOSE_CALLBACK, FRAMEWORK_CALLBACK, NEW_CALLBACK, CaseLifecycle
from commands.privacy_inzage import lead_overview
from commands.registry import KAART, Router, Subcommands


def register(
    router: Router, tables: dict[str, Subcommands], settings: CardSettings | None = None
) -> CardCommands:
    settings = settings or CardSettings()
    lifecycle = CaseLifecycle(settings)
    cards = CardCommands(
        settings,
        {
            "kader": lifecycle.framework,
            "regie": lifecycle.handover,
            "overdragen": lifecycle.handover,
            "sluiten": lifecycle.close,
            "inzage": lead_overview,  # who saw the card (commands.privacy_inzage)
        },
        router,
    )
    kaart = tables[KAART]
    kaart.add("nieuw", lifecycle.new)
    kaart.add("lijst", lifecycle.mine)
    kaart.default = lifecycle.mine  # `/kaart` alone: my cases, a button each
    kaart.fallback = cards.dispatch
    router.dialog(NEW_CALLBACK, lifecycle.submit_new)
    router.dialog(FRAMEWORK_CALLBACK, lifecycle.submit_framework)
    router.dialog(CLOSE_CALLBACK, lifecycle.submit_close)
    router.dialog(parts.CALLBACK, cards.submit_part)
    router.dialog(bulk.CALLBACK, cards.submit_bulk)
    router.action(CLICK_ACTION, cards.click)
    return cards
