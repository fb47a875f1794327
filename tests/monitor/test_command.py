"""`/monitor` end to end through the emulator: who may read it, periods and scopes, every read audited."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot.demo.world import World
from commands.roster.model import Role, RosterChanges
from storage.models import AuditRow
from tests.requests.conftest import Region


def _give_role(stack: World, username: str, role: Role) -> None:
    with stack.bot.uow() as uow:
        person = uow.roster.professional_by_username(username)
        assert person is not None
        uow.roster.apply(
            RosterChanges(updated=(replace(person, roles=person.roles | {role}),)), stack.clock.now()
        )
        uow.commit()


def _audit(stack: World) -> list[tuple[str, str, str, dict[str, str]]]:
    with stack.bot.engine.connect() as conn:
        rows = conn.execute(
            select(AuditRow.actor_id, AuditRow.result, AuditRow.authorisation, AuditRow.detail)
            .where(AuditRow.action == "monitor.lezen")
            .order_by(AuditRow.id)
        ).all()
    return [(a, r, auth, dict(d)) for a, r, auth, d in rows]


def test_coordinators_and_policy_staff_read_the_figures_others_are_refused(stack: World) -> None:
    region = Region(stack, stack.load_roster())
    region.ask("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")
    coordinator, lead = region["linda.deklerk"], region["jeroen.peeters"]

    summary = stack.slash(coordinator, "/monitor")
    assert summary.startswith("**Monitor erbij halen — K4 2026** (alle casussen; stand 23-11-2026 09:00)")
    assert "- **Erbij gehaald:** <5 vragen; opgepakt binnen de eigen termijn: <5 van <5" in summary
    assert "**In het vrijwillig kader gebleven:** <5 van <5 afgesloten casussen" in summary
    assert "Meer: `/monitor detail`." in summary

    refused = stack.slash(lead, "/monitor")
    assert refused.startswith("De monitor is alleen voor coördinatoren en beleidsmedewerkers.")

    _give_role(stack, "ahmed.elamrani", Role.POLICY)
    detail = stack.slash(region["ahmed.elamrani"], "/monitor maand gemeente roosendaal detail")
    assert detail.startswith("**Monitor erbij halen — november 2026** (gemeente Roosendaal;")
    assert "**Detail — november 2026**" in detail
    assert "- huiselijk geweld: <5 vragen, te weinig om te tonen" in detail

    unknown = stack.slash(coordinator, "/monitor gemeente Atlantis")
    assert unknown == "Ik ken geen gemeente 'Atlantis' in de casussen. Bekend: Roosendaal."
    assert stack.slash(coordinator, "/monitor gisteren").startswith("Die periode ken ik niet: 'gisteren'.")
    assert stack.slash(coordinator, "/monitor regio").startswith("Zeg ook welke regio:")
    assert stack.slash(coordinator, "/monitor help").startswith("#### Monitor")

    audit = _audit(stack)
    ids = (coordinator.id, lead.id, region["ahmed.elamrani"].id, coordinator.id)
    assert [(a, r, auth) for a, r, auth, _ in audit] == [
        (ids[0], "toegestaan", "coordinator"),
        (ids[1], "geweigerd", ""),
        (ids[2], "toegestaan", "beleid"),
        (ids[3], "toegestaan", "coordinator"),  # an unknown scope is a read that was allowed, then explained
    ]
    assert audit[2][3] == {
        "periode": "november 2026",
        "scope": "gemeente",
        "waarde": "roosendaal",
        "detail": "ja",
    }


def test_the_command_is_registered_with_mattermost(stack: World) -> None:
    triggers = {c["trigger"] for c in stack.emulator.commands()}
    assert "monitor" in triggers
