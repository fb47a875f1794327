"""The websocket through mattermostdriver's own Websocket class, driven in our own asyncio.run."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import websockets
from mattermostdriver.websocket import Websocket
from websockets.asyncio.client import ClientConnection

from bot.emulator import Emulator, User

WAIT = 5.0


class Listener:
    """Runs DRV's Websocket on a thread and collects every frame it hands to the event handler."""

    def __init__(self, options: dict[str, Any], token: str) -> None:
        self.frames: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        opened: list[ClientConnection] = []

        class Tracked(ClientConnection):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                opened.append(self)

        self._opened = opened
        kw_args = {**options["websocket_kw_args"], "create_connection": Tracked}
        self.socket = Websocket({**options, "websocket_kw_args": kw_args}, token)
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        await self.socket.connect(self._handle)
        # DRV returns as soon as recv() raises, while the closing handshake may still be finishing.
        await asyncio.wait_for(asyncio.gather(*(c.wait_closed() for c in self._opened)), WAIT)

    async def _handle(self, message: str) -> None:
        with self._changed:
            self.frames.append(json.loads(message))
            self._changed.notify_all()

    def start(self) -> Listener:
        self._thread.start()
        return self

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], count: int = 1) -> list[dict[str, Any]]:
        def matching() -> list[dict[str, Any]]:
            return [f for f in self.frames if predicate(f)]

        with self._changed:
            ok = self._changed.wait_for(lambda: len(matching()) >= count, timeout=WAIT)
            assert ok, f"expected {count} matching frames, got {self.frames}"
            return matching()

    def stop(self, emu: Emulator) -> None:
        self.socket.disconnect()
        emu.drop_websockets(1011)
        self._thread.join(timeout=WAIT)
        assert not self._thread.is_alive()


@pytest.fixture
def listen(emu: Emulator) -> Iterator[Callable[..., Listener]]:
    started: list[Listener] = []

    def make(token: str, **options: Any) -> Listener:
        listener = Listener(emu.driver_options(token, **options), token).start()
        started.append(listener)
        return listener

    yield make
    for listener in started:
        listener.stop(emu)


def _event(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda frame: frame.get("event") == name


def test_hello_then_ok_then_posted_with_stringified_post(
    emu: Emulator, bot: tuple[User, str], listen: Callable[..., Listener]
) -> None:
    listener = listen(bot[1])
    hello = listener.wait_for(_event("hello"))[0]
    assert hello["seq"] == 0 and hello["broadcast"]["user_id"] == bot[0].id
    assert len(hello["data"]["connection_id"]) == 26 and hello["data"]["server_version"]
    assert listener.wait_for(lambda f: f.get("seq_reply") == 1)[0] == {"status": "OK", "seq_reply": 1}
    sanne = emu.create_user("sanne.vt")
    dm = emu.direct_channel(bot[0], sanne)
    emu.post(sanne, dm, "Kun jij dit oppakken?")
    posted = listener.wait_for(_event("posted"))[0]
    assert posted["seq"] == 1 and posted["broadcast"]["channel_id"] == dm.id
    data = posted["data"]
    assert isinstance(data["post"], str) and isinstance(data["mentions"], str)
    post = json.loads(data["post"])
    assert post["message"] == "Kun jij dit oppakken?" and post["user_id"] == sanne.id
    assert data["channel_type"] == "D" and data["sender_name"] == "@sanne.vt" and data["team_id"] == ""
    assert json.loads(data["mentions"]) == [bot[0].id]
    emu.posts.update(post["id"], {"message": "Graag vandaag"}, editor_id=sanne.id, patch=True)
    edited = listener.wait_for(_event("post_edited"))[0]
    assert edited["seq"] == 2 and json.loads(edited["data"]["post"])["message"] == "Graag vandaag"


def test_only_members_get_channel_events(
    emu: Emulator, bot: tuple[User, str], listen: Callable[..., Listener]
) -> None:
    sanne = emu.create_user("sanne.vt")
    listener = listen(bot[1])
    listener.wait_for(_event("hello"))
    secret = emu.create_channel("geheim", private=True, members=[sanne])
    emu.post(sanne, secret, "niet voor de bot")
    emu.post(sanne, emu.town_square, "voor iedereen")
    posted = listener.wait_for(_event("posted"))
    assert [json.loads(p["data"]["post"])["message"] for p in posted] == ["voor iedereen"]


def test_post_deleted_reaches_the_channel_members(
    emu: Emulator, bot: tuple[User, str], listen: Callable[..., Listener]
) -> None:
    sanne = emu.create_user("sanne.vt")
    overleg = emu.create_channel("overleg", private=True, members=[bot[0], sanne])
    emu.make_channel_admin(overleg, bot[0])
    listener = listen(bot[1])
    listener.wait_for(_event("hello"))
    post = emu.post(sanne, overleg, "Per ongeluk")
    listener.wait_for(_event("posted"))
    emu.posts.delete(post["id"], bot[0].id)
    deleted = listener.wait_for(_event("post_deleted"))[0]
    assert deleted["broadcast"]["channel_id"] == overleg.id and isinstance(deleted["data"]["post"], str)
    gone = json.loads(deleted["data"]["post"])
    assert gone["id"] == post["id"] and gone["delete_at"] > 0 and "delete_by" not in deleted["data"]


def test_drop_websockets_makes_the_client_reconnect(
    emu: Emulator, bot: tuple[User, str], listen: Callable[..., Listener]
) -> None:
    listener = listen(bot[1], keepalive=True)
    first = listener.wait_for(_event("hello"))[0]
    assert emu.drop_websockets() == 1
    hellos = listener.wait_for(_event("hello"), count=2)
    assert hellos[1]["seq"] == 0 and hellos[1]["data"]["connection_id"] != first["data"]["connection_id"]


def test_header_auth_and_bad_token(emu: Emulator, bot: tuple[User, str]) -> None:
    url = emu.url.replace("http", "ws") + "/api/v4/websocket"

    async def scenario() -> None:
        headers = {"Authorization": f"Bearer {bot[1]}"}
        async with websockets.connect(url, additional_headers=headers, proxy=None) as ws:
            hello = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
            assert hello["event"] == "hello" and hello["seq"] == 0
            await ws.send(json.dumps({"seq": 2, "action": "user_typing", "data": {"channel_id": "x"}}))
            assert json.loads(await asyncio.wait_for(ws.recv(), WAIT)) == {"status": "OK", "seq_reply": 2}
            ask = {"seq": 3, "action": "get_statuses_by_ids", "data": {"user_ids": [bot[0].id]}}
            await ws.send(json.dumps(ask))
            reply = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
            assert reply == {"status": "OK", "seq_reply": 3, "data": {bot[0].id: "online"}}
        async with websockets.connect(url, proxy=None) as ws:
            challenge = {"seq": 1, "action": "authentication_challenge", "data": {"token": "wrong"}}
            await ws.send(json.dumps(challenge))
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(ws.recv(), WAIT)

    asyncio.run(scenario())
