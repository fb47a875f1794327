"""The cadence: APScheduler runs short, idempotent ticks; *what* is due lives in the database and `commands`.

This is the only module importing APScheduler.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler

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
