"""Who may do what, end to end through the facade: every command × every role, an unknown code included.

Roles: the lead, an expert aboard, an expert who checked out, a consult participant (through the consult
hook), a coordinator, a lead of other families, and someone not in the roster at all.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from commands.cases import parts
from commands.cases.codes import new_code
from commands.cases.handlers import CardSettings
from commands.cases.model import EndReason
from commands.clock import ManualClock
from commands.ports import UnitOfWork
from commands.replies import Dialog, DialogResult, OpenDialog, Reply
from tests.cases.conftest import Desk, fake_desk, uid


class ConsultOn:
    """The consult feature's answer, faked: these people sit at a consult with the case on the agenda."""

    def __init__(self, *usernames: str) -> None:
        self.participants = {uid(u) for u in usernames}

    def participates(self, uow: UnitOfWork, case_id: int, user_id: str, now: datetime) -> bool:
        return user_id in self.participants


@pytest.fixture
def desk(clock: ManualClock) -> Desk:
    return fake_desk(clock, CardSettings(consult=ConsultOn("karin")))


ROLES = ["jeroen", "sanne", "pieter", "karin", "ahmed", "eva", "onbekend"]
COMMANDS = ["bekijken", "geschiedenis", "bewerken", "opslaan", "kader", "regie", "export", "sluiten"]
LINES = {
    "bekijken": "/kaart {code}",
    "geschiedenis": "/kaart {code} geschiedenis",
    "bewerken": "/kaart {code} bewerken zorgen gevaar",
    "kader": "/kaart {code} kader drang",
    "regie": "/kaart {code} regie @fatima",
    "export": "/kaart {code} export",
    "sluiten": "/kaart {code} sluiten doel_bereikt",
}

OK, NONE, LEAD, STATUS, STATUS_ONLY, CLOSED = (
    "ok",
    "geen",
    "regiehouder",
    "status",
    "alleen_status",
    "afgesloten",
)
READ = {"bekijken": OK, "geschiedenis": OK}
LEAD_ONLY = {"kader": LEAD, "regie": LEAD, "export": LEAD, "sluiten": LEAD}
EXPECTED = {
    "jeroen": dict.fromkeys(COMMANDS, OK),
    "sanne": {**READ, "bewerken": OK, "opslaan": OK, **LEAD_ONLY},
    "pieter": dict.fromkeys(COMMANDS, NONE),  # checked out: access ended
    "karin": {**READ, "bewerken": LEAD, "opslaan": LEAD, **LEAD_ONLY},
    "ahmed": {**dict.fromkeys(COMMANDS, STATUS_ONLY), "bekijken": STATUS},
    "eva": dict.fromkeys(COMMANDS, NONE),
    "onbekend": dict.fromkeys(COMMANDS, NONE),
}


def setup_case(desk: Desk) -> str:
    code = desk.new_case("jeroen")
    desk.involve(code, "sanne")
    involvement = desk.involve(code, "pieter")
    with desk.uow() as uow:
        uow.cases.end_involvement(involvement, desk.clock.now(), EndReason.GOAL_REACHED)
        uow.commit()
    return code


def attempt(desk: Desk, username: str, command: str, code: str) -> tuple[str, str]:
    """(outcome, text shown) of one attempt."""
    if command == "opslaan":
        # A dialog as Mattermost sends it back: its signed state names the case and the part.
        dialog = Dialog(
            callback=parts.CALLBACK, title="", fields=(), state=parts.Target("gevaar").state(code)
        )
        result = desk.submit(username, {"gevaarformulering": "We zijn bang dat het misgaat."}, dialog)
        assert isinstance(result, DialogResult)
        return (OK, "") if result.closes else (classify(result.error or ""), result.error or "")
    outcome = desk.command(username, LINES[command].format(code=code))
    if isinstance(outcome, OpenDialog):
        return OK, ""
    assert isinstance(outcome, Reply)
    return classify(outcome.message.text), outcome.message.text


def classify(text: str) -> str:
    if text.startswith("Geen toegang"):
        return NONE
    if text.startswith("Dat kan alleen de regiehouder"):
        return LEAD
    if "zie je van" in text and "alleen de status" in text:
        return STATUS_ONLY
    if "Als coördinator zie je geen inhoud" in text:
        return STATUS
    if "is afgesloten; de kaart kun je nog bekijken" in text:
        return CLOSED
    return OK


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("username", ROLES)
def test_every_command_for_every_role(desk: Desk, username: str, command: str) -> None:
    code = setup_case(desk)
    outcome, text = attempt(desk, username, command, code)
    assert outcome == EXPECTED[username][command], text
    if outcome not in (OK, STATUS):
        refused = [e for e in desk.audit(code) if e.result == "geweigerd" and e.actor_id == uid(username)]
        assert len(refused) == 1
        assert refused[0].detail["poging"] in LINES.keys() | {"bewerken"}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("username", ROLES)
def test_an_unknown_code_answers_exactly_like_a_code_one_may_not_see(
    desk: Desk, username: str, command: str
) -> None:
    code = setup_case(desk)
    unknown = new_code("WBW")
    assert not desk.case_exists(unknown)
    outcome, text = attempt(desk, username, command, unknown)
    assert outcome == NONE
    _, refused = attempt(desk, "eva", command, code)
    assert text.replace(unknown, "CODE") == refused.replace(code, "CODE")


def test_a_code_with_a_typo_is_refused_before_anything_is_looked_up(desk: Desk) -> None:
    code = setup_case(desk)
    typo = code[:-1] + ("X" if code[-1] != "X" else "Y")
    text = desk.say("jeroen", f"/kaart {typo}")
    assert "typfout" in text
    assert all(e.case_code != typo for e in desk.audit(typo))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_case_can_be_read_and_exported_by_its_lead_only(desk: Desk, command: str) -> None:
    code = setup_case(desk)
    assert "is afgesloten" in desk.say("jeroen", f"/kaart {code} sluiten veiligheid_hersteld")
    expected = {"bekijken": OK, "geschiedenis": OK, "export": OK}.get(command, CLOSED)
    assert attempt(desk, "jeroen", command, code)[0] == expected
    assert attempt(desk, "sanne", command, code)[0] == NONE  # the case closing checked her out


def test_checking_out_ends_access_at_once(desk: Desk) -> None:
    code = setup_case(desk)
    assert attempt(desk, "sanne", "bekijken", code)[0] == OK
    with desk.uow() as uow:
        (involvement,) = [
            i for i in uow.cases.active_for_case(desk.case(code).id) if i.expert_id == uid("sanne")
        ]
        uow.cases.end_involvement(involvement.id, desk.clock.now(), EndReason.SAFETY_RESTORED)
        uow.commit()
    assert attempt(desk, "sanne", "bekijken", code)[0] == NONE
    desk.involve(code, "sanne")  # brought in again
    assert attempt(desk, "sanne", "bekijken", code)[0] == OK


def test_handing_over_the_lead_moves_access(desk: Desk) -> None:
    code = setup_case(desk)
    assert "ligt nu bij Fatima El Amrani" in desk.say("jeroen", f"/kaart {code} regie @fatima")
    assert attempt(desk, "jeroen", "bekijken", code)[0] == NONE
    assert attempt(desk, "fatima", "export", code)[0] == OK


def test_a_coordinator_sees_status_and_framework_and_nothing_else(desk: Desk) -> None:
    code = setup_case(desk)
    desk.say("jeroen", f"/kaart {code} kader gedwongen ots 2026-10")
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen gevaar", {"gevaarformulering": "We zijn bang."})
    text = desk.say("ahmed", f"/kaart {code}")
    assert text.startswith(f"Casus **{code}**: Actief · kader: Gedwongen kader — Ondertoezichtstelling (OTS)")
    for hidden in ("We zijn bang", "Roosendaal", "Jeroen", "Sanne"):
        assert hidden not in text
