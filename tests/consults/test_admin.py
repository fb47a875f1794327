"""Changing slots applies to the coming consults: smaller consults and stopped slots move cases on with a
notice, holidays are announced in the channel when consults are planned."""

from __future__ import annotations

from datetime import UTC, datetime

from commands.consults.admin import SlotChanges
from commands.consults.model import ItemStatus
from tests.consults.conftest import CHANNEL, Office


def where(office: Office, code: str) -> str:
    """The local date of the consult the case is planned on."""
    with office.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        item = uow.agenda_items.open_item_for_case(case.id)
        assert item is not None and item.status is ItemStatus.PLANNED
        consult = uow.consults.consult(item.consult_id)
    assert consult is not None
    return consult.starts_at.strftime("%a %d-%m")


def test_holidays_are_announced_when_the_consults_are_planned(office: Office) -> None:
    office.default_slots()
    notices = [m.text for k, m in office.channel(CHANNEL) if k.startswith("overleg-feestdag")]
    assert notices == [
        "Het MDO van vrijdag 25 december 2026 om 10:00 gaat niet door: het is Eerste kerstdag, en de "
        "volgende werkdag is er al een overleg in dit kanaal.",
        "Het MDO van vrijdag 1 januari 2027 om 10:00 gaat niet door: het is Nieuwjaarsdag, en de volgende "
        "werkdag is er al een overleg in dit kanaal.",
    ]
    office.tick()  # planning further ahead later never announces the same holiday twice
    assert len([k for k, _ in office.channel(CHANNEL) if k.startswith("overleg-feestdag")]) == 2


def test_a_smaller_consult_moves_the_last_case_on_with_a_notice(office: Office) -> None:
    office.default_slots()
    codes = [office.new_case(lead) for lead in ("jeroen", "fatima", "eva")]
    for code, lead in zip(codes, ("jeroen", "fatima", "eva"), strict=True):
        office.register(lead, code)
    report = office.admin().change(office.clock.now(), "woensdag", SlotChanges(max_cases=2))
    assert report.moved == 1 and report.replanned >= 8
    assert [where(office, code) for code in codes] == ["Wed 25-11", "Wed 25-11", "Fri 27-11"]
    assert "schuift door naar het MDO van vrijdag 27 november 2026, 10:00" in office.dms("eva")[-1]


def test_a_stopped_slot_or_a_day_moved_into_the_past_moves_its_cases_on(office: Office) -> None:
    office.default_slots()
    friday, wednesday = office.new_case("jeroen"), office.new_case("fatima")
    office.at("2026-11-24 13:00")
    office.register("jeroen", friday)  # Wednesday's registration is closed: Friday
    office.at("2026-11-23 11:00")
    office.register("fatima", wednesday)
    assert (where(office, friday), where(office, wednesday)) == ("Fri 27-11", "Wed 25-11")
    office.admin().change(office.clock.now(), "vrijdag", SlotChanges(), active=False)
    assert where(office, friday) == "Mon 30-11"
    assert "het overleg van vrijdag 27 november 2026, 10:00 gaat niet door." in office.dms("jeroen")[-1]
    # Wednesday's consult becomes Monday's, which has already begun: it is called off and its case moves on
    office.at("2026-11-23 11:30")
    office.admin().change(office.clock.now(), "woensdag", SlotChanges(weekday=0, channel="mdo-oost"))
    assert where(office, wednesday) == "Mon 30-11"
    with office.uow() as uow:
        moved = uow.consults.consults_between(
            datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC)
        )
    assert [c.cancelled for c in moved if c.slot_key == "woensdag"] == [True]


def test_without_a_day_the_agenda_is_the_next_one_you_may_see(office: Office) -> None:
    office.default_slots()
    office.register("fatima", office.new_case("fatima"))  # Wednesday
    office.at("2026-11-24 13:00")
    mine = office.new_case("jeroen")
    office.register("jeroen", mine)  # Friday
    text = office.say("jeroen", "/overleg agenda")
    assert text.startswith("#### Agenda MDO vrijdag 27 november 2026")
