"""The cycle collector is paused while the monitor builds a period's facts, and always comes back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from commands.monitor.gc_pause import cycle_collection_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_back_after() -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), cycle_collection_paused():
        raise RuntimeError("figures failed")
    assert gc.isenabled()


def test_nested_pauses_resume_at_the_outer_end() -> None:
    with cycle_collection_paused():
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer one is still at work
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_in_two_threads() -> None:
    """Thread A pauses, B pauses, A ends first: the collector stays off until B ends too."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def a() -> None:
        with cycle_collection_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with cycle_collection_paused():
            b_in.set()
            a_out.wait(5)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [False]
    assert gc.isenabled()
