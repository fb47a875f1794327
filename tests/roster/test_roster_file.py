"""Reading a roster file: the example is valid; every mistake is reported with its line, entry and field."""

from __future__ import annotations

from datetime import date, time

import pytest

from commands.roster.model import OrganisationKind, Role
from commands.roster.roster_file import RosterFile, RosterFileError, load_roster_file

SMALL = """\
organisations:
  - key: vt
    kind: VT
    name: Veilig Thuis Test
  - key: st
    kind: lokaal team
    name: Sociaal Team Test
professionals:
  - username: sanne.devries
    organisation: vt
    roles: [expert]
    expertise: [huiselijk_geweld]
    capacity: 3
  - username: jeroen.peeters
    organisation: st
    roles: regiehouder
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RosterFileError) as raised:
        load_roster_file(text)
    return raised.value.problems


def test_the_example_roster_is_valid(example: RosterFile) -> None:
    assert len(example.professionals) == 25
    kinds = {org.kind for org in example.organisations}
    assert kinds == set(OrganisationKind)
    assert sum(Role.COORDINATOR in p.roles for p in example.professionals) >= 2
    assert any(org.name == "William Schrikker Groep" for org in example.organisations)


def test_defaults_and_friendly_forms() -> None:
    roster = load_roster_file(SMALL)
    sanne, jeroen = roster.professionals
    assert sanne.working_days == [0, 1, 2, 3, 4]
    assert sanne.working_hours == (time(8, 30), time(17, 0))
    assert jeroen.roles == [Role.LEAD]
    assert roster.organisations[1].kind is OrganisationKind.LOKAAL_TEAM
    text = SMALL.replace(
        "    capacity: 3\n",
        "    capacity: 3\n    working_days: di-do\n    working_hours: '9.00 - 16.30'\n"
        "    absences:\n      - {first_day: 24-12-2026, last_day: 2027-01-02}\n",
    ).replace("username: sanne.devries", "username: '@Sanne.DeVries'")
    sanne = load_roster_file(text).professionals[0]
    assert sanne.username == "sanne.devries"
    assert sanne.working_days == [1, 2, 3]
    assert sanne.working_hours == (time(9, 0), time(16, 30))
    assert (sanne.absences[0].first_day, sanne.absences[0].last_day) == (date(2026, 12, 24), date(2027, 1, 2))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("capacity: 3", "capacity: -1"),
            "regel 13, professionals #1 (sanne.devries) · capacity: moet minstens 0",
        ),
        (("capacity: 3", "capacity: 99"), "capacity: mag hoogstens 25"),
        (("capacity: 3", "capacity: drie"), "capacity: moet een geheel getal zijn"),
        (
            ("    capacity: 3\n", ""),
            "professionals #1 (sanne.devries): capacity is verplicht voor een expert",
        ),
        (("roles: [expert]", "roles: [expert, baas]"), "roles: onbekende rol 'baas'"),
        (("roles: [expert]", "roles: []"), "roles: mag niet leeg zijn"),
        (
            ("kind: VT", "kind: ziekenhuis"),
            "regel 3, organisations #1 (vt) · kind: onbekende soort organisatie",
        ),
        (("organisation: vt", "organisation: vt-oud"), "organisation: organisatie 'vt-oud' staat niet onder"),
        (
            ("[huiselijk_geweld]", "[huiselijk_geweld, astrologie]"),
            "expertise: niet in de lijst met expertises: astrologie",
        ),
        (
            ("username: sanne.devries", "username: Sanne de Vries"),
            "username: geen geldige Mattermost-gebruikersnaam",
        ),
        (("username: jeroen.peeters", "username: sanne.devries"), "'sanne.devries' komt vaker voor"),
        (("  - key: st", "  - key: vt"), "organisations #2 (vt) · key: 'vt' komt vaker voor"),
        (("  - key: st", "  - key: Sociaal Team"), "key: gebruik alleen kleine letters"),
        (
            ("capacity: 3", "capacity: 3\n    capcity: 3"),
            "regel 14, professionals #1 (sanne.devries) · capcity: onbekend veld",
        ),
        (("    name: Veilig Thuis Test\n", ""), "organisations #1 (vt) · name: ontbreekt"),
        (("capacity: 3", "capacity: 3\n    working_days: ma-zz"), "working_days: werkdagen als"),
        (
            ("capacity: 3", "capacity: 3\n    working_hours: 8:30"),
            "working_hours: werktijden tussen aanhalingstekens",
        ),
        (
            ("capacity: 3", "capacity: 3\n    working_hours: '17:00-09:00'"),
            "de eindtijd moet na de begintijd",
        ),
        (
            (
                "capacity: 3",
                "capacity: 3\n    absences:\n      - {first_day: 2026-12-24, last_day: 2026-12-20}",
            ),
            "absences #1: last_day ligt vóór first_day",
        ),
        (
            (
                "capacity: 3",
                "capacity: 3\n    absences:\n      - {first_day: 31-02-2026, last_day: 2026-12-20}",
            ),
            "absences #1 · first_day: geen geldige datum",
        ),
        (
            ("    roles: regiehouder\n", "    roles: regiehouder\n    roles: expert\n"),
            "roles: dit veld staat er twee keer",
        ),
        (("professionals:", "personen:"), "personen: onbekend veld"),
    ],
)
def test_each_kind_of_mistake_is_located(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in SMALL
    found = problems(SMALL.replace(old, new, 1))
    assert any(expected in problem for problem in found), found


def test_all_problems_are_reported_at_once_in_file_order() -> None:
    text = SMALL.replace("capacity: 3", "capacity: -1").replace("organisation: st", "organisation: xx")
    found = problems(text.replace("kind: VT", "kind: ziekenhuis"))
    assert len(found) == 3
    assert [p.split(",")[0] for p in found] == ["regel 3", "regel 13", "regel 15"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organisations:\n  - key: vt\n   kind: VT\n", "regel 3: geen geldige YAML"),
        ("- just\n- a list\n", "moet beginnen met"),
        ("", "moet beginnen met"),
        ("professionals: []\n", "organisations: ontbreekt"),
        ("organisations: []\n", "organisations: mag niet leeg zijn"),
    ],
)
def test_files_that_are_not_a_roster(text: str, expected: str) -> None:
    assert any(expected in problem for problem in problems(text))


def test_a_region_may_bring_its_own_vocabulary() -> None:
    text = "expertise:\n  huiselijk_geweld:\n  pleegzorg: Pleegzorg en netwerkplaatsing\n" + SMALL
    roster = load_roster_file(text)
    assert roster.vocabulary_keys == ("huiselijk_geweld", "pleegzorg")
    found = problems(text.replace("[huiselijk_geweld]", "[kindermishandeling]"))
    assert any("niet in de lijst met expertises: kindermishandeling" in p for p in found)
