"""The quarterly monitor over a year of history: time and SQL statements at two data sizes, SQLite and PostgreSQL.

For each database the year is seeded at a tenth of the size (2,000 cases, 10,000 requests), measured, then
grown to the full size (20,000 cases, 100,000 requests) and measured again. Measured: `/monitor`'s work for Q4
(load the period's facts, compute every figure, render summary and detail), best and median of several runs,
and the number of SQL statements it sent, and the CPU time of this process for it (time.process_time; less
sensitive than wall time to a shared machine's load, but it leaves out PostgreSQL's own work). Baseline,
measured in the same run: one bare SELECT of the quarter's requests (id and time only), the least any monitor
must read. Target: under 1 s, statements constant. The load average is printed with the table: on a busy
machine every number grows, the ratio to the baseline much less.

Run: `.venv/bin/python -m bench.bench_monitor`. PostgreSQL from ERBIJ_TEST_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/test) in a throwaway schema; skipped if unreachable. Prints; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, select

from bench.bench_consults import postgres_schema
from bench.monitor_seed import seed
from commands.calendar import WorkCalendar
from commands.monitor import figures, render
from commands.monitor.gc_pause import cycle_collection_paused
from commands.monitor.period import quarter
from storage import schema
from storage.engine import make_engine
from storage.request_models import HelpRequestRow
from storage.uow import SqlUnitOfWorkFactory

FULL_CASES, FULL_REQUESTS = 20_000, 100_000
RUNS = int(os.environ.get("ERBIJ_BENCH_RUNS", "5"))
NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
CALENDAR = WorkCalendar()
Q4 = quarter(2026, 4, CALENDAR)


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def monitor_once(uow: SqlUnitOfWorkFactory) -> tuple[str, int, int]:
    """What `/monitor kwartaal detail` does in the background (`MonitorHandlers.send`): read the period in a
    read-only transaction and compute, with the cycle collector paused, then render."""
    with cycle_collection_paused():
        with uow.read() as work:
            history = work.monitor.history(Q4.start, Q4.end, CALENDAR.timezone)
        result = figures.compute(history, Q4, NOW, CALENDAR)
        text = render.summary(result, CALENDAR) + "\n" + render.detail(result, history.organisation_names, {})
    return text, len(history.requests), len(history.cases)


def baseline_once(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(
            select(HelpRequestRow.id, HelpRequestRow.created_at).where(
                HelpRequestRow.created_at >= Q4.start, HelpRequestRow.created_at < Q4.end
            )
        ).all()


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `runs` calls, after one call that warms caches and the connection pool."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


@dataclass(frozen=True)
class Row:
    database: str
    size: str
    read: str
    statements: int
    best: float
    median: float
    cpu: float
    baseline: float

    def line(self) -> str:
        return (
            f"{self.database:<10} {self.size:>15} {self.read:>22} {self.statements:>10} "
            f"{self.best * 1000:>8.0f} {self.median * 1000:>8.0f} {self.cpu * 1000:>8.0f} "
            f"{self.baseline * 1000:>9.1f} {self.best / self.baseline:>6.1f}x"
        )


HEADER = (
    f"{'database':<10} {'cases/requests':>15} {'Q4 read (req/cases)':>22} {'statements':>10} "
    f"{'best ms':>8} {'median':>8} {'cpu ms':>8} {'baseline':>9} {'ratio':>7}"
)


def measure(engine: Engine, database: str, size: str) -> tuple[Row, str]:
    uow = SqlUnitOfWorkFactory(engine)
    with counting(engine) as statements:
        text, requests, cases = monitor_once(uow)
    wall, cpu = timed(lambda: monitor_once(uow))
    base, _ = timed(lambda: baseline_once(engine))
    row = Row(
        database,
        size,
        f"{requests:,} / {cases:,}",
        len(statements),
        min(wall),
        statistics.median(wall),
        min(cpu),
        min(base),
    )
    print(f"  {row.line()}", flush=True)
    return row, text


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def settle(engine: Engine) -> None:
    """On PostgreSQL, what autovacuum does soon after a bulk load, done now: statistics for the planner and
    the visibility map that index-only scans rely on. Measured straight after the load, the monitor would
    race autovacuum for the machine and read a table the planner knows nothing about, which no region's
    database looks like. (SQLite keeps no statistics unless asked, and Erbij does not ask.)"""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")


def bench(url: str, name: str) -> list[Row]:
    engine = make_engine(url)
    schema.upgrade(engine)
    print(f"\n{name}: ({load()})")
    started = time.perf_counter()
    seed(engine, cases=FULL_CASES // 10, requests=FULL_REQUESTS // 10)
    settle(engine)
    print(f"  seeded 1/10 in {time.perf_counter() - started:.1f} s")
    small, _ = measure(engine, name, f"{FULL_CASES // 10:,}/{FULL_REQUESTS // 10:,}")
    started = time.perf_counter()
    seed(
        engine,
        cases=FULL_CASES - FULL_CASES // 10,
        requests=FULL_REQUESTS - FULL_REQUESTS // 10,
        offset=100_000,
    )
    settle(engine)
    print(f"  grew to full size in {time.perf_counter() - started:.1f} s ({load()})")
    large, text = measure(engine, name, f"{FULL_CASES:,}/{FULL_REQUESTS:,}")
    constant = small.statements == large.statements
    print(f"  statements at 1/10 and full size: {small.statements} and {large.statements}", end=" ")
    print("(constant)" if constant else "(GROWING)")
    print("  the figures at full size:")
    print("\n".join(f"    {line}" for line in text.splitlines()[:11]))
    engine.dispose()
    return [small, large]


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="erbij-bench-") as tmp:
        rows += bench(f"sqlite:///{Path(tmp) / 'monitor.db'}", "SQLite")
    with postgres_schema() as url:
        if url is not None:
            rows += bench(url, "PostgreSQL")
    print(f"\nThe quarterly monitor (Q4 of a year), best of {RUNS} runs; target under 1 s ({load()}):")
    print(HEADER)
    for row in rows:
        print(row.line() + ("" if row.best < 1 else "  OVER 1 s"))


if __name__ == "__main__":
    main()
