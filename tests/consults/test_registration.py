"""Registering a case: the deadline and capacity rules, urgent cases, who may, and withdrawing.

The clock starts on Monday 23 November 2026, 09:00 in Amsterdam. With the default slots the first consult one
can still register for is Wednesday 25 November (registration closes Tuesday 12:00).
"""

from __future__ import annotations

from datetime import UTC, datetime

from commands.cases.codes import new_code
from commands.consults.model import ItemStatus
from commands.replies import Reply
from tests.consults.conftest import Office, uid


def items_of(office: Office, code: str) -> list[tuple[str, ItemStatus]]:
    with office.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        consults = uow.consults.consults_between(
            datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
        )
        items = uow.agenda_items.items([c.id for c in consults], statuses=list(ItemStatus))
        by_id = {c.id: c for c in consults}
        return [
            (by_id[i.consult_id].starts_at.strftime("%d-%m"), i.status) for i in items if i.case_id == case.id
        ]


def test_a_lead_is_told_which_consult_and_why_not_an_earlier_one(office: Office) -> None:
    office.default_slots()
    first = office.new_case("jeroen")
    office.register("jeroen", first)
    [placed] = office.dms("jeroen")
    assert f"Casus {first} staat op de agenda van het MDO van woensdag 25 november 2026, 10:00" in placed
    assert "De agenda gaat dinsdag 24 november 2026, 15:00 naar de voorzitter" in placed

    office.at("2026-11-24 13:00")  # Wednesday's registration closed at 12:00
    second = office.new_case("jeroen")
    office.register("jeroen", second)
    text = office.dms("jeroen")[-1]
    assert "staat op de agenda van het MDO van vrijdag 27 november 2026, 10:00" in text
    assert (
        "Niet op woensdag 25 november 2026, 10:00: inbrengen kon tot dinsdag 24 november 2026, 12:00." in text
    )


def test_a_full_consult_sends_the_next_case_to_the_next_one(office: Office) -> None:
    office.default_slots(max_cases=2)
    codes = [office.new_case("jeroen") for _ in range(3)]
    for code in codes:
        office.register("jeroen", code)
    assert items_of(office, codes[0]) == [("25-11", ItemStatus.PLANNED)]
    assert items_of(office, codes[2]) == [("27-11", ItemStatus.PLANNED)]
    assert (
        "Niet op woensdag 25 november 2026, 10:00: dat overleg zit vol (2 casussen)."
        in office.dms("jeroen")[-1]
    )


def test_an_urgent_case_goes_first_and_the_last_regular_one_moves_on_with_a_notice(office: Office) -> None:
    office.default_slots(max_cases=2)
    regular = [office.new_case("fatima"), office.new_case("eva")]
    for code, lead in zip(regular, ("fatima", "eva"), strict=True):
        office.register(lead, code)
    urgent = office.new_case("jeroen")
    office.register("jeroen", urgent, urgency="spoed")
    assert items_of(office, urgent) == [("25-11", ItemStatus.PLANNED)]
    assert "Spoed: je casus gaat op de agenda voor de reguliere casussen." in office.dms("jeroen")[-1]
    assert items_of(office, regular[0]) == [("25-11", ItemStatus.PLANNED)]
    assert items_of(office, regular[1]) == [("27-11", ItemStatus.PLANNED)]
    notice = office.dms("eva")[-1]
    assert f"Je casus {regular[1]} schuift door naar het MDO van vrijdag 27 november 2026, 10:00" in notice
    assert "zit vol; spoedcasussen en vervolgbesprekingen gaan voor" in notice


def test_only_the_lead_or_a_coordinator_registers_and_strangers_learn_nothing(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    refused = office.say("eva", f"/overleg inbrengen {code}")
    assert refused.startswith(f"Geen toegang tot {code}.")
    unknown = new_code()
    assert office.say("eva", f"/overleg inbrengen {unknown}") == refused.replace(code, unknown)
    assert "geen geldige casuscode" in office.say("eva", "/overleg inbrengen WBW-AAAA-AA")
    office.register("ahmed", code)  # a coordinator may
    assert any("staat op de agenda" in text for text in office.dms("jeroen"))
    assert any("staat op de agenda" in text for text in office.dms("ahmed"))
    assert "Je staat (nog) niet in het rooster" in office.say("onbekend", f"/overleg inbrengen {code}")


def test_a_case_is_on_one_agenda_at_a_time_and_closed_cases_stay_off(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.register("jeroen", code)
    assert "staat al op de agenda van woensdag 25 november" in office.say(
        "jeroen", f"/overleg inbrengen {code}"
    )
    closed = office.new_case("jeroen")
    with office.uow() as uow:
        case = uow.cases.by_code(closed)
        assert case is not None
        uow.cases.close(case.id, office.clock.now(), "doel_bereikt")
        uow.commit()
    assert "is afgesloten" in office.say("jeroen", f"/overleg inbrengen {closed}")


def test_the_question_passes_the_privacy_guard(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.open("jeroen", f"/overleg inbrengen {code}")
    result = office.submit(
        "jeroen", {"vraag": "Moeder (BSN 111222333) wil niet meewerken", "urgentie": "regulier"}
    )
    assert "vraag" in result.field_errors
    assert "111222333" not in result.field_errors["vraag"]
    assert items_of(office, code) == []
    empty = office.submit("jeroen", {"vraag": "", "urgentie": "regulier"})
    assert empty.field_errors == {
        "vraag": "Vul dit in.",
        "grondslag": "Kies op grond waarvan je de kaart deelt.",
    }


def test_withdrawing_before_the_consult(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.register("jeroen", code)
    assert office.say("eva", f"/overleg afmelden {code}").startswith("Geen toegang")
    answer = office.say("jeroen", f"/overleg afmelden {code}")
    assert answer == f"Casus {code} is afgemeld voor het MDO van woensdag 25 november 2026, 10:00."
    assert items_of(office, code) == [("25-11", ItemStatus.WITHDRAWN)]
    assert "staat niet op de agenda" in office.say("jeroen", f"/overleg afmelden {code}")
    office.register("jeroen", code)  # and it can come back
    office.at("2026-11-25 10:05")
    assert "is al begonnen" in office.say("jeroen", f"/overleg afmelden {code}")


def test_without_slots_nobody_can_register(office: Office) -> None:
    code = office.new_case("jeroen")
    result = office.command("jeroen", f"/overleg inbrengen {code}")
    assert isinstance(result, Reply)
    assert "erbij consults init" in result.message.text
    assert uid("jeroen") == "u-jeroen"
