"""The case repository on the database under test: versions, involvements, and constant-cost reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from commands.cases.card import CardVersion, Change, ChangeKind, SafetyCard, VersionInfo
from commands.cases.model import EndReason
from commands.cases.ports import VersionConflict
from commands.roster.model import OrganisationKind
from storage.case_models import CardVersionRow
from tests.cases.conftest import Desk, uid
from tests.cases.test_card_parts import WORRY


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def desk(sql_desk: Desk) -> Desk:
    """Storage itself is under test here: the database, not the in-memory fakes."""
    return sql_desk


def engine_of(desk: Desk) -> Engine:
    assert desk.engine is not None
    return desk.engine


def add_versions(desk: Desk, code: str, count: int) -> None:
    for i in range(count):
        result = desk.fill(
            "jeroen", f"/kaart {code} bewerken zorgen gevaar", {"gevaarformulering": f"Versie {i}."}
        )
        assert result.closes


def test_versions_are_append_only_snapshots_with_who_when_and_what(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen", WORRY)
    desk.clock.advance(timedelta(hours=1))
    desk.involve(code, "sanne")
    desk.fill("sanne", f"/kaart {code} bewerken zorgen 1", {"ernst": "midden"})
    with desk.uow() as uow:
        case = desk.case(code)
        history = uow.cases.history(case.id)
    assert [(v.number, v.author_id, v.part) for v in history] == [
        (1, uid("jeroen"), "nieuw"), (2, uid("jeroen"), "zorgen"), (3, uid("sanne"), "zorgen"),
    ]  # fmt: skip
    assert history[2].at - history[1].at == timedelta(hours=1)
    assert history[2].changes[0].fields[0].name == "severity"
    with Session(engine_of(desk)) as session:
        contents = session.scalars(select(CardVersionRow.content).order_by(CardVersionRow.number)).all()
    assert [len(c["worries"]) for c in contents] == [0, 1, 1]
    assert [c["worries"][0]["severity"] for c in contents[1:]] == ["hoog", "midden"]  # v2 kept as it was
    # The lead hears about the expert's change (no content, just the part and version).
    (note,) = [m for m in desk.dms("jeroen") if "bijgewerkt" in m]
    assert "Sanne de Vries" in note and "versie 3" in note and WORRY["omschrijving"] not in note


def test_history_lists_versions_newest_first(desk: Desk) -> None:
    code = desk.new_case()
    add_versions(desk, code, 3)
    lines = desk.say("jeroen", f"/kaart {code} geschiedenis").splitlines()
    assert lines[0] == f"#### Geschiedenis van {code} (4 versies, nieuwste eerst)"
    assert [line.split(" · ")[0] for line in lines[1:]] == ["**v4**", "**v3**", "**v2**", "**v1**"]
    assert "zorgen: gevaarformulering gewijzigd" in lines[1]
    assert "Versie 2." not in "\n".join(lines)  # history names what changed, not the text


def test_a_version_number_can_only_be_taken_once(desk: Desk) -> None:
    code = desk.new_case()
    case = desk.case(code)
    twin = CardVersion(
        VersionInfo(2, desk.clock.now(), "x", "zorgen", (Change(ChangeKind.EDITED, "x"),)), SafetyCard()
    )
    with desk.uow() as uow:
        uow.cases.append_version(case.id, twin)
        uow.commit()
    with desk.uow() as uow, pytest.raises(VersionConflict):
        uow.cases.append_version(case.id, twin)


def test_involvements(desk: Desk) -> None:
    code = desk.new_case()
    other = desk.new_case()
    case_id, other_id = desk.case(code).id, desk.case(other).id
    now = desk.clock.now()
    with desk.uow() as uow:
        first = uow.cases.start_involvement(
            case_id, uid("sanne"), OrganisationKind.VT, now, help_request_id=7
        )
        again = uow.cases.start_involvement(
            case_id, uid("sanne"), OrganisationKind.VT, now + timedelta(hours=1)
        )
        assert again == first  # already aboard: the same involvement
        uow.cases.start_involvement(other_id, uid("sanne"), OrganisationKind.VT, now)
        uow.cases.start_involvement(case_id, uid("pieter"), OrganisationKind.GI, now)
        uow.commit()
    assert first.help_request_id == 7 and first.active
    with desk.uow() as uow:
        ended = uow.cases.end_involvement(first.id, now + timedelta(days=3), EndReason.NO_ROLE)
        assert ended is not None and ended.end_reason is EndReason.NO_ROLE and not ended.active
        assert uow.cases.end_involvement(first.id, now + timedelta(days=4), EndReason.OTHER) == ended  # no-op
        assert uow.cases.end_involvement(9999, now, EndReason.OTHER) is None
        uow.commit()
    with desk.uow() as uow:
        assert [i.expert_id for i in uow.cases.active_for_case(case_id)] == [uid("pieter")]
        assert [(i.expert_id, i.active) for i in uow.cases.ever_for_case(case_id)] == [
            (uid("sanne"), False), (uid("pieter"), True),
        ]  # fmt: skip
        assert [i.case_id for i in uow.cases.active_for_expert(uid("sanne"))] == [other_id]
        assert not uow.cases.is_active_expert(case_id, uid("sanne"))
        assert uow.cases.is_active_expert(other_id, uid("sanne"))
        many = uow.cases.active_for_cases([case_id, other_id, 9999])  # as one query, what each case has
        assert many == {
            case_id: uow.cases.active_for_case(case_id),
            other_id: uow.cases.active_for_case(other_id),
        }
        restarted = uow.cases.start_involvement(
            case_id, uid("sanne"), OrganisationKind.VT, now + timedelta(days=9)
        )
        assert restarted.id != first.id  # re-engaged: a new involvement, the old one stays in the history


def test_current_cards_of_several_cases_in_one_query(desk: Desk) -> None:
    codes = [desk.new_case() for _ in range(3)]
    add_versions(desk, codes[1], 2)
    ids = [desk.case(c).id for c in codes]
    with desk.uow() as uow, counted(engine_of(desk)) as statements:
        cards = uow.cases.latest_cards(ids)
        cases = uow.cases.by_ids(ids)
    assert {i: v.info.number for i, v in cards.items()} == {ids[0]: 1, ids[1]: 3, ids[2]: 1}
    assert set(cases) == set(ids)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


@pytest.mark.parametrize("versions", [1, 10, 60])
def test_opening_a_card_costs_the_same_number_of_statements_whatever_its_history(
    desk: Desk, versions: int
) -> None:
    code = desk.new_case()
    add_versions(desk, code, versions - 1)
    assert desk.case(code).version == versions
    with counted(engine_of(desk)) as statements:
        desk.say("jeroen", f"/kaart {code}")
    baseline = desk.new_case()
    with counted(engine_of(desk)) as fresh:
        desk.say("jeroen", f"/kaart {baseline}")
    assert len(statements) == len(fresh)
