"""Inzage: the lead (`/kaart <code> inzage`) and an administrator (`erbij audit <code>`) see who read,
changed, exported or was refused the card, by name, role and organisation; through the facade and the CLI on
the real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from bot import cli
from commands.cases.codes import new_code
from tests.cases.conftest import Desk, desk, sql_desk  # noqa: F401 - the fixtures
from tests.support.people import uid


def history(desk: Desk) -> str:  # noqa: F811
    code = desk.new_case()  # jeroen leads it
    desk.involve(code, "sanne")
    desk.say("sanne", f"/kaart {code}")  # an involved expert reads it
    desk.say("eva", f"/kaart {code}")  # another lead: refused
    desk.say("jeroen", f"/kaart {code} export")
    return code


def test_the_lead_sees_who_read_changed_exported_or_was_refused_by_name_and_role(desk: Desk) -> None:  # noqa: F811
    code = history(desk)
    text = desk.say("jeroen", f"/kaart {code} inzage")
    assert f"Inzage {code}" in text
    assert "Jeroen Bakker (regiehouder, Sociaal Team Roosendaal): maakte de casus aan" in text
    assert "Sanne de Vries (expert, Veilig Thuis West-Brabant): las de kaart" in text
    assert "Eva Mulder (regiehouder, Sociaal Team Roosendaal): geweigerd: las de kaart" in text
    assert "exporteerde de kaart" in text
    assert "Hadden toegang: Jeroen Bakker" in text and "Eva Mulder" not in text.split("Hadden toegang:")[1]
    assert not any(uid(name) in text for name in ("jeroen", "sanne", "eva"))  # names, not user ids
    last = desk.audit(code)[-1]
    assert (last.action, last.result, last.actor_id) == ("auditlog.lezen", "toegestaan", uid("jeroen"))
    assert (last.authorisation, last.access_point, last.detail) == ("regiehouder", "/kaart inzage", {})


@pytest.mark.parametrize("user", ["sanne", "eva", "karin"])
def test_only_the_lead_gets_the_overview_and_a_refusal_is_recorded(desk: Desk, user: str) -> None:  # noqa: F811
    code = history(desk)
    text = desk.say(user, f"/kaart {code} inzage")
    assert "Alleen de regiehouder" in text and "Sanne de Vries" not in text
    last = desk.audit(code)[-1]
    assert (last.action, last.result, last.actor_id) == ("auditlog.lezen", "geweigerd", uid(user))


def test_an_unknown_case_gets_the_same_answer(desk: Desk) -> None:  # noqa: F811
    code = history(desk)
    other = new_code("WBW")
    assert other != code
    assert "Alleen de regiehouder" in desk.say("jeroen", f"/kaart {other} inzage")
    (refused,) = desk.audit(other)  # the trail records the attempt, and that no such case exists
    assert (refused.action, refused.result, refused.access_point) == (
        "auditlog.lezen",
        "geweigerd",
        "/kaart inzage",
    )
    assert refused.detail == {"bestaat": "nee"}


def test_erbij_audit_gives_names_and_roles_and_is_recorded(
    sql_desk: Desk,  # noqa: F811 - the fixture; the command line reads the database
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = history(sql_desk)
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    assert cli.main(["audit", code], clock=sql_desk.clock) == 0
    out = capsys.readouterr().out
    assert "Sanne de Vries (expert, Veilig Thuis West-Brabant): las de kaart" in out
    assert "geweigerd: las de kaart" in out and uid("eva") not in out
    last = sql_desk.audit(code)[-1]
    assert (last.action, last.authorisation, last.access_point) == ("auditlog.lezen", "beheerder", "cli")
