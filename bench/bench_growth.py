"""Growth: each command's time and SQL statements with 1,000, 10,000 and 100,000 cases (as many past requests)
beside a 10,000-person roster. Nothing should grow with data the answer does not show.

In-process (the handlers through `Erbij`, the real storage, a directory that knows nobody), so the statements
can be counted on the engine; the idle scheduler tick is one of the rows. After the largest size, every tick
statement whose SQLite query plan scans a whole table is printed. SQLite by default; ERBIJ_BENCH_GROWTH_PG=1
adds PostgreSQL. Run: `.venv/bin/python -m bench.bench_growth` (part of `make bench`).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bench.bench_deployed import EXPERTS, ON_AGENDA, Region, postgres_schema, seed_region
from bench.bench_requests_http import EXPERTISE, LEADS
from bot.composition import build_router
from commands.app import Erbij
from commands.clock import ManualClock
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.ports import ChatUser
from commands.registry import Context
from storage import schema
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

SIZES = tuple(int(s) for s in os.environ.get("ERBIJ_BENCH_GROWTH_SIZES", "1000,10000,100000").split(","))
RUNS = 9  # the best of them: on a shared machine the minimum says most about the work itself
SMALL_TABLE = 1000  # scanning a table this small (slots, organisations, one-row counters) is no growth
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Amsterdam


class NobodyDirectory:
    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {}


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _command(trigger: str, text: str, user_id: str) -> CommandRequest:
    return CommandRequest(command=trigger, text=text, user_id=user_id, user_name="", channel_id="c")


def operations(erbij: Erbij, region: Region) -> list[tuple[str, Callable[[int], object]]]:
    lead, code, expert = region.leads[0], region.codes[0], region.experts[7]

    def submit(n: int) -> object:
        return erbij.dialog(DialogSubmission(
            callback="request.new", state={}, user_id=region.leads[n % LEADS], channel_id="c", cancelled=False,
            submission={"case": region.codes[n % LEADS], "expertise": EXPERTISE[n % len(EXPERTISE)],
                        "organisation": "any", "form": "consult", "urgency": "deze_week", "experts": "1",
                        "question": "Hoe maken we de veiligheidsafspraken met moeder concreet?", "share": True,
                        "grondslag": "toestemming"},
        ))  # fmt: skip

    def accept(n: int) -> object:
        offer, who = region.offers[n]
        return erbij.action(ActionRequest("offer.accept", {"offer": str(offer)}, who, "", "c", ""))

    return [
        ("/erbij help", lambda n: erbij.command(_command("erbij", "help", lead))),
        ("/beschikbaar", lambda n: erbij.command(_command("beschikbaar", "", expert))),
        ("/kaart <code>", lambda n: erbij.command(_command("kaart", code, lead))),
        ("/erbij status", lambda n: erbij.command(_command("erbij", "status", lead))),
        (f"/overleg agenda ({ON_AGENDA})", lambda n: erbij.command(_command("overleg", "agenda", lead))),
        ("request submission", submit),
        ("accept click", accept),
        ("idle scheduler tick", lambda n: erbij.tick()),
    ]


def measure(url: str, cases: int) -> tuple[dict[str, tuple[float, int]], list[str]]:
    engine = make_engine(url)
    schema.upgrade(engine)
    people = [f"g{n:025d}" for n in range(EXPERTS + LEADS)]
    region = seed_region(engine, people, NOW, history=cases, cases=cases, open_offers=100)
    clock = ManualClock(NOW)
    erbij = Erbij(
        build_router(), Context(uow=SqlUnitOfWorkFactory(engine), clock=clock, directory=NobodyDirectory())
    )
    erbij.tick()  # the first tick plans consults and reads presence once; the ones after find nothing due
    figures: dict[str, tuple[float, int]] = {}
    scans: list[str] = []
    n = 0
    for name, run in operations(erbij, region):
        run(n)  # warm: the roster snapshot, statement caches
        n += 1
        samples = []
        with counted(engine) as statements:
            run(n)
        n += 1
        for _ in range(RUNS):
            started = time.perf_counter()
            run(n)
            samples.append((time.perf_counter() - started) * 1000)
            n += 1
        figures[name] = (min(samples), len(statements))
        if engine.dialect.name == "sqlite":
            scans += [f"{name}: {line}" for line in _full_scans(engine, statements)]
    engine.dispose()
    return figures, scans


def _rows(conn: Any, table: str) -> int:
    tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if table not in tables:
        return 0  # CONSTANT ROW, subqueries
    return int(conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() or 0)


def _full_scans(engine: Engine, statements: list[str]) -> list[str]:
    """Statements whose plan reads a whole table that is not small (SQLite's `SCAN t` without an index)."""
    found = []
    with engine.connect() as conn:
        for statement in dict.fromkeys(statements):
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            params = tuple(None for _ in range(statement.count("?")))
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            scans = [
                str(row[-1])
                for row in plan
                if str(row[-1]).startswith("SCAN ")
                and "INDEX" not in str(row[-1])
                and _rows(conn, str(row[-1]).split()[1]) >= SMALL_TABLE
            ]
            if scans:
                text = " ".join(statement.split())
                where = text.find(" FROM ")  # the columns say little; the tables and conditions say why
                found.append(f"{'; '.join(scans)}  <-  SELECT …{text[where : where + 400]}")
    return found


def run(label: str, url_for: Callable[[int], str]) -> None:
    results = {size: measure(url_for(size), size) for size in SIZES}
    names = list(results[SIZES[0]][0])
    header = "".join(f"{f'{size:,} cases':>22}" for size in SIZES)
    print(f"\n{label}: best of {RUNS} in ms (SQL statements), 10,000-person roster{header}")
    for name in names:
        cells = "".join(f"{results[s][0][name][0]:13.1f} ms ({results[s][0][name][1]:3d})" for s in SIZES)
        largest, smallest = results[SIZES[-1]][0][name][0], results[SIZES[0]][0][name][0]
        print(f"  {name:<28}{cells}   ×{largest / smallest if smallest else 0:5.2f}")
    scans = results[SIZES[-1]][1]
    if scans:
        print(f"  statements scanning a whole table of {SMALL_TABLE:,} rows or more at {SIZES[-1]:,} cases:")
        for line in scans:
            print(f"    {line}")
    elif url_for(0).startswith("sqlite"):
        print(f"  no statement scans a whole table of {SMALL_TABLE:,} rows or more (SQLite query plans)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="erbij-growth-") as tmp:
        run("SQLite", lambda size: f"sqlite:///{Path(tmp) / f'growth-{size}.db'}")
    if os.environ.get("ERBIJ_BENCH_GROWTH_PG"):
        with ExitStack() as stack:
            urls = [stack.enter_context(postgres_schema()) for _ in SIZES]
            if all(urls):
                by_size = dict(zip(SIZES, urls, strict=True))
                run("PostgreSQL", lambda size: by_size.get(size) or "postgresql://")


if __name__ == "__main__":
    main()
