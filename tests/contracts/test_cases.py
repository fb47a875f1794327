"""Contract of `CaseRepository`, on the fake and on SQL (see conftest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from commands.cases.card import CardVersion, Change, ChangeKind, SafetyCard, VersionInfo
from commands.cases.model import (
    Case,
    CaseStatus,
    CloseReason,
    EndReason,
    Framework,
    FrameworkChange,
    Measure,
    MeasureKind,
    NewCase,
)
from commands.cases.ports import VersionConflict
from commands.cases.sharing import CardShare, LegalBasis, ShareBasis, ShareTarget
from commands.clock import ManualClock
from commands.ports import UnitOfWork, UnitOfWorkFactory
from commands.roster.model import OrganisationKind
from tests.contracts.conftest import later, uid


def version(clock: ManualClock, number: int, *, goal: str = "", part: str = "nieuw") -> CardVersion:
    info = VersionInfo(number, clock.now(), uid("lotte"), part, (Change(ChangeKind.EDITED, "doel", number),))
    return CardVersion(info, SafetyCard(safety_goal=goal))


def add_case(uow: UnitOfWork, clock: ManualClock, code: str, lead: str = "lotte") -> Case:
    new = NewCase(
        code, "Roosendaal", uid(lead), Framework.VOLUNTARY, Measure(), clock.now(), uid(lead)
    )  # fmt: skip
    return uow.cases.add(new, version(clock, 1))


def test_a_new_case_is_found_by_code_and_id_with_its_first_card(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-7K3Q-2B")
        uow.commit()
    assert case.status is CaseStatus.ACTIVE and case.version == 1 and case.closed_at is None
    assert case.created_at == clock.now() and case.lead_id == uid("lotte")
    with seeded() as uow:
        assert uow.cases.by_code("WBW-7K3Q-2B") == case == uow.cases.by_id(case.id)
        assert uow.cases.by_code("WBW-7K3Q-2B", for_update=True) == case
        assert uow.cases.by_code("WBW-0000-00") is None and uow.cases.by_id(case.id + 99) is None
        assert uow.cases.by_ids([case.id, case.id + 99]) == {case.id: case} and uow.cases.by_ids([]) == {}
        assert uow.cases.code_taken("WBW-7K3Q-2B") and not uow.cases.code_taken("WBW-0000-00")
        assert uow.cases.latest_card(case.id) == version(clock, 1)
        assert uow.cases.framework_history(case.id) == [
            FrameworkChange(clock.now(), uid("lotte"), Framework.VOLUNTARY, Measure(), "")
        ]


def test_led_by_lists_a_leads_cases_by_id_and_closed_ones_only_when_asked(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        first = add_case(uow, clock, "WBW-AAAA-11")
        second = add_case(uow, clock, "WBW-BBBB-22")
        other = add_case(uow, clock, "WBW-CCCC-33", lead="bram")
        uow.cases.close(first.id, later(clock, 5), CloseReason.GOAL_REACHED.value)
        uow.cases.set_lead(other.id, uid("lotte"))
        uow.commit()
    with seeded() as uow:
        assert [c.code for c in uow.cases.led_by(uid("lotte"))] == ["WBW-BBBB-22", "WBW-CCCC-33"]
        all_of_them = uow.cases.led_by(uid("lotte"), include_closed=True)
        assert [c.id for c in all_of_them] == [first.id, second.id, other.id]
        closed = uow.cases.by_id(first.id)
        assert uow.cases.led_by(uid("bram")) == []
    assert closed is not None and closed.status is CaseStatus.CLOSED
    assert closed.closed_at == later(clock, 5) and closed.close_reason is CloseReason.GOAL_REACHED


def test_a_framework_change_is_history_and_the_cases_current_framework(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    ots = Measure(MeasureKind.OTS, "2026-10")
    change = FrameworkChange(later(clock, 1), uid("lotte"), Framework.COMPULSORY, ots, "uitspraak")
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-7K3Q-2B")
        uow.cases.set_framework(case.id, change)
        uow.commit()
    with seeded() as uow:
        history = uow.cases.framework_history(case.id)
        now = uow.cases.by_id(case.id)
    assert [h.framework for h in history] == [Framework.VOLUNTARY, Framework.COMPULSORY]
    assert history[-1] == change
    assert now is not None and now.framework is Framework.COMPULSORY and now.measure == ots


def test_card_versions_append_and_a_taken_number_is_a_conflict(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-7K3Q-2B")
        uow.cases.append_version(case.id, version(clock, 2, goal="Kind slaapt veilig", part="doel"))
        uow.commit()
    with seeded() as uow:
        with pytest.raises(VersionConflict):
            uow.cases.append_version(case.id, version(clock, 2, goal="tweede poging"))
        uow.cases.append_version(case.id, version(clock, 3, goal="Kind slaapt thuis"))
        uow.commit()
    with seeded() as uow:
        latest = uow.cases.latest_card(case.id)
        assert latest.info.number == 3 and latest.card.safety_goal == "Kind slaapt thuis"
        stored = uow.cases.by_id(case.id)
        assert stored is not None and stored.version == 3
        assert uow.cases.latest_cards([case.id, case.id + 5]) == {case.id: latest}
        assert uow.cases.latest_cards([]) == {}
        assert [(v.number, v.part) for v in uow.cases.history(case.id)] == [
            (1, "nieuw"),
            (2, "doel"),
            (3, "nieuw"),
        ]
        with pytest.raises(LookupError):
            uow.cases.latest_card(case.id + 5)


def test_involvements_start_once_end_once_and_read_in_start_order(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    vt, gi = OrganisationKind.VT, OrganisationKind.GI
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-7K3Q-2B")
        other = add_case(uow, clock, "WBW-BBBB-22")
        pieter = uow.cases.start_involvement(
            case.id, uid("pieter"), gi, later(clock, 10), help_request_id=None
        )
        sanne = uow.cases.start_involvement(case.id, uid("sanne"), vt, later(clock, 5), card_access=False)
        again = uow.cases.start_involvement(case.id, uid("sanne"), vt, later(clock, 20))
        elsewhere = uow.cases.start_involvement(other.id, uid("sanne"), vt, later(clock, 1))
        uow.commit()
    assert again == sanne and not sanne.card_access and pieter.card_access
    with seeded() as uow:
        assert uow.cases.active_for_case(case.id) == [sanne, pieter]  # by start
        assert uow.cases.active_for_cases([case.id, other.id, other.id + 1]) == {
            case.id: [sanne, pieter],
            other.id: [elsewhere],
        }
        assert uow.cases.active_for_expert(uid("sanne")) == [elsewhere, sanne]
        assert uow.cases.is_active_expert(case.id, uid("pieter"))
        assert not uow.cases.is_active_expert(case.id, uid("sanne"))  # aboard, but without the card
        ended = uow.cases.end_involvement(pieter.id, later(clock, 30), EndReason.GOAL_REACHED)
        assert ended == replace(pieter, ended_at=later(clock, 30), end_reason=EndReason.GOAL_REACHED)
        assert uow.cases.end_involvement(pieter.id, later(clock, 40), EndReason.OTHER) == ended
        assert uow.cases.end_involvement(pieter.id + 99, later(clock, 40), EndReason.OTHER) is None
        uow.commit()
    with seeded() as uow:
        assert uow.cases.active_for_case(case.id) == [sanne]
        assert uow.cases.ever_for_case(case.id) == [sanne, ended]
        assert not uow.cases.is_active_expert(case.id, uid("pieter"))
        back = uow.cases.start_involvement(case.id, uid("pieter"), gi, later(clock, 50))
    assert back.id != pieter.id and back.ended_at is None


def test_datetimes_come_back_in_utc(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    from zoneinfo import ZoneInfo

    local = clock.now().astimezone(ZoneInfo("Europe/Amsterdam"))
    with seeded() as uow:
        case = uow.cases.add(
            NewCase(
                "WBW-7K3Q-2B", "Roosendaal", uid("lotte"), Framework.DRANG, Measure(), local, uid("lotte")
            ),
            version(clock, 1),
        )
        uow.commit()
    with seeded() as uow:
        stored = uow.cases.by_id(case.id)
    assert stored is not None and stored.created_at == local and stored.created_at.utcoffset() == timedelta(0)


def test_shares_are_recorded_with_their_basis_and_read_in_order(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-7K3Q-2B")
        other = add_case(uow, clock, "WBW-BBBB-22")
        later_share = uow.cases.add_share(
            CardShare(
                case_id=case.id,
                target=ShareTarget.CONSULT,
                basis=ShareBasis(LegalBasis.OTHER, "artikel 7.3.11"),
                shared_by=uid("lotte"),
                shared_at=later(clock, 10),
                consult_id=4,
                agenda_item_id=9,
                carried=True,
            )
        )
        first = uow.cases.add_share(
            CardShare(
                case_id=case.id,
                target=ShareTarget.EXPERT,
                basis=ShareBasis(LegalBasis.CONSENT),
                shared_by=uid("lotte"),
                shared_at=later(clock, 5),
                expert_id=uid("sanne"),
                organisation_kind=OrganisationKind.VT,
                help_request_id=3,
            )
        )
        old = uow.cases.add_share(
            CardShare(
                case_id=other.id,
                target=ShareTarget.EXPERT,
                basis=None,
                shared_by=uid("lotte"),
                shared_at=clock.now(),
            )
        )
        uow.commit()
    assert first.id and later_share.id and old.id and len({first.id, later_share.id, old.id}) == 3
    with seeded() as uow:
        assert uow.cases.shares_for_case(case.id) == [first, later_share]  # by the time shared
        assert uow.cases.shares_for_case(other.id) == [old]
        assert uow.cases.shares_for_case(other.id + 9) == []
