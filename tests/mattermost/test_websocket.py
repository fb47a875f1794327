"""The websocket listener against a local server: wss with a private CA, reconnects, prompt stop."""

from __future__ import annotations

import asyncio
import queue
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import trustme
from websockets.asyncio.client import connect

from bot.mattermost import WebsocketListener
from bot.mattermost.tls import client_ssl_context, websocket_url
from tests.mattermost.fake_websocket import TOKEN, FakeWebsocketServer, posted_event

WAIT = 10.0  # upper bound for waiting on something that should happen at once


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


class Inbox:
    """Collects events delivered on the listener thread."""

    def __init__(self) -> None:
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()

    def __call__(self, event: dict[str, Any]) -> None:
        self.events.put(event)

    def next(self, name: str) -> dict[str, Any]:
        while True:
            event = self.events.get(timeout=WAIT)
            if event.get("event") == name:
                return event


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@contextmanager
def running(listener: WebsocketListener) -> Iterator[WebsocketListener]:
    listener.start()
    try:
        yield listener
    finally:
        listener.stop()


@pytest.mark.parametrize("trust", ["ca_file", "no_verification"])
def test_wss_receives_decoded_posted_event(
    server_tls: ssl.SSLContext, ca_file: str, inbox: Inbox, trust: str
) -> None:
    verify: bool | str = ca_file if trust == "ca_file" else False
    with (
        FakeWebsocketServer(server_tls) as server,
        running(WebsocketListener(server.url, TOKEN, inbox, verify=verify)) as listener,
    ):
        assert listener.connected.wait(WAIT)
        posted = inbox.next("posted")
    assert posted["data"]["post_obj"]["message"] == "hallo"
    assert posted["data"]["mentions_obj"] == ["botuser"]
    assert isinstance(posted["data"]["post"], str)  # the original string stays as sent
    assert server.challenges[0] == {"seq": 1, "action": "authentication_challenge", "data": {"token": TOKEN}}


def test_wss_refuses_an_untrusted_certificate(server_tls: ssl.SSLContext) -> None:
    async def attempt(url: str) -> None:
        async with connect(url, ssl=client_ssl_context(True), open_timeout=WAIT):
            pass

    with FakeWebsocketServer(server_tls) as server, pytest.raises(ssl.SSLCertVerificationError):
        asyncio.run(attempt(websocket_url(server.url)))


def test_hello_after_ok_also_connects(inbox: Inbox) -> None:
    with (
        FakeWebsocketServer(ok_first=True) as server,
        running(WebsocketListener(server.url, TOKEN, inbox)) as listener,
    ):
        assert listener.connected.wait(WAIT)
        assert inbox.next("posted")["data"]["post_obj"]["id"] == "post1"


def test_reconnects_after_the_server_drops_the_connection(
    server_tls: ssl.SSLContext, ca_file: str, inbox: Inbox
) -> None:
    with FakeWebsocketServer(server_tls) as server:
        listener = WebsocketListener(
            server.url, TOKEN, inbox, verify=ca_file, min_backoff=0.01, max_backoff=0.05
        )
        with running(listener):
            inbox.next("posted")
            server.drop()
            inbox.next("hello")  # only a new connection says hello again
            assert inbox.next("posted")["data"]["post_obj"]["message"] == "hallo"
            assert listener.connected.is_set()
    assert server.connections == 2


def test_a_failing_handler_does_not_stop_the_listener() -> None:
    received: list[str] = []
    second = threading.Event()

    def handler(event: dict[str, Any]) -> None:
        received.append(event["event"])
        if event["event"] == "posted" and event["data"]["post_obj"]["message"] == "boom":
            raise RuntimeError("handler bug")
        if event["data"].get("post_obj", {}).get("message") == "after":
            second.set()

    events = [posted_event("boom", 1), posted_event("after", 2)]
    with (
        FakeWebsocketServer(events=events) as server,
        running(WebsocketListener(server.url, TOKEN, handler)),
    ):
        assert second.wait(WAIT)
    assert received == ["hello", "posted", "posted"]
    assert server.connections == 1


def test_stop_is_prompt_while_connected(inbox: Inbox) -> None:
    with FakeWebsocketServer() as server:
        listener = WebsocketListener(server.url, TOKEN, inbox)
        listener.start()
        assert listener.connected.wait(WAIT)
        started = time.monotonic()
        listener.stop()
        assert time.monotonic() - started < 3.0
        assert not listener.running
        assert not listener.connected.is_set()


def test_stop_is_prompt_during_backoff(inbox: Inbox) -> None:
    waiting = threading.Event()

    def jitter() -> float:
        waiting.set()  # called when the listener computes its (long) backoff delay
        return 0.5

    # A bad token: the server closes without a reply, the listener backs off for a long time.
    with FakeWebsocketServer() as server:
        listener = WebsocketListener(server.url, "wrong", inbox, min_backoff=600.0, jitter=jitter)
        listener.start()
        assert waiting.wait(WAIT)
        started = time.monotonic()
        listener.stop()
        assert time.monotonic() - started < 3.0
        assert not listener.running
        assert not listener.connected.is_set()
        assert server.connections == 1


def test_backoff_grows_to_the_cap_and_resets_after_a_stable_connection() -> None:
    listener = WebsocketListener("http://127.0.0.1:1", TOKEN, lambda event: None, jitter=lambda: 0.5)
    assert [listener._backoff(n) for n in (0, 1, 2, 8, 9, 500)] == [1.0, 2.0, 4.0, 256.0, 300.0, 300.0]
    jittered = WebsocketListener("http://127.0.0.1:1", TOKEN, lambda event: None, jitter=lambda: 0.0)
    assert jittered._backoff(0) == 0.75


def test_websocket_url_keeps_a_subpath() -> None:
    assert websocket_url("https://chat.example.nl/mm/") == "wss://chat.example.nl/mm/api/v4/websocket"
    assert websocket_url("http://127.0.0.1:8065") == "ws://127.0.0.1:8065/api/v4/websocket"
    with pytest.raises(ValueError, match="must be http"):
        websocket_url("chat.example.nl")
