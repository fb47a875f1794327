"""`erbij serve`: check the database, start serving, and stay connected to Mattermost for as long as it runs.

The database must be right before anything starts (a wrong URL or schema is an admin's mistake, told in one
message). Mattermost may come and go: `MattermostLink` retries with backoff while Erbij serves `/healthz`
and holds its outbox; a refused token or an unknown team at start is an admin's mistake again.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import uvicorn

from bot.access_log import uvicorn_log_config
from bot.cli_support import CliError, mattermost_problem, open_database
from bot.composition import Runtime, build_runtime
from bot.mattermost import PermanentError
from bot.mattermost_link import Backoff, MattermostLink
from bot.monthly_report import ChildProcessMonthlyReport
from bot.settings import Settings
from commands.catalogue import t
from commands.clock import Clock
from commands.monitor.wiring import TICK as MONTHLY_REPORT

log = logging.getLogger(__name__)


class RuntimeConnection:
    """The runtime as the link sees it: connect = identify + register commands; up/down = outbox on/off."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._listening = False

    def connect(self) -> None:
        me = self.runtime.adapter.me()
        self.runtime.register_commands()
        tokens = len(self.runtime.command_tokens)
        log.info("Erbij runs as @%s; %d slash command token(s) active", me.username, tokens)

    def alive(self) -> bool:
        return self.runtime.adapter.ping()

    def on_up(self) -> None:
        self.runtime.worker.resume()
        if not self._listening and self.runtime.listener is not None:
            self._listening = True
            self.runtime.start_listening()  # reconnects by itself from here on

    def on_down(self) -> None:
        self.runtime.worker.pause()


class Service:
    """Erbij's background parts and its Mattermost link around one runtime; `run` adds the HTTP server."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        backoff: Backoff | None = None,
        check_seconds: float = 15.0,
    ) -> None:
        self.settings = settings
        self.runtime = build_runtime(settings, clock=clock, engine=open_database(settings.database_url))
        # The monthly report's building would leave tens of megabytes resident in the server for a month.
        self.runtime.erbij.router.ticks[MONTHLY_REPORT] = ChildProcessMonthlyReport(
            settings.database_url, self.runtime.worker.wake
        )
        self.link = MattermostLink(
            RuntimeConnection(self.runtime),
            backoff=backoff,
            check_seconds=check_seconds,
            describe=lambda err: mattermost_problem(err, settings),
        )
        self.runtime.mattermost_state = lambda: "ok" if self.link.connected.is_set() else "unreachable"

    @property
    def app(self) -> Any:
        return self.runtime.app

    def start(self) -> None:
        """Try Mattermost once, start the background parts, then let the link keep trying or watching."""
        self.runtime.worker.pause()  # until Mattermost answers: waiting costs no delivery attempts
        try:
            up = self.link.try_connect()
        except PermanentError as err:
            self.runtime.stop()
            raise CliError(mattermost_problem(err, self.settings)) from None
        if up and not self.runtime.command_tokens:
            self.runtime.stop()
            raise CliError(t("admin.serve.no_tokens"))
        self.runtime.start_background(websocket=False)  # the link starts the websocket once connected
        self.link.start()

    def stop(self) -> None:
        self.link.stop()
        self.runtime.stop()


def listen(settings: Settings) -> socket.socket:
    """The listening socket, bound before anything else starts: a taken port is an admin's mistake."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on sockets that say they are TCP (the accepted
    # ones copy it from here). Without it every answer's body waited for the client's delayed ACK of its
    # headers: about 40 ms per request on a kept-alive connection, whatever Erbij did.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((settings.host, settings.port))
    except OSError as err:
        sock.close()
        raise CliError(
            t("admin.serve.port", host=settings.host, port=settings.port, reason=err.strerror or err)
        ) from None
    return sock


def run(settings: Settings) -> None:
    sock = listen(settings)
    try:
        service = Service(settings)
        service.start()
    except BaseException:
        sock.close()
        raise
    try:
        # access_log off: bot.request_log writes the one line per request.
        config = uvicorn.Config(
            service.app, log_level="info", log_config=uvicorn_log_config(), access_log=False
        )
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        service.stop()
        sock.close()
