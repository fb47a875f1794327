"""Slash-command round trips through real HTTP (uvicorn) at 50 concurrent clients, Erbij vs a bare endpoint.

Run: `.venv/bin/python -m bench.bench_http`. Each server runs in its own process; the load generator
runs here.
Also measures the idle RSS of a real `erbij serve` connected to the emulator.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.loadgen import run_load
from bench.serve_app import BENCH_TOKEN

CLIENTS = 50
REQUESTS = 3000
WARMUP = 300
PG_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def form(text: str) -> dict[str, str]:
    return {
        "token": BENCH_TOKEN,
        "team_id": "t",
        "team_domain": "bench",
        "channel_id": "c",
        "channel_name": "c",
        "user_id": "benchuser00000000000000000",
        "user_name": "bench",
        "command": "/erbij",
        "text": text,
        "trigger_id": "",
        "response_url": "",
    }


def measure(kind: str, database: str, label: str, text: str = "help") -> str:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.serve_app", kind, "--port", str(port), "--database", database],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_listening(port, process)
        url = f"http://127.0.0.1:{port}/mattermost/command"
        headers = {"Authorization": f"Token {BENCH_TOKEN}"}
        run_load(url, form(text), headers, CLIENTS, WARMUP)
        return run_load(url, form(text), headers, CLIENTS, REQUESTS).line(label)
    finally:
        process.terminate()
        process.wait(timeout=10)


def postgres_schema_url() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS erbij_bench CASCADE")
            conn.execute("CREATE SCHEMA erbij_bench")
    except Exception as err:
        print(f"(PostgreSQL not reachable, skipped: {err})")
        return None
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3Derbij_bench"


def migrated(url: str) -> str:
    from storage import schema
    from storage.engine import make_engine

    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url


def idle_serve_rss() -> str:
    from bot.emulator import Emulator

    emulator = Emulator(team_name="bench")
    emulator.start()
    try:
        _bot, token = emulator.create_bot("erbij")
        port = free_port()
        with tempfile.TemporaryDirectory() as tmp:
            url = migrated(f"sqlite:///{Path(tmp) / 'serve.db'}")
            env = dict(
                os.environ,
                ERBIJ_DATABASE_URL=url,
                ERBIJ_MATTERMOST_URL=emulator.url,
                ERBIJ_MATTERMOST_TOKEN=token,
                ERBIJ_MATTERMOST_TEAM="bench",
                ERBIJ_PUBLIC_URL=f"http://127.0.0.1:{port}",
                ERBIJ_PORT=str(port),
                ERBIJ_SECRET="bench-secret-long-enough",
            )
            erbij = str(Path(sys.executable).with_name("erbij"))
            process = subprocess.Popen(
                [erbij, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            try:
                wait_listening(port, process)
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).json()
                time.sleep(5)  # idle: let the scheduler tick and the websocket settle before reading RSS
                status = Path(f"/proc/{process.pid}/status").read_text()
                rss_kb = int(
                    next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]
                )
                return f"idle `erbij serve` RSS: {rss_kb / 1024:.1f} MB (health: {health.get('status')})"
            finally:
                process.terminate()
                process.wait(timeout=10)
    finally:
        emulator.stop()


def main() -> None:
    print(
        f"Slash-command round trips: {CLIENTS} concurrent clients, {REQUESTS} requests each run, loopback\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = migrated(f"sqlite:///{Path(tmp) / 'bench.db'}")
        print(measure("bare", sqlite_url, "bare FastAPI constant JSON"))
        print(measure("erbij", sqlite_url, "Erbij /erbij help (SQLite)"))
    pg = postgres_schema_url()
    if pg:
        migrated(pg)
        print(measure("bare", pg, "bare FastAPI constant JSON"))
        print(measure("erbij", pg, "Erbij /erbij help (PostgreSQL)"))
    print()
    print(idle_serve_rss())


if __name__ == "__main__":
    main()
