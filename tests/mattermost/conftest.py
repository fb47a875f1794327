"""Fixtures for the adapter's REST tests: a fake Mattermost on loopback and an adapter pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.mattermost import MattermostAdapter
from tests.mattermost.fake_mattermost import TOKEN, FakeMattermost, Switchboard, serve


class FakeTime:
    """Monotonic time and sleep that only move when told to, so retries and TTLs never take real time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake() -> FakeMattermost:
    return FakeMattermost()


@pytest.fixture(scope="session")
def _switchboard() -> Iterator[tuple[Switchboard, str]]:
    switchboard = Switchboard()
    with serve(switchboard) as url:
        yield switchboard, url


@pytest.fixture
def fake_url(fake: FakeMattermost, _switchboard: tuple[Switchboard, str]) -> Iterator[str]:
    switchboard, url = _switchboard
    switchboard.target = fake.app()
    yield url
    switchboard.target = None


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def adapter(fake_url: str, fake_time: FakeTime) -> MattermostAdapter:
    return MattermostAdapter(
        url=fake_url,
        token=TOKEN,
        team_name="jeugdregio",
        timeout=10.0,
        monotonic=fake_time.monotonic,
        sleep=fake_time.sleep,
    )
