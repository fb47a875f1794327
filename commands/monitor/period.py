"""Months, quarters and years in the team's time zone, and the words people use for them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.monitor.model import Period

KINDS = ("maand", "kwartaal", "jaar")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(?:(\d{4})-?k([1-4])|k([1-4])-?(\d{4}))$")
_YEAR = re.compile(r"^(\d{4})$")
MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodError(ValueError):
    """Text that names no period we understand."""


def _instant(day: date, calendar: WorkCalendar) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=calendar.zone).astimezone(UTC)


def _month_name(month: int) -> str:
    return t("roster.calendar.months").split(",")[month - 1]


def month(year: int, number: int, calendar: WorkCalendar) -> Period:
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period(
        _instant(date(year, number, 1), calendar),
        _instant(following, calendar),
        f"{_month_name(number)} {year}",
        "maand",
    )


def quarter(year: int, number: int, calendar: WorkCalendar) -> Period:
    first = 3 * (number - 1) + 1
    following = date(year + (first + 2) // 12, (first + 2) % 12 + 1, 1)
    return Period(
        _instant(date(year, first, 1), calendar),
        _instant(following, calendar),
        f"K{number} {year}",
        "kwartaal",
    )


def year_period(year: int, calendar: WorkCalendar) -> Period:
    return Period(
        _instant(date(year, 1, 1), calendar), _instant(date(year + 1, 1, 1), calendar), str(year), "jaar"
    )


def containing(kind: str, at: datetime, calendar: WorkCalendar) -> Period:
    local = calendar.local(at).date()
    if kind == "maand":
        return month(local.year, local.month, calendar)
    if kind == "kwartaal":
        return quarter(local.year, (local.month - 1) // 3 + 1, calendar)
    if kind == "jaar":
        return year_period(local.year, calendar)
    raise PeriodError(kind)


def previous(period: Period, calendar: WorkCalendar) -> Period:
    """The period of the same kind just before `period`."""
    return containing(period.kind, period.start - (period.end - period.start) / 40, calendar)


def parse(words: list[str], now: datetime, calendar: WorkCalendar) -> Period:
    """`[]` → this quarter; `maand|kwartaal|jaar` → the current one; `vorige maand|kwartaal|jaar`;
    `2026-11`, `K4 2026` / `2026-K4`, `2026`."""
    text = " ".join(w.lower() for w in words).strip()
    if not text:
        return containing("kwartaal", now, calendar)
    if text in KINDS:
        return containing(text, now, calendar)
    if text.startswith("vorig") and text.split()[-1] in KINDS:
        return previous(containing(text.split()[-1], now, calendar), calendar)
    compact = text.replace(" ", "")
    try:
        return _numbered(compact, calendar)
    except (ValueError, OverflowError):  # year 0 or 9999: no period anyone means
        raise PeriodError(text) from None


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(text)
    return year


def _numbered(compact: str, calendar: WorkCalendar) -> Period:
    if match := _MONTH.match(compact):
        number = int(match.group(2))
        if 1 <= number <= 12:
            return month(_year(match.group(1)), number, calendar)
    if match := _QUARTER.match(compact):
        return quarter(
            _year(match.group(1) or match.group(4)), int(match.group(2) or match.group(3)), calendar
        )
    if match := _YEAR.match(compact):
        return year_period(_year(match.group(1)), calendar)
    raise PeriodError(compact)
