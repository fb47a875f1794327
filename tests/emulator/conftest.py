"""Fixtures for the emulator tests: a manual clock, a running emulator, a bot account, a fake bot app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from mattermostdriver import Driver

from bot.emulator import Emulator, User

from .botapp import BotApp


class TickingClock:
    """A clock that moves only when told, so expiry is tested without sleeping."""

    def __init__(self) -> None:
        self._now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> None:
        with self._lock:
            self._now += timedelta(**delta)


@pytest.fixture
def fake_clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def emu(fake_clock: TickingClock) -> Iterator[Emulator]:
    with Emulator(team_name="jeugdregio", clock=fake_clock) as emulator:
        yield emulator


@pytest.fixture
def bot(emu: Emulator) -> tuple[User, str]:
    return emu.create_bot("erbij")


@pytest.fixture
def driver(emu: Emulator, bot: tuple[User, str]) -> Driver:
    """The real mattermostdriver client, logged in with the bot token."""
    d = Driver(emu.driver_options(bot[1]))
    d.login()
    return d


@pytest.fixture(scope="session")
def _botapp_server() -> Iterator[BotApp]:
    app = BotApp().start()
    yield app
    app.stop()


@pytest.fixture
def botapp(_botapp_server: BotApp) -> BotApp:
    """The shared fake bot, with its record and answers reset for this test."""
    _botapp_server.reset()
    return _botapp_server
