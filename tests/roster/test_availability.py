"""`available()`: each hard reason, the soft signals, and properties over any expert and any instant."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.roster.availability import available, free_days, holiday_name, is_working_day
from commands.roster.model import Absence, AbsenceSource, Professional, Role
from tests.roster.fakes import professional

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam


def check(
    p: Professional, at: datetime = MONDAY_10, used: int = 0, status: str | None = None
) -> tuple[bool, str]:
    verdict = available(p, at, tz=AMS, active_involvements=used, chat_status=status)
    return verdict.ok, "; ".join(verdict.reasons)


def test_an_expert_at_work_with_room_is_available() -> None:
    verdict = available(professional(), MONDAY_10, tz=AMS, active_involvements=2)
    assert verdict.ok and verdict.reasons == () and verdict.soft == ()


def test_each_hard_reason_is_named_in_dutch() -> None:
    p = professional()
    assert check(replace(p, active=False)) == (False, "niet (meer) actief in het rooster")
    assert check(replace(p, roles=frozenset({Role.LEAD}))) == (False, "geen expertrol")
    assert check(replace(p, paused=True)) == (False, "op pauze")
    away = replace(p, absences=(Absence(date(2026, 11, 20), date(2026, 11, 27), "griep"),))
    assert check(away) == (False, "afwezig t/m vrijdag 27 november")
    assert check(p, at=datetime(2026, 12, 25, 10, tzinfo=UTC)) == (False, "feestdag (Eerste kerstdag)")
    assert check(p, at=datetime(2026, 11, 28, 10, tzinfo=UTC)) == (False, "geen werkdag")
    assert check(p, at=datetime(2026, 11, 23, 17, 0, tzinfo=UTC)) == (False, "buiten werktijd (08:30–17:00)")
    assert check(replace(p, capacity=0)) == (False, "geen capaciteit ingesteld")
    assert check(p, used=3) == (False, "vol (3 van 3 casussen)")


def test_all_reasons_are_listed_not_just_the_first() -> None:
    p = replace(professional(), paused=True, capacity=1)
    ok, reasons = check(p, at=datetime(2026, 11, 28, 10, tzinfo=UTC), used=1)
    assert not ok
    assert reasons == "op pauze; geen werkdag; vol (1 van 1 casussen)"


def test_working_hours_are_local_time_across_daylight_saving() -> None:
    p = professional(start=time(9, 0), end=time(17, 0))
    summer = datetime(2026, 7, 1, 7, 30, tzinfo=UTC)  # 09:30 CEST
    winter = datetime(2026, 1, 7, 7, 30, tzinfo=UTC)  # 08:30 CET
    assert check(p, at=summer)[0]
    assert not check(p, at=winter)[0]


def test_mattermost_status_is_soft() -> None:
    for status, word in (("ooo", "Afwezig"), ("dnd", "Niet storen")):
        verdict = available(professional(), MONDAY_10, tz=AMS, active_involvements=0, chat_status=status)
        assert verdict.ok
        assert word in verdict.soft[0]
    assert available(professional(), MONDAY_10, tz=AMS, active_involvements=0, chat_status="away").soft == ()


def test_dutch_public_holidays_come_from_the_calendar() -> None:
    assert holiday_name(date(2026, 4, 27)) == "Koningsdag"
    assert holiday_name(date(2026, 5, 14)) == "Hemelvaartsdag"
    assert holiday_name(date(2026, 11, 23)) is None
    assert not is_working_day(professional(), date(2026, 4, 27))  # a Monday


# --- properties ---------------------------------------------------------------------------------------

instants = st.datetimes(
    # hypothesis takes naive bounds and makes aware instants from them (timezones=...)
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001
    max_value=datetime(2032, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
weekdays = st.frozensets(st.integers(0, 6))
minutes = st.integers(0, 24 * 60 - 1)


@st.composite
def experts(draw: st.DrawFn) -> Professional:
    first, second = sorted(draw(st.lists(minutes, min_size=2, max_size=2, unique=True)))
    absences = tuple(
        sorted(
            Absence(start, start + timedelta(days=length), "", draw(st.sampled_from(AbsenceSource)))
            for start, length in draw(
                st.lists(
                    st.tuples(st.dates(date(2024, 1, 1), date(2032, 12, 31)), st.integers(0, 40)), max_size=3
                )
            )
        )
    )
    return professional(
        roles=draw(st.frozensets(st.sampled_from(Role), min_size=1)),
        capacity=draw(st.integers(0, 6)),
        days=draw(weekdays),
        start=time(first // 60, first % 60),
        end=time(second // 60, second % 60),
        absences=absences,
        paused=draw(st.booleans()),
        active=draw(st.booleans()),
    )


@settings(deadline=None)
@given(
    p=experts(), at=instants, used=st.integers(0, 8), status=st.sampled_from([None, "online", "ooo", "dnd"])
)
def test_available_exactly_when_every_condition_holds(
    p: Professional, at: datetime, used: int, status: str | None
) -> None:
    local = at.astimezone(AMS)
    day = local.date()
    expected = (
        p.active
        and Role.EXPERT in p.roles
        and not p.paused
        and not any(a.start <= day <= a.end for a in p.absences)
        and holiday_name(day) is None
        and local.weekday() in p.working_time.days
        and p.working_time.start <= local.time() < p.working_time.end
        and used < p.capacity
    )
    verdict = available(p, at, tz=AMS, active_involvements=used, chat_status=status)
    assert verdict.ok == expected
    assert bool(verdict.reasons) != verdict.ok


@settings(deadline=None)
@given(p=experts(), at=instants, used=st.integers(0, 8))
def test_an_absent_or_paused_expert_is_never_available(p: Professional, at: datetime, used: int) -> None:
    day = at.astimezone(AMS).date()
    paused = replace(p, paused=True)
    absent = replace(p, absences=(Absence(day - timedelta(days=1), day),))
    assert not available(paused, at, tz=AMS, active_involvements=used).ok
    assert not available(absent, at, tz=AMS, active_involvements=used).ok


DUTCH_HOLIDAYS = sorted(holidays.country_holidays("NL", years=range(2024, 2033)))


@settings(deadline=None)
@given(day=st.sampled_from(DUTCH_HOLIDAYS), p=experts(), minute=minutes)
def test_a_holiday_is_never_a_working_day(day: date, p: Professional, minute: int) -> None:
    assert holiday_name(day) is not None
    everyday = replace(p, working_time=replace(p.working_time, days=frozenset(range(7))))
    assert not is_working_day(everyday, day)
    at = datetime.combine(day, time(minute // 60, minute % 60), AMS)
    assert not available(everyday, at, tz=AMS, active_involvements=0).ok


@settings(deadline=None)
@given(p=experts(), at=instants, used=st.integers(0, 8))
def test_the_chat_status_never_decides(p: Professional, at: datetime, used: int) -> None:
    plain = available(p, at, tz=AMS, active_involvements=used)
    for status in ("ooo", "dnd", "offline", "away"):
        assert available(p, at, tz=AMS, active_involvements=used, chat_status=status).ok == plain.ok


# --- boundaries and `free_days` (found by mutation testing) ------------------------------------------


def test_working_hours_include_the_start_and_exclude_the_end() -> None:
    p = professional(start=time(8, 30), end=time(17, 0))
    monday = date(2026, 11, 23)
    assert check(p, at=datetime.combine(monday, time(8, 30), AMS))[0]
    assert not check(p, at=datetime.combine(monday, time(8, 29, 59), AMS))[0]
    assert check(p, at=datetime.combine(monday, time(16, 59, 59), AMS))[0]
    assert check(p, at=datetime.combine(monday, time(17, 0), AMS)) == (False, "buiten werktijd (08:30–17:00)")


def test_an_ordinary_working_day_is_a_working_day() -> None:
    p = professional(days=frozenset({0, 2}))  # Monday and Wednesday
    assert is_working_day(p, date(2026, 11, 23))  # Monday
    assert not is_working_day(p, date(2026, 11, 24))  # Tuesday
    assert is_working_day(p, date(2026, 11, 25))  # Wednesday


def test_free_days_skip_days_off_holidays_and_absences_and_include_both_ends() -> None:
    p = professional(absences=(Absence(date(2026, 12, 22), date(2026, 12, 22)),))
    # Monday 21 to Monday 28 December: Tuesday absent, Christmas on Friday and Saturday, a weekend
    assert free_days(p, date(2026, 12, 21), date(2026, 12, 28)) == [
        date(2026, 12, 21),
        date(2026, 12, 23),
        date(2026, 12, 24),
        date(2026, 12, 28),
    ]
    assert free_days(p, date(2026, 12, 23), date(2026, 12, 23)) == [date(2026, 12, 23)]
    assert free_days(p, date(2026, 12, 22), date(2026, 12, 22)) == []
    assert free_days(p, date(2026, 12, 24), date(2026, 12, 21)) == []


@settings(deadline=None)
@given(p=experts(), first=st.dates(date(2024, 1, 1), date(2032, 12, 31)), length=st.integers(0, 30))
def test_free_days_are_exactly_the_working_days_without_absence(
    p: Professional, first: date, length: int
) -> None:
    last = first + timedelta(days=length)
    span = [first + timedelta(days=n) for n in range(length + 1)]
    expected = [
        d
        for d in span
        if d.weekday() in p.working_time.days
        and holiday_name(d) is None
        and not any(a.start <= d <= a.end for a in p.absences)
    ]
    assert free_days(p, first, last) == expected
