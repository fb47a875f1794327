"""Check-in after N weeks aboard: one DM each for the expert and the lead, exactly once across restarts."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from bot.composition import build_runtime
from tests.requests.conftest import Region

SIX_WEEKS = timedelta(weeks=6)


def _aboard(region: Region) -> str:
    region.ask("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")
    return region.case_code()


def _checkins(region: Region, username: str) -> list[dict[str, Any]]:
    return [
        p
        for p in region.stack.dms(region[username])
        if str((p.get("props") or {}).get("erbij_key", "")).startswith("checkin:")
    ]


def test_after_six_weeks_expert_and_lead_are_asked_once_across_a_restart(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    code = _aboard(region)
    stack.clock.advance(SIX_WEEKS - timedelta(minutes=1))
    stack.tick()
    assert _checkins(region, "sanne.devries") == []
    stack.clock.advance(timedelta(minutes=2))
    stack.restart()
    stack.tick()
    stack.restart()
    stack.tick()
    (to_expert,) = _checkins(region, "sanne.devries")
    (to_lead,) = _checkins(region, "jeroen.peeters")
    assert "6 weken aangeschoven bij casus " + code in to_expert["message"]
    assert "Sanne de Vries is nu 6 weken aangeschoven" in to_lead["message"]
    assert "[Blijft nodig]" not in to_lead["message"]  # buttons, not text
    buttons = [a["name"] for att in to_lead["props"]["attachments"] for a in att.get("actions") or []]
    assert buttons == ["Blijft nodig", "Uitchecken"]


def test_two_processes_ticking_at_once_ask_once(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    _aboard(region)
    stack.clock.advance(SIX_WEEKS + timedelta(hours=1))
    second = build_runtime(stack.bot.settings, clock=stack.clock)
    try:
        barrier = threading.Barrier(2)
        results: list[dict[str, int]] = []

        def tick(runtime: Any) -> None:
            barrier.wait()
            results.append(runtime.erbij.tick())

        threads = [threading.Thread(target=tick, args=(r,)) for r in (stack.bot, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        second.stop()
    stack.deliver()
    assert sorted(r["requests.checkins"] for r in results) == [0, 1]
    assert len(_checkins(region, "sanne.devries")) == 1 and len(_checkins(region, "jeroen.peeters")) == 1


def test_blijft_nodig_asks_again_after_another_six_weeks(region: Region) -> None:
    stack = region.stack
    code = _aboard(region)
    stack.clock.advance(SIX_WEEKS + timedelta(minutes=1))
    stack.tick()
    question = _checkins(region, "jeroen.peeters")[-1]
    result = stack.click(region["jeroen.peeters"], question, "Blijft nodig")
    assert result.ok
    (updated,) = [p for p in stack.dms(region["jeroen.peeters"]) if p["id"] == question["id"]]
    assert f"de hulp bij casus {code} blijft nodig" in updated["message"]
    stack.clock.advance(SIX_WEEKS - timedelta(hours=1))
    stack.tick()
    assert len(_checkins(region, "sanne.devries")) == 1
    stack.clock.advance(timedelta(hours=2))
    stack.tick()
    assert len(_checkins(region, "sanne.devries")) == 2
    assert "12 weken" in _checkins(region, "sanne.devries")[-1]["message"]


def test_uitchecken_opens_the_check_out_dialog_and_ends_the_check_ins(region: Region) -> None:
    stack = region.stack
    code = _aboard(region)
    stack.clock.advance(SIX_WEEKS + timedelta(minutes=1))
    stack.tick()
    stack.click(region["sanne.devries"], _checkins(region, "sanne.devries")[-1], "Uitchecken")
    dialog = stack.emulator.dialogs(region["sanne.devries"])[-1].dialog
    assert dialog["title"] == "Uitchecken"
    stack.submit(region["sanne.devries"], {"reason": "doel_bereikt"})
    stack.deliver()
    with stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None and uow.cases.active_for_case(case.id) == []
    stack.clock.advance(SIX_WEEKS * 2)
    stack.tick()
    assert len(_checkins(region, "sanne.devries")) == 1


def test_someone_else_cannot_answer_a_check_in(region: Region) -> None:
    stack = region.stack
    _aboard(region)
    stack.clock.advance(SIX_WEEKS + timedelta(minutes=1))
    stack.tick()
    replay = region.press("kees.vanderberg", _checkins(region, "sanne.devries")[-1], "Blijft nodig")
    assert replay["ephemeral_text"] == "Deze vraag is niet aan jou gericht."


def test_a_closed_case_asks_nothing(region: Region) -> None:
    stack = region.stack
    code = _aboard(region)
    stack.slash(region["jeroen.peeters"], f"/kaart {code} sluiten doel_bereikt")
    stack.clock.advance(SIX_WEEKS * 2)
    stack.tick()
    assert _checkins(region, "sanne.devries") == [] and _checkins(region, "jeroen.peeters") == []


def test_the_number_of_weeks_is_a_setting(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    stack.extra_settings["checkin_weeks"] = 2
    stack.restart()
    _aboard(region)
    stack.clock.advance(timedelta(weeks=2, minutes=1))
    stack.tick()
    (question,) = _checkins(region, "sanne.devries")
    assert "2 weken aangeschoven" in question["message"]
