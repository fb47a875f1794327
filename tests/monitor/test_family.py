"""The family's answer, recorded by the lead at check-out and at closing, reaches the monitor (issue 10)."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.demo.world import World
from commands.config import DEFAULT_TIMEZONE
from commands.monitor.model import FamilyAnswer
from tests.monitor.asking import figures
from tests.requests.conftest import Region


def _names(stack: World, user: object) -> list[str]:
    return [e["name"] for e in stack.emulator.dialogs(user)[-1].dialog["elements"]]  # type: ignore[arg-type]


def test_the_lead_records_the_familys_answer_at_check_out_and_closing(stack: World) -> None:
    region = Region(stack, stack.load_roster())
    region.ask("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")
    code = region.case_code()
    lead, sanne = region["jeroen.peeters"], region["sanne.devries"]

    # The expert's own check-out does not ask it: the lead is the one who asks the family.
    assert stack.slash(sanne, f"/erbij uitchecken {code}") == ""
    assert "gezin" not in _names(stack, sanne)

    assert stack.slash(lead, f"/erbij uitchecken {code}") == ""
    dialog = stack.emulator.dialogs(lead)[-1].dialog
    field = next(e for e in dialog["elements"] if e["name"] == "gezin")
    assert field["display_name"] == "Sloot de hulp aan bij wat het gezin nodig had?"
    assert [o["value"] for o in field["options"]] == ["ja", "deels", "nee", "niet_gevraagd"]
    assert not field.get("default") and field["optional"] is True
    involvement = next(e for e in dialog["elements"] if e["name"] == "involvement")["options"][0]["value"]
    wrong = stack.submit(lead, {"involvement": involvement, "reason": "doel_bereikt", "gezin": "misschien"})
    assert wrong.errors == {"gezin": "Maak een keuze."}
    assert stack.submit(lead, {"involvement": involvement, "reason": "doel_bereikt", "gezin": "ja"}).closed

    assert stack.slash(lead, f"/kaart {code} sluiten") == ""
    assert "gezin" in _names(stack, lead)
    assert stack.submit(lead, {"sluitreden": "doel_bereikt", "gezin": "deels"}).closed

    with stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        day = timedelta(days=1)
        history = uow.monitor.history(case.created_at - day, stack.clock.now() + day, DEFAULT_TIMEZONE)
    (fact,) = [c for c in history.cases if c.id == case.id]
    assert fact.family_at_close is FamilyAnswer.PARTLY
    (inv,) = [i for i in history.involvements if i.case_id == case.id]
    assert inv.family_at_checkout is FamilyAnswer.YES

    coordinator = region["linda.deklerk"]
    detail = figures(stack, coordinator, "/monitor maand detail", "november 2026")
    assert re.search(r"\(bij uitchecken\)\*\* ja <5, deels <5, nee <5, niet gevraagd <5", detail)
