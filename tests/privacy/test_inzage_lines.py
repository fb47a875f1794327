"""The inzage overview's words, directly: who a trail's actor is and what each event says (pure functions;
tests/privacy/test_inzage.py runs the same through the facade and the command line)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from commands.cases.sharing import SHARE_ACTION
from commands.ports import AuditEvent
from commands.privacy_inzage import what, who
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
