"""The quarterly monitor over a year of history: time and SQL statements at two data sizes, SQLite and PostgreSQL.

For each database the year is seeded at a tenth of the size (2,000 cases, 10,000 requests), measured, then
grown to the full size (20,000 cases, 100,000 requests) and measured again. Measured: `/monitor`'s work for Q4
(load the period's facts, compute every figure, render summary and detail), best and median of several runs,
and the number of SQL statements it sent. Baseline, measured in the same run: one bare SELECT of the quarter's
requests (id and time only), the least any monitor must read. Target: under 1 s, statements constant.

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
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, select

from bench.bench_consults import postgres_schema
from bench.monitor_seed import seed
from commands.calendar import WorkCalendar
from commands.monitor import figures, render
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
    with uow() as work:
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


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm caches and the connection pool
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def measure(engine: Engine, label: str) -> tuple[int, str]:
    uow = SqlUnitOfWorkFactory(engine)
    with counting(engine) as statements:
        text, requests, cases = monitor_once(uow)
    samples = timed(lambda: monitor_once(uow))
    base = timed(lambda: baseline_once(engine))
    best, median = min(samples), statistics.median(samples)
    print(
        f"  {label}: Q4 reads {requests:,} requests, {cases:,} cases; {len(statements)} SQL statements; "
        f"monitor best {best * 1000:.0f} ms, median {median * 1000:.0f} ms "
        f"({'under' if median < 1 else 'OVER'} the 1 s target); baseline SELECT of the quarter's requests "
        f"{min(base) * 1000:.1f} ms (monitor = {best / min(base):.0f}× baseline)"
    )
    return len(statements), text


def bench(url: str, name: str) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    print(f"\n{name}:")
    started = time.perf_counter()
    seed(engine, cases=FULL_CASES // 10, requests=FULL_REQUESTS // 10)
    print(f"  seeded 1/10 in {time.perf_counter() - started:.1f} s")
    small, _ = measure(engine, f"{FULL_CASES // 10:,} cases / {FULL_REQUESTS // 10:,} requests")
    started = time.perf_counter()
    seed(
        engine,
        cases=FULL_CASES - FULL_CASES // 10,
        requests=FULL_REQUESTS - FULL_REQUESTS // 10,
        offset=100_000,
    )
    print(f"  grew to full size in {time.perf_counter() - started:.1f} s")
    large, text = measure(engine, f"{FULL_CASES:,} cases / {FULL_REQUESTS:,} requests")
    print(
        f"  statements at 1/10 and full size: {small} and {large} ({'constant' if small == large else 'GROWING'})"
    )
    print("  the figures at full size:")
    print("\n".join(f"    {line}" for line in text.splitlines()[:11]))
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="erbij-bench-") as tmp:
        bench(f"sqlite:///{Path(tmp) / 'monitor.db'}", "SQLite")
    with postgres_schema() as url:
        if url is not None:
            bench(url, "PostgreSQL")


if __name__ == "__main__":
    main()
