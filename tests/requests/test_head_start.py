"""The head start of a known face, as a pure rule: working hours, weekends and holidays (property tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.calendar import WorkCalendar
from commands.requests.model import Urgency
from commands.requests.policy import RequestPolicy

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkCalendar()
DUTCH_HOLIDAYS = holidays.country_holidays("NL", years=range(2025, 2029))

# hypothesis takes naive bounds; the instants are made aware below
starts = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(  # noqa: DTZ001
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
)
slow = [Urgency.THREE_DAYS, Urgency.THIS_WEEK]


def _working_minute(at: datetime) -> bool:
    """An independent oracle: Monday to Friday, 08:30-17:00 in Amsterdam, no Dutch public holiday."""
    local = at.astimezone(AMSTERDAM)
    day: date = local.date()
    return day.weekday() < 5 and day not in DUTCH_HOLIDAYS and time(8, 30) <= local.time() < time(17, 0)


def _working_minutes(start: datetime, end: datetime) -> int:
    minutes, cursor = 0, start
    while cursor < end:
        minutes += _working_minute(cursor)
        cursor += timedelta(minutes=1)
    return minutes


@settings(max_examples=150, deadline=None)
@given(
    start=starts,
    urgency=st.sampled_from(slow),
    fraction=st.sampled_from([0.1, 0.25, 0.5, 1.0]),
    minimum=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
)
def test_the_head_start_is_exactly_its_share_of_working_time(
    start: datetime, urgency: Urgency, fraction: float, minimum: float
) -> None:
    policy = RequestPolicy(head_start_fraction=fraction, head_start_min_hours=minimum)
    end = policy.head_start_until(start, urgency, CALENDAR)
    wanted = max(policy.rules[urgency].answer_within_hours * fraction, minimum)
    assert end > start
    assert _working_minutes(start, end) == round(wanted * 60)
    # it ends on working time (or right at a closing), never at night or in a weekend
    assert _working_minute(end - timedelta(minutes=1))
    # a head start never outlasts the round it stands in for, unless the minimum says so
    if wanted <= policy.rules[urgency].answer_within_hours:
        assert end <= policy.round_deadline(start, urgency, CALENDAR)


@settings(max_examples=100, deadline=None)
@given(start=starts, urgency=st.sampled_from(slow))
def test_the_default_is_a_quarter_of_the_deadline_and_at_least_one_working_hour(
    start: datetime, urgency: Urgency
) -> None:
    policy = RequestPolicy()
    end = policy.head_start_until(start, urgency, CALENDAR)
    hours = {Urgency.THREE_DAYS: 1, Urgency.THIS_WEEK: 2}[urgency]  # max(4/4, 1) and max(8/4, 1)
    assert _working_minutes(start, end) == hours * 60


@settings(max_examples=100, deadline=None)
@given(start=starts)
def test_an_urgent_head_start_runs_on_the_clock_even_at_night(start: datetime) -> None:
    end = RequestPolicy().head_start_until(start, Urgency.TODAY, CALENDAR)
    assert end - start == timedelta(minutes=15)


def test_friday_afternoon_runs_into_monday_and_christmas_is_skipped() -> None:
    policy = RequestPolicy()
    friday_1630 = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # 16:30 in Amsterdam
    # half an hour on Friday, the other half on Monday from 08:30
    assert policy.head_start_until(friday_1630, Urgency.THREE_DAYS, CALENDAR) == datetime(
        2026, 11, 30, 8, 0, tzinfo=UTC
    )
    christmas_eve_1630 = datetime(2026, 12, 24, 15, 30, tzinfo=UTC)  # Thursday; 25 and 26 are holidays
    assert policy.head_start_until(christmas_eve_1630, Urgency.THIS_WEEK, CALENDAR) == datetime(
        2026, 12, 28, 9, 0, tzinfo=UTC
    )
