"""A case's life through the facade: new, framework with history, lead handover, closing, your cases."""

from __future__ import annotations

import pytest

from commands.cases.codes import new_code, parse_code
from commands.cases.lifecycle import fresh_code
from commands.cases.model import Case, CaseStatus, EndReason, Framework, MeasureKind
from commands.replies import Reply
from tests.cases.conftest import Desk, uid


def test_a_lead_creates_a_case_and_gets_its_code_privately(desk: Desk) -> None:
    dialog = desk.open("jeroen", "/kaart nieuw")
    gemeente = next(f for f in dialog.fields if f.name == "gemeente")
    assert gemeente.kind == "select" and gemeente.default == "Roosendaal"  # from the roster
    assert desk.submit("jeroen", {"kader": "drang"}).closes
    (case,) = desk_cases(desk, "jeroen")
    assert parse_code(case.code) == case.code and case.code.startswith("WBW-")
    assert (case.lead_id, case.framework, case.status, case.version) == (
        uid("jeroen"), Framework.DRANG, CaseStatus.ACTIVE, 1,
    )  # fmt: skip
    (dm,) = desk.dms("jeroen")
    assert case.code in dm and "regiehouder" in dm


def desk_cases(desk: Desk, username: str) -> list[Case]:
    with desk.uow() as uow:
        return uow.cases.led_by(uid(username))


@pytest.mark.parametrize(
    ("username", "answer"),
    [
        ("sanne", "Alleen een regiehouder"),
        ("ahmed", "Alleen een regiehouder"),
        ("onbekend", "niet in het rooster"),
    ],
)
def test_only_leads_create_cases(desk: Desk, username: str, answer: str) -> None:
    result = desk.command(username, "/kaart nieuw")
    assert isinstance(result, Reply) and answer in result.message.text


def test_new_case_dialog_checks_its_fields_and_the_privacy_of_the_municipality(desk: Desk) -> None:
    desk.open("jeroen", "/kaart nieuw")
    result = desk.submit("jeroen", {"gemeente": "", "kader": "gedwongen"})
    assert set(result.field_errors) == {"gemeente", "maatregel"}
    # The privacy guard runs before the handler (outside any transaction): its refusal comes on its own.
    result = desk.submit("jeroen", {"gemeente": "Kerkstraat 5", "kader": "vrijwillig", "maatregel": "ots"})
    assert set(result.field_errors) == {"gemeente"}
    assert "adres" in result.field_errors["gemeente"]
    result = desk.submit("jeroen", {"gemeente": "Roosendaal", "kader": "vrijwillig", "maatregel": "ots"})
    assert set(result.field_errors) == {"maatregel"}
    assert desk_cases(desk, "jeroen") == []


def test_a_code_in_use_is_never_handed_out_twice(desk: Desk) -> None:
    taken = desk.new_case()
    draws = iter([taken, taken, new_code("WBW")])
    with desk.uow() as uow:
        code = fresh_code(uow, "WBW", lambda prefix: next(draws))
    assert code != taken
    codes = {desk.new_case() for _ in range(25)} | {taken}
    assert len(codes) == 26


def test_framework_and_measure_with_their_history(desk: Desk) -> None:
    code = desk.new_case()
    assert (
        desk.say("jeroen", f"/kaart {code} kader drang") == f"Kader van casus {code} is nu (versie 2): Drang."
    )
    assert "hoort een maatregel" in desk.say("jeroen", f"/kaart {code} kader gedwongen")
    assert "hoort geen kinderbeschermingsmaatregel" in desk.say("jeroen", f"/kaart {code} kader drang ots")
    assert desk.say("jeroen", f"/kaart {code} kader gedwongen voorlopige-ots oktober 2026").endswith(
        "Gedwongen kader (Voorlopige OTS sinds oktober 2026)."
    )
    assert (
        desk.say("jeroen", f"/kaart {code} kader gedwongen voorlopige_ots 2026-10")
        == "Er is niets veranderd."
    )
    dialog = desk.open("jeroen", f"/kaart {code} kader")
    assert {f.name: f.default for f in dialog.fields}["maatregel"] == "voorlopige_ots"
    assert desk.submit("jeroen", {"maatregel": "ots", "maatregel_sinds": "november 2026"}).closes
    with desk.uow() as uow:
        history = uow.cases.framework_history(desk.case(code).id)
    assert [(h.framework.value, h.measure.kind.value, h.measure.since) for h in history] == [
        ("vrijwillig", "geen", None),
        ("drang", "geen", None),
        ("gedwongen", "voorlopige_ots", "2026-10"),
        ("gedwongen", "ots", "2026-11"),
    ]
    case = desk.case(code)
    assert (case.framework, case.measure.kind, case.version) == (Framework.COMPULSORY, MeasureKind.OTS, 4)


def test_the_framework_dialog_refuses_identifiers_in_its_note(desk: Desk) -> None:
    code = desk.new_case()
    desk.open("jeroen", f"/kaart {code} kader")
    result = desk.submit("jeroen", {"kader": "drang", "toelichting": "mail moeder@example.nl"})
    assert set(result.field_errors) == {"toelichting"}
    assert desk.case(code).framework is Framework.VOLUNTARY


def test_handing_over_the_lead(desk: Desk) -> None:
    code = desk.new_case()
    assert "staat niet als regiehouder" in desk.say("jeroen", f"/kaart {code} regie @sanne")
    assert "is al regiehouder" in desk.say("jeroen", f"/kaart {code} regie jeroen")
    assert "Gebruik:" in desk.say("jeroen", f"/kaart {code} regie")
    desk.say("jeroen", f"/kaart {code} overdragen @Fatima")
    assert desk.case(code).lead_id == uid("fatima")
    (dm,) = desk.dms("fatima")
    assert "Jeroen Bakker heeft de regie" in dm and code in dm
    history = desk.say("fatima", f"/kaart {code} geschiedenis")
    assert "regie overgedragen van Jeroen Bakker aan Fatima El Amrani" in history


def test_closing_ends_every_involvement_and_tells_the_experts(desk: Desk) -> None:
    code = desk.new_case()
    desk.involve(code, "sanne")
    desk.involve(code, "pieter")
    dialog = desk.open("jeroen", f"/kaart {code} sluiten")
    assert [f.name for f in dialog.fields] == ["sluitreden", "gezin"]  # the family's answer (monitor)
    assert desk.submit("jeroen", {}).field_errors == {"sluitreden": "Maak een keuze."}
    assert desk.submit("jeroen", {"sluitreden": "overgedragen"}).closes
    case = desk.case(code)
    assert case.status is CaseStatus.CLOSED and case.closed_at == desk.clock.now()
    with desk.uow() as uow:
        involvements = uow.cases.ever_for_case(case.id)
    assert [(i.active, i.end_reason) for i in involvements] == [(False, EndReason.HANDED_OVER)] * 2
    assert "is afgesloten door de regiehouder (Overgedragen)" in desk.dms("sanne")[0]
    assert desk.dms("pieter")
    assert "Gebruik:" in desk.say("jeroen", f"/kaart {code} sluiten opgelost")
    assert "is afgesloten" in desk.say("jeroen", f"/kaart {code} sluiten anders")


def test_your_cases(desk: Desk) -> None:
    assert "geen lopende casussen" in desk.say("jeroen", "/kaart lijst")
    first, second = desk.new_case(), desk.new_case()
    desk.involve(first, "sanne")
    desk.say("jeroen", f"/kaart {second} sluiten doel_bereikt")
    mine = desk.say("jeroen", "/kaart lijst")
    assert first in mine and second not in mine
    assert f"**{first}** — aangeschoven als expert" in desk.say("sanne", "/kaart lijst")


def test_unknown_words_get_a_hint(desk: Desk) -> None:
    code = desk.new_case()
    assert "Dat ken ik niet: `/kaart dossier`" in desk.say("jeroen", "/kaart dossier")
    assert "Dat ken ik niet: `/kaart" in desk.say("jeroen", f"/kaart {code} wissen")
    assert desk.say("jeroen", "/kaart help").startswith("#### Veiligheidskaart")
    assert desk.say("jeroen", "/kaart").startswith("#### Jouw casussen")  # alone: my cases, with buttons
