"""Region settings reach the features: the case-code prefix of new cases."""

from __future__ import annotations

import pytest

from bot.demo.world import World
from bot.settings import SettingsError, load_settings


def test_new_cases_get_the_configured_prefix(stack: World) -> None:
    stack.extra_settings["case_code_prefix"] = "BZW"
    stack.restart()
    people = stack.load_roster()
    lead = people["jeroen.peeters"]
    stack.slash(lead, "/kaart nieuw")
    stack.submit(lead, {"gemeente": "Roosendaal", "kader": "vrijwillig"})
    with stack.bot.uow() as uow:
        (case,) = uow.cases.led_by(lead.id)
    assert case.code.startswith("BZW-")


def test_a_case_started_from_the_erbij_dialog_gets_the_configured_prefix(stack: World) -> None:
    from tests.requests.conftest import DEFAULTS

    stack.extra_settings["case_code_prefix"] = "BZW"
    stack.restart()
    people = stack.load_roster()
    lead = people["jeroen.peeters"]
    assert stack.slash(lead, "/erbij") == ""
    stack.submit(lead, {**DEFAULTS, "case": "nieuw"})
    with stack.bot.uow() as uow:
        (case,) = uow.cases.led_by(lead.id)
    assert case.code.startswith("BZW-")


@pytest.mark.parametrize("prefix", ["W", "wbw", "TOOLONG", "W1W", "WIL"])
def test_an_invalid_prefix_is_refused_by_name(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    monkeypatch.setenv("ERBIJ_CASE_CODE_PREFIX", prefix)
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert any(problem.startswith("ERBIJ_CASE_CODE_PREFIX") for problem in err.value.problems)
