"""Shared fixtures: the database under test (SQLite or PostgreSQL), a manual clock, the network guard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from bot.demo.world import World
from commands.clock import ManualClock
from storage import schema
from storage.engine import make_engine
from tests.support import databases, network_guard

network_guard.install()

# Hypothesis' per-example deadline is a timed assertion: on a loaded machine the first example (which loads
# lexicons and phone metadata lazily) exceeded it and failed a correct test. Speed is measured in bench/.
settings.register_profile("erbij", deadline=None)
settings.load_profile("erbij")

# A Monday morning in winter time, Amsterdam: 09:00 local.
START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


# Fixtures through which a test reaches the database under test; every test of the database goes through one.
DATABASE_FIXTURES = frozenset({"_migrated", "empty_database_url"})
REACHED_DATABASE = pytest.StashKey[bool]()  # set by those fixtures on the test that used them


def runs_on_postgresql(item: pytest.Item) -> bool:
    """Whether the PostgreSQL half keeps this test: it asks for the database (seen at collection) or is marked
    as reaching it some other way (`database`), or needs PostgreSQL itself (`postgres_only`)."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return any(item.get_closest_marker(name) for name in ("database", "postgres_only"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On SQLite, `postgres_only` tests are skipped with their reason. On PostgreSQL (the second half of
    scripts/test.sh, after the whole suite ran on SQLite), only the tests that reach the database run: a test
    that uses no database (the pure rules, the fakes, the emulator, the catalogue) has nothing to learn from a
    second run, and deselecting it there is a third of that half's time. `_database_use_is_visible` makes sure
    no test reaches the database unseen."""
    if databases.KIND == "postgresql":
        keep = [item for item in items if runs_on_postgresql(item)]
        if len(keep) < len(items):
            config.hook.pytest_deselected(items=[item for item in items if not runs_on_postgresql(item)])
            items[:] = keep
        return
    skip = pytest.mark.skip(
        reason="postgres_only: runs in the PostgreSQL half of the suite (scripts/test.sh)"
    )
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _database_use_is_visible(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that reached the database in a way collection could not see (e.g. `getfixturevalue`) would be
    left out of the PostgreSQL half without anyone noticing: it fails here, in the SQLite half, instead."""
    yield
    if request.node.stash.get(REACHED_DATABASE, False) and not runs_on_postgresql(request.node):
        pytest.fail(
            "this test reaches the database but the PostgreSQL half would leave it out: "
            "mark it (or the parameter that reaches it) with @pytest.mark.database"
        )


@pytest.fixture(autouse=True)
def _stay_on_loopback() -> Iterator[None]:
    """Fail the test if anything in it tried to reach beyond this machine, even if the error was caught."""
    network_guard.violations.clear()
    yield
    assert not network_guard.violations, f"non-loopback connections attempted: {network_guard.violations}"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def _migrated() -> Iterator[str]:
    """A migrated template: a SQLite file, or a PostgreSQL schema name."""
    if databases.KIND == "postgresql":
        name = databases.create_schema()
        engine = make_engine(databases.schema_url(name))
        schema.upgrade(engine)
        engine.dispose()
        yield name
        databases.drop_schema(name)
    else:
        directory = Path(__import__("tempfile").mkdtemp(prefix="erbij-template-"))
        path = directory / "template.db"
        engine = make_engine(f"sqlite:///{path}")
        schema.upgrade(engine)
        engine.dispose()
        yield str(path)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def database_url(_migrated: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database for one test."""
    request.node.stash[REACHED_DATABASE] = True
    if databases.KIND == "postgresql":
        databases.truncate_all(_migrated)
        return databases.schema_url(_migrated)
    path = tmp_path / "erbij.db"
    shutil.copyfile(_migrated, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_database_url(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no schema at all (for migration tests)."""
    request.node.stash[REACHED_DATABASE] = True
    if databases.KIND == "postgresql":
        name = databases.create_schema("erbij_empty")
        yield databases.schema_url(name)
        databases.drop_schema(name)
    else:
        yield f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def stack(database_url: str, clock: ManualClock) -> Iterator[World]:
    """Emulator + bot over real HTTP on the database under test; fails the test on unmodelled endpoints."""
    world = World(database_url, clock).start()
    try:
        yield world
    finally:
        world.stop()
    assert world.emulator.unmodelled == [], (
        f"the bot called endpoints the emulator does not model: {world.emulator.unmodelled}"
    )
