"""A local Mattermost websocket endpoint (ws:// or wss://) speaking the authentication challenge."""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

TOKEN = "bot-token"


def posted_event(message: str, seq: int) -> dict[str, Any]:
    """A `posted` event as Mattermost sends it: `data.post` and `data.mentions` are JSON strings."""
    post = {"id": f"post{seq}", "channel_id": "chan1", "user_id": "user1", "message": message, "type": ""}
    data = {
        "post": json.dumps(post),
        "mentions": json.dumps(["botuser"]),
        "channel_type": "D",
        "sender_name": "@sanne",
        "team_id": "",
    }
    return {"event": "posted", "data": data, "broadcast": {"channel_id": "chan1"}, "seq": seq}


class FakeWebsocketServer:
    """Runs in its own thread; after a good challenge sends hello (seq 0), OK, then `events`.

    `drop()` aborts every open connection (no close frame), like a server or proxy going away.
    """

    def __init__(
        self,
        ssl_context: ssl.SSLContext | None = None,
        events: list[dict[str, Any]] | None = None,
        ok_first: bool = False,
    ) -> None:
        self.ssl_context = ssl_context
        self.events = events if events is not None else [posted_event("hallo", 1)]
        self.ok_first = ok_first
        self.connections = 0
        self.challenges: list[dict[str, Any]] = []
        self.port = 0
        self._open: set[ServerConnection] = set()
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._done: asyncio.Event | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeWebsocketServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("websocket server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None and self._done is not None
        self._loop.call_soon_threadsafe(self._done.set)
        self._thread.join(10)

    def drop(self) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._abort_all)

    def _abort_all(self) -> None:
        for connection in list(self._open):
            connection.transport.abort()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._done = asyncio.Event()
        async with serve(self._handle, "127.0.0.1", 0, ssl=self.ssl_context) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._done.wait()

    async def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        self._open.add(ws)
        try:
            challenge = json.loads(await ws.recv())
            self.challenges.append(challenge)
            if challenge.get("data", {}).get("token") != TOKEN:
                return  # Mattermost closes the socket without a reply on a bad token
            hello = {"event": "hello", "data": {"server_version": "10.0.0"}, "broadcast": {}, "seq": 0}
            ok = {"status": "OK", "seq_reply": challenge["seq"]}
            for frame in [ok, hello] if self.ok_first else [hello, ok]:
                await ws.send(json.dumps(frame))
            for event in self.events:
                await ws.send(json.dumps(event))
            await ws.wait_closed()
        finally:
            self._open.discard(ws)
