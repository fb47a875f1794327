"""Colleagues in the roster and the region's organisations may be named; family members may not, even when
they share a colleague's name. Through the facade on the real roster (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

from commands.registry import Context
from tests.cases.conftest import Desk, desk  # noqa: F401 - the fixture

WORRY = {
    "soort": "schade_verleden",
    "categorie": "psychische_mishandeling",
    "zekerheid": "vastgesteld",
    "ernst": "midden",
}


def worry(desk: Desk, description: str) -> dict[str, str]:  # noqa: F811 - the fixture's name
    code = desk.new_case()
    return desk.fill(
        "jeroen", f"/kaart {code} bewerken zorgen", {**WORRY, "omschrijving": description}
    ).field_errors


def test_a_colleague_from_the_roster_may_be_named(desk: Desk) -> None:  # noqa: F811
    assert worry(desk, "Overleg met Sanne de Vries (VT) over Kind 1.") == {}
    assert worry(desk, "Pieter belt morgen de school.") == {}


def test_a_family_member_is_refused_even_with_a_colleagues_first_name(desk: Desk) -> None:  # noqa: F811
    errors = worry(desk, "Moeder Sanne drinkt als Kind 1 naar bed is.")
    assert "naam (S•••)" in errors["omschrijving"]
    errors = worry(desk, "Noah (8) is bang als vader drinkt.")
    assert "naam (N•••)" in errors["omschrijving"]


def test_a_configured_organisation_is_never_a_name(desk: Desk) -> None:  # noqa: F811
    text = "Aanmelding bij Surplus Welzijn en Gezin Centraal is verstuurd."
    assert "naam" in worry(desk, text)["omschrijving"]
    configured = replace(desk.erbij.context.config, privacy_phrases=("Surplus Welzijn", "Gezin Centraal"))
    desk.erbij.context = Context(**{**desk.erbij.context.__dict__, "config": configured})
    assert worry(desk, text) == {}


def test_a_configured_organisation_is_not_named_beside_another_identifier(desk: Desk) -> None:  # noqa: F811
    configured = replace(desk.erbij.context.config, privacy_phrases=("Surplus Welzijn",))
    desk.erbij.context = Context(**{**desk.erbij.context.__dict__, "config": configured})
    error = worry(desk, "Aanmelding bij Surplus Welzijn, bsn 111222333.")["omschrijving"]
    assert "burgerservicenummer" in error and "naam" not in error


def test_the_setting_lists_organisations_separated_by_semicolons() -> None:
    from bot.settings import Settings

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        privacy_allowed_names="Sterk Huis; Zorg- en Veiligheidshuis De Markiezaten;",  # type: ignore[arg-type]
    )
    assert settings.privacy_allowed_names == ["Sterk Huis", "Zorg- en Veiligheidshuis De Markiezaten"]
