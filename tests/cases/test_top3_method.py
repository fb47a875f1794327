"""The whole TOP-3 method on the card: aanleiding, gezinsleden as roles only, the help and future plans."""

from __future__ import annotations

from datetime import date

import pytest

from commands.cases import card as c
from commands.cases import lines as ln
from commands.cases.roles import NotARole, check_role, is_role
from tests.cases.conftest import Desk
from tests.cases.test_card_parts import card_of


@pytest.mark.parametrize(
    "label",
    ["Kind 1 (8)", "moeder", "Vader", "partner van moeder", "Kind 2 (3 jaar)", "oma", "halfbroer (15)",
     "Pleegouders", "jongste kind", "ex-partner van vader", "Kind 3"],
)  # fmt: skip
def test_roles_pass(label: str) -> None:
    assert is_role(label)


@pytest.mark.parametrize(
    "label", ["Jan", "Fatima (8)", "moeder Anja", "Kind 1 de Vries", "mevrouw Jansen", "8", ""]
)
def test_names_do_not(label: str) -> None:
    assert not is_role(label)
    with pytest.raises(NotARole, match="gebruik een rol"):
        check_role(label)


def test_a_help_line_round_trips() -> None:
    item = c.HelpItem("1", "Behandeling bij de verslavingszorg", "alcoholgebruik vader",
                      c.ProviderKind.ADDICTION, date(2026, 11, 2), date(2026, 11, 20))  # fmt: skip
    assert ln.read_help(ln.help_line(item), "1", date(2026, 11, 23)) == item
    assert ln.read_help("Opvoedcursus", "2", date(2026, 11, 23)) == c.HelpItem("2", "Opvoedcursus")


def test_family_occasion_help_and_future_plans_through_the_dialogs(desk: Desk) -> None:
    code = desk.new_case()
    desk.open("jeroen", f"/kaart {code} zorgen")
    refused = desk.submit("jeroen", {"gezin": "Kind 1 (8)\nmoeder\nJan"})
    assert (
        refused.field_errors["gezin"].startswith("Regel 3: gebruik een rol")
        and "Jan" not in refused.field_errors["gezin"]
    )
    assert desk.submit(
        "jeroen",
        {"gezin": "Kind 1 (8)\nKind 2 (3)\nmoeder\npartner van moeder",
         "aanleiding": "Melding van school over blauwe plekken bij Kind 1."},
    ).closes  # fmt: skip
    desk.open("jeroen", f"/kaart {code} top3")
    refused = desk.submit("jeroen", {"top3": "Ruzie na alcohol | wekelijks\n- alcoholgebruik | de man"})
    assert refused.field_errors["top3"].startswith("Regel 2: gebruik een rol")
    desk.open("jeroen", f"/kaart {code} plan")
    result = desk.submit(
        "jeroen",
        {"hulp": "Behandeling verslavingszorg | alcoholgebruik partner | verslavingszorg | "
                 "aangevraagd 2-11-2026\nSchuldhulpverlening | schulden | schuldhulp | aangevraagd 1-11-2026 "
                 "| gestart 20-11-2026",
         "toekomstplan": "Moeder heeft een eigen steunend netwerk\nKind 1 verwerkt wat er gebeurd is"},
    )  # fmt: skip
    assert result.closes, result
    card = card_of(desk, code)
    assert card.family == ("Kind 1 (8)", "Kind 2 (3)", "moeder", "partner van moeder")
    assert card.occasion.startswith("Melding van school")
    assert [(h.help, h.provider, h.started_on) for h in card.help_plan] == [
        ("Behandeling verslavingszorg", c.ProviderKind.ADDICTION, None),
        ("Schuldhulpverlening", c.ProviderKind.DEBT, date(2026, 11, 20)),
    ]
    assert card.future_plan == (
        "Moeder heeft een eigen steunend netwerk",
        "Kind 1 verwerkt wat er gebeurd is",
    )
    shown = desk.command("jeroen", f"/kaart {code}")
    text = "\n".join(s.text for s in shown.message.sections)  # type: ignore[union-attr]
    assert "**Gezin:** Kind 1 (8), Kind 2 (3), moeder, partner van moeder" in text
    assert "**Aanleiding:** Melding van school" in text
    assert (
        "- Schuldhulpverlening (schulden · Schuldhulp · aangevraagd 01-11-2026 · gestart 20-11-2026)" in text
    )
    assert (
        "**Toekomstplan:** Moeder heeft een eigen steunend netwerk; Kind 1 verwerkt wat er gebeurd is" in text
    )
    history = desk.say("jeroen", f"/kaart {code} geschiedenis")
    assert "gezinsleden gewijzigd" in history and "hulp 2 toegevoegd" in history and "Jan" not in history
