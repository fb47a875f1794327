"""Fails any test that opens a connection to a non-loopback address (tests must stay on this machine)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NonLoopbackConnection(OSError):
    """An OSError, so socket code cleans up as for any failed connect; also recorded in `violations`, so
    code under test that swallows connection errors (retries, health checks) cannot hide it."""


violations: list[str] = []


def is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths are local by definition
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS: refuse


def _check(address: Any) -> None:
    if not is_loopback(address):
        violations.append(repr(address))
        raise NonLoopbackConnection(f"test tried to connect to non-loopback address {address!r}")


def _connect(self: socket.socket, address: Any) -> None:
    _check(address)
    _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check(address)
    return _real_connect_ex(self, address)


def install() -> None:
    # typeshed's socket methods take the address as a union the guard does not need to narrow.
    socket.socket.connect = _connect  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign, assignment]
