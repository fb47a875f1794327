"""The inzage overview's words, directly: who a trail's actor is and what each event says (pure functions;
tests/privacy/test_inzage.py runs the same through the facade and the command line)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from commands.cases.sharing import SHARE_ACTION, CardShare, ShareTarget
from commands.ports import AuditEvent
from commands.privacy_inzage import Trail, overview, what, who
from commands.roster.model import Organisation, OrganisationKind, Professional, Role

VT = Organisation("vt", OrganisationKind.VT, "Veilig Thuis Testregio")
PEOPLE = {
    "u-sanne": Professional("u-sanne", "sanne", "Sanne Testers", VT, frozenset({Role.LEAD, Role.EXPERT})),
    "u-piet": Professional(
        "u-piet", "piet", "Piet Proef", Organisation("x", OrganisationKind.GI, ""), frozenset()
    ),
}
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("actor", "name"),
    [
        (
            "u-sanne",
            "Sanne Testers (expert, regiehouder, Veilig Thuis Testregio)",
        ),  # roles sorted, then the organisation
        ("u-piet", "Piet Proef"),  # neither a role nor an organisation's name: the name alone
        ("cli:beheer", "een beheerder op de opdrachtregel (beheer)"),
        ("", "Erbij zelf"),
        ("system", "Erbij zelf"),
        ("erbij", "Erbij zelf"),
        ("u-weg", "iemand die niet meer in het rooster staat"),
    ],
)
def test_who(actor: str, name: str) -> None:
    assert who(actor, PEOPLE) == name


def event(action: str, result: str = "toegestaan", **detail: str) -> AuditEvent:
    return AuditEvent(
        at=AT, actor_id="u-sanne", action=action, case_code="WBW-TEST", result=result, detail=detail
    )


@pytest.mark.parametrize(
    ("audit", "line"),
    [
        (event("kaart.lezen"), "las de kaart"),
        (event("kaart.lezen", result="geweigerd"), "geweigerd: las de kaart"),
        (event("kaart.wijzigen", onderdeel="zorgen"), "wijzigde de kaart (zorgen)"),
        (event("iets.nieuws"), "iets.nieuws"),  # an action without words yet: its key, not nothing
        (
            event(SHARE_ACTION, met="u-piet", grondslag="meldcode"),
            "deelde de kaart met Piet Proef (grondslag: meldcode (stap 2))",
        ),
        (
            event(SHARE_ACTION, result="geweigerd"),
            "geweigerd: deelde de kaart",
        ),  # a refused share names nobody
    ],
)
def test_what(audit: AuditEvent, line: str) -> None:
    assert what(audit, PEOPLE, {}) == line


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


ST = Organisation("st", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Proefdorp")
LEAD = Professional("u-jeroen", "jeroen", "Jeroen Proef", ST, frozenset({Role.LEAD}))
TEAM = {"u-jeroen": LEAD, "u-sanne": PEOPLE["u-sanne"]}
JEROEN = "Jeroen Proef (regiehouder, Sociaal Team Proefdorp)"
SANNE = "Sanne Testers (expert, regiehouder, Veilig Thuis Testregio)"


def test_the_overview_lists_each_event_in_local_time_then_who_had_access_then_each_share() -> None:
    events = [
        AuditEvent(at(8), "u-jeroen", "casus.aanmaken", "WBW-TEST"),
        AuditEvent(at(9, 15), "u-sanne", "kaart.lezen", "WBW-TEST"),
        AuditEvent(at(10), "u-weg", "kaart.lezen", "WBW-TEST", result="geweigerd"),
        AuditEvent(at(11), "u-sanne", "kaart.exporteren", "WBW-TEST", on_behalf_of="u-jeroen"),
        AuditEvent(at(12), "u-jeroen", "kaart.lezen", "WBW-TEST", on_behalf_of="u-jeroen"),
    ]
    shares = [CardShare(1, ShareTarget.EXPERT, None, "u-jeroen", at(9), expert_id="u-sanne")]
    assert overview("WBW-TEST", events, TEAM, "Europe/Amsterdam", shares, {}).split("\n") == [
        "**Inzage WBW-TEST**: wie de kaart las, wijzigde, exporteerde of werd geweigerd (5 regels).",
        f"- 02-03-2026 09:00  {JEROEN}: maakte de casus aan",
        f"- 02-03-2026 10:15  {SANNE}: las de kaart",
        "- 02-03-2026 11:00  iemand die niet meer in het rooster staat: geweigerd: las de kaart",
        f"- 02-03-2026 12:00  {SANNE}: exporteerde de kaart (namens {JEROEN})",  # on someone else's behalf
        f"- 02-03-2026 13:00  {JEROEN}: las de kaart",  # on one's own behalf: said once
        f"Hadden toegang: {JEROEN}; {SANNE}.",  # the refused reader had none
        "",
        "**Gedeeld**, met de grondslag van elke keer:",
        f"- 02-03-2026 10:00: gedeeld met {SANNE}, door {JEROEN} — grondslag: grondslag niet vastgelegd",
    ]


def test_an_empty_trail_says_so_and_a_trail_without_shares_ends_with_who_had_access() -> None:
    assert (
        overview("WBW-TEST", [], TEAM, "Europe/Amsterdam") == "Voor WBW-TEST staat nog niets in het auditlog."
    )
    trail = Trail([AuditEvent(at(8), "u-jeroen", "casus.aanmaken", "WBW-TEST")], TEAM)
    assert trail.text("WBW-TEST", "Europe/Amsterdam").split("\n") == [
        "**Inzage WBW-TEST**: wie de kaart las, wijzigde, exporteerde of werd geweigerd (1 regels).",
        f"- 02-03-2026 09:00  {JEROEN}: maakte de casus aan",
        f"Hadden toegang: {JEROEN}.",
    ]


CONSULTS = {5: "MDO op 07-12-2026 10:00"}


@pytest.mark.parametrize(
    ("detail", "line"),
    [
        (
            {"aan": "u-piet", "grondslag": "toestemming"},  # the compact card that travels with a question
            "stuurde een samenvatting van de kaart mee met de vraag aan Piet Proef "
            "(grondslag: toestemming van het gezin)",
        ),
        (
            {"overleg": "5", "grondslag": "wettelijke_taak"},
            "deelde de kaart met de deelnemers van MDO op 07-12-2026 10:00 (grondslag: wettelijke taak)",
        ),
        (  # a consult no longer known, and no basis recorded
            {"overleg": "9"},
            "deelde de kaart met de deelnemers van een overleg (grondslag: grondslag niet vastgelegd)",
        ),
        (  # a basis this release does not know is not shown as if it were one
            {"met": "u-piet", "grondslag": "onbekend"},
            "deelde de kaart met Piet Proef (grondslag: grondslag niet vastgelegd)",
        ),
    ],
)
def test_each_share_says_with_whom_and_on_what_basis(detail: dict[str, str], line: str) -> None:
    assert what(event(SHARE_ACTION, **detail), PEOPLE, CONSULTS) == line
