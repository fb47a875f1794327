"""End to end: the roster imported through the real Mattermost adapter (against the emulator), then an expert
sets an absence with a real slash command over HTTP."""

from __future__ import annotations

from datetime import date

from bot.demo.world import World
from commands.roster.importing import import_roster
from commands.roster.model import Absence
from commands.roster.roster_file import RosterFile


def test_import_resolves_users_in_mattermost_and_an_expert_sets_an_absence(
    stack: World, example: RosterFile
) -> None:
    users = {}
    for entry in example.professionals:
        first, _, last = entry.name.partition(" ")
        users[entry.username] = stack.person(entry.username, first, last)
    report = import_roster(stack.bot.uow, stack.bot.adapter, example, stack.clock.now())
    assert len(report.added) == 25

    sanne = users["sanne.devries"]
    answer = stack.slash(sanne, "/beschikbaar afwezig vrijdag t/m dinsdag: cursus")
    assert answer.startswith("Genoteerd: je bent afwezig vrijdag 27 november t/m dinsdag 1 december")
    with stack.bot.uow() as tx:
        stored = tx.roster.professional(sanne.id)
    assert stored is not None
    assert stored.absences == (Absence(date(2026, 11, 27), date(2026, 12, 1), "cursus"),)

    stack.emulator.set_status(sanne, "ooo")
    status = stack.slash(sanne, "/beschikbaar")
    assert "**Je bent nu beschikbaar**" in status
    assert "Let op: status 'Afwezig' (ooo) in Mattermost." in status


def test_a_lead_cannot_see_the_roster_summary_but_a_coordinator_can(
    stack: World, example: RosterFile
) -> None:
    users = {entry.username: stack.person(entry.username) for entry in example.professionals}
    import_roster(stack.bot.uow, stack.bot.adapter, example, stack.clock.now())
    refused = stack.slash(users["jeroen.peeters"], "/beschikbaar overzicht")
    assert refused == "Het roosteroverzicht is alleen voor coördinatoren."
    assert stack.slash(users["linda.deklerk"], "/beschikbaar overzicht").startswith("#### Rooster:")
