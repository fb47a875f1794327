"""The NEN 7513 audit trail: every read, change and export of a card, who, on whose behalf, and from where."""

from __future__ import annotations

import pytest

from bot import cli
from commands.cases.admin import audit_trail
from commands.cases.codes import check_character
from commands.ports import AuditEvent
from tests.cases.conftest import Desk, uid

ZORG = {
    "omschrijving": "Vader schreeuwt tegen Kind 1.",
    "soort": "schade_verleden",
    "categorie": "psychische_mishandeling",
    "zekerheid": "vastgesteld",
    "ernst": "midden",
}


def last(desk: Desk, code: str) -> AuditEvent:
    return desk.audit(code)[-1]


def test_creating_a_case_is_logged(desk: Desk) -> None:
    code = desk.new_case()
    (event,) = desk.audit(code)
    assert (event.action, event.actor_id, event.authorisation) == (
        "casus.aanmaken",
        uid("jeroen"),
        "regiehouder",
    )
    assert event.detail["organisatie"] == "st-roosendaal"
    assert event.at == desk.clock.now()


@pytest.mark.parametrize(
    ("line", "action", "part"),
    [
        ("/kaart {code}", "kaart.lezen", "kaart"),
        ("/kaart {code} geschiedenis", "kaart.lezen", "geschiedenis"),
        ("/kaart {code} bewerken zorgen", "kaart.lezen", "zorgen"),  # the dialog shows the card's content
        ("/kaart {code} export", "kaart.exporteren", None),
    ],
)
def test_every_read_and_export_is_logged(desk: Desk, line: str, action: str, part: str | None) -> None:
    code = desk.new_case()
    desk.command("jeroen", line.format(code=code))
    event = last(desk, code)
    assert (event.action, event.result, event.access_point) == (action, "toegestaan", "/kaart")
    assert event.on_behalf_of is None  # the lead acts for themself
    if part:
        assert event.detail["onderdeel"] == part
    else:
        assert event.detail == {**event.detail, "versie": "1", "kanaal": "dm"}


def test_every_change_is_logged_with_the_part_and_version(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen", ZORG)
    desk.say("jeroen", f"/kaart {code} kader drang")
    desk.say("jeroen", f"/kaart {code} regie @fatima")
    desk.say("fatima", f"/kaart {code} sluiten doel_bereikt")
    changes = [(e.actor_id, e.detail["onderdeel"], e.detail["versie"]) for e in desk.audit(code)
               if e.action == "kaart.wijzigen"]  # fmt: skip
    assert changes == [
        (uid("jeroen"), "zorgen", "2"),
        (uid("jeroen"), "kader", "3"),
        (uid("jeroen"), "regie", "4"),
        (uid("fatima"), "sluiten", "5"),
    ]
    dialog_change = next(e for e in desk.audit(code) if e.detail.get("onderdeel") == "zorgen"
                         and e.action == "kaart.wijzigen")  # fmt: skip
    assert dialog_change.access_point == "/kaart (formulier)"


def test_an_expert_acts_on_behalf_of_the_lead(desk: Desk) -> None:
    code = desk.new_case()
    desk.involve(code, "sanne")
    desk.say("sanne", f"/kaart {code}")
    event = last(desk, code)
    assert (event.actor_id, event.authorisation, event.on_behalf_of) == (
        uid("sanne"), "betrokken_expert", uid("jeroen"),
    )  # fmt: skip
    assert event.detail["organisatie"] == "vt-wb" and event.detail["rollen"] == "expert"


def test_a_coordinators_status_look_is_logged_as_a_read_of_the_status(desk: Desk) -> None:
    code = desk.new_case()
    desk.say("ahmed", f"/kaart {code}")
    event = last(desk, code)
    assert (event.action, event.authorisation, event.detail["onderdeel"]) == (
        "kaart.lezen",
        "coordinator",
        "status",
    )


def test_refusals_are_logged_without_revealing_anything_to_the_user(desk: Desk) -> None:
    code = desk.new_case()
    desk.say("eva", f"/kaart {code} export")
    event = last(desk, code)
    assert (event.action, event.result, event.authorisation) == ("kaart.exporteren", "geweigerd", "geen")
    assert "bestaat" not in event.detail
    ghost = "WBW-2345-6" + check_character("WBW23456")
    desk.say("eva", f"/kaart {ghost}")
    (probe,) = desk.audit(ghost)
    assert (probe.result, probe.detail["bestaat"]) == ("geweigerd", "nee")


def test_a_refused_edit_by_the_privacy_guard_changes_nothing_and_logs_no_change(desk: Desk) -> None:
    code = desk.new_case()
    result = desk.fill("jeroen", f"/kaart {code} bewerken zorgen", {**ZORG, "omschrijving": "BSN 111222333"})
    assert result.field_errors
    assert not [e for e in desk.audit(code) if e.action == "kaart.wijzigen"]


def test_the_audit_trail_is_append_only_and_reading_it_is_logged(desk: Desk) -> None:
    code = desk.new_case()
    desk.say("jeroen", f"/kaart {code}")
    events = audit_trail(desk.uow, code.lower(), "cli:beheer", desk.clock.now())
    assert [e.action for e in events] == ["casus.aanmaken", "kaart.lezen"]
    assert [e.action for e in desk.audit(code)] == ["casus.aanmaken", "kaart.lezen", "auditlog.lezen"]


def test_erbij_audit_on_the_command_line(
    sql_desk: Desk, database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = sql_desk  # the command line reads the database
    code = desk.new_case()
    desk.say("eva", f"/kaart {code}")
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    assert cli.main(["audit", code, "--ruw"], clock=desk.clock) == 0
    out = capsys.readouterr().out
    assert f"Auditlog van {code} (2 regels" in out
    assert "casus.aanmaken" in out and "geweigerd" in out and uid("eva") in out
    assert desk.audit(code)[-1].action == "auditlog.lezen"
    assert cli.main(["audit", code[:-1] + "Q" if code[-1] != "Q" else code[:-1] + "R"]) == 2


def test_no_card_content_reaches_the_log(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen", ZORG)
    assert all("schreeuwt" not in repr(e) for e in desk.audit(code))
