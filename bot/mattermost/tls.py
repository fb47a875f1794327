"""TLS and URL helpers for the websocket, done right where mattermostdriver 7.3.2 gets them wrong."""

from __future__ import annotations

import os
import ssl
from urllib.parse import urlsplit, urlunsplit


def client_ssl_context(verify: bool | str) -> ssl.SSLContext:
    """A *client* context (`Purpose.SERVER_AUTH`; the driver builds a server one, which cannot connect).

    `verify` is True (system trust store), False (no verification at all) or a CA bundle file or
    directory, like `requests`' `verify`.
    """
    if isinstance(verify, str):
        if os.path.isdir(verify):
            context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, capath=verify)
        else:
            context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=verify)
    else:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    if verify is False:
        # check_hostname must be off before verify_mode may become CERT_NONE.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def websocket_url(url: str) -> str:
    """`https://chat.example.nl/mm` → `wss://chat.example.nl/mm/api/v4/websocket`."""
    parts = urlsplit(url)
    schemes = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}
    if parts.scheme not in schemes or not parts.netloc:
        raise ValueError(f"Mattermost URL must be http(s)://host[:port][/path], got {url!r}")
    path = parts.path.rstrip("/") + "/api/v4/websocket"
    return urlunsplit((schemes[parts.scheme], parts.netloc, path, "", ""))
