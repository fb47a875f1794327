"""Fault injection, request counting and the 501 answer for unmodelled routes, as one ASGI middleware.

Faults are chosen per request by method and path (template, concrete path or glob), deterministically
(`times`, `skip`) or with a seeded probability, so flaky-network tests are reproducible.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import json
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .model import ApiError, new_id

FaultKind = Literal["5xx", "5xx_after", "timeout", "429"]
SERVER_VERSION = "9.11.0.9.11.0.emulator.false"


@dataclass
class Fault:
    """One injected failure rule; `fired` counts how often it has struck."""

    method: str
    path: str
    kind: FaultKind
    times: int | None
    probability: float | None
    status: int
    retry_after: int
    skip: int
    processed: bool
    rng: random.Random = field(repr=False)
    seen: int = 0
    fired: int = 0

    def matches(self, method: str, template: str, path: str) -> bool:
        if self.method not in ("*", method):
            return False
        return self.path in ("*", template, path) or fnmatch.fnmatchcase(path, self.path)

    def strike(self) -> bool:
        self.seen += 1
        if self.seen <= self.skip or (self.times is not None and self.fired >= self.times):
            return False
        if self.probability is not None and self.rng.random() >= self.probability:
            return False
        self.fired += 1
        return True


class Faults:
    """The fault rules of one emulator; `hold_seconds` is how long a 'timeout' keeps its response."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Fault] = []
        self.hold_seconds = 2.0
        self.log: list[tuple[str, str, str]] = []
        self._release: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def add(
        self,
        *,
        method: str = "*",
        path: str = "*",
        kind: FaultKind = "5xx",
        times: int | None = None,
        probability: float | None = None,
        seed: int | None = 0,
        status: int = 500,
        retry_after: int = 1,
        skip: int = 0,
        processed: bool | None = None,
    ) -> Fault:
        """Add a rule. `times` defaults to 1, or unlimited with a `probability`. `processed` says whether
        the request still takes effect (default: yes for 'timeout' and '5xx_after', the lost-answer cases)."""
        if kind not in ("5xx", "5xx_after", "timeout", "429"):
            raise ValueError(f"unknown fault kind {kind!r}")
        if kind == "5xx_after":
            kind, processed = "5xx", True if processed is None else processed
        if times is None and probability is None:
            times = 1
        fault = Fault(
            method.upper(),
            path,
            kind,
            times,
            probability,
            status,
            retry_after,
            skip,
            kind == "timeout" if processed is None else processed,
            random.Random(seed),
        )
        with self._lock:
            self._rules.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def pick(self, method: str, template: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._rules:
                if fault.matches(method, template, path) and fault.strike():
                    self.log.append((method, path, fault.kind))
                    return fault
        return None

    async def hold(self) -> None:
        """Wait `hold_seconds`, or less if the emulator stops meanwhile."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._loop is not loop:  # first hold, or the emulator was restarted on a new loop
                self._release, self._loop = asyncio.Event(), loop
            release = self._release
        assert release is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(release.wait(), self.hold_seconds)

    def release_all(self) -> None:
        """Let every held response go at once (called on stop so shutdown does not wait)."""
        with self._lock:
            release, loop, self._release, self._loop = self._release, self._loop, None, None
        if release is not None and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(release.set)


class Traffic:
    """Counts requests per (method, template) and per (method, path), and records unmodelled ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_template: Counter[tuple[str, str]] = Counter()
        self.by_path: Counter[tuple[str, str]] = Counter()
        self.unmodelled: list[tuple[str, str]] = []

    def record(self, method: str, template: str | None, path: str) -> None:
        with self._lock:
            self.by_path[(method, path)] += 1
            if template is None:
                self.unmodelled.append((method, path))
            else:
                self.by_template[(method, template)] += 1

    def count(self, method: str, path: str) -> int:
        with self._lock:
            key = (method.upper(), path)
            return self.by_template[key] if key in self.by_template else self.by_path[key]


async def _send_json(send: Send, status: int, body: dict[str, object]) -> None:
    await _send_raw(send, status, json.dumps(body).encode(), b"application/json", [])


async def _send_raw(
    send: Send, status: int, body: bytes, content_type: bytes, extra: list[tuple[bytes, bytes]]
) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gate:
    """Outermost middleware: resolves the route template, counts, answers 501 or injects a fault."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute], faults: Faults, traffic: Traffic) -> None:
        self.app = app
        self.routes = routes
        self.faults = faults
        self.traffic = traffic

    def template(self, scope: Scope) -> str | None:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return str(getattr(route, "path", ""))
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        path = scope["path"]
        template = self.template(scope)
        self.traffic.record(method, template, path)
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        send = _with_server_headers(send)
        if template is None:
            error = ApiError(
                501, "api.emulator.not_modelled.app_error", f"The emulator does not model {method} {path}"
            )
            await _send_json(send, 501, error.body(new_id()))
            return
        fault = self.faults.pick(method, template, path)
        if fault is None:
            await self.app(scope, receive, send)
            return
        await self._inject(fault, scope, receive, send)

    async def _inject(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        held: list[Message] = []

        async def keep(message: Message) -> None:
            held.append(message)

        if fault.processed:
            await self.app(scope, receive, keep)
        if fault.kind == "429":
            wait = str(fault.retry_after).encode()
            extra = [
                (b"x-ratelimit-limit", b"10"),
                (b"x-ratelimit-remaining", b"0"),
                (b"x-ratelimit-reset", wait),
                (b"retry-after", wait),
            ]
            # Go's http.Error: plain text, newline-terminated, not the JSON AppError shape.
            await _send_raw(send, 429, b"limit exceeded\n", b"text/plain; charset=utf-8", extra)
        elif fault.kind == "5xx":
            error = ApiError(fault.status, "api.emulator.injected_fault.app_error", "Injected server error.")
            await _send_json(send, fault.status, error.body(new_id()))
        else:
            await self.faults.hold()
            try:
                if held:
                    for message in held:
                        await send(message)
                else:
                    error = ApiError(504, "api.emulator.injected_timeout.app_error", "Injected timeout.")
                    await _send_json(send, 504, error.body(new_id()))
            except (OSError, RuntimeError):
                pass  # the client gave up long ago, which is the point of this fault


def _with_server_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers += [(b"x-request-id", new_id().encode()), (b"x-version-id", SERVER_VERSION.encode())]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
