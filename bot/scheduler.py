"""The cadence: APScheduler runs short, idempotent ticks; *what* is due lives in the database and `commands`.

This is the only module importing APScheduler: the tick, and consult dates from its `CronTrigger`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from commands.clock import Clock

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, tick: Callable[[], object], clock: Clock, tick_seconds: float = 30.0) -> None:
        self._tick = tick
        self._clock = clock
        self._tick_seconds = tick_seconds
        self._scheduler = BackgroundScheduler(timezone="UTC")
        self._lock = threading.Lock()
        self.last_tick_at: datetime | None = None
        self.last_error: str | None = None

    def _run_tick(self) -> None:
        try:
            self._tick()
            self.last_error = None
        except Exception as err:  # the next tick retries; the error is visible in /healthz
            log.exception("scheduler tick failed")
            self.last_error = f"{type(err).__name__}: {err}"
        with self._lock:
            self.last_tick_at = self._clock.now()

    def start(self) -> None:
        # coalesce + one instance: a slow or missed tick is caught up once, never run twice at the same time.
        self._scheduler.add_job(
            self._run_tick,
            "interval",
            seconds=self._tick_seconds,
            id="erbij-tick",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(self._scheduler.timezone),
        )
        self._scheduler.start()

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)


DAY_NAMES = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
)  # APScheduler 3 names avoid its 0 = Monday quirk


class CronConsultDates:
    """The `ConsultDates` port of `commands.consults.dates`, with APScheduler's `CronTrigger`.

    The trigger fires at local wall-clock time in the team's zone, so a Monday 10:00 consult stays at
    10:00 across the change to and from summer time.
    """

    def weekly(self, weekday: int, at: time, timezone: str, first: date, last: date) -> list[datetime]:
        zone = ZoneInfo(timezone)
        trigger = CronTrigger(
            day_of_week=DAY_NAMES[weekday], hour=at.hour, minute=at.minute, second=0, timezone=zone
        )
        cursor = datetime.combine(first, time(0, 0), tzinfo=zone)
        starts: list[datetime] = []
        previous: datetime | None = None
        while True:
            fire = trigger.get_next_fire_time(previous, cursor)
            if fire is None or fire.astimezone(zone).date() > last:
                return starts
            starts.append(fire.astimezone(UTC))
            previous, cursor = fire, fire + timedelta(seconds=1)
