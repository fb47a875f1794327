"""Working time in the team's time zone: working days (no weekends, no Dutch public holidays) and hours.

Pure. Deadlines "in working hours", the next working period and "the working day before" all come from here,
so every feature counts time the same way.

The Dutch public holidays are the rules of the Algemene termijnenwet as the maintained `holidays` package
states them; tests/commands/test_calendar.py checks these against that package, every holiday of every year
from 1966 to 2100, so an upgrade of the package that changes a rule fails there. The package itself is not
imported here: asking it for one country loads all of them (some 400 modules, about 17 MB), and `erbij serve`
would keep them resident for ten dates a year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from commands.config import DEFAULT_TIMEZONE

FIRST_HOLIDAY_YEAR = 1966  # the Algemene termijnenwet took effect on 1 April 1965 (`holidays` starts here)


def easter_sunday(year: int) -> date:
    """Western Easter in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def _holidays_for_year(year: int) -> dict[date, str]:
    if year < FIRST_HOLIDAY_YEAR:
        return {}
    easter = easter_sunday(year)
    royal = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    if royal.weekday() == 6:  # a Sunday: the Saturday before (from 1980), the Monday after (before)
        royal += timedelta(days=-1 if year >= 1980 else 1)
    found: dict[date, list[str]] = {}
    for day, name in (
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede vrijdag"),
        (easter, "Eerste paasdag"),
        (easter + timedelta(days=1), "Tweede paasdag"),
        (royal, "Koningsdag" if year >= 2014 else "Koninginnedag"),
        *([(date(year, 5, 5), "Bevrijdingsdag")] if year % 5 == 0 else []),  # a day off once in five years
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=49), "Eerste pinksterdag"),
        (easter + timedelta(days=50), "Tweede pinksterdag"),
        (date(year, 12, 25), "Eerste kerstdag"),
        (date(year, 12, 26), "Tweede kerstdag"),
    ):
        found.setdefault(day, []).append(name)
    return {day: "; ".join(names) for day, names in sorted(found.items())}


def public_holiday(day: date) -> str | None:
    """The Dutch name of the public holiday on `day`, or None."""
    return _holidays_for_year(day.year).get(day)


@dataclass(frozen=True)
class WorkCalendar:
    timezone: str = DEFAULT_TIMEZONE
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(8, 30)
    end: time = time(17, 0)
    extra_closed: frozenset[date] = field(default_factory=frozenset)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days and public_holiday(day) is None and day not in self.extra_closed

    def _bounds(self, day: date) -> tuple[datetime, datetime]:
        opening = datetime.combine(day, self.start, tzinfo=self.zone)
        closing = datetime.combine(day, self.end, tzinfo=self.zone)
        return opening.astimezone(UTC), closing.astimezone(UTC)

    def in_working_hours(self, at: datetime) -> bool:
        local = self.local(at)
        if not self.is_working_day(local.date()):
            return False
        opening, closing = self._bounds(local.date())
        return opening <= at < closing

    def next_working_start(self, at: datetime) -> datetime:
        """`at` itself if within working hours, else the start of the next working period."""
        if self.in_working_hours(at):
            return at
        day = self.local(at).date()
        for _ in range(400):
            if self.is_working_day(day):
                opening, _closing = self._bounds(day)
                if opening >= at:
                    return opening
            day += timedelta(days=1)
        raise ValueError("no working day within 400 days; check the calendar configuration")

    def add_working_hours(self, at: datetime, hours: float) -> datetime:
        """The instant `hours` of working time after `at` (time outside working hours does not count)."""
        remaining = timedelta(hours=hours)
        cursor = self.next_working_start(at)
        for _ in range(2000):
            _opening, closing = self._bounds(self.local(cursor).date())
            available = closing - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
            cursor = self.next_working_start(closing)
        raise ValueError("deadline too far away")

    def previous_working_day(self, day: date) -> date:
        cursor = day - timedelta(days=1)
        while not self.is_working_day(cursor):
            cursor -= timedelta(days=1)
        return cursor

    def next_working_day(self, day: date) -> date:
        cursor = day + timedelta(days=1)
        while not self.is_working_day(cursor):
            cursor += timedelta(days=1)
        return cursor
