"""One log line per HTTP request, written as the answer starts: method, path (never its query string),
status, duration and what Erbij did (`/erbij help`, `action offer.accept`, `dialog request.new`) for whom.

It replaces uvicorn's access line and the endpoints' own "command … by …" lines: two lines per request cost
more than they told. No case content: the endpoints name only known subcommands, actions and dialogs.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("erbij.requests")
WHAT = "erbij_what"  # key in the ASGI scope's state: what the endpoint did, for this line


def describe(scope_state: Any, what: str) -> None:
    """Called by an endpoint (with `request.state`) to say what the request was, in words safe to log."""
    setattr(scope_state, WHAT, what)


class RequestLog:
    """Pure ASGI middleware (no per-request task or body copy, unlike Starlette's BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        logged = False

        def write(status: int) -> None:
            nonlocal logged
            logged = True
            what = scope.get("state", {}).get(WHAT, "")
            query = "?…" if scope.get("query_string") else ""  # a feed's token travels there: never logged
            log.info(
                "%s %s%s %d %.1f ms%s",
                scope["method"],
                scope["path"],
                query,
                status,
                (time.perf_counter() - started) * 1000,
                f" {what}" if what else "",
            )

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                write(int(message["status"]))  # before the client can see the answer: lines stay in order
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if not logged:
                write(500)  # the app failed before answering
