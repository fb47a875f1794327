from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.calendar import WorkCalendar, easter_sunday, public_holiday

CAL = WorkCalendar()
AMS = CAL.zone


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS).astimezone(UTC)


def test_holidays_and_weekends_are_not_working_days() -> None:
    assert public_holiday(date(2026, 12, 25)) is not None
    assert not CAL.is_working_day(date(2026, 12, 25))
    assert not CAL.is_working_day(date(2026, 11, 28))  # Saturday
    assert CAL.is_working_day(date(2026, 11, 23))  # Monday


def test_the_dutch_public_holidays_are_those_of_the_maintained_calendar() -> None:
    """Every holiday (date and Dutch name) of every year from before the law to 2100, against `holidays`:
    a package upgrade that changes a rule fails here, and the rule is changed in commands.calendar."""
    years = range(1960, 2101)  # the package covers 1966 to 2100
    expected = holidays.country_holidays("NL", years=years, language="nl")
    ours = {day: public_holiday(day) for year in years for day in _days_of(year)}
    assert {day: name for day, name in ours.items() if name is not None} == dict(expected)


def _days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


def test_easter_falls_on_the_known_sundays() -> None:
    assert [easter_sunday(y) for y in (1818, 1943, 2008, 2024, 2025, 2038)] == [
        date(1818, 3, 22), date(1943, 4, 25), date(2008, 3, 23), date(2024, 3, 31), date(2025, 4, 20),
        date(2038, 4, 25),
    ]  # fmt: skip


def test_friday_afternoon_plus_four_hours_lands_on_monday() -> None:
    # Friday 27 Nov 15:00 + 4 working hours: 2 h on Friday, 2 h on Monday from 08:30
    assert CAL.add_working_hours(local(2026, 11, 27, 15, 0), 4) == local(2026, 11, 30, 10, 30)


def test_request_in_the_night_waits_for_the_morning() -> None:
    assert CAL.next_working_start(local(2026, 11, 24, 22, 0)) == local(2026, 11, 25, 8, 30)


def test_christmas_is_skipped() -> None:
    # Thursday 24 Dec 16:00 + 2 h: 1 h on the 24th, Christmas (Fri) and the weekend skipped → Mon 28th 09:30
    assert CAL.add_working_hours(local(2026, 12, 24, 16, 0), 2) == local(2026, 12, 28, 9, 30)


def test_dst_change_keeps_local_opening_hours() -> None:
    # Sunday 29 March 2026 is the switch to summer time; Monday opens 08:30 local = 06:30 UTC
    assert CAL.next_working_start(local(2026, 3, 28, 12, 0)) == datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    # and Easter Monday 2027 (29 March, right after the switch) is a holiday: Tuesday it is
    assert CAL.next_working_start(local(2027, 3, 27, 12, 0)) == datetime(2027, 3, 30, 6, 30, tzinfo=UTC)


@given(
    # hypothesis takes naive bounds and makes aware instants from them (timezones=...)
    st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001
        max_value=datetime(2028, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.floats(min_value=0, max_value=60),
)
def test_deadline_is_in_working_time_and_monotonic(start: datetime, hours: float) -> None:
    deadline = CAL.add_working_hours(start, hours)
    assert deadline >= start
    closing_edge = CAL.local(deadline).time() == CAL.end
    assert CAL.in_working_hours(deadline) or closing_edge
    assert CAL.add_working_hours(start, hours + 1) > deadline


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)))
def test_a_public_holiday_is_never_a_working_day(day: date) -> None:
    if public_holiday(day):
        assert not CAL.is_working_day(day)
    assert CAL.is_working_day(CAL.next_working_day(day))
    assert CAL.previous_working_day(day) < day
    assert CAL.next_working_day(day) - day <= timedelta(days=10)


# (day, next working day, previous working day): weekends, Christmas, King's Day, Easter and the new year.
NEIGHBOURS = [
    (date(2026, 11, 27), date(2026, 11, 30), date(2026, 11, 26)),  # Friday → Monday; ← Thursday
    (date(2026, 11, 28), date(2026, 11, 30), date(2026, 11, 27)),  # Saturday
    (date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 23)),  # Christmas Friday and the weekend
    (date(2026, 12, 31), date(2027, 1, 4), date(2026, 12, 30)),  # New Year's Day, then a weekend
    (date(2027, 4, 26), date(2027, 4, 28), date(2027, 4, 23)),  # King's Day Tuesday 27 April
    (date(2027, 3, 26), date(2027, 3, 30), date(2027, 3, 25)),  # Easter Monday 29 March
    (date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 24)),  # Monday after Christmas looks back past it
]


def test_next_and_previous_working_day_step_the_right_way_over_closed_days() -> None:
    for day, following, preceding in NEIGHBOURS:
        assert CAL.next_working_day(day) == following, day
        assert CAL.previous_working_day(day) == preceding, day


def test_extra_closed_days_count_as_closed() -> None:
    closed = WorkCalendar(extra_closed=frozenset({date(2026, 11, 30)}))
    assert closed.next_working_day(date(2026, 11, 27)) == date(2026, 12, 1)
    assert closed.previous_working_day(date(2026, 12, 1)) == date(2026, 11, 27)


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)))
def test_the_neighbouring_working_days_are_the_nearest_ones(day: date) -> None:
    following = CAL.next_working_day(day)
    preceding = CAL.previous_working_day(day)
    assert preceding < day < following
    # Nothing in between is a working day: the nearest, not just any.
    between = [day + timedelta(days=n) for n in range(1, (following - day).days)]
    between += [day - timedelta(days=n) for n in range(1, (day - preceding).days)]
    assert not any(CAL.is_working_day(d) for d in between)


def test_a_calendar_without_working_days_names_the_configuration() -> None:
    # An admin who configures no working days gets a message that points at the setting, not a hang.
    never = WorkCalendar(days=frozenset())
    with pytest.raises(ValueError, match="calendar configuration"):
        never.next_working_start(local(2026, 11, 24, 9))


def test_a_deadline_beyond_the_horizon_is_refused() -> None:
    with pytest.raises(ValueError, match="too far away"):
        CAL.add_working_hours(local(2026, 11, 24, 9), 2000 * 8.5)
