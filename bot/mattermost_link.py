"""Keeps a running Erbij connected to Mattermost: connect, watch, and after a loss retry with backoff.

`erbij serve` must outlive Mattermost. Unreachable at start, or gone later during an upgrade window, Erbij
keeps serving (`/healthz` says `mattermost: unreachable`), holds its outbox instead of burning delivery
attempts, and once Mattermost answers again it registers its slash commands and delivers what waited.
Only mistakes that retrying cannot fix (a refused token, an unknown team) stop `serve` at start.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from bot.mattermost import MattermostError, PermanentError, RateLimited

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Delays between attempts: `first`, doubling up to `cap` seconds (injectable, so tests are fast)."""

    first: float = 1.0
    cap: float = 60.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay
            delay = min(self.cap, delay * 2)


class Connection(Protocol):
    """What the link drives; `bot.serve` adapts the runtime to it."""

    def connect(self) -> None:
        """Identify and register slash commands; raise `MattermostError` when that fails."""

    def alive(self) -> bool: ...

    def on_up(self) -> None: ...

    def on_down(self) -> None: ...


class MattermostLink:
    """A daemon thread that owns the connected/unreachable state.

    Connected: checks `alive()` every `check_seconds`; on failure calls `on_down()` and starts retrying.
    Not connected: calls `connect()` after each backoff delay; on success calls `on_up()`.
    """

    def __init__(
        self,
        connection: Connection,
        *,
        backoff: Backoff | None = None,
        check_seconds: float = 15.0,
        describe: Callable[[MattermostError], str] = str,
    ) -> None:
        self.connection = connection
        self.backoff = backoff or Backoff()
        self.check_seconds = check_seconds
        self.describe = describe
        self.connected = threading.Event()
        self.last_error: str | None = None
        self.attempts = 0  # connection attempts so far (observable, for /healthz readers and tests)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def try_connect(self) -> bool:
        """One attempt; True when connected. A permanent error (bad token, unknown team) is raised."""
        self.attempts += 1
        try:
            self.connection.connect()
        except RateLimited as err:
            self._failed(err)
            return False
        except PermanentError:
            raise
        except MattermostError as err:
            self._failed(err)
            return False
        self.last_error = None
        self.connected.set()
        self.connection.on_up()
        return True

    def _failed(self, err: MattermostError) -> None:
        text = self.describe(err)
        if text != self.last_error:  # one line per change, not one per retry
            log.warning("Mattermost not reachable, Erbij keeps serving and retries: %s", text)
        self.last_error = text

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="erbij-mattermost-link", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.connected.is_set():
                if self._stop.wait(self.check_seconds):
                    return
                if not self._alive():
                    self.connected.clear()
                    log.warning("Mattermost stopped answering; outbox held until it is back")
                    self.connection.on_down()
                continue
            for delay in self.backoff.delays():
                if self._stop.wait(delay):
                    return
                if self._attempt():
                    log.info("Mattermost is reachable again; commands registered, outbox resumed")
                    break

    def _alive(self) -> bool:
        try:
            return self.connection.alive()
        except Exception:  # a check that fails in any way means "not alive", never a dead thread
            return False

    def _attempt(self) -> bool:
        try:
            return self.try_connect()
        except PermanentError as err:
            # Mattermost answers but refuses (e.g. the token was revoked while we were away): keep trying,
            # an admin may fix it without restarting Erbij; the log and /healthz say what is wrong.
            self._failed(err)
            return False
        except Exception as err:  # never let the link thread die
            log.exception("connecting to Mattermost failed unexpectedly")
            self.last_error = type(err).__name__
            return False
