"""Dutch rendering of days, times and working days, as professionals read them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from functools import cache

from commands.catalogue import t


@cache
def _words(key: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in t(key).split(","))


def weekday_name(weekday: int) -> str:
    return _words("roster.calendar.weekdays")[weekday]


def weekday_short(weekday: int) -> str:
    return _words("roster.calendar.weekdays_short")[weekday]


def month_name(month: int) -> str:
    return _words("roster.calendar.months")[month - 1]


def format_day(day: date, today: date | None = None) -> str:
    """E.g. "vrijdag 24 december"; the year is added when it is not the current one."""
    text = f"{weekday_name(day.weekday())} {day.day} {month_name(day.month)}"
    if today is None or day.year != today.year:
        text += f" {day.year}"
    return text


def format_period(start: date, end: date, today: date | None = None) -> str:
    if start == end:
        return format_day(start, today)
    return t("roster.period", start=format_day(start, today), end=format_day(end, today))


def format_time(moment: time) -> str:
    return moment.strftime("%H:%M")


def format_days(days: Iterable[int]) -> str:
    """Working days as short names, e.g. "ma, di, do"."""
    return ", ".join(weekday_short(day) for day in sorted(days)) or t("roster.no_working_days")
