"""Sending the agenda: exactly once (repeated ticks, restart, two processes), late after downtime, updates."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.composition import Runtime, build_runtime
from bot.settings import Settings
from commands.clock import ManualClock
from commands.consults.service import ConsultSettings
from storage.consults import SqlConsultRepository
from tests.consults.conftest import CHANNEL, Office, build_erbij, make_office
from tests.fakes import FakeUnitOfWorkFactory


def agenda_rows(office: Office) -> list[tuple[str, str, str | None]]:
    return [(m.key, m.to.ref, m.replaces) for m in office.outbox() if m.key.startswith("overleg-agenda:")]


def full_agendas(office: Office) -> list[str]:
    """Keys of complete agendas that are new posts (not edits of an earlier one)."""
    return [
        key
        for key, _to, replaces in agenda_rows(office)
        if replaces is None and key.endswith(("voorzitter", "kanaal"))
    ]


def test_the_agenda_goes_to_the_chair_and_the_channel_once(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.involve(code, "sanne")
    office.register("jeroen", code, "Is een raadsonderzoek nodig?")
    office.at("2026-11-24 14:59")
    assert office.tick() == {"overleg": 0}
    office.at("2026-11-24 15:00")
    assert office.tick() == {"overleg": 1}
    [(_key, chair_message)] = [
        (k, m) for k, m in office.messages_to("karin") if k.startswith("overleg-agenda")
    ]
    assert chair_message.text.startswith("#### Agenda MDO woensdag 25 november 2026, 10:00–11:30")
    [section] = chair_message.sections
    assert section.title == f"10:00–10:15 · {code}"
    assert "Regiehouder: Jeroen Bakker" in section.text
    assert "Consultvraag: Is een raadsonderzoek nodig?" in section.text
    assert "Betrokken experts: Sanne de Vries (Veilig Thuis West-Brabant)" in section.text
    assert f"**Veiligheidskaart {code}**" in section.text
    [(_, channel_message)] = [(k, m) for k, m in office.channel() if k.startswith("overleg-agenda")]
    assert f"| 10:00–10:15 | {code} |" in channel_message.text
    assert "Jeroen" not in channel_message.text and "raadsonderzoek" not in channel_message.text
    assert "later dan gepland" not in chair_message.text
    # the chair's reading of the card summary is in the audit trail
    with office.uow() as uow:
        reads = [e for e in uow.audit.for_case(code) if e.action == "kaart.lezen"]
    assert [(e.actor_id, e.authorisation) for e in reads] == [("u-karin", "mdo_voorzitter")]
    # again, and after a restart on the same store: nothing new (on SQL: tests/consults/test_e2e.py)
    before = agenda_rows(office)
    assert office.tick() == {"overleg": 0}
    assert isinstance(office.uow, FakeUnitOfWorkFactory)
    again = build_erbij(FakeUnitOfWorkFactory(office.uow.store), office.clock, ConsultSettings())
    assert again.tick() == {"overleg": 0}
    assert agenda_rows(office) == before


def test_after_downtime_a_late_agenda_is_sent_with_a_note_while_the_consult_has_not_begun(
    office: Office,
) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.register("jeroen", code)
    office.at("2026-11-25 09:30")  # the bot was down from Tuesday afternoon until Wednesday morning
    assert office.tick() == {"overleg": 1}
    chair = [m for k, m in office.messages_to("karin") if k.startswith("overleg-agenda")]
    channel = [m for k, m in office.channel() if k.startswith("overleg-agenda")]
    note = "deze agenda komt later dan gepland (dinsdag 24 november 2026, 15:00)"
    assert len(chair) == 1 and note in chair[0].text
    assert len(channel) == 1 and note in channel[0].text


def test_once_the_consult_has_begun_no_agenda_goes_out_but_the_chair_is_told(office: Office) -> None:
    office.default_slots()
    office.register("jeroen", office.new_case("jeroen"))
    office.at("2026-11-25 10:20")
    assert office.tick() == {"overleg": 1}
    assert full_agendas(office) == []
    [missed] = [m.text for k, m in office.messages_to("karin") if k.startswith("overleg-agenda")]
    assert "is niet verstuurd" in missed and "/overleg agenda" in missed
    assert office.tick() == {"overleg": 0}


def test_a_change_after_sending_updates_the_posted_agenda_instead_of_sending_a_second(office: Office) -> None:
    office.default_slots()
    first, second = office.new_case("jeroen"), office.new_case("fatima")
    office.register("jeroen", first)
    office.register("fatima", second)
    office.at("2026-11-24 15:00")
    office.tick()
    assert len(full_agendas(office)) == 2  # chair and channel
    office.at("2026-11-24 17:00")
    office.say("jeroen", f"/overleg afmelden {first}")
    rows = agenda_rows(office)
    edits = [(key, to, replaces) for key, to, replaces in rows if replaces is not None]
    consult_key = full_agendas(office)[0].rsplit(":", 1)[0]
    assert sorted(edits) == sorted(
        [
            (f"{consult_key}:kanaal:r1", CHANNEL, f"{consult_key}:kanaal"),
            (f"{consult_key}:voorzitter:r1", "u-karin", f"{consult_key}:voorzitter"),
        ]
    )
    assert len(full_agendas(office)) == 2  # still only the original two posts
    updated = next(m for k, m in office.messages_to("karin") if k.endswith(":voorzitter:r1"))
    assert first not in updated.text and [s.title.split(" · ")[1] for s in updated.sections] == [second]
    notes = [m.text for k, m in office.channel() if "wijziging" in k]
    assert notes == [
        "De agenda van het MDO van woensdag 25 november 2026, 10:00 is gewijzigd; de agenda hierboven is "
        f"bijgewerkt.\n- {first} is afgemeld."
    ]


@pytest.mark.postgres_only
def test_two_bot_processes_on_one_database_send_each_agenda_once(
    database_url: str, engine: Engine, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runtimes race for the same due agendas; on PostgreSQL both see them due before either claims."""
    office = make_office(engine, clock)
    office.default_slots()
    days = ["2026-11-24 15:00", "2026-11-26 15:00", "2026-11-27 15:00"]  # agendas of Wed, Fri and Mon
    for lead in ("jeroen", "fatima", "eva"):
        office.register(lead, office.new_case(lead))
    office.at("2026-11-26 13:00")
    office.register("jeroen", office.new_case("jeroen"))  # Monday 30 November
    office.at("2026-11-23 09:00")

    # A Mattermost URL nobody answers: these runtimes only tick, the test reads the outbox.
    settings = Settings(database_url=database_url, secret="x" * 32, mattermost_url="http://127.0.0.1:9")  # type: ignore[arg-type]
    runtimes = [build_runtime(settings, clock=clock) for _ in range(2)]
    barrier = threading.Barrier(2, timeout=30)
    original = SqlConsultRepository.due_agendas

    def due_then_wait(self: SqlConsultRepository, now: Any) -> Any:
        found = original(self, now)
        if found:
            barrier.wait()  # both processes hold the same due consults before either claims one
        return found

    monkeypatch.setattr(SqlConsultRepository, "due_agendas", due_then_wait)
    try:
        for day in days:
            office.at(day)
            results: list[dict[str, int]] = []

            def tick(runtime: Runtime, into: list[dict[str, int]] = results) -> None:
                into.append(runtime.erbij.tick())

            threads = [threading.Thread(target=tick, args=(runtime,)) for runtime in runtimes]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert sorted(r["overleg"] for r in results) == [0, 1], results
    finally:
        for runtime in runtimes:
            runtime.engine.dispose()
    keys = full_agendas(office)
    assert len(keys) == 6 and len(set(keys)) == 6  # three consults, chair and channel each, no duplicates
