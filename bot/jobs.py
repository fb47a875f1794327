"""The bot's background jobs: a small thread pool for work that outlasts a slash command's 30 s."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class ThreadJobs:
    """A bounded pool (few workers: the work is database reads and arithmetic that would otherwise
    compete with the requests people are waiting for), one job per key at a time."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="erbij-job")
        self._lock = threading.Condition()
        self._keys: set[str] = set()
        self._closed = False
        self.closing = threading.Event()  # set once shutdown began and the waiting jobs were dropped

    def submit(self, key: str, job: Callable[[], None]) -> bool:
        with self._lock:
            if self._closed or key in self._keys:
                return False
            self._keys.add(key)
        try:
            self._pool.submit(self._run, key, job)
        except RuntimeError:  # shut down between the check and here
            self._release(key)
            return False
        return True

    def _run(self, key: str, job: Callable[[], None]) -> None:
        try:
            job()
        except Exception as err:
            # Jobs report their own failures to the person; this is the backstop. Only the type: the
            # message of an error can carry case content.
            log.error("background job failed: %s", type(err).__name__)
        finally:
            self._release(key)

    def _release(self, key: str) -> None:
        with self._lock:
            self._keys.discard(key)
            self._lock.notify_all()

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Block until no job waits or runs (the demo and tests deliver the outbox after this)."""
        with self._lock:
            if not self._lock.wait_for(lambda: not self._keys, timeout):
                raise TimeoutError("background jobs still running")

    def shutdown(self) -> None:
        """Refuse new jobs, drop the ones still waiting and wait for the running ones to finish, so none
        of them uses the database after the engine is disposed."""
        with self._lock:
            self._closed = True
            self._pool.shutdown(wait=False, cancel_futures=True)  # drops the waiting ones, now
        self.closing.set()
        self._pool.shutdown(wait=True)
        with self._lock:
            dropped = len(self._keys)
            self._keys.clear()
            self._lock.notify_all()
        if dropped:
            log.warning("%d background job(s) dropped at shutdown", dropped)
