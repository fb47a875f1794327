"""Python's cycle collector paused while a period's facts are read and turned into figures.

A region's quarter is a few hundred thousand small tuples that all live until the figures are done. While they
are being built, the cycle collector runs a full collection each time the heap has grown by a quarter, and
every full collection walks all of them again: about a third of the monitor's time went there. None of these
objects take part in a reference cycle, so reference counting frees them all without the collector.

The collector is process-wide: while it is paused, other threads' cycles wait too (they are freed at the next
collection after it resumes, a second or so later). Pauses nest and overlap across threads; the collector
resumes when the last one ends, and stays off if it was off before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
