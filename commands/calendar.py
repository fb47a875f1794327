"""Working time in the team's time zone: working days (no weekends, no Dutch public holidays) and hours.

Pure: the `holidays` package is a calendar computation, not I/O. Deadlines "in working hours", the next
working period and "the working day before" all come from here, so every feature counts time the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from commands.config import DEFAULT_TIMEZONE


@lru_cache(maxsize=64)
def _holidays_for_year(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NL", years=[year], language="nl"))


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
