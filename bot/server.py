"""Run an ASGI app with uvicorn in a background thread (tests, the demo, the emulator's bot side)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


class ServerThread:
    """uvicorn on a pre-bound socket, so port 0 works and the real port is known before serving."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, **config: Any) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        self._options: dict[str, Any] = {"log_level": "warning", "lifespan": "off", "access_log": False}
        self._options.update(config)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, app: Any, timeout: float = 10.0) -> ServerThread:
        """Serve `app`; the port was bound in the constructor, so `app` could be built knowing its URL."""
        server = uvicorn.Server(uvicorn.Config(app, **self._options))
        self._server = server
        self._thread = threading.Thread(
            target=lambda: server.run(sockets=[self._sock]), name=f"uvicorn-{self.port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("HTTP server did not start")
            time.sleep(0.01)  # polling start-up of our own server, not waiting for domain time
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._sock.close()
