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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On SQLite, `postgres_only` tests are skipped with their reason. On PostgreSQL (the second half of
    scripts/test.sh, after the whole suite ran on SQLite), only the tests that reach the database run: a test
    that uses no database (the pure rules, the fakes, the emulator, the catalogue) has nothing to learn from a
    second run, and deselecting it there is a third of that half's time."""
    if databases.KIND == "postgresql":
        keep: list[pytest.Item] = []
        other: list[pytest.Item] = []
        for item in items:
            uses_database = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
            marked = "database" in item.keywords or "postgres_only" in item.keywords
            (keep if uses_database or marked else other).append(item)
        if other:
            config.hook.pytest_deselected(items=other)
            items[:] = keep
        return
    skip = pytest.mark.skip(
        reason="postgres_only: runs in the PostgreSQL half of the suite (scripts/test.sh)"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


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
def database_url(_migrated: str, tmp_path: Path) -> str:
    """A migrated, empty database for one test."""
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
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all (for migration tests)."""
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
