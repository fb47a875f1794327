"""Registers erbij halen: `/erbij` subcommands, offer buttons, dialogs and the rounds tick."""

from __future__ import annotations

from commands.calendar import WorkCalendar
from commands.config import ProductConfig
from commands.registry import ERBIJ, Router, Subcommands
from commands.requests.checkins import CheckinHandlers
from commands.requests.dialog import CALLBACK
from commands.requests.escalations import ASSIGN_CALLBACK, WIDEN_CALLBACK, EscalationHandlers
from commands.requests.handlers import DECLINE_CALLBACK, RequestHandlers
from commands.requests.lifecycle import CHECKOUT_CALLBACK, RequestLifecycle
from commands.requests.policy import RequestPolicy
from commands.requests.rounds import RequestSettings


def register(router: Router, tables: dict[str, Subcommands], config: ProductConfig | None = None) -> None:
    config = config or ProductConfig()
    settings = RequestSettings(
        policy=RequestPolicy(
            head_start_fraction=config.head_start_fraction,
            head_start_min_hours=config.head_start_min_hours,
            checkin_weeks=config.checkin_weeks,
        ),
        calendar=WorkCalendar(timezone=config.timezone),
        coordinators_channel=config.coordinators_channel,
    )
    handlers = RequestHandlers(settings)
    lifecycle = RequestLifecycle(settings)
    escalations = EscalationHandlers(settings)
    checkins = CheckinHandlers(settings, lifecycle)
    erbij = tables[ERBIJ]
    erbij.default = handlers.ask
    erbij.fallback = handlers.ask  # `/erbij <casuscode>`; anything else gets the unknown-word hint
    erbij.add("status", lifecycle.status)
    erbij.add("intrekken", lifecycle.withdraw)
    erbij.add("uitchecken", lifecycle.checkout)
    router.dialog(CALLBACK, handlers.submit)
    router.dialog(DECLINE_CALLBACK, handlers.submit_decline)
    router.dialog(CHECKOUT_CALLBACK, lifecycle.submit_checkout)
    router.action("offer.accept", handlers.accept)
    router.action("offer.decline", handlers.decline)
    router.action("request.again", handlers.again)
    router.tick("requests.rounds", handlers.tick)
    router.action("escalation.claim", escalations.claim)
    router.action("escalation.assign", escalations.assign)
    router.action("escalation.widen", escalations.widen)
    router.action("escalation.close", escalations.close)
    router.dialog(ASSIGN_CALLBACK, escalations.submit_assign)
    router.dialog(WIDEN_CALLBACK, escalations.submit_widen)
    router.tick("requests.escalations", escalations.tick)
    router.action("checkin.keep", checkins.keep)
    router.action("checkin.checkout", checkins.checkout)
    router.tick("requests.checkins", checkins.tick)
