"""Contract of the consult feature's repositories (`SlotRepository`, `ConsultRepository`,
`AgendaItemRepository`, `ActionRepository`), on the fake and on SQL (see conftest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from commands.cases.model import EndReason
from commands.clock import ManualClock
from commands.consults.model import (
    Attendance,
    Consult,
    ConsultSlot,
    ConsultStatus,
    DayOffset,
    Discipline,
    ItemKind,
    ItemStatus,
    NewAction,
    NewAgendaItem,
    NewConsult,
    PastDecision,
    Urgency,
)
from commands.consults.ports import SlotKeyTaken
from commands.outbox import OutgoingMessage, Recipient
from commands.ports import UnitOfWork, UnitOfWorkFactory
from commands.replies import Message
from commands.roster.model import OrganisationKind
from tests.contracts.conftest import later, uid
from tests.contracts.test_cases import add_case

MONDAY = date(2026, 11, 30)  # the Monday after the clock's start (2026-11-23)


def a_slot(key: str = "maandag", **changes: object) -> ConsultSlot:
    slot = ConsultSlot(
        key=key, weekday=0, start=time(10, 0), duration_minutes=90, channel="mdo-west-brabant",
        max_cases=6, minutes_per_case=15, deadline=DayOffset(1, time(12, 0)),
        agenda=DayOffset(1, time(15, 0)), chairs=(uid("lotte"),), members=(uid("sanne"),),
    )  # fmt: skip
    return replace(slot, **changes)  # type: ignore[arg-type]


def a_consult(
    slot_id: int,
    starts_at: datetime,
    *,
    status: ConsultStatus = ConsultStatus.PLANNED,
    chair: str | None = None,
    planned_for: date | None = None,
) -> NewConsult:
    return NewConsult(
        slot_id=slot_id, planned_for=planned_for or starts_at.date(), starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=90), status=status, channel="mdo-west-brabant",
        chair_id=chair or uid("lotte"), members=(uid("sanne"),), capacity=6, minutes_per_case=15,
        deadline_at=starts_at - timedelta(days=1), agenda_at=starts_at - timedelta(hours=18),
        video_url="", holiday=None,
    )  # fmt: skip


def an_item(consult_id: int, case_id: int, code: str, at: datetime) -> NewAgendaItem:
    return NewAgendaItem(
        consult_id=consult_id, case_id=case_id, case_code=code, question="Hoe houden we het veilig?",
        disciplines=(Discipline.VT, Discipline.GI), urgency=Urgency.REGULAR, kind=ItemKind.NEW,
        registered_by=uid("lotte"), registered_at=at,
    )  # fmt: skip


def at(clock: ManualClock, days: int) -> datetime:
    return clock.now() + timedelta(days=days)


def planned(uow: UnitOfWork, clock: ManualClock, *days: int) -> tuple[ConsultSlot, list[Consult]]:
    """A slot and one consult per day offset (from the clock's now)."""
    slot = uow.slots.add_slot(a_slot(), clock.now())
    return slot, [uow.consults.add_consult(a_consult(slot.id, at(clock, d))) for d in days]


# --- slots -------------------------------------------------------------------------------------------------
def test_slots_are_added_once_per_key_read_back_and_listed_by_weekday_and_start(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        tuesday = work.slots.add_slot(a_slot("dinsdag", weekday=1), clock.now())
        late = work.slots.add_slot(a_slot("maandag-middag", start=time(14, 0)), clock.now())
        early = work.slots.add_slot(a_slot("maandag", start=time(9, 30, 45)), clock.now())
        asleep = work.slots.add_slot(a_slot("oud", active=False), clock.now())
        with pytest.raises(SlotKeyTaken):
            work.slots.add_slot(a_slot("dinsdag", weekday=3), clock.now())
        work.commit()
    assert (
        tuesday.id > 0
        and tuesday.planned_until is None
        and tuesday == replace(a_slot("dinsdag", weekday=1), id=tuesday.id)
    )
    assert early.start == time(9, 30)  # stored to the minute
    with seeded() as work:
        assert work.slots.slot("dinsdag") == tuesday and work.slots.slot("woensdag") is None
        assert work.slots.slots() == [early, late, tuesday]
        assert work.slots.slots(include_inactive=True) == [early, asleep, late, tuesday]


def test_updating_a_slot_keeps_its_planning_horizon_and_claims_move_it_once(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        slot = work.slots.add_slot(a_slot(), clock.now())
        work.commit()
    with seeded() as work:
        assert work.slots.slots_to_plan(MONDAY) == [slot]
        assert work.slots.claim_planning(slot.id, None, MONDAY)
        assert not work.slots.claim_planning(slot.id, None, MONDAY + timedelta(days=7))
        work.slots.update_slot(replace(slot, title="Casusoverleg", max_cases=4), clock.now())
        work.commit()
    with seeded() as work:
        stored = work.slots.slot("maandag")
        assert stored == replace(slot, title="Casusoverleg", max_cases=4, planned_until=MONDAY)
        assert work.slots.slots_to_plan(MONDAY) == []
        assert work.slots.slots_to_plan(MONDAY + timedelta(days=1)) == [stored]
        assert not work.slots.claim_planning(slot.id + 99, None, MONDAY)
        work.slots.update_slot(replace(slot, active=False), clock.now())
        assert work.slots.slots_to_plan(MONDAY + timedelta(days=1)) == []


def test_anything_due_sees_planning_agendas_and_reminders(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        assert not work.slots.anything_due(MONDAY, clock.now())
        slot, (consult,) = planned(work, clock, 7)
        assert work.slots.anything_due(MONDAY, clock.now())  # the slot was never planned
        work.slots.claim_planning(slot.id, None, MONDAY)
        assert not work.slots.anything_due(MONDAY, clock.now())
        assert work.slots.anything_due(MONDAY, consult.agenda_at)  # its agenda is due
        work.consults.claim_agenda(consult.id, consult.agenda_at, late=False, sent=True)
        assert not work.slots.anything_due(MONDAY, at(clock, 30))
        case = add_case(work, clock, "WBW-7K3Q-2B")
        item = work.agenda_items.add_item(an_item(consult.id, case.id, case.code, clock.now()))
        work.actions.replace_actions(
            item.id, case.code, [NewAction(uid("sanne"), "Bellen", MONDAY)], clock.now()
        )
        (action,) = work.actions.actions_of_items([item.id])
        work.actions.set_reminder(action.id, at(clock, 8))
        assert not work.slots.anything_due(MONDAY, at(clock, 8) - timedelta(seconds=1))
        assert work.slots.anything_due(MONDAY, at(clock, 8))


# --- consults ----------------------------------------------------------------------------------------------
def test_a_consult_carries_its_slots_key_and_title_and_reads_by_period(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        slot, (second, first) = planned(work, clock, 14, 7)
        cancelled = work.consults.add_consult(
            a_consult(slot.id, at(clock, 21), status=ConsultStatus.CANCELLED)
        )
        work.commit()
    assert first.slot_key == "maandag" and first.title == "MDO" and first.agenda_revision == 0
    assert first.starts_at == at(clock, 7) and first.agenda_sent_at is None and not first.recorded
    with seeded() as work:
        assert work.consults.consult(first.id) == first == work.consults.consult(first.id, for_update=True)
        assert work.consults.consult(first.id + 99) is None
        assert work.consults.consults_between(clock.now(), at(clock, 30)) == [first, second, cancelled]
        assert work.consults.consults_between(clock.now(), at(clock, 30), include_cancelled=False) == [
            first,
            second,
        ]
        assert work.consults.consults_between(at(clock, 7), at(clock, 14)) == [first]  # [start, end)
        assert work.consults.open_consults(at(clock, 7), at(clock, 30)) == [second]  # after now
        work.slots.update_slot(replace(slot, title="Casusoverleg"), clock.now())
        renamed = work.consults.consult(first.id)
    assert renamed is not None and renamed.title == "Casusoverleg"


def test_replanning_touches_only_consults_whose_agenda_was_not_sent(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        slot, (sent, first, second) = planned(work, clock, 1, 7, 14)
        work.consults.claim_agenda(sent.id, clock.now(), late=False, sent=True)
        assert [c.id for c in work.consults.future_of_slot(slot.id, clock.now())] == [first.id, second.id]
        assert work.consults.future_of_slot(slot.id, at(clock, 7)) == [second]
        moved = a_consult(slot.id, at(clock, 8), chair=uid("bram"), planned_for=first.planned_for)
        work.consults.replan(first.id, moved)
        work.consults.replan(sent.id, a_consult(slot.id, at(clock, 2), planned_for=sent.planned_for))
        work.commit()
    with seeded() as work:
        replanned = work.consults.consult(first.id)
        unchanged = work.consults.consult(sent.id)
    assert replanned is not None and replanned.starts_at == at(clock, 8) and replanned.chair_id == uid("bram")
    assert (
        unchanged is not None
        and unchanged.starts_at == at(clock, 1)
        and unchanged.agenda_sent_at == clock.now()
    )


def test_chairs_and_notulists_find_their_planned_consults(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        slot, (first, second) = planned(work, clock, 7, 14)
        work.consults.add_consult(a_consult(slot.id, at(clock, 21), status=ConsultStatus.CANCELLED))
        other = work.consults.add_consult(a_consult(slot.id, at(clock, 28), chair=uid("bram")))
        work.consults.set_notulist(second.id, uid("sanne"))
        work.commit()
    with seeded() as work:
        chaired = work.consults.chaired_by(uid("lotte"), clock.now(), at(clock, 60))
        assert [c.id for c in chaired] == [first.id, second.id]
        assert [c.id for c in work.consults.chaired_by(uid("sanne"), clock.now(), at(clock, 60))] == [
            second.id
        ]
        assert work.consults.chaired_by(uid("lotte"), at(clock, 8), at(clock, 14)) == []
        assert [c.id for c in work.consults.chaired_by(uid("bram"), clock.now(), at(clock, 60))] == [other.id]
        noted = work.consults.consult(second.id)
        assert noted is not None and noted.notulist_id == uid("sanne") and noted.may_record(uid("sanne"))
        work.consults.set_notulist(second.id, None)
        cleared = work.consults.consult(second.id)
    assert cleared is not None and cleared.notulist_id is None


def test_attendance_is_kept_per_person_in_recording_order_and_recording_again_overwrites(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (consult, other) = planned(work, clock, 7, 14)
        work.consults.record_attendance(
            consult.id, uid("sanne"), Attendance.EXCUSED, uid("sanne"), clock.now()
        )
        work.consults.record_attendance(
            consult.id, uid("bram"), Attendance.EXCUSED, uid("lotte"), clock.now()
        )
        work.consults.record_attendance(
            consult.id, uid("sanne"), Attendance.PRESENT, uid("lotte"), clock.now()
        )
        work.commit()
    with seeded() as work:
        assert work.consults.attendance(consult.id) == {
            uid("sanne"): Attendance.PRESENT,
            uid("bram"): Attendance.EXCUSED,
        }
        assert list(work.consults.attendance(consult.id)) == [uid("sanne"), uid("bram")]
        assert work.consults.attendance(other.id) == {}


def test_an_agenda_is_claimed_once_and_its_revisions_count_up(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        slot, (later_one, first) = planned(work, clock, 14, 7)
        work.consults.add_consult(a_consult(slot.id, at(clock, 3), status=ConsultStatus.CANCELLED))
        work.commit()
    with seeded() as work:
        assert work.consults.due_agendas(clock.now()) == []
        assert work.consults.due_agendas(at(clock, 30)) == [first, later_one]  # by agenda moment
        assert work.consults.claim_agenda(first.id, at(clock, 7), late=True, sent=False)
        assert not work.consults.claim_agenda(first.id, at(clock, 7), late=False, sent=True)
        assert work.consults.claim_agenda(later_one.id, at(clock, 13), late=False, sent=True)
        assert work.consults.due_agendas(at(clock, 30)) == []
        assert [work.consults.bump_agenda_revision(later_one.id) for _ in range(2)] == [1, 2]
        work.commit()
    with seeded() as work:
        given_up, sent = work.consults.consult(first.id), work.consults.consult(later_one.id)
    assert given_up is not None and given_up.agenda_late and given_up.agenda_sent_at is None
    assert sent is not None and sent.agenda_sent_at == at(clock, 13) and not sent.agenda_late
    assert sent.agenda_revision == 2


def test_a_recording_is_claimed_once_and_ends_the_agenda_wait(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (consult,) = planned(work, clock, 7)
        assert work.consults.claim_recording(consult.id, at(clock, 7))
        assert not work.consults.claim_recording(consult.id, at(clock, 8))
        assert not work.consults.claim_recording(consult.id + 99, at(clock, 8))
        assert work.consults.due_agendas(at(clock, 30)) == []
        work.commit()
    with seeded() as work:
        recorded = work.consults.consult(consult.id)
    assert recorded is not None and recorded.recorded_at == at(clock, 7)


def test_posted_unrecorded_consults_are_those_whose_sent_agenda_holds_the_case(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (posted, unsent, recorded) = planned(work, clock, 7, 14, 21)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        other = add_case(work, clock, "WBW-AAAA-11")
        for consult in (posted, unsent, recorded):
            work.agenda_items.add_item(an_item(consult.id, case.id, case.code, clock.now()))
        work.agenda_items.add_item(an_item(posted.id, other.id, other.code, clock.now()))
        work.consults.claim_agenda(posted.id, at(clock, 6), late=False, sent=True)
        work.consults.claim_agenda(recorded.id, at(clock, 6), late=False, sent=True)
        work.consults.claim_recording(recorded.id, at(clock, 6))
        work.commit()
    with seeded() as work:
        assert [c.id for c in work.consults.posted_unrecorded_with_case(case.id, at(clock, 6))] == [posted.id]
        assert work.consults.posted_unrecorded_with_case(case.id, at(clock, 5)) == []  # not sent yet then
        for planned_item in work.agenda_items.items([posted.id]):
            work.agenda_items.set_item_status(planned_item.id, ItemStatus.WITHDRAWN)
        assert work.consults.posted_unrecorded_with_case(case.id, at(clock, 6)) == []


# --- agenda items ------------------------------------------------------------------------------------------
def test_agenda_items_are_read_by_consult_and_status_and_move_between_consults(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (first, second) = planned(work, clock, 7, 14)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        other = add_case(work, clock, "WBW-AAAA-11")
        one = work.agenda_items.add_item(an_item(first.id, case.id, case.code, clock.now()))
        two = work.agenda_items.add_item(an_item(first.id, other.id, other.code, later(clock, 1)))
        work.commit()
    assert one.status is ItemStatus.PLANNED and one.decision is None and not one.recorded
    assert one.disciplines == (Discipline.VT, Discipline.GI) and one.registered_at == clock.now()
    with seeded() as work:
        assert work.agenda_items.item(one.id) == one and work.agenda_items.item(two.id + 99) is None
        assert work.agenda_items.items([first.id, second.id]) == [one, two]
        assert work.agenda_items.items([]) == []
        work.agenda_items.move_item(two.id, second.id)
        work.agenda_items.set_item_status(one.id, ItemStatus.WITHDRAWN)
        assert work.agenda_items.items([first.id]) == []
        assert work.agenda_items.items([first.id], statuses=[ItemStatus.WITHDRAWN, ItemStatus.DISCUSSED]) == [
            replace(one, status=ItemStatus.WITHDRAWN)
        ]
        assert work.agenda_items.items([second.id]) == [replace(two, consult_id=second.id)]


def test_a_cases_open_item_is_its_latest_planned_one_on_an_unrecorded_consult(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (first, second) = planned(work, clock, 7, 14)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        assert work.agenda_items.open_item_for_case(case.id) is None
        old = work.agenda_items.add_item(an_item(first.id, case.id, case.code, clock.now()))
        new = work.agenda_items.add_item(an_item(second.id, case.id, case.code, clock.now()))
        assert work.agenda_items.open_item_for_case(case.id) == new
        work.consults.claim_recording(second.id, at(clock, 14))
        assert work.agenda_items.open_item_for_case(case.id) == old
        work.agenda_items.set_item_status(old.id, ItemStatus.CARRIED)
        assert work.agenda_items.open_item_for_case(case.id) is None


def test_past_decisions_are_the_latest_per_case_before_a_moment(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, consults = planned(work, clock, 7, 14, 21)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        other = add_case(work, clock, "WBW-AAAA-11")
        for n, consult in enumerate(consults):
            item = work.agenda_items.add_item(an_item(consult.id, case.id, case.code, clock.now()))
            work.agenda_items.record_item(item.id, f"besluit {n}", n == 0, consult.starts_at)
            work.agenda_items.set_item_status(item.id, ItemStatus.DISCUSSED)
        undecided = work.agenda_items.add_item(an_item(consults[0].id, other.id, other.code, clock.now()))
        work.agenda_items.set_item_status(undecided.id, ItemStatus.DISCUSSED)
        decided = work.agenda_items.add_item(an_item(consults[1].id, other.id, other.code, clock.now()))
        work.agenda_items.record_item(decided.id, "doorgaan", False, consults[1].starts_at)  # still planned
        work.commit()
    with seeded() as work:
        recorded = work.agenda_items.item(decided.id)
        assert recorded is not None and recorded.decision == "doorgaan" and recorded.returns is False
        assert recorded.discussed_at == consults[1].starts_at and recorded.recorded
        assert work.agenda_items.past_decisions([case.id, other.id], at(clock, 30), 2) == [
            PastDecision(case.id, consults[2].starts_at, "besluit 2"),
            PastDecision(case.id, consults[1].starts_at, "besluit 1"),
        ]
        assert work.agenda_items.past_decisions([case.id], at(clock, 21), 5) == [
            PastDecision(case.id, consults[1].starts_at, "besluit 1"),
            PastDecision(case.id, consults[0].starts_at, "besluit 0"),
        ]
        assert work.agenda_items.past_decisions([], at(clock, 30), 2) == []


# --- action items ------------------------------------------------------------------------------------------
def test_actions_are_replaced_per_item_and_open_ones_follow_recorded_consults(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (first, second) = planned(work, clock, 7, 14)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        item = work.agenda_items.add_item(an_item(first.id, case.id, case.code, clock.now()))
        upcoming = work.agenda_items.add_item(an_item(second.id, case.id, case.code, clock.now()))
        first_draft = [NewAction(uid("sanne"), "Huisbezoek", MONDAY)]
        work.actions.replace_actions(item.id, case.code, first_draft, clock.now())
        work.actions.replace_actions(
            item.id,
            case.code,
            [NewAction(uid("sanne"), "Bellen met school", MONDAY + timedelta(days=3)),
             NewAction(uid("sanne"), "Huisbezoek", MONDAY), NewAction(uid("pieter"), "Verslag", MONDAY)],
            later(clock, 1),
        )  # fmt: skip
        work.actions.replace_actions(
            upcoming.id, case.code, [NewAction(uid("sanne"), "Later", MONDAY)], clock.now()
        )
        work.commit()
    with seeded() as work:
        calls, visit, report = work.actions.actions_of_items([item.id])
        assert work.actions.actions_of_items([]) == []
        assert (calls.description, calls.owner_id, calls.case_code) == (
            "Bellen met school",
            uid("sanne"),
            case.code,
        )
        assert calls.created_at == later(clock, 1) and calls.agenda_item_id == item.id and not calls.done
        assert work.actions.action(calls.id) == calls and work.actions.action(report.id + 99) is None
        assert work.actions.open_actions(uid("sanne")) == []  # the consult is not recorded yet
        assert work.actions.holds_open_action(case.code, uid("sanne"))  # card access follows the work anyway
        work.consults.claim_recording(first.id, at(clock, 7))
        assert work.actions.open_actions(uid("sanne")) == [visit, calls]  # by due date
        assert work.actions.open_actions_for_case(case.id) == [visit, report, calls]
        assert work.actions.mark_done(visit.id, uid("sanne"), at(clock, 8))
        assert not work.actions.mark_done(visit.id, uid("lotte"), at(clock, 9))
        work.commit()
    with seeded() as work:
        done = work.actions.action(visit.id)
        assert done is not None and done.done_at == at(clock, 8) and done.done_by == uid("sanne")
        assert work.actions.open_actions(uid("sanne")) == [calls]
        assert not work.actions.holds_open_action(case.code, uid("lotte"))
        assert not work.actions.holds_open_action("WBW-AAAA-11", uid("sanne"))


def test_reminders_are_due_in_order_claimed_once_and_not_for_done_actions(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as work:
        _, (consult,) = planned(work, clock, 7)
        case = add_case(work, clock, "WBW-7K3Q-2B")
        item = work.agenda_items.add_item(an_item(consult.id, case.id, case.code, clock.now()))
        wanted = [NewAction(uid("sanne"), f"Actie {n}", MONDAY) for n in range(4)]
        work.actions.replace_actions(item.id, case.code, wanted, clock.now())
        one, two, three, four = work.actions.actions_of_items([item.id])
        for action, days in ((one, 9), (two, 8), (three, 8), (four, 20)):
            work.actions.set_reminder(action.id, at(clock, days))
        work.commit()
    with seeded() as work:
        assert [a.id for a in work.actions.due_reminders(at(clock, 10), 10)] == [two.id, three.id, one.id]
        assert [a.id for a in work.actions.due_reminders(at(clock, 10), 2)] == [two.id, three.id]
        assert work.actions.due_reminders(at(clock, 1), 10) == []
        assert work.actions.claim_reminder(two.id, at(clock, 10))
        assert not work.actions.claim_reminder(two.id, at(clock, 10))
        work.actions.mark_done(three.id, uid("sanne"), at(clock, 9))
        assert not work.actions.claim_reminder(three.id, at(clock, 10))  # done meanwhile: no reminder
        work.actions.set_reminder(one.id, None)
        assert work.actions.due_reminders(at(clock, 10), 10) == []
        work.commit()
    with seeded() as work:
        reminded = work.actions.action(two.id)
    assert reminded is not None and reminded.reminded_at == at(clock, 10) and reminded.remind_at is None


# --- what the consult feature reads of its cases -----------------------------------------------------------
def test_the_agenda_reads_the_active_involvements_of_the_cases_it_asks_for_only(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    """Agendas, card access and the verslag ask `active_for_cases` who is aboard their cases."""
    vt, gi = OrganisationKind.VT, OrganisationKind.GI
    with seeded() as work:
        case = add_case(work, clock, "WBW-7K3Q-2B")
        other = add_case(work, clock, "WBW-AAAA-11")
        sanne = work.cases.start_involvement(case.id, uid("sanne"), vt, later(clock, 1))
        pieter = work.cases.start_involvement(case.id, uid("pieter"), gi, later(clock, 2))
        work.cases.start_involvement(other.id, uid("sanne"), vt, later(clock, 3))
        work.cases.end_involvement(pieter.id, later(clock, 4), EndReason.GOAL_REACHED)
        work.commit()
    with seeded() as work:
        assert work.cases.active_for_cases([case.id]) == {case.id: [sanne]}  # not the ended, not the other
        assert work.cases.active_for_cases([]) == {}


# --- what the consult feature queues -----------------------------------------------------------------------
def queue(uow: UnitOfWorkFactory, message: OutgoingMessage, at: datetime) -> None:
    with uow() as work:
        work.outbox.add(message, at)
        work.commit()


def test_a_message_under_a_taken_key_is_refused(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    """The outbox key is unique: a second calendar file under the first one's key fails its transaction
    (tests/edge/test_one_off_keys.py asks `/overleg kalender` twice in one instant, on the fake)."""
    calendar = OutgoingMessage(
        "overleg-kalender:u-lotte:1", Recipient.user(uid("lotte")), Message("Je agendabestand")
    )
    queue(seeded, calendar, clock.now())
    again = replace(calendar, message=Message("Nog een"))
    with pytest.raises((ValueError, IntegrityError)):  # the fake on adding, SQL on committing
        queue(seeded, again, later(clock, 1))
    queue(seeded, replace(calendar, key="overleg-kalender:u-lotte:2"), later(clock, 1))
