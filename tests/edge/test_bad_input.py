"""Odd input through the real HTTP edge: a clear Dutch answer, never "Er ging iets mis", nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from bot.demo.world import World
from commands.catalogue import t

INTERNAL = t("general.internal_error")


@pytest.fixture
def region(stack: World) -> dict[str, Any]:
    return stack.load_roster()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/erbij intrekken ²", t("withdraw.usage")),
        ("/erbij intrekken ١٢", t("withdraw.usage")),  # Arabic-Indic digits: isdigit() says yes
        ("/erbij intrekken 99999999999999999999", t("withdraw.usage")),
        ("/erbij intrekken 2147483648", t("withdraw.usage")),  # one past the database's integer
        ("/erbij intrekken 0", t("withdraw.usage")),
        ("/erbij intrekken #12", t("withdraw.unknown", id=12)),
    ],
)
def test_withdraw_with_a_number_out_of_reach_gets_the_usage(
    stack: World, region: dict[str, Any], line: str, expected: str
) -> None:
    assert stack.slash(region["sanne.devries"], line) == expected


@pytest.mark.parametrize("word", ["²", "٣", "99999999999999999999", "-1", "+2", "1_0"])
def test_capacity_out_of_reach_is_explained(stack: World, region: dict[str, Any], word: str) -> None:
    answer = stack.slash(region["sanne.devries"], f"/beschikbaar capaciteit {word}")
    assert answer == t("roster.capacity.invalid", maximum=25)


@pytest.mark.parametrize(
    "line",
    [
        "/beschikbaar @sanne.devries\x00 capaciteit 2",
        "/beschikbaar \x00",
        "/erbij status WBW-\x00",
        "/erbij intrekken 1\x00",
        "/kaart \x00",
        "/overleg \x00agenda",
        "/erbij \x00",
    ],
)
def test_a_nul_character_anywhere_gets_a_dutch_answer(
    stack: World, region: dict[str, Any], line: str
) -> None:
    answer = stack.slash(region["ingrid.bakker"], line)
    assert INTERNAL not in answer


def test_a_nul_character_in_a_dialog_field_is_not_an_internal_error(
    stack: World, region: dict[str, Any]
) -> None:
    lead = region["jeroen.peeters"]
    # The /erbij dialog: every text field carries a NUL.
    answer = stack.slash(lead, "/erbij")
    assert INTERNAL not in answer
    result = stack.submit(
        lead,
        {
            "case": "nieuw",
            "municipality": "Roosendaal",
            "kader": "vrijwillig",
            "expertise": "huiselijk_geweld",
            "organisation": "VT",
            "form": "consult",
            "urgency": "binnen_3_werkdagen",
            "experts": "1",
            "question": "Hoe maken we de veiligheidsafspraken\x00 concreet?",
            "share": True,
            "grondslag": "toestemming",
        },
    )
    assert result.status == 200
    assert result.error != INTERNAL and INTERNAL not in result.errors.values()
    assert result.closed, result
