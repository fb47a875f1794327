"""The agenda as a pure function: order, time boxes and overflow (property-based), and where a case goes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from commands.consults.agenda import (
    Candidate,
    Skip,
    choose_consult,
    item_priority,
    new_item_key,
    plan_agenda,
    plan_for,
)
from commands.consults.model import AgendaItem, Consult, ConsultStatus, ItemKind, ItemStatus, Urgency
from commands.consults.render import AgendaView, CaseDetails, channel_agenda, full_agenda
from commands.replies import Section

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 10:00 in Amsterdam
BASE = datetime(2026, 11, 1, tzinfo=UTC)


def item(
    item_id: int, urgency: Urgency = Urgency.REGULAR, kind: ItemKind = ItemKind.NEW, minute: int = 0
) -> AgendaItem:
    return AgendaItem(
        id=item_id,
        consult_id=1,
        case_id=item_id,
        case_code=f"WBW-TEST-{item_id:02d}",
        question="Wat is nodig?",
        disciplines=(),
        urgency=urgency,
        kind=kind,
        status=ItemStatus.PLANNED,
        registered_by="u-jeroen",
        registered_at=BASE + timedelta(minutes=minute),
    )


items_strategy = st.lists(
    st.tuples(st.sampled_from(list(Urgency)), st.sampled_from(list(ItemKind)), st.integers(0, 10_000)),
    max_size=40,
).map(lambda rows: [item(i + 1, u, k, m) for i, (u, k, m) in enumerate(rows)])


def rank(entry: AgendaItem) -> tuple[bool, bool]:
    """Urgent before regular; within each, carried-over follow-ups before new cases."""
    return (entry.urgency is not Urgency.URGENT, entry.kind is not ItemKind.FOLLOW_UP)


@settings(deadline=None)
@given(items=items_strategy, capacity=st.integers(0, 12), minutes=st.integers(5, 30))
def test_order_time_boxes_and_overflow(items: list[AgendaItem], capacity: int, minutes: int) -> None:
    plan = plan_agenda(items, START, minutes, capacity)
    ordered = [*plan.items, *plan.overflow]
    # every item once, nothing invented
    assert sorted(i.id for i in ordered) == sorted(i.id for i in items)
    assert len(plan.slots) == min(capacity, len(items))
    # urgent first, then follow-ups, then new ones; within a rank in registration order
    keys = [(rank(i), i.registered_at, i.id) for i in ordered]
    assert keys == sorted(keys)
    # back-to-back time boxes of the same length from the start of the consult
    for index, slot in enumerate(plan.slots):
        assert slot.starts_at == START + index * timedelta(minutes=minutes)
        assert slot.ends_at - slot.starts_at == timedelta(minutes=minutes)
    # what overflows is never more important than what is on the agenda
    if plan.slots and plan.overflow:
        assert item_priority(plan.slots[-1].item) < item_priority(plan.overflow[0])


@settings(deadline=None)
@given(items=items_strategy, capacity=st.integers(0, 12))
def test_the_input_order_does_not_matter(items: list[AgendaItem], capacity: int) -> None:
    forward = plan_agenda(items, START, 15, capacity)
    backward = plan_agenda(list(reversed(items)), START, 15, capacity)
    assert forward == backward


def test_a_readable_example() -> None:
    plan = plan_agenda(
        [
            item(1, minute=1),
            item(2, Urgency.URGENT, minute=9),
            item(3, kind=ItemKind.FOLLOW_UP, minute=5),
            item(4),
        ],
        START,
        15,
        3,
    )
    assert [s.item.id for s in plan.slots] == [2, 3, 4]
    assert [(s.starts_at.hour, s.starts_at.minute) for s in plan.slots] == [(9, 0), (9, 15), (9, 30)]
    assert [i.id for i in plan.overflow] == [1]


def consult(consult_id: int, day: int, *, capacity: int = 2, deadline_hours: float = -24) -> Consult:
    starts = datetime(2026, 11, day, 9, 0, tzinfo=UTC)
    return Consult(
        id=consult_id,
        slot_id=1,
        slot_key="x",
        title="MDO",
        planned_for=date(2026, 11, day),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        status=ConsultStatus.PLANNED,
        channel="mdo",
        chair_id="u-karin",
        members=(),
        capacity=capacity,
        minutes_per_case=15,
        deadline_at=starts + timedelta(hours=deadline_hours),
        agenda_at=starts - timedelta(hours=18),
    )


def test_a_closed_deadline_or_a_full_consult_sends_a_case_to_the_next_one() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    wednesday = consult(1, 25, deadline_hours=-22)  # deadline Tuesday 11:00 UTC: passed
    friday = consult(2, 27)
    monday = consult(3, 30)
    full = (item(10), item(11))
    candidates = [Candidate(wednesday, ()), Candidate(friday, full), Candidate(monday, ())]
    placement = choose_consult(candidates, now, new_item_key(Urgency.REGULAR, ItemKind.NEW, now))
    assert placement.consult == monday
    assert [(c.id, reason) for c, reason in placement.skipped] == [(1, Skip.DEADLINE), (2, Skip.FULL)]


def test_an_urgent_case_fits_a_consult_full_of_regular_cases_but_not_one_full_of_urgent_ones() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    friday = consult(2, 27)
    urgent_key = new_item_key(Urgency.URGENT, ItemKind.NEW, now)
    regular_full = [Candidate(friday, (item(10), item(11)))]
    assert choose_consult(regular_full, now, urgent_key).consult == friday
    urgent_full = [Candidate(friday, (item(10, Urgency.URGENT), item(11, Urgency.URGENT)))]
    assert choose_consult(urgent_full, now, urgent_key).consult is None


def test_rendering_keeps_card_content_out_of_the_channel_version() -> None:
    plan = plan_agenda([item(1, Urgency.URGENT), item(2, kind=ItemKind.FOLLOW_UP)], START, 15, 6)
    details = {
        1: CaseDetails(
            "Jeroen Bakker", Section("Veiligheidskaart", "Top 3: geheim detail", (("Kader", "drang"),))
        ),
        2: CaseDetails("Fatima El Amrani", None, ("Sanne de Vries (Veilig Thuis)",)),
    }
    view = AgendaView(consult(1, 25), plan, "Karin Smit", "Europe/Amsterdam", details)
    chair = full_agenda(view)
    assert [s.title for s in chair.sections] == [
        "10:00–10:15 · WBW-TEST-01 (spoed)",
        "10:15–10:30 · WBW-TEST-02 (vervolg)",
    ]
    assert "geheim detail" in chair.sections[0].text and "Jeroen Bakker" in chair.sections[0].text
    assert "Sanne de Vries (Veilig Thuis)" in chair.sections[1].text
    channel = channel_agenda(view)
    assert "WBW-TEST-01" in channel.text and "10:15–10:30" in channel.text
    assert "geheim" not in channel.text and "Jeroen" not in channel.text and not channel.sections


# --- direct rules of `choose_consult`, `new_item_key` and `plan_for` (found by mutation testing) ---------

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def regular_key(now: datetime = NOW) -> tuple[object, ...]:
    return new_item_key(Urgency.REGULAR, ItemKind.NEW, now)


def test_cancelled_recorded_and_started_consults_are_passed_over_silently() -> None:
    cancelled = replace(consult(1, 25), status=ConsultStatus.CANCELLED)
    recorded = replace(consult(2, 26), recorded_at=NOW)
    started = consult(3, 24, deadline_hours=-24)  # 09:00 today: under way, its deadline long gone
    open_one = consult(4, 27)
    candidates = [Candidate(c, ()) for c in (cancelled, recorded, started, open_one)]
    placement = choose_consult(candidates, NOW, regular_key())
    # the next open consult, not the first candidate; a started consult is not "a closed deadline"
    assert placement.consult == open_one
    assert placement.skipped == ()


def test_a_consult_starting_this_very_moment_is_no_longer_open() -> None:
    starting = consult(1, 25)
    placement = choose_consult([Candidate(starting, ())], starting.starts_at, regular_key(starting.starts_at))
    assert placement.consult is None
    assert placement.skipped == ()


def test_registration_closes_at_the_deadline_itself() -> None:
    friday = consult(2, 27, deadline_hours=-24)
    at_deadline = friday.deadline_at
    placement = choose_consult([Candidate(friday, ())], at_deadline, regular_key(at_deadline))
    assert placement.consult is None
    assert placement.skipped == ((friday, Skip.DEADLINE),)
    just_before = at_deadline - timedelta(seconds=1)
    assert choose_consult([Candidate(friday, ())], just_before, regular_key(just_before)).consult == friday


def test_each_item_ahead_takes_exactly_one_place() -> None:
    friday = consult(2, 27, capacity=2)
    assert choose_consult([Candidate(friday, (item(10),))], NOW, regular_key()).consult == friday
    assert choose_consult([Candidate(friday, (item(10), item(11)))], NOW, regular_key()).consult is None


def test_when_nothing_fits_every_consult_passed_over_is_reported() -> None:
    closed = consult(1, 25, deadline_hours=-22)
    full = consult(2, 27, capacity=1)
    placement = choose_consult([Candidate(closed, ()), Candidate(full, (item(10),))], NOW, regular_key())
    assert placement.consult is None
    assert placement.skipped == ((closed, Skip.DEADLINE), (full, Skip.FULL))


def test_a_new_follow_up_goes_before_new_cases_already_registered() -> None:
    friday = consult(2, 27, capacity=2)
    new_cases = (item(10), item(11))
    follow_up = new_item_key(Urgency.REGULAR, ItemKind.FOLLOW_UP, NOW)
    assert choose_consult([Candidate(friday, new_cases)], NOW, follow_up).consult == friday
    follow_ups = (item(10, kind=ItemKind.FOLLOW_UP), item(11, kind=ItemKind.FOLLOW_UP))
    assert choose_consult([Candidate(friday, follow_ups)], NOW, follow_up).consult is None


def test_a_case_registered_now_comes_after_one_registered_at_the_same_instant() -> None:
    """Whatever the existing item's id: ties in time go to what is already there."""
    friday = consult(2, 27, capacity=1)
    same_instant = replace(item(987_654_321), registered_at=NOW)
    assert choose_consult([Candidate(friday, (same_instant,))], NOW, regular_key()).consult is None
    later = replace(item(5), registered_at=NOW + timedelta(seconds=1))
    assert choose_consult([Candidate(friday, (later,))], NOW, regular_key()).consult == friday


def test_plan_for_uses_the_consults_start_time_box_and_capacity() -> None:
    monday = replace(consult(3, 30, capacity=2), minutes_per_case=20)
    plan = plan_for(monday, [item(1), item(2), item(3)])
    assert [(s.item.id, s.starts_at, s.ends_at) for s in plan.slots] == [
        (1, monday.starts_at, monday.starts_at + timedelta(minutes=20)),
        (2, monday.starts_at + timedelta(minutes=20), monday.starts_at + timedelta(minutes=40)),
    ]
    assert [i.id for i in plan.overflow] == [3]


def test_a_cancelled_consult_has_no_agenda_and_everything_overflows_in_order() -> None:
    cancelled = replace(consult(3, 30, capacity=4), status=ConsultStatus.CANCELLED)
    plan = plan_for(cancelled, [item(1), item(2, Urgency.URGENT)])
    assert plan.slots == ()
    assert [i.id for i in plan.overflow] == [2, 1]
