"""Registers the consult feature: `/overleg …`, the verslag dialog and buttons, *Klaar*, the tick."""

from __future__ import annotations

from dataclasses import replace

from commands.cases.codes import DEFAULT_PREFIX
from commands.cases.handlers import CardSettings
from commands.consults.access import ConsultParticipation
from commands.consults.actions import Actions
from commands.consults.dates import ConsultDates
from commands.consults.recording import DONE_ACTION, FINISH_ACTION, ITEM_ACTION, RECORD_CALLBACK, Recording
from commands.consults.registration import REGISTER_CALLBACK, Registration
from commands.consults.service import ConsultSettings
from commands.consults.ticks import ConsultTick
from commands.consults.views import Views
from commands.registry import Router, Subcommands

TICK = "overleg"


def card_settings(code_prefix: str = DEFAULT_PREFIX) -> CardSettings:
    """The cases feature's settings with consult participants as card readers (docs/domain.md §8)."""
    return CardSettings(code_prefix=code_prefix, consult=ConsultParticipation())


def register(
    router: Router,
    tables: dict[str, Subcommands],
    dates: ConsultDates | None = None,
    settings: ConsultSettings | None = None,
) -> None:
    settings = settings or ConsultSettings()
    if dates is not None:
        settings = replace(settings, dates=dates)
    registration = Registration(settings)
    recording = Recording(settings)
    views = Views(settings)
    actions = Actions()
    overleg = tables["overleg"]
    overleg.add("inbrengen", registration.start)
    overleg.add("afmelden", registration.withdraw)
    overleg.add("agenda", views.agenda)
    overleg.add("rooster", views.rooster)
    overleg.add("kalender", views.kalender)
    overleg.add("verslag", recording.command)
    overleg.add("notulist", recording.notulist)
    overleg.add("aanwezig", recording.present)
    overleg.add("afgemeld", recording.excused)
    overleg.add("acties", actions.list)
    router.dialog(REGISTER_CALLBACK, registration.submit)
    router.dialog(RECORD_CALLBACK, recording.submit)
    router.action(ITEM_ACTION, recording.click_item)
    router.action(FINISH_ACTION, recording.click_finish)
    router.action(DONE_ACTION, actions.done)
    router.tick(TICK, ConsultTick(settings))
