"""Each contract test runs twice: on the in-memory fake and on the SQL repository (SQLite or PostgreSQL).

A fake that drifts from what the SQL repository does fails here, so handler tests on the fakes stay honest.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from commands.clock import ManualClock
from commands.ports import UnitOfWorkFactory
from commands.roster.model import Role
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeUnitOfWorkFactory
from tests.support import people
from tests.support.people import uid

PEOPLE: people.People = {
    "lotte": ("Lotte Visser", "st", frozenset({Role.LEAD})),
    "bram": ("Bram de Wit", "st", frozenset({Role.LEAD})),
    "sanne": ("Sanne de Vries", "vt", frozenset({Role.EXPERT})),
    "pieter": ("Pieter Jansen", "gi", frozenset({Role.EXPERT})),
}


# "sql" reaches the database only through `getfixturevalue`, which collection cannot see: the mark says so,
# and the PostgreSQL half of the suite keeps the SQL runs (tests/conftest.py).
@pytest.fixture(params=["fake", pytest.param("sql", marks=pytest.mark.database)])
def uow(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """An empty store: the fake, or a migrated database of the kind under test."""
    if request.param == "fake":
        return FakeUnitOfWorkFactory()
    return SqlUnitOfWorkFactory(request.getfixturevalue("engine"))


@pytest.fixture
def seeded(uow: UnitOfWorkFactory, clock: ManualClock) -> UnitOfWorkFactory:
    """The store with four fictional people (two leads, two experts) and their organisations."""
    people.seed_roster(uow, PEOPLE, clock.now(), expert_area=frozenset({"Roosendaal"}))
    return uow


def later(clock: ManualClock, minutes: int) -> datetime:
    return clock.now() + timedelta(minutes=minutes)


__all__ = ["PEOPLE", "later", "uid"]
