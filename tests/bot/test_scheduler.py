"""APScheduler drives the tick; the tick body is idempotent and database-driven (tested per feature)."""

from __future__ import annotations

import threading

from bot.scheduler import Scheduler
from commands.clock import ManualClock


def test_scheduler_runs_the_tick_and_records_it(clock: ManualClock) -> None:
    ran = threading.Event()
    scheduler = Scheduler(ran.set, clock, tick_seconds=3600)
    scheduler.start()
    try:
        assert ran.wait(timeout=10), "the first tick runs at start, not after the interval"
        assert scheduler.running
    finally:
        scheduler.stop()
    assert scheduler.last_tick_at == clock.now()
    assert not scheduler.running


def test_a_failing_tick_is_recorded_not_fatal(clock: ManualClock) -> None:
    done = threading.Event()

    def tick() -> None:
        done.set()
        raise RuntimeError("database away")

    scheduler = Scheduler(tick, clock, tick_seconds=3600)
    scheduler.start()
    try:
        assert done.wait(timeout=10)
    finally:
        scheduler.stop()
    assert scheduler.last_error == "RuntimeError: database away"
