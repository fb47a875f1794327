"""The suite's guard: a test that reaches for a non-loopback address fails before a packet leaves."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.support import network_guard
from tests.support.network_guard import NonLoopbackConnection, is_loopback


@pytest.mark.parametrize(
    "address", [("10.0.0.1", 80), ("192.168.1.10", 443), ("8.8.8.8", 53), ("chat.example.nl", 443)]
)
def test_non_loopback_connections_are_refused(address: tuple[str, int]) -> None:
    with socket.socket() as sock, pytest.raises(NonLoopbackConnection):
        sock.connect(address)
    assert network_guard.violations == [repr(address)]
    network_guard.violations.clear()  # this test meant to do it


def test_http_clients_are_stopped_even_when_they_wrap_the_error() -> None:
    with pytest.raises(httpx.ConnectError):
        httpx.get("http://10.1.2.3:9/", timeout=1)
    assert network_guard.violations == ["('10.1.2.3', 9)"]
    network_guard.violations.clear()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.4.5", "::1", "localhost"])
def test_loopback_is_allowed(host: str) -> None:
    assert is_loopback((host, 80))
