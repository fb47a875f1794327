"""Closing the loop at scale.

1. Dialog submit -> offers in the outbox with 10,000 experts and 100,000 past requests, with the head start
   (known faces asked alone first) against the same bot with the head start switched off, in the same run
   on copies of the same database: the head start must not raise the p99.
2. The check-in tick with 100,000 involvements (open ones with a check-in weeks away, ended ones without):
   < 5 ms when nothing is due. Baseline in the same run: the same tick on an empty table.

Run: `.venv/bin/python -m bench.bench_close_loop` (SQLite; PostgreSQL too when reachable).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from bench.bench_requests_http import _chunked, measure_latency, seed
from commands.requests.checkins import run_due_checkins
from commands.requests.rounds import RequestSettings
from storage import schema
from storage.case_models import CaseRow, InvolvementRow
from storage.engine import make_engine
from storage.request_models import CheckinRow
from storage.uow import SqlUnitOfWorkFactory

PG_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
INVOLVEMENTS = 100_000
TICKS = 300


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.99) - 1]


def bench_head_start() -> None:
    print("Dialog submission -> offers in the outbox, head start on and off (10,000 experts, 100,000 past "
          "requests, SQLite, bot in its own process):")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded.db"
        engine = make_engine(f"sqlite:///{seeded}")
        schema.upgrade(engine)
        leads, codes = seed(engine, 10_000, 100_000)
        engine.dispose()
        results = {}
        for label, env in (("zonder voorsprong", {"ERBIJ_HEAD_START_FRACTION": "0"}), ("met voorsprong", {})):
            copy = Path(tmp) / f"{len(results)}.db"
            shutil.copy(seeded, copy)
            results[label] = _percentiles(measure_latency(f"sqlite:///{copy}", leads, codes, env))
            check = make_engine(f"sqlite:///{copy}")
            with check.connect() as conn:
                head = conn.execute(text("SELECT count(*) FROM help_request WHERE head_start")).scalar_one()
            check.dispose()
            p50, p99 = results[label]
            print(
                f"  {label:<18} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  (requests that got a head start: {head})"
            )
        base, head = results["zonder voorsprong"][1], results["met voorsprong"][1]
        print(f"  p99 with the head start / without: {head / base:.2f}")


def _seed_involvements(engine: Engine) -> None:
    """INVOLVEMENTS involvements on 20,000 cases: half ended (no check-in), half open with one weeks away."""
    rng = random.Random(11)
    cases = [{"id": c + 1, "code": f"BEN-{c:04d}-{c % 97:02d}"[:20], "municipality": "Roosendaal",
              "lead_id": f"lead{c % 50}", "status": "actief", "framework": "vrijwillig", "measure": "geen",
              "measure_since": None, "version": 1, "created_at": NOW - timedelta(days=400),
              "created_by": f"lead{c % 50}", "closed_at": None, "close_reason": None}
             for c in range(20_000)]  # fmt: skip
    _chunked(engine, CaseRow, cases)
    involvements, checkins = [], []
    for i in range(INVOLVEMENTS):
        started = NOW - timedelta(days=rng.randint(1, 700))
        ended = i % 2 == 0
        involvements.append({"id": i + 1, "case_id": (i % 20_000) + 1, "expert_id": f"expert{i % 10_000}",
                             "organisation_kind": "VT", "help_request_id": None, "started_at": started,
                             "ended_at": started + timedelta(days=30) if ended else None,
                             "end_reason": "doel_bereikt" if ended else None, "card_access": True})  # fmt: skip
        checkins.append({"involvement_id": i + 1, "times_asked": rng.randint(0, 5), "asked_at": None,
                         "due_at": None if ended else NOW + timedelta(hours=rng.randint(1, 6 * 7 * 24))})  # fmt: skip
    _chunked(engine, InvolvementRow, involvements)
    _chunked(engine, CheckinRow, checkins)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def _time_ticks(engine: Engine) -> list[float]:
    factory = SqlUnitOfWorkFactory(engine)
    settings = RequestSettings()
    samples = []
    for _ in range(TICKS):
        start = time.perf_counter()
        asked = run_due_checkins(factory, NOW, settings)
        samples.append((time.perf_counter() - start) * 1000)
        assert asked == 0, "nothing is due in this benchmark"
    return samples[20:]


def _plan(engine: Engine) -> str:
    query = (  # the tick's query (storage.requests.due_checkins)
        "SELECT c.involvement_id FROM involvement_checkin c JOIN involvement i ON i.id = c.involvement_id "
        "WHERE c.due_at <= :now ORDER BY c.due_at, c.involvement_id LIMIT 50"
    )
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as conn:
        rows = conn.execute(text(explain + query), {"now": NOW}).all()
    return " | ".join(str(row[-1]) for row in rows)


def _round_trip(engine: Engine) -> float:
    """p50 of a bare `SELECT 1` through the pool: what any query costs on this machine right now."""
    samples = []
    for _ in range(TICKS):
        start = time.perf_counter()
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).all()
        samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)[0]


def bench_checkin_tick(url: str, label: str) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    trip = _round_trip(engine)
    base = _percentiles(_time_ticks(engine))
    _seed_involvements(engine)
    _time_ticks(engine)  # warm the page cache after the bulk insert, as a running bot has it warm
    loaded = _percentiles(_time_ticks(engine))
    print(f"  {label:<11} empty table: p50 {base[0]:5.2f} ms p99 {base[1]:5.2f} ms; "
          f"{INVOLVEMENTS:,} involvements: p50 {loaded[0]:5.2f} ms p99 {loaded[1]:5.2f} ms "
          f"(ratio p50 {loaded[0] / base[0]:.2f}; target < 5 ms); a bare SELECT 1: p50 {trip:.2f} ms")  # fmt: skip
    print(f"  {label:<11} plan: {_plan(engine)}")
    engine.dispose()


def main() -> None:
    print(f"(load average now: {os.getloadavg()[0]:.1f}; figures on a busy machine are high, ratios hold)")
    print(f"Check-in tick with nothing due ({TICKS - 20} ticks; each tick: one read of due check-ins):")
    with tempfile.TemporaryDirectory() as tmp:
        bench_checkin_tick(f"sqlite:///{Path(tmp) / 'checkins.db'}", "SQLite")
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS erbij_bench_loop CASCADE")
            conn.execute("CREATE SCHEMA erbij_bench_loop")
        separator = "&" if "?" in PG_URL else "?"
        bench_checkin_tick(f"{PG_URL}{separator}options=-csearch_path%3Derbij_bench_loop", "PostgreSQL")
        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS erbij_bench_loop CASCADE")
    except Exception as err:  # a benchmark on a machine without PostgreSQL still reports SQLite
        print(f"  (PostgreSQL not reachable, skipped: {err})")
    print()
    bench_head_start()


if __name__ == "__main__":
    main()
