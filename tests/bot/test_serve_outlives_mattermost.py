"""`erbij serve` outlives Mattermost: unreachable at start or later, it keeps serving and retrying; when
Mattermost is back it registers its commands and delivers the outbox that waited (without spending delivery
attempts on the outage). The emulator is really stopped and started on the same port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.emulator import Emulator
from bot.mattermost_link import Backoff
from bot.serve import Service
from bot.server import ServerThread
from bot.settings import Settings
from commands.clock import ManualClock
from commands.outbox import OutgoingMessage, Recipient
from commands.replies import Message

FAST = Backoff(first=0.02, cap=0.1)


def eventually(condition: Callable[[], Any], what: str, timeout: float = 15.0) -> Any:
    """Poll an observable condition (bounded); the backoff is injected small, so this is quick."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s: {what}")


class Running:
    def __init__(self, emulator: Emulator, service: Service, server: ServerThread) -> None:
        self.emulator = emulator
        self.service = service
        self.server = server

    def health(self) -> dict[str, Any]:
        body: dict[str, Any] = httpx.get(f"{self.server.url}/healthz", timeout=5).json()
        return body

    def queue(self, key: str, user_id: str, text: str) -> None:
        runtime = self.service.runtime
        with runtime.uow() as uow:
            uow.outbox.add(OutgoingMessage(key, Recipient.user(user_id), Message(text)), runtime.clock.now())
            uow.commit()
        runtime.worker.wake()

    def outbox(self) -> tuple[int, int]:
        stats = self.service.runtime.queue.stats(self.service.runtime.clock.now())
        return stats.pending, stats.failed


@pytest.fixture
def down_at_start(database_url: str, clock: ManualClock) -> Iterator[Running]:
    emulator = Emulator(team_name="jeugdregio", clock=clock).start()
    _, token = emulator.create_bot("erbij")
    emulator.create_user("sanne.devries")
    emulator.stop()  # the port stays reserved for this emulator: it comes back on the same URL
    server = ServerThread()
    settings = Settings(
        database_url=database_url,
        mattermost_url=emulator.url,  # type: ignore[arg-type]
        mattermost_token=token,  # type: ignore[arg-type]
        mattermost_team="jeugdregio",
        public_url=server.url,  # type: ignore[arg-type]
        secret="a-secret-long-enough",  # type: ignore[arg-type]
    )
    service = Service(settings, clock=clock, backoff=FAST, check_seconds=0.05)
    service.start()
    server.start(service.app)
    try:
        yield Running(emulator, service, server)
    finally:
        server.stop()
        service.stop()
        emulator.stop()


def test_serve_starts_without_mattermost_and_catches_up_when_it_comes(down_at_start: Running) -> None:
    running = down_at_start
    emulator = running.emulator
    sanne = emulator.user("sanne.devries")

    assert running.health()["mattermost"] == "unreachable"
    running.queue("test:eerste", sanne.id, "Dit bericht wachtte op Mattermost.")
    attempts = running.service.link.attempts
    eventually(lambda: running.service.link.attempts >= attempts + 3, "three more connection attempts")
    assert running.outbox() == (1, 0)  # held, not failed
    assert emulator.commands() == []

    emulator.start()
    eventually(lambda: running.service.link.connected.is_set(), "connected after Mattermost came back")
    triggers = {command["trigger"] for command in emulator.commands()}
    assert {"erbij", "kaart", "overleg", "beschikbaar"} <= triggers
    delivered = eventually(lambda: emulator.dm_posts(sanne), "the held message delivered")
    assert [post["message"] for post in delivered] == ["Dit bericht wachtte op Mattermost."]
    eventually(lambda: running.outbox() == (0, 0), "recorded as sent")
    assert running.health()["mattermost"] == "ok"


def test_serve_survives_mattermost_going_away_later(down_at_start: Running) -> None:
    running = down_at_start
    emulator = running.emulator
    sanne = emulator.user("sanne.devries")
    emulator.start()
    eventually(lambda: running.service.link.connected.is_set(), "connected")

    emulator.stop()
    eventually(lambda: running.service.runtime.worker.paused, "outbox held after Mattermost went away")
    assert running.health()["mattermost"] == "unreachable"
    assert running.health()["database"] == "ok"
    running.queue("test:tijdens-storing", sanne.id, "Verstuurd na de storing.")
    attempts = running.service.link.attempts
    eventually(lambda: running.service.link.attempts >= attempts + 3, "retrying with backoff")
    assert running.outbox() == (1, 0)

    emulator.start()
    delivered = eventually(lambda: emulator.dm_posts(sanne), "delivered after Mattermost came back")
    assert [post["message"] for post in delivered] == ["Verstuurd na de storing."]
    eventually(lambda: running.outbox() == (0, 0), "recorded as sent")
    assert not running.service.runtime.worker.paused


def test_backoff_doubles_up_to_its_cap() -> None:
    delays = Backoff(first=1.0, cap=10.0).delays()
    assert [next(delays) for _ in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]


def test_the_installed_erbij_serve_process_waits_for_mattermost_and_stops_cleanly(
    database_url: str, tmp_path: Path
) -> None:
    """What the service manager runs: `erbij serve` as a process, Mattermost down at first, then up."""
    emulator = Emulator(team_name="jeugdregio").start()
    _, token = emulator.create_bot("erbij")
    emulator.stop()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ERBIJ_")}
    env.update(
        ERBIJ_DATABASE_URL=database_url,
        ERBIJ_MATTERMOST_URL=emulator.url,
        ERBIJ_MATTERMOST_TOKEN=token,
        ERBIJ_MATTERMOST_TEAM="jeugdregio",
        ERBIJ_PUBLIC_URL=f"http://127.0.0.1:{port}",
        ERBIJ_PORT=str(port),
        ERBIJ_SECRET="a-secret-long-enough",
    )
    script = Path(sys.executable).with_name("erbij")
    process = subprocess.Popen(
        [str(script), "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:

        def health() -> dict[str, Any] | None:
            try:
                body: dict[str, Any] = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).json()
            except httpx.HTTPError:
                return None
            return body

        # A fresh process imports everything first; on a loaded machine that alone can take many seconds.
        assert eventually(health, "erbij serve answers /healthz", timeout=120)["mattermost"] == "unreachable"
        assert process.poll() is None  # still running, not a restart loop
        emulator.start()
        eventually(lambda: emulator.commands(), "commands registered once Mattermost is back", timeout=60)
        eventually(lambda: (health() or {}).get("mattermost") == "ok", "healthz says ok", timeout=60)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        # uvicorn shuts down gracefully, then lets SIGTERM end the process as the signal's default would
        # (what systemd counts as a clean stop).
        assert process.returncode in (0, -signal.SIGTERM)
        assert "Finished server process" in output
        assert "Traceback" not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        emulator.stop()


def test_healthz_answers_at_once_while_mattermost_swallows_requests(down_at_start: Running) -> None:
    """A Mattermost host that accepts but never answers must not make /healthz hang (a monitor would
    time out and call Erbij down); the link notices on its own and /healthz then says unreachable."""
    running = down_at_start
    emulator = running.emulator
    emulator.start()
    eventually(lambda: running.service.link.connected.is_set(), "connected")
    emulator.faults.hold_seconds = 60
    emulator.faults.add(path="/api/v4/*", kind="timeout", probability=1.0)  # every call hangs
    started = time.monotonic()
    assert running.health()["mattermost"] == "ok"  # httpx would raise after its 5 s timeout
    assert time.monotonic() - started < 5
    eventually(lambda: running.health()["mattermost"] == "unreachable", "the link noticed", timeout=60)
    emulator.faults.clear()
    emulator.faults.release_all()
    eventually(lambda: running.health()["mattermost"] == "ok", "back once Mattermost answers", timeout=60)
