"""`/monitor` end to end through the emulator: who may read it, periods and scopes, every read audited."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.world import World
from commands.monitor import figures as figures_module
from commands.monitor.handlers import MonitorHandlers
from commands.roster.model import Role, RosterChanges
from storage.models import AuditRow
from tests.monitor.asking import ask, figures
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

    summary = figures(stack, coordinator, "/monitor", "K4 2026")
    assert summary.startswith("**Monitor erbij halen — K4 2026** (alle casussen; stand 23-11-2026 09:00)")
    assert "- **Erbij gehaald:** <5 vragen; opgepakt binnen de eigen termijn: <5 van <5" in summary
    assert "**In het vrijwillig kader gebleven:** <5 van <5 afgesloten casussen" in summary
    assert "Meer: `/monitor detail`." in summary
    assert stack.deliver() == 0 and len(stack.dms(coordinator)) == 1  # exactly once

    refused, none = ask(stack, lead, "/monitor")
    assert refused.startswith("De monitor is alleen voor coördinatoren en beleidsmedewerkers.")
    assert none == []

    _give_role(stack, "ahmed.elamrani", Role.POLICY)
    detail = figures(
        stack, region["ahmed.elamrani"], "/monitor maand gemeente roosendaal detail", "november 2026"
    )
    assert detail.startswith("**Monitor erbij halen — november 2026** (gemeente Roosendaal;")
    assert "**Detail — november 2026**" in detail
    assert "- huiselijk geweld: <5 vragen, te weinig om te tonen" in detail

    # Which municipalities exist is known only once the period is read: that answer comes by DM too.
    unknown = figures(stack, coordinator, "/monitor gemeente Atlantis", "K4 2026")
    assert unknown == "Ik ken geen gemeente 'Atlantis' in de casussen. Bekend: Roosendaal."
    # Words that name no period or scope are answered at once, and nothing is computed.
    assert ask(stack, coordinator, "/monitor gisteren")[0].startswith("Die periode ken ik niet: 'gisteren'.")
    assert ask(stack, coordinator, "/monitor regio") == (
        "Zeg ook welke regio: bijvoorbeeld `/monitor regio West-Brabant`.",
        [],
    )
    assert ask(stack, coordinator, "/monitor help")[0].startswith("#### Monitor")
    assert len(stack.dms(coordinator)) == 2

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


def test_asking_again_while_the_figures_are_computed_starts_nothing_new(
    stack: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = Region(stack, stack.load_roster())
    coordinator = region["linda.deklerk"]
    gate = threading.Event()
    compute = MonitorHandlers.text

    def held(*args: Any, **kwargs: Any) -> str:
        gate.wait(60)  # released by the test below; the bound only keeps a broken test from hanging
        return compute(*args, **kwargs)

    monkeypatch.setattr(MonitorHandlers, "text", staticmethod(held))
    try:
        first = stack.slash(coordinator, "/monitor jaar")
        assert first == "Ik reken de cijfers van 2026 uit; je krijgt ze zo in een privébericht."
        again = stack.slash(coordinator, "/monitor kwartaal")
        assert again == (
            "Ik ben je vorige vraag nog aan het uitrekenen; je krijgt die cijfers zo in een privébericht. "
            "Daarna kun je gerust iets anders vragen."
        )
    finally:
        gate.set()
    stack.deliver()
    (dm,) = [p["message"] for p in stack.dms(coordinator)]
    assert dm.startswith("**Monitor erbij halen — 2026** (alle casussen;")
    # Once it is done, the same person may ask again.
    assert figures(stack, coordinator, "/monitor kwartaal", "K4 2026").startswith(
        "**Monitor erbij halen — K4 2026**"
    )


def test_a_failing_computation_is_reported_by_dm_without_its_content_in_the_log(
    stack: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    region = Region(stack, stack.load_roster())
    region.ask("jeroen.peeters")
    coordinator = region["linda.deklerk"]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("moeder van casus RSD-0001 woont op de Kerkstraat")  # fictional

    monkeypatch.setattr(figures_module, "compute", broken)
    with caplog.at_level(logging.DEBUG):
        answer, dms = ask(stack, coordinator, "/monitor")
    assert answer == "Ik reken de cijfers van K4 2026 uit; je krijgt ze zo in een privébericht."
    assert dms == [
        "Het uitrekenen van de cijfers van K4 2026 is niet gelukt. Probeer het zo nog eens; lukt het weer "
        "niet, meld het dan bij je functioneel beheerder."
    ]
    assert "monitor figures failed: RuntimeError" in caplog.text
    assert "Kerkstraat" not in caplog.text and "RSD-0001" not in caplog.text
    assert all(r.exc_info is None for r in caplog.records if r.name.startswith(("commands", "bot")))


def test_the_command_is_registered_with_mattermost(stack: World) -> None:
    triggers = {c["trigger"] for c in stack.emulator.commands()}
    assert "monitor" in triggers
