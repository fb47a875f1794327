"""The bot's background jobs: one per key at a time, failures contained, a clean shutdown."""

from __future__ import annotations

import threading

import pytest

from bot.jobs import ThreadJobs


def test_a_key_runs_once_at_a_time_and_is_free_again_when_done() -> None:
    jobs = ThreadJobs(workers=1)
    gate, ran = threading.Event(), list[str]()

    def first() -> None:
        gate.wait(60)  # released below; the bound only keeps a broken test from hanging
        ran.append("first")

    try:
        assert jobs.submit("monitor:u1", first)
        assert not jobs.submit("monitor:u1", lambda: ran.append("duplicate"))
        assert jobs.submit("monitor:u2", lambda: ran.append("other person"))
    finally:
        gate.set()
    jobs.wait_idle()
    assert ran == ["first", "other person"]
    assert jobs.submit("monitor:u1", lambda: ran.append("again"))
    jobs.wait_idle()
    assert ran[-1] == "again"
    jobs.shutdown()


def test_a_failing_job_frees_its_key_and_logs_only_the_type(caplog: pytest.LogCaptureFixture) -> None:
    jobs = ThreadJobs(workers=1)

    def broken() -> None:
        raise ValueError("casus RSD-0001")  # fictional

    assert jobs.submit("k", broken)
    jobs.wait_idle()
    assert "background job failed: ValueError" in caplog.text
    assert "RSD-0001" not in caplog.text
    assert jobs.submit("k", lambda: None)
    jobs.shutdown()


def test_shutdown_waits_for_the_running_job_drops_waiting_ones_and_refuses_new_ones(
    caplog: pytest.LogCaptureFixture,
) -> None:
    jobs = ThreadJobs(workers=1)
    started, ran = threading.Event(), list[str]()

    def running() -> None:
        started.set()
        jobs.closing.wait(60)  # still running when shutdown starts
        ran.append("running")

    assert jobs.submit("a", running)
    assert jobs.submit("b", lambda: ran.append("waiting"))
    started.wait(60)
    stopper = threading.Thread(target=jobs.shutdown)
    stopper.start()
    stopper.join(60)
    assert not stopper.is_alive()
    assert ran == ["running"]
    assert not jobs.submit("c", lambda: ran.append("late"))
    assert "1 background job(s) dropped at shutdown" in caplog.text
    jobs.wait_idle()
