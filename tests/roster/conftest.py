"""Fixtures for the roster: the example roster imported into the database under test, and the facade."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.demo.world import example_roster_text
from commands.app import Erbij
from commands.clock import ManualClock
from commands.help import wiring as help_wiring
from commands.inbound import CommandRequest
from commands.registry import Context, Router
from commands.replies import Reply
from commands.roster import wiring as roster_wiring
from commands.roster.importing import import_roster
from commands.roster.involvements import InvolvementReader
from commands.roster.roster_file import RosterFile, load_roster_file
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import FakeDirectory, user_id

# The example roster as it ships in the package (what `erbij demo` reads), as a file for the CLI tests.
EXAMPLE = Path(str(files("bot.demo").joinpath("roster.yaml")))


@pytest.fixture(scope="session")
def example_text() -> str:
    return example_roster_text()


@pytest.fixture
def example(example_text: str) -> RosterFile:
    return load_roster_file(example_text)


@pytest.fixture
def directory(example: RosterFile) -> FakeDirectory:
    return FakeDirectory.with_users(*(p.username for p in example.professionals))


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(engine)


@pytest.fixture
def imported(
    uow: SqlUnitOfWorkFactory, directory: FakeDirectory, example: RosterFile, clock: ManualClock
) -> None:
    import_roster(uow, directory, example, clock.now())


class FakeInvolvements:
    """Case codes per expert, as the cases feature would report them."""

    def __init__(self) -> None:
        self.cases: dict[str, tuple[str, ...]] = {}

    def case_codes(self, uow: object, user_id: str) -> tuple[str, ...]:
        return self.cases.get(user_id, ())

    def counts(self, uow: object, user_ids: Sequence[str]) -> dict[str, int]:
        return {uid: len(self.cases[uid]) for uid in user_ids if uid in self.cases}


@pytest.fixture
def involvements() -> FakeInvolvements:
    return FakeInvolvements()


class Chat:
    """Types slash commands as a named user and returns the private reply's text."""

    def __init__(self, erbij: Erbij) -> None:
        self.erbij = erbij

    def __call__(self, username: str, text: str) -> str:
        trigger, _, rest = text.lstrip("/").partition(" ")
        result = self.erbij.command(
            CommandRequest(
                command=trigger, text=rest, user_id=user_id(username), user_name=username, channel_id="town"
            )
        )
        assert isinstance(result, Reply)
        return result.message.text


@pytest.fixture
def chat(
    uow: SqlUnitOfWorkFactory, clock: ManualClock, directory: FakeDirectory, involvements: FakeInvolvements
) -> Chat:
    router = Router()
    reader: InvolvementReader = involvements
    roster_wiring.register(router, help_wiring.register(router), reader)
    return Chat(Erbij(router, Context(uow=uow, clock=clock, directory=directory)))
