"""A websocket listener for Mattermost events that survives disconnects and stops promptly.

It speaks the authentication challenge itself instead of using mattermostdriver's `Websocket`: that class
builds a server-side TLS context (every wss:// connect fails), reconnects forever even after a normal
close, cannot be stopped while waiting, and logs an error for the OK reply of a successful challenge.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from bot.mattermost.events import decode_frame, is_event
from bot.mattermost.tls import client_ssl_context, websocket_url

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any]], None]

# Posts with attachments can be large; the websockets default (1 MiB) would close the socket with 1009.
_MAX_FRAME = 16 * 1024 * 1024
_CHALLENGE_SEQ = 1


class WebsocketListener:
    """Receives Mattermost websocket events in a daemon thread and hands each to `on_event`.

    Every event frame (including `hello`, sent after each (re)connect: events may have been lost, so
    resync over REST) reaches `on_event` as a dict, with string-encoded fields decoded as `<field>_obj`
    (see `events.decode_frame`). `on_event` runs on the listener thread: keep it quick, hand work off.
    An exception in it is logged and the listener carries on.

    After a disconnect it reconnects with exponential backoff from `min_backoff` to `max_backoff` seconds
    (±25 % jitter); the backoff starts over once a connection has stayed up for `stable_after` seconds.
    """

    def __init__(
        self,
        url: str,
        token: str,
        on_event: EventHandler,
        verify: bool | str = True,
        min_backoff: float = 1.0,
        max_backoff: float = 300.0,
        *,
        stable_after: float = 60.0,
        open_timeout: float = 10.0,
        jitter: Callable[[], float] = random.random,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = websocket_url(url)
        self.connected = threading.Event()
        self._token = token
        self._on_event = on_event
        self._ssl = client_ssl_context(verify) if self.url.startswith("wss://") else None
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._stable_after = stable_after
        self._open_timeout = open_timeout
        self._jitter = jitter
        self._monotonic = monotonic
        self._stop_requested = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._hello_at: float | None = None

    # --- control (any thread) --------------------------------------------------------------------------

    def start(self) -> None:
        """Connect in a new daemon thread running its own event loop."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("listener already running")
        self._stop_requested.clear()
        self._thread = threading.Thread(target=self._run, name="mattermost-websocket", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the socket, end any backoff wait, and join the thread."""
        self._stop_requested.set()
        loop, task = self._loop, self._task
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already finished
                loop.call_soon_threadsafe(task.cancel)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("Mattermost websocket thread did not stop within %.1f s", timeout)
        self.connected.clear()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the listener thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        # Checked after publishing the task, so a stop() racing with start() is never missed.
        if self._stop_requested.is_set():
            return
        try:
            await self._reconnect_forever()
        except asyncio.CancelledError:
            pass  # stop() is the only canceller
        finally:
            self.connected.clear()
            self._loop = self._task = None

    async def _reconnect_forever(self) -> None:
        failures = 0
        while not self._stop_requested.is_set():
            self._hello_at = None
            try:
                await self._session()
                reason = "closed by the server"
            except Exception as exc:  # any protocol or handshake failure: reconnect, never die
                reason = f"{type(exc).__name__}: {exc}"
            self.connected.clear()
            if self._hello_at is None:
                reason += " (before authentication: check the URL and the bot token)"
            elif self._monotonic() - self._hello_at >= self._stable_after:
                failures = 0
            delay = self._backoff(failures)
            failures += 1
            log.warning("Mattermost websocket %s; reconnecting in %.1f s", reason, delay)
            await asyncio.sleep(delay)

    def _backoff(self, failures: int) -> float:
        base = min(self._max_backoff, self._min_backoff * 2.0 ** min(failures, 32))
        return min(self._max_backoff, base * (0.75 + 0.5 * self._jitter()))

    async def _session(self) -> None:
        """One connection: authenticate, then deliver frames until the socket closes."""
        async with connect(
            self.url,
            ssl=self._ssl,
            open_timeout=self._open_timeout,
            close_timeout=2.0,
            max_size=_MAX_FRAME,
        ) as ws:
            await self._authenticate(ws)
            async for raw in ws:
                frame = decode_frame(raw)
                if frame is None:
                    continue
                if frame.get("event") == "hello":
                    self._hello_at = self._monotonic()
                    self.connected.set()
                    log.info("Mattermost websocket connected (%s)", self.url)
                if frame.get("seq_reply") == _CHALLENGE_SEQ and frame.get("status") != "OK":
                    log.error("Mattermost rejected the websocket authentication: %s", frame.get("error"))
                    return
                if is_event(frame):
                    self._deliver(frame)

    async def _authenticate(self, ws: ClientConnection) -> None:
        # Mattermost answers with `hello` (possibly before the OK reply) or, for a bad token, closes.
        challenge = {
            "seq": _CHALLENGE_SEQ,
            "action": "authentication_challenge",
            "data": {"token": self._token},
        }
        await ws.send(json.dumps(challenge))

    def _deliver(self, frame: dict[str, Any]) -> None:
        try:
            self._on_event(frame)
        except Exception:
            log.exception("Mattermost websocket event handler failed on a %r event", frame.get("event"))
