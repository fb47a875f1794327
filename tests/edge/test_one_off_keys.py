"""A file asked for twice in the same second is sent twice: one-off outbox keys cannot collide."""

from __future__ import annotations

from commands.outbox import one_off_key
from tests.cases.conftest import Desk
from tests.cases.conftest import sql_desk as sql_desk  # the fixture, shared with the cases tests
from tests.cases.test_export import export_rows
from tests.consults.conftest import Office
from tests.consults.conftest import office as office  # the fixture, shared with the consults tests


def test_two_exports_in_the_same_instant_are_both_queued(sql_desk: Desk) -> None:
    desk = sql_desk  # the database's unique key is what refused the second export
    code = desk.new_case()
    first = desk.say("jeroen", f"/kaart {code} export")
    second = desk.say("jeroen", f"/kaart {code} export")  # the clock has not moved
    assert first == second and "Er ging iets mis" not in second
    keys = [message.key for message, _ in export_rows(desk)]
    assert len(keys) == 4 and len(set(keys)) == 4  # each export is a Markdown and a PDF file


def test_two_calendar_files_in_the_same_instant_are_both_queued(office: Office) -> None:
    office.default_slots()
    answers = [office.say("jeroen", "/overleg kalender") for _ in range(2)]
    assert answers == ["Je krijgt het agendabestand zo in een privébericht."] * 2
    keys = [r.key for r in office.outbox() if r.key.startswith("overleg-kalender:")]
    assert len(set(keys)) == 2


def test_one_off_keys_are_distinct_and_fit_the_column() -> None:
    keys = {one_off_key("kaart-export", "WBW-" + "X" * 200) for _ in range(1000)}
    assert len(keys) == 1000
    assert all(len(key) <= 120 and key.startswith("kaart-export:") for key in keys)
