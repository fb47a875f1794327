"""Round deadlines and head starts, per urgency, over working hours, weekends, holidays and clock changes.

Table tests with hand-worked instants (Amsterdam local time), and a property test that measures the working
time between a round's start and its deadline minute by minute, independently of `add_working_hours`.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.calendar import WorkCalendar
from commands.requests.model import Urgency
from commands.requests.policy import RequestPolicy

CAL = WorkCalendar()
AMS = CAL.zone


def default_policy() -> RequestPolicy:
    """Built per test, not at import: the defaults themselves are under test (a rule built once at import
    would hide a changed default from mutation testing, which swaps functions after import)."""
    return RequestPolicy()


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS).astimezone(UTC)


# (why, urgency, start, deadline); default rules: TODAY 1 clock hour, THREE_DAYS 4, THIS_WEEK 8 working hours
DEADLINES = [
    ("today counts clock hours, even at night", Urgency.TODAY, local(2026, 11, 24, 23, 30),
     local(2026, 11, 25, 0, 30)),
    ("today counts clock hours on a holiday", Urgency.TODAY, local(2026, 12, 25, 10),
     local(2026, 12, 25, 11)),
    ("three days: 4 working hours within one day", Urgency.THREE_DAYS, local(2026, 11, 24, 9),
     local(2026, 11, 24, 13)),
    ("three days: the rest on the next morning", Urgency.THREE_DAYS, local(2026, 11, 24, 15),
     local(2026, 11, 25, 10, 30)),
    ("three days: Friday afternoon runs into Monday", Urgency.THREE_DAYS, local(2026, 11, 27, 16),
     local(2026, 11, 30, 11, 30)),
    ("three days: asked in the weekend counts from Monday 08:30", Urgency.THREE_DAYS,
     local(2026, 11, 28, 11), local(2026, 11, 30, 12, 30)),
    ("three days: asked before opening counts from 08:30", Urgency.THREE_DAYS, local(2026, 11, 24, 6),
     local(2026, 11, 24, 12, 30)),
    ("this week: 8 working hours span two days", Urgency.THIS_WEEK, local(2026, 11, 24, 10),
     local(2026, 11, 25, 9, 30)),
    ("this week: Christmas and the weekend do not count", Urgency.THIS_WEEK, local(2026, 12, 24, 13),
     local(2026, 12, 28, 12, 30)),
    ("this week: King's Day is a holiday", Urgency.THIS_WEEK, local(2027, 4, 26, 13),
     local(2027, 4, 28, 12, 30)),
    ("three days: the switch to summer time keeps local hours", Urgency.THREE_DAYS, local(2026, 3, 27, 15),
     local(2026, 3, 30, 10, 30)),
    ("three days: ending exactly at closing time", Urgency.THREE_DAYS, local(2026, 11, 24, 13),
     local(2026, 11, 24, 17)),
]  # fmt: skip


@pytest.mark.parametrize(("why", "urgency", "start", "deadline"), DEADLINES, ids=[r[0] for r in DEADLINES])
def test_round_deadline(why: str, urgency: Urgency, start: datetime, deadline: datetime) -> None:
    assert default_policy().round_deadline(start, urgency, CAL) == deadline


# Head start: a quarter of the round's time, at least one working hour (not for TODAY: clock time, no minimum)
HEAD_STARTS = [
    ("today: a quarter of an hour, at night too", Urgency.TODAY, local(2026, 11, 24, 23),
     local(2026, 11, 24, 23, 15)),
    ("three days: the minimum of one working hour", Urgency.THREE_DAYS, local(2026, 11, 24, 9),
     local(2026, 11, 24, 10)),
    ("this week: two working hours", Urgency.THIS_WEEK, local(2026, 11, 24, 9), local(2026, 11, 24, 11)),
    ("this week: Friday 16:00 runs into Monday", Urgency.THIS_WEEK, local(2026, 11, 27, 16),
     local(2026, 11, 30, 9, 30)),
]  # fmt: skip


@pytest.mark.parametrize(("why", "urgency", "start", "until"), HEAD_STARTS, ids=[r[0] for r in HEAD_STARTS])
def test_head_start(why: str, urgency: Urgency, start: datetime, until: datetime) -> None:
    assert default_policy().head_start_until(start, urgency, CAL) == until


def test_head_start_switched_off_or_longer_than_the_minimum() -> None:
    longer = RequestPolicy(head_start_fraction=0.5)
    assert longer.head_start_until(local(2026, 11, 24, 9), Urgency.THIS_WEEK, CAL) == local(2026, 11, 24, 13)
    assert RequestPolicy(head_start_min_hours=0.5).head_start_until(
        local(2026, 11, 24, 9), Urgency.THREE_DAYS, CAL
    ) == local(2026, 11, 24, 10)  # a quarter of 4 hours is 1 hour, more than the minimum


@pytest.mark.parametrize(
    ("urgency", "start", "first"),
    [
        (Urgency.TODAY, local(2026, 11, 28, 22), local(2026, 11, 28, 22)),  # at once, even on Saturday night
        (Urgency.THREE_DAYS, local(2026, 11, 28, 22), local(2026, 11, 30, 8, 30)),
        (Urgency.THIS_WEEK, local(2026, 11, 24, 10), local(2026, 11, 24, 10)),  # within hours: at once
        (Urgency.THIS_WEEK, local(2026, 12, 31, 17, 30), local(2027, 1, 4, 8, 30)),  # New Year, weekend
    ],
)
def test_first_round(urgency: Urgency, start: datetime, first: datetime) -> None:
    assert default_policy().first_round_at(start, urgency, CAL) == first


@pytest.mark.parametrize(
    ("urgency", "wanted", "offers"),
    [(Urgency.TODAY, 1, 3), (Urgency.TODAY, 2, 6), (Urgency.THREE_DAYS, 1, 2), (Urgency.THIS_WEEK, 2, 4)],
)
def test_offers_per_round(urgency: Urgency, wanted: int, offers: int) -> None:
    assert default_policy().offers_per_round(urgency, wanted) == offers


def working_minutes(start: datetime, end: datetime) -> int:
    """Minutes of working time between two instants, counted day by day from the calendar's rules."""
    total = 0
    day = CAL.local(start).date()
    while day <= CAL.local(end).date():
        if CAL.is_working_day(day):
            opening = datetime.combine(day, CAL.start, tzinfo=AMS)
            closing = datetime.combine(day, CAL.end, tzinfo=AMS)
            lo, hi = max(opening, start), min(closing, end)
            if hi > lo:
                total += round((hi - lo).total_seconds() / 60)
        day += timedelta(days=1)
    return total


@settings(max_examples=200, deadline=None, database=None)
@given(
    # hypothesis takes naive bounds and makes aware instants from them (timezones=...)
    st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001
        max_value=datetime(2028, 12, 20),  # noqa: DTZ001
        timezones=st.just(UTC),
    ).map(lambda at: at.replace(second=0, microsecond=0)),
    st.sampled_from([Urgency.THREE_DAYS, Urgency.THIS_WEEK]),
)
def test_a_round_lasts_exactly_its_working_hours(start: datetime, urgency: Urgency) -> None:
    deadline = default_policy().round_deadline(start, urgency, CAL)
    hours = default_policy().rules[urgency].answer_within_hours
    assert working_minutes(start, deadline) == hours * 60
    # The deadline falls in working time (or exactly at closing), never in a weekend or on a holiday.
    at = CAL.local(deadline)
    assert CAL.is_working_day(at.date())
    assert time(8, 30) < at.time() <= time(17, 0)


def test_check_in_comes_after_the_configured_weeks_aboard() -> None:
    joined = local(2026, 11, 24, 10)
    assert default_policy().next_checkin(joined) == joined + timedelta(weeks=6)  # the documented default
    assert RequestPolicy(checkin_weeks=2).next_checkin(joined) == joined + timedelta(weeks=2)
