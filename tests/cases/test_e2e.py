"""The safety card end to end: Mattermost emulator and bot over real HTTP, dialogs, DMs and a file."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.demo.world import World
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges
from storage.uow import SqlUnitOfWorkFactory
from tests.cases.test_card_parts import WORRY

TEAM = Organisation("st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal")


@pytest.fixture
def people(stack: World, engine: Engine) -> dict[str, Any]:
    jeroen = stack.person("jeroen.st", "Jeroen", "Bakker")
    eva = stack.person("eva.st", "Eva", "Mulder")
    leads = tuple(
        Professional(
            u.id, u.username, name, TEAM, frozenset({Role.LEAD}), municipalities=frozenset({"Roosendaal"})
        )
        for u, name in ((jeroen, "Jeroen Bakker"), (eva, "Eva Mulder"))
    )
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as u:
        u.roster.apply(RosterChanges(organisations=(TEAM,), added=leads), stack.clock.now())
        u.commit()
    return {"jeroen": jeroen, "eva": eva}


def new_case(stack: World, lead: Any) -> str:
    assert stack.slash(lead, "/kaart nieuw") == ""  # a dialog opens instead of a reply
    assert stack.submit(lead, {"kader": "drang"}).closed  # the municipality comes from the roster
    stack.deliver()
    (dm,) = [p["message"] for p in stack.dms(lead) if "is aangemaakt" in p["message"]]
    match = re.search(r"\*\*(WBW-[0-9A-Z]{4}-[0-9A-Z]{2})\*\*", dm)
    assert match
    return match.group(1)


def test_a_lead_builds_a_card_sees_it_and_exports_it(stack: World, people: dict[str, Any]) -> None:
    jeroen = people["jeroen"]
    code = new_case(stack, jeroen)

    stack.slash(jeroen, f"/kaart {code} bewerken zorgen")
    refused = stack.submit(jeroen, {**WORRY, "omschrijving": "Moeder (BSN 111222333) drinkt."})
    assert not refused.closed
    assert "burgerservicenummer" in refused.errors["omschrijving"]
    assert stack.submit(jeroen, WORRY).closed  # the same dialog, corrected

    stack.slash(jeroen, f"/kaart {code}")
    (shown,) = [
        e for e in stack.emulator.ephemerals(jeroen) if f"Veiligheidskaart {code}" in e.get("text", "")
    ]
    attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments", [])
    blocks = "\n".join(a.get("text", "") for a in attachments)
    assert WORRY["omschrijving"] in blocks and "111222333" not in blocks

    assert "privébericht" in stack.slash(jeroen, f"/kaart {code} export")
    stack.deliver()
    markdown, pdf = [p for p in stack.dms(jeroen) if p.get("file_ids")]
    info, data = stack.emulator.posts.file(markdown["file_ids"][0])
    assert info["name"] == f"veiligheidskaart-{code}-v2.md"
    assert data.decode("utf-8").startswith(f"# Veiligheidskaart {code}")
    info, data = stack.emulator.posts.file(pdf["file_ids"][0])
    assert info["name"] == f"veiligheidskaart-{code}-v2.pdf" and data.startswith(b"%PDF-")


def test_someone_without_a_role_learns_nothing(stack: World, people: dict[str, Any]) -> None:
    code = new_case(stack, people["jeroen"])
    answer = stack.slash(people["eva"], f"/kaart {code}")
    assert answer.startswith(f"Geen toegang tot {code}.")
    assert WORRY["omschrijving"] not in answer
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert "typfout" in stack.slash(people["eva"], f"/kaart {typo}")
