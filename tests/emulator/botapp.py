"""A tiny stand-in for the bot: records what the emulator sends and answers what the test tells it to."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

Responder = Callable[["Received"], Awaitable[Response]]


@dataclass
class Received:
    """One request as the bot saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    query: str
    form: dict[str, list[str]] = field(default_factory=dict)
    json: Any = None


async def _empty_ok(received: Received) -> Response:
    return JSONResponse({})


class BotApp:
    """Serves /command, /action and /dialog on 127.0.0.1:0; `responder` decides every answer."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.responder: Responder = _empty_ok
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def reset(self) -> None:
        self.received = []
        self.responder = _empty_ok

    async def _handle(self, request: Request) -> Response:
        body = await request.body()
        received = Received(
            request.method, request.url.path, dict(request.headers), body, request.url.query or ""
        )
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            received.form = parse_qs(body.decode(), keep_blank_values=True)
        elif request.method == "GET":
            received.form = parse_qs(received.query, keep_blank_values=True)
        elif body:
            received.json = json.loads(body)
        self.received.append(received)
        return await self.responder(received)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> BotApp:
        routes = [Route(p, self._handle, methods=["GET", "POST"]) for p in ("/command", "/action", "/dialog")]
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(Starlette(routes=routes), log_level="warning", lifespan="off", ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        while not self._server.started:
            assert self._thread.is_alive(), "bot app failed to start"
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
