"""Roster benchmark: import a generated roster of 10,000 professionals, then compute availability for all.

Run with `.venv/bin/python -m bench.bench_roster`. Uses a temporary SQLite file, and PostgreSQL too when
it answers at ERBIJ_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test), in a
throwaway schema that is dropped afterwards. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import yaml

from commands.config import DEFAULT_TIMEZONE
from commands.ports import ChatUser
from commands.roster.availability import available
from commands.roster.expertise import DEFAULT_KEYS
from commands.roster.importing import import_roster
from commands.roster.roster_file import load_roster_file
from storage import schema
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

PEOPLE = 10_000
POSTGRES_URL = os.environ.get("ERBIJ_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TZ = ZoneInfo(DEFAULT_TIMEZONE)
TUESDAY_10 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam: a busy matching moment
TUESDAY_20 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)  # 20:00: nobody works, every verdict has reasons
MUNICIPALITIES = [f"Gemeente {n:02d}" for n in range(30)]
DAY_PATTERNS = ["ma-vr", "ma-do", "[di, wo, do, vr]", "[ma, di, do]", "[wo, do, vr]"]
HOURS = ['"08:30-17:00"', '"09:00-17:30"', '"08:00-16:30"']


class BenchDirectory:
    """Every username exists; ids derive from names."""

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {name: ChatUser(id=f"id-{name}", username=name) for name in usernames}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {}


def generate(people: int, seed: int = 7) -> str:
    """A region the size of a country: 40 organisations, about half of the people experts, some absences."""
    rng = random.Random(seed)
    kinds = ["VT"] * 8 + ["RVDK"] * 4 + ["GI"] * 12 + ["LOKAAL_TEAM"] * 16
    orgs = [(f"org-{n:02d}", kind) for n, kind in enumerate(kinds)]
    lines = ["organisations:"]
    for key, kind in orgs:
        lines.append(f"  - {{key: {key}, kind: {kind}, name: Organisatie {key}, region: Benchland}}")
    lines.append("professionals:")
    start = date(2026, 11, 1)
    for n in range(people):
        key, kind = rng.choice(orgs)
        expert = kind != "LOKAAL_TEAM" and rng.random() < 0.9
        roles = ["expert"] if expert else ["regiehouder"]
        if rng.random() < 0.05:
            roles.append("coordinator")
        lines.append(f"  - username: p{n:05d}.bench")
        lines.append(f"    name: Persoon {n}")
        lines.append(f"    organisation: {key}")
        lines.append(f"    roles: [{', '.join(roles)}]")
        if expert:
            lines.append(f"    expertise: [{', '.join(rng.sample(DEFAULT_KEYS, rng.randint(1, 3)))}]")
            lines.append(f"    capacity: {rng.randint(1, 5)}")
        lines.append(f"    municipalities: [{', '.join(rng.sample(MUNICIPALITIES, rng.randint(1, 3)))}]")
        lines.append(f"    working_days: {rng.choice(DAY_PATTERNS)}")
        lines.append(f"    working_hours: {rng.choice(HOURS)}")
        if rng.random() < 0.1:
            first = start + timedelta(days=rng.randint(0, 60))
            last = first + timedelta(days=rng.randint(0, 14))
            lines.append(f"    absences: [{{first_day: {first}, last_day: {last}, note: verlof}}]")
    return "\n".join(lines) + "\n"


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="erbij-bench-") as directory:
        yield f"sqlite:///{Path(directory) / 'bench.db'}"


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    name = f"erbij_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{POSTGRES_URL}?options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def available_warm_up() -> None:
    from commands.roster.availability import holiday_name

    holiday_name(TUESDAY_10.date())


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception:
        return False
    return True


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run(label: str, url: str, text: str) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    directory = BenchDirectory()
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    parse_s, roster = timed(lambda: load_roster_file(text))
    first_s, report = timed(lambda: import_roster(uow, directory, roster, now))
    again_s, again = timed(lambda: import_roster(uow, directory, roster, now))

    def load(experts_only: bool) -> list[Any]:
        with uow() as tx:
            return tx.roster.active_experts() if experts_only else tx.roster.professionals()

    load_all_s, everyone = timed(lambda: load(False))
    load_s, experts = timed(lambda: load(True))
    print(f"\n[{label}] {PEOPLE} professionals, {len(experts)} of them experts")
    print(f"  parse + validate YAML        {parse_s * 1000:8.0f} ms")
    print(f"  first import (one commit)    {first_s * 1000:8.0f} ms   ({len(report.added)} added)")
    print(f"  re-import, unchanged         {again_s * 1000:8.0f} ms   (changed: {again.changed})")
    print(f"  load all professionals       {load_all_s * 1000:8.0f} ms")
    print(f"  load active experts          {load_s * 1000:8.0f} ms")
    for name, at in (("Tue 10:00", TUESDAY_10), ("Tue 20:00", TUESDAY_20)):
        samples = []
        ok = 0
        for _ in range(9):
            seconds, verdicts = timed(
                lambda at=at: [available(p, at, tz=TZ, active_involvements=1) for p in everyone]  # type: ignore[misc]
            )
            samples.append(seconds * 1000)
            ok = sum(v.ok for v in verdicts)
        print(
            f"  availability of all {len(everyone)} at {name}: median {statistics.median(samples):5.1f} ms, "
            f"max {max(samples):5.1f} ms   ({ok} available)"
        )
    engine.dispose()


def main() -> None:
    # Once per process the holiday calendar of a year is built (~0.1 s); not part of "one instant".
    cold_s, _ = timed(lambda: available_warm_up())
    print(f"warm-up (first holiday lookup of the year in this process): {cold_s * 1000:.0f} ms")
    generated_s, text = timed(lambda: generate(PEOPLE))
    print(
        f"generated a roster of {PEOPLE} professionals ({len(text) // 1024} KiB YAML) in {generated_s:.2f} s"
    )
    assert yaml.safe_load(text)  # sanity: the generator writes valid YAML
    with sqlite_database() as url:
        run("SQLite", url, text)
    if postgres_reachable():
        with postgres_database() as url:
            run("PostgreSQL", url, text)
    else:
        print(f"\n[PostgreSQL] not reachable at {POSTGRES_URL}: skipped")


if __name__ == "__main__":
    main()
