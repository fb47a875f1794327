"""Consult dates: weekly slots in Amsterdam across DST changes, public holidays, deadlines, the rota."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduler import CronConsultDates
from commands.calendar import WorkCalendar
from commands.consults.dates import ZoneInfoDates
from commands.consults.model import ConsultSlot, ConsultStatus, DayOffset, HolidayPolicy
from commands.consults.schedule import chair_for, moment_before, plan_range

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkCalendar()


def slot(weekday: int = 0, **changes: object) -> ConsultSlot:
    values: dict[str, object] = {
        "key": "maandag",
        "weekday": weekday,
        "start": time(10, 0),
        "duration_minutes": 90,
        "channel": "mdo-west-brabant",
        "max_cases": 6,
        "minutes_per_case": 15,
        "deadline": DayOffset(1, time(12, 0)),
        "agenda": DayOffset(1, time(15, 0)),
        "id": 1,
    }
    values.update(changes)
    return ConsultSlot(**values)  # type: ignore[arg-type]


def local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def test_a_monday_slot_stays_at_ten_local_across_the_change_to_summer_time() -> None:
    for dates in (ZoneInfoDates(), CronConsultDates()):
        starts = dates.weekly(0, time(10, 0), "Europe/Amsterdam", date(2026, 3, 20), date(2026, 4, 1))
        assert starts == [datetime(2026, 3, 23, 9, 0, tzinfo=UTC), datetime(2026, 3, 30, 8, 0, tzinfo=UTC)]
        assert {local(s).time() for s in starts} == {time(10, 0)}


def test_and_back_to_winter_time_in_october() -> None:
    for dates in (ZoneInfoDates(), CronConsultDates()):
        starts = dates.weekly(0, time(10, 0), "Europe/Amsterdam", date(2026, 10, 19), date(2026, 10, 26))
        assert starts == [datetime(2026, 10, 19, 8, 0, tzinfo=UTC), datetime(2026, 10, 26, 9, 0, tzinfo=UTC)]


@settings(max_examples=60, deadline=None)
@given(
    weekday=st.integers(0, 4),
    hour=st.integers(7, 20),
    minute=st.sampled_from([0, 15, 30, 45]),
    first=st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31)),
    days=st.integers(0, 120),
)
def test_cron_trigger_and_zoneinfo_agree(
    weekday: int, hour: int, minute: int, first: date, days: int
) -> None:
    """The product owner's CronTrigger and the plain zoneinfo rule give the same instants, DST or not."""
    at = time(hour, minute)
    last = first + timedelta(days=days)
    cron = CronConsultDates().weekly(weekday, at, "Europe/Amsterdam", first, last)
    plain = ZoneInfoDates().weekly(weekday, at, "Europe/Amsterdam", first, last)
    assert cron == plain
    assert all(local(s).time() == at and local(s).weekday() == weekday for s in plain)
    assert all(first <= local(s).date() <= last for s in plain)


def test_the_agenda_moment_before_a_summer_time_monday_is_friday_afternoon_in_winter_time() -> None:
    [planned] = plan_range(
        slot(), date(2026, 3, 30), date(2026, 3, 30), ZoneInfoDates(), CALENDAR, [slot()], []
    )
    consult = planned.consult
    assert consult.starts_at == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert consult.agenda_at == datetime(2026, 3, 27, 14, 0, tzinfo=UTC)  # Friday 15:00 CET
    assert consult.deadline_at == datetime(2026, 3, 27, 11, 0, tzinfo=UTC)  # Friday 12:00 CET
    assert consult.ends_at - consult.starts_at == timedelta(minutes=90)


def test_easter_monday_moves_to_tuesday_and_the_deadline_skips_good_friday() -> None:
    [planned] = plan_range(
        slot(), date(2026, 4, 6), date(2026, 4, 6), ZoneInfoDates(), CALENDAR, [slot()], []
    )
    assert planned.move.holiday == "Tweede paasdag"
    assert planned.consult.status is ConsultStatus.PLANNED
    assert planned.consult.planned_for == date(2026, 4, 6)
    assert local(planned.consult.starts_at) == datetime(2026, 4, 7, 10, 0, tzinfo=AMSTERDAM)
    # one working day before Tuesday 7 April: not Easter Monday, not Good Friday, but Thursday 2 April
    assert local(planned.consult.deadline_at) == datetime(2026, 4, 2, 12, 0, tzinfo=AMSTERDAM)
    assert planned.notice


def test_a_holiday_can_skip_the_consult_or_move_it_back() -> None:
    skipping = slot(holiday=HolidayPolicy.SKIP)
    [skipped] = plan_range(
        skipping, date(2026, 4, 27), date(2026, 4, 27), ZoneInfoDates(), CALENDAR, [skipping], []
    )
    assert skipped.move.holiday == "Koningsdag"
    assert skipped.consult.status is ConsultStatus.CANCELLED
    earlier = slot(holiday=HolidayPolicy.PREVIOUS)
    [moved] = plan_range(
        earlier, date(2026, 4, 6), date(2026, 4, 6), ZoneInfoDates(), CALENDAR, [earlier], []
    )
    assert local(moved.consult.starts_at).date() == date(2026, 4, 2)  # Good Friday is a holiday too


def test_a_move_onto_the_channels_other_consult_becomes_a_skip() -> None:
    monday, friday = slot(0), slot(4, key="vrijdag", id=3)
    [christmas] = plan_range(
        friday, date(2026, 12, 25), date(2026, 12, 25), ZoneInfoDates(), CALENDAR, [monday, friday], []
    )
    assert christmas.move.collides and christmas.consult.status is ConsultStatus.CANCELLED
    elsewhere = slot(0, channel="mdo-oost")
    [moved] = plan_range(
        friday, date(2026, 12, 25), date(2026, 12, 25), ZoneInfoDates(), CALENDAR, [elsewhere, friday], []
    )
    assert local(moved.consult.starts_at).date() == date(2026, 12, 28)


def test_regular_weeks_have_no_notice_and_ordinary_days_are_unchanged() -> None:
    planned = plan_range(
        slot(2), date(2026, 11, 23), date(2026, 12, 6), ZoneInfoDates(), CALENDAR, [slot(2)], []
    )
    assert [local(p.consult.starts_at).date() for p in planned] == [date(2026, 11, 25), date(2026, 12, 2)]
    assert not any(p.notice for p in planned)


def test_moments_count_working_days_back() -> None:
    offset = DayOffset(2, time(9, 30))
    assert local(moment_before(date(2026, 11, 23), offset, CALENDAR)) == datetime(
        2026, 11, 19, 9, 30, tzinfo=AMSTERDAM
    )
    same_day = DayOffset(0, time(8, 0))
    assert local(moment_before(date(2026, 11, 23), same_day, CALENDAR)) == datetime(
        2026, 11, 23, 8, 0, tzinfo=AMSTERDAM
    )


def test_the_chair_rota_takes_turns_per_week() -> None:
    rota = slot(chairs=("u-karin", "u-lotte"))
    weeks = [chair_for(rota, date(2026, 11, 23) + timedelta(weeks=n), []) for n in range(4)]
    assert weeks[0] != weeks[1] and weeks[0] == weeks[2] and weeks[1] == weeks[3]
    assert set(weeks) == {"u-karin", "u-lotte"}
    fixed = slot(chairs=("u-karin",))
    assert {chair_for(fixed, date(2026, 11, 23) + timedelta(weeks=n), ["u-x"]) for n in range(3)} == {
        "u-karin"
    }
    assert chair_for(slot(), date(2026, 11, 23), []) is None
    assert chair_for(slot(), date(2026, 11, 23), ["u-lotte"]) == "u-lotte"


def test_capacity_is_bounded_by_the_time_available() -> None:
    assert slot(max_cases=10).capacity == 6
    assert slot(max_cases=4).capacity == 4
