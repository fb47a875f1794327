"""The agenda as a pure function: order, time boxes and overflow (property-based), and where a case goes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from commands.consults.agenda import Candidate, Skip, choose_consult, item_priority, new_item_key, plan_agenda
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
