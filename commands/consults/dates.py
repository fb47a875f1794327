"""The regular dates of a weekly consult slot, as a port.

The product owner asked for APScheduler's `CronTrigger` to compute consult dates; only `bot/` may import
APScheduler, so `bot/scheduler.py` implements this port with it. `ZoneInfoDates` is the same rule in plain
`zoneinfo`: the tests check both agree across DST changes, and pure code (tests, the benchmark) can use it.
Public holidays are not the port's business; `schedule.py` moves or skips those on top of these dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class ConsultDates(Protocol):
    def weekly(self, weekday: int, at: time, timezone: str, first: date, last: date) -> list[datetime]:
        """Every `weekday` (0 = Monday) at local time `at` with a local date in [first, last], as UTC."""
        ...


class ZoneInfoDates:
    """Local wall-clock time on each matching date, converted with the zone's rules for that date."""

    def weekly(self, weekday: int, at: time, timezone: str, first: date, last: date) -> list[datetime]:
        zone = ZoneInfo(timezone)
        day = first + timedelta(days=(weekday - first.weekday()) % 7)
        starts: list[datetime] = []
        while day <= last:
            starts.append(datetime.combine(day, at, tzinfo=zone).astimezone(UTC))
            day += timedelta(days=7)
        return starts
