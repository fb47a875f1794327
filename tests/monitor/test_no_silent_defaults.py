"""No silent defaults that bend the figures: a new case's kader is asked, never assumed (issue 10)."""

from __future__ import annotations

from bot.demo.world import World
from commands.cases.model import Framework
from tests.requests.conftest import DEFAULTS, Region


def _field(dialog: dict, name: str) -> dict:
    return next(e for e in dialog["elements"] if e["name"] == name)


def test_erbij_nieuw_asks_the_framework_and_assumes_nothing(stack: World) -> None:
    region = Region(stack, stack.load_roster())
    lead = region["jeroen.peeters"]
    assert stack.slash(lead, "/erbij") == ""
    kader = _field(stack.emulator.dialogs(lead)[-1].dialog, "kader")
    assert kader["type"] == "select" and not kader.get("default")
    assert {o["value"] for o in kader["options"]} == {f.value for f in Framework}

    without = {k: v for k, v in DEFAULTS.items() if k != "kader"}
    refused = stack.submit(lead, without)
    assert refused.errors == {"kader": "Maak een keuze."}
    with stack.bot.uow() as uow:
        assert uow.cases.led_by(lead.id) == []  # nothing half-written

    assert stack.submit(lead, {**without, "kader": "drang"}).closed
    with stack.bot.uow() as uow:
        (case,) = uow.cases.led_by(lead.id)
    assert case.framework is Framework.DRANG


def test_an_existing_code_needs_no_framework(stack: World) -> None:
    region = Region(stack, stack.load_roster())
    region.ask("jeroen.peeters")
    code = region.case_code()
    lead = region["jeroen.peeters"]
    assert stack.slash(lead, f"/erbij {code}") == ""
    names = [e["name"] for e in stack.emulator.dialogs(lead)[-1].dialog["elements"]]
    assert "kader" not in names and "municipality" not in names


def test_kaart_nieuw_preselects_no_framework(stack: World) -> None:
    lead = stack.load_roster()["jeroen.peeters"]
    assert stack.slash(lead, "/kaart nieuw") == ""
    assert not _field(stack.emulator.dialogs(lead)[-1].dialog, "kader").get("default")
