"""The /api/v4/websocket endpoint: token auth (header or challenge), hello, and per-connection event seq."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from dataclasses import dataclass, field

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .faults import SERVER_VERSION
from .model import JSON, Event, new_id
from .state import State
from .web import backend, token_of

AUTH_TIMEOUT_S = 5.0


@dataclass(eq=False)
class _Conn:
    user_id: str
    socket: WebSocket
    queue: asyncio.Queue[Event | JSON | None] = field(default_factory=asyncio.Queue)
    seq: int = 0


class Hub:
    """Routes events to open connections; `publish` may be called from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conns: set[_Conn] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    def publish(self, event: Event) -> None:
        with self._lock:
            targets = [c for c in self._conns if c.user_id in event.recipients]
            loop = self._loop
        if loop is None or loop.is_closed():
            return
        for conn in targets:
            loop.call_soon_threadsafe(conn.queue.put_nowait, event)

    def drop_all(self, code: int = 1011) -> int:
        """Close every socket (the clients see the server go away), returning how many there were."""
        with self._lock:
            conns, loop = list(self._conns), self._loop
        if loop is None or loop.is_closed():
            return 0
        for conn in conns:
            asyncio.run_coroutine_threadsafe(_close(conn, code), loop)
        return len(conns)

    async def endpoint(self, websocket: WebSocket) -> None:
        self._loop = asyncio.get_running_loop()
        state = backend(websocket).state
        await websocket.accept()
        token = token_of(websocket.headers, websocket.cookies, websocket.query_params)
        first_reply: JSON | None = None
        if not token:
            try:
                message = json.loads(await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S))
            except (TimeoutError, ValueError, WebSocketDisconnect):
                await _close_quietly(websocket)
                return
            if message.get("action") == "authentication_challenge":
                token = str((message.get("data") or {}).get("token", ""))
                first_reply = {"status": "OK", "seq_reply": message.get("seq", 0)}
        user = state.user_for_token(token)
        if user is None:
            # Mattermost closes without a reply on a bad token.
            await _close_quietly(websocket)
            return
        conn = _Conn(user.id, websocket)
        hello = {"server_version": SERVER_VERSION, "connection_id": new_id()}
        conn.queue.put_nowait(Event("hello", hello, frozenset({user.id}), user_id=user.id))
        if first_reply is not None:
            conn.queue.put_nowait(first_reply)
        with self._lock:
            self._conns.add(conn)
        writer = asyncio.create_task(self._write(conn))
        try:
            await self._read(conn, state)
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.queue.put_nowait(None)
            await writer

    async def _read(self, conn: _Conn, state: State) -> None:
        while True:
            try:
                raw = await conn.socket.receive_text()
            except (WebSocketDisconnect, RuntimeError):
                return
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            seq = message.get("seq", 0) if isinstance(message, dict) else 0
            if not isinstance(seq, int) or seq <= 0:
                error = {"id": "api.web_socket_router.bad_seq.app_error", "message": "Invalid sequence."}
                conn.queue.put_nowait({"status": "FAIL", "seq_reply": seq, "error": error})
            else:
                conn.queue.put_nowait(_reply(state, message, seq))

    async def _write(self, conn: _Conn) -> None:
        while True:
            item = await conn.queue.get()
            if item is None:
                return
            if isinstance(item, Event):
                frame = item.frame(conn.seq)
                conn.seq += 1
            else:
                frame = item
            try:
                await conn.socket.send_text(json.dumps(frame))
            except (WebSocketDisconnect, RuntimeError, OSError):
                return


def _reply(state: State, message: JSON, seq: int) -> JSON:
    """Answer a client action; get_statuses(_by_ids) carry data, the rest (e.g. user_typing) only OK."""
    action = message.get("action")
    if action in ("get_statuses", "get_statuses_by_ids"):
        wanted = (message.get("data") or {}).get("user_ids") if action == "get_statuses_by_ids" else None
        with state.lock:
            data = {u: s["status"] for u, s in state.statuses.items() if wanted is None or u in wanted}
        return {"status": "OK", "seq_reply": seq, "data": data}
    return {"status": "OK", "seq_reply": seq}


async def _close(conn: _Conn, code: int) -> None:
    await _close_quietly(conn.socket, code)


async def _close_quietly(websocket: WebSocket, code: int = 1000) -> None:
    with contextlib.suppress(RuntimeError, OSError):
        await websocket.close(code)


def route(hub: Hub) -> WebSocketRoute:
    return WebSocketRoute("/api/v4/websocket", hub.endpoint)
