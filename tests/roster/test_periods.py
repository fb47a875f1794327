"""The Dutch period parser: every form people type, and every way it can go wrong."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.roster.periods import Period, PeriodError, parse_period

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("vandaag", MONDAY, MONDAY),
        ("morgen", date(2026, 11, 24), date(2026, 11, 24)),
        ("overmorgen", date(2026, 11, 25), date(2026, 11, 25)),
        ("gisteren t/m morgen", date(2026, 11, 22), date(2026, 11, 24)),
        ("vrijdag", date(2026, 11, 27), date(2026, 11, 27)),
        ("maandag", MONDAY, MONDAY),  # today is Monday: today, not next week
        ("vr t/m di", date(2026, 11, 27), date(2026, 12, 1)),  # the end weekday follows the start
        ("vrijdag tot en met dinsdag", date(2026, 11, 27), date(2026, 12, 1)),
        ("24-12", date(2026, 12, 24), date(2026, 12, 24)),
        ("24-12-2026", date(2026, 12, 24), date(2026, 12, 24)),
        ("24/12/26", date(2026, 12, 24), date(2026, 12, 24)),
        ("2026-12-24", date(2026, 12, 24), date(2026, 12, 24)),
        ("24-12 t/m 2-1", date(2026, 12, 24), date(2027, 1, 2)),  # crosses the new year
        ("24-12 tm 2-1", date(2026, 12, 24), date(2027, 1, 2)),
        ("van 24-12 t/m 2-1", date(2026, 12, 24), date(2027, 1, 2)),
        ("24-12 - 2-1", date(2026, 12, 24), date(2027, 1, 2)),
        ("24-12 – 2-1", date(2026, 12, 24), date(2027, 1, 2)),
        ("24-12-2026 t/m 2-1-2027", date(2026, 12, 24), date(2027, 1, 2)),
        ("2-1", date(2027, 1, 2), date(2027, 1, 2)),  # January typed in November: next January
        ("20-11 t/m 25-11", date(2026, 11, 20), date(2026, 11, 25)),  # ill since last Friday
        ("24 december t/m 2 jan", date(2026, 12, 24), date(2027, 1, 2)),
        ("3 mrt 2027", date(2027, 3, 3), date(2027, 3, 3)),
        ("  Morgen  T/M  Vrijdag ", date(2026, 11, 24), date(2026, 11, 27)),
        ("morgen t/m 24-12", date(2026, 11, 24), date(2026, 12, 24)),
    ],
)
def test_forms_people_type(text: str, start: date, end: date) -> None:
    assert parse_period(text, MONDAY) == Period(start, end)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Van wanneer"),
        ("kerst", "niet als datum"),
        ("31-2", "geen bestaande datum"),
        ("31-02-2027", "geen bestaande datum"),
        ("24-13", "geen bestaande datum"),
        ("24 decembre", "maand"),
        ("24-12 tot 2-1", "t/m"),
        ("24-12 t/m", "mist de begin- of einddatum"),
        ("t/m 2-1", "mist de begin- of einddatum"),
        ("1-12 t/m 5-12 t/m 8-12", "meer dan één"),
        ("28-12-2026 t/m 24-12-2026", "eindigt"),
        ("morgen t/m vandaag", "eindigt"),
        ("25-12 t/m 24-12", "eindigt"),  # not a 364-day absence
        ("1-1-2020 t/m 2-1-2020", "al voorbij"),
        ("1-12-2026 t/m 1-12-2028", "langer dan een jaar"),
    ],
)
def test_bad_input_explains_with_an_example(text: str, fragment: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text, MONDAY)
    assert fragment in raised.value.message
    assert "/beschikbaar afwezig 24-12 t/m 2-1" in raised.value.message


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@given(today=days, offset=st.integers(-30, 300), length=st.integers(0, 60))
def test_explicit_ranges_round_trip(today: date, offset: int, length: int) -> None:
    start = today + timedelta(days=offset)
    end = start + timedelta(days=length)
    if end < today:
        return
    text = f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"
    assert parse_period(text, today) == Period(start, end)


@given(today=days, offset=st.integers(-150, 150))
def test_a_day_without_year_is_the_nearest_such_day(today: date, offset: int) -> None:
    day = today + timedelta(days=offset)
    if day < today or (day.month, day.day) == (2, 29):
        return
    assert parse_period(f"{day.day}-{day.month}", today).start == day


@given(today=days, offset=st.integers(0, 300), back=st.integers(1, 300))
def test_a_range_that_ends_before_it_starts_is_refused(today: date, offset: int, back: int) -> None:
    start = today + timedelta(days=offset)
    end = start - timedelta(days=back)
    with pytest.raises(PeriodError):
        parse_period(f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}", today)


def test_a_weekday_with_a_date_is_checked() -> None:
    assert parse_period("vrijdag 27-11 t/m di 1-12", MONDAY) == Period(date(2026, 11, 27), date(2026, 12, 1))
    with pytest.raises(PeriodError) as raised:
        parse_period("donderdag 27-11", MONDAY)
    assert "klopt de dag niet: het is vrijdag 27 november 2026" in raised.value.message
