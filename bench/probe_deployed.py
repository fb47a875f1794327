"""A quick probe of `erbij serve` as deployed, for working on one cost at a time (bench_deployed takes minutes).

Seeds bench_deployed's region once into a cached SQLite file (copied for every run), starts `erbij serve`,
waits until it is ready (first scheduler tick done, roster snapshot loaded), reports its idle RSS, then loads
the chosen scenarios with wrk and reports the server's CPU time per request (utime + stime from /proc: on a
shared machine a steadier figure than wall-clock throughput) beside throughput, p99 and the load average.

Run: `.venv/bin/python -m bench.probe_deployed [scenario ...] [--clients 10] [--seconds 3] [--profile NAME]`
with scenario names help, beschikbaar, kaart, status, agenda, submit, accept (default: all but accept).
ERBIJ_PROBE_DATABASE=postgresql uses PostgreSQL (seeded every run).
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_deployed import (
    ACCEPT,
    EXPERTS,
    SCENARIOS,
    SUBMIT,
    Region,
    drain,
    postgres_schema,
    seed_region,
)
from bench.bench_requests_http import LEADS
from bench.deployed import LoadGenerator, add_accounts, bare_server, erbij_serve, profiled
from bot.emulator import Emulator
from storage import schema
from storage.engine import make_engine

NAMES = {
    "help": SCENARIOS[0],
    "beschikbaar": SCENARIOS[1],
    "kaart": SCENARIOS[2],
    "status": SCENARIOS[3],
    "agenda": SCENARIOS[4],
    "submit": SUBMIT,
    "accept": ACCEPT,
}
CACHE = Path(tempfile.gettempdir()) / "erbij-probe-cache"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def seeded_sqlite(people: list[str]) -> tuple[Path, Region]:
    """The seeded region, cached per schema head (the file is copied; the cache is never written to)."""
    head = schema.head_revision() if hasattr(schema, "head_revision") else "head"
    db, meta = CACHE / f"{head}.db", CACHE / f"{head}.region"
    if not db.exists() or not meta.exists():
        CACHE.mkdir(exist_ok=True)
        tmp = CACHE / "seeding.db"
        tmp.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{tmp}")
        schema.upgrade(engine)
        region = seed_region(engine, people, datetime.now(UTC))
        engine.dispose()
        meta.write_bytes(pickle.dumps(region))
        tmp.rename(db)
    return db, pickle.loads(meta.read_bytes())  # noqa: S301 (written by this script, in its own cache)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "scenarios", nargs="*", default=["help", "beschikbaar", "kaart", "status", "agenda", "submit"]
    )
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--profile", default="", help="py-spy the server during this scenario's run")
    parser.add_argument(
        "--bare", action="store_true", help="measure the bare endpoint too (throughput ratio)"
    )
    args = parser.parse_args()
    loadgen = LoadGenerator()
    emulator = Emulator(team_name="bench")
    emulator.start()
    try:
        _bot, token = emulator.create_bot("erbij")
        people = add_accounts(emulator, EXPERTS + LEADS)
        with tempfile.TemporaryDirectory(prefix="erbij-probe-") as tmp:
            if os.environ.get("ERBIJ_PROBE_DATABASE") == "postgresql":
                with postgres_schema() as url:
                    assert url is not None
                    engine = make_engine(url)
                    schema.upgrade(engine)
                    region = seed_region(engine, people, datetime.now(UTC))
                    engine.dispose()
                    probe(args, loadgen, emulator, token, url, region, Path(tmp))
            else:
                cached, region = seeded_sqlite(people)
                shutil.copy(cached, Path(tmp) / "bench.db")
                probe(
                    args, loadgen, emulator, token, f"sqlite:///{Path(tmp) / 'bench.db'}", region, Path(tmp)
                )
    finally:
        emulator.stop()
        loadgen.close()


def probe(args: argparse.Namespace, loadgen: LoadGenerator, emulator: Emulator, token: str, url: str,
          region: Region, log_dir: Path) -> None:  # fmt: skip
    with erbij_serve(emulator, token, url, log_dir) as served:
        print(f"idle RSS once ready: {served.rss_mb():.1f} MB", flush=True)
        bare_rate = 0.0
        if args.bare:
            with bare_server() as bare_url:
                bare = loadgen.run(bare_url, NAMES["help"].content_type,
                                   [served.command_body("erbij", "help", "x")], args.clients, args.seconds)  # fmt: skip
                bare_rate = bare.throughput
                print(f"bare: {bare_rate:.0f} req/s p99 {bare.p99:.1f} ms", flush=True)
        for name in args.scenarios:
            scenario = NAMES[name]
            bodies = scenario.bodies(served, region, 0)
            load_before = os.getloadavg()[0]
            before = cpu_seconds(served.process.pid)
            spy = profiled(served.process.pid, args.seconds, name) if name == args.profile else None
            if spy is not None:
                spy.__enter__()
            load = loadgen.run(
                served.url + scenario.path, scenario.content_type, bodies, args.clients, args.seconds
            )
            drain(served)
            used = cpu_seconds(served.process.pid) - before
            if spy is not None:
                spy.__exit__(None, None, None)
            ratio = f"  {load.throughput / bare_rate:.2f}× bare" if bare_rate else ""
            print(
                f"{name:<12} {args.clients:>3} clients: {load.requests:6d} req {load.throughput:7.0f} req/s "
                f"p50 {load.p50:7.1f} p99 {load.p99:7.1f} max {load.max:7.1f} ms err {load.errors}  "
                f"CPU {used * 1000 / max(1, load.requests):6.2f} ms/req{ratio}  "
                f"(load {load_before:.2f}→{os.getloadavg()[0]:.2f})",
                flush=True,
            )
        print(f"RSS after: {served.rss_mb():.1f} MB")


if __name__ == "__main__":
    main()
