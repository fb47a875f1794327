"""Erbij as deployed, for benchmarks: the real `erbij serve` in its own process against the emulator, driven by
wrk (a separate load generator) through a Lua script that posts prepared bodies, one after another.

When wrk is missing the bench says so loudly and falls back to a Python generator, which saturates long before
the server does: its ratios are then not comparable with figures measured with wrk.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.serve_app import BENCH_SECRET
from bot.emulator import Emulator
from bot.emulator.model import User

WRK_SCRIPT = r"""
local bodies = {}
for line in io.lines(os.getenv("ERBIJ_BENCH_BODIES")) do bodies[#bodies + 1] = line end
local target = os.getenv("ERBIJ_BENCH_PATH")
local headers = {["Content-Type"] = os.getenv("ERBIJ_BENCH_CTYPE")}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", target, headers, bodies[(n - 1) % #bodies + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("ERBIJ-RESULT %d %d %d %d %.1f %.1f %.1f\n", summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99),
    latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(
    url: str,
    process: subprocess.Popen[bytes],
    timeout: float = 120,
    ready: Callable[[httpx.Response], bool] = lambda _: True,
) -> None:
    """Poll `url` until it answers and `ready` holds for the answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited during start-up (code {process.returncode})")
        try:
            if ready(httpx.get(url, timeout=5)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)  # polling our own server's start-up, not waiting for domain time
    raise RuntimeError(f"{url} did not answer (or never became ready)")


def started_up(response: httpx.Response) -> bool:
    """`erbij serve` has done its start-up work: the roster snapshot is loaded and the first scheduler tick
    has run, so what it holds in memory from here on is what it holds when idle."""
    try:
        body = response.json()
    except ValueError:
        return False
    return body.get("roster") == "loaded" and bool(body.get("scheduler", {}).get("last_tick"))


@dataclass(frozen=True)
class Load:
    """One load run: throughput and latency percentiles (ms)."""

    requests: int
    seconds: float
    errors: int
    p50: float
    p99: float
    max: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class LoadGenerator:
    """wrk when installed, else a (much slower) Python generator, announced loudly."""

    def __init__(self) -> None:
        self.wrk = shutil.which("wrk")
        self._dir = tempfile.TemporaryDirectory(prefix="erbij-wrk-")
        self.script = Path(self._dir.name) / "bodies.lua"
        self.script.write_text(WRK_SCRIPT)
        if self.wrk is None:
            banner = "!" * 100
            print(
                f"{banner}\n!! wrk NOT FOUND: falling back to a Python load generator that saturates long before\n"
                f"!! the server. Ratios below are NOT comparable with wrk figures. Install it:\n"
                f"!!   apt-get install -y wrk\n{banner}",
                flush=True,
            )

    @property
    def name(self) -> str:
        return "wrk" if self.wrk else "python (slow fallback)"

    def run(self, url: str, content_type: str, bodies: list[str], clients: int, seconds: float) -> Load:
        path = Path(self._dir.name) / "bodies.txt"
        path.write_text("\n".join(bodies) + "\n")
        if self.wrk is None:
            return _python_load(url, content_type, bodies, clients, seconds)
        env = dict(
            os.environ,
            ERBIJ_BENCH_BODIES=str(path),
            ERBIJ_BENCH_PATH=httpx.URL(url).raw_path.decode(),
            ERBIJ_BENCH_CTYPE=content_type,
        )
        base = str(httpx.URL(url).copy_with(path="/"))
        out = subprocess.run(
            [
                self.wrk,
                "-t1",
                f"-c{clients}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "20s",
                "-s",
                str(self.script),
                base,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
        match = re.search(r"ERBIJ-RESULT (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
        if match is None:
            raise RuntimeError(f"wrk printed no result:\n{out}")
        n, duration_us, status_errors, socket_errors, p50, p99, top = match.groups()
        if int(n) == 0:  # nothing answered within the run: its latency is longer than the run itself
            return Load(
                0, int(duration_us) / 1e6, int(status_errors) + int(socket_errors), *(float("inf"),) * 3
            )
        return Load(
            int(n),
            int(duration_us) / 1e6,
            int(status_errors) + int(socket_errors),
            float(p50) / 1000,
            float(p99) / 1000,
            float(top) / 1000,
        )

    def close(self) -> None:
        self._dir.cleanup()


def _python_load(url: str, content_type: str, bodies: list[str], clients: int, seconds: float) -> Load:
    import asyncio

    async def go() -> Load:
        latencies: list[float] = []
        errors = 0
        counter = 0
        stop_at = time.perf_counter() + seconds
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def worker() -> None:
                nonlocal errors, counter
                while time.perf_counter() < stop_at:
                    body = bodies[counter % len(bodies)]
                    counter += 1
                    start = time.perf_counter()
                    response = await client.post(url, content=body, headers={"Content-Type": content_type})
                    latencies.append((time.perf_counter() - start) * 1000)
                    errors += response.status_code != 200

            start = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(clients)))
            elapsed = time.perf_counter() - start
        ordered = sorted(latencies) or [float("nan")]
        return Load(
            len(latencies),
            elapsed,
            errors,
            ordered[len(ordered) // 2],
            ordered[max(0, int(len(ordered) * 0.99) - 1)],
            ordered[-1],
        )

    return asyncio.run(go())


# --- the emulator with a region's accounts ----------------------------------------------------------------
def add_accounts(emulator: Emulator, count: int, prefix: str = "p") -> list[str]:
    """`count` people in the team, added in one go (the emulator's own `create_user` checks names one by one)."""
    state = emulator.state
    ids = [f"{prefix}{n:025d}"[-26:] for n in range(count)]
    with state.lock:
        now = state.now_ms()
        for n, user_id in enumerate(ids):
            state.users[user_id] = User(
                user_id, f"{prefix}{n:05d}.bench", first_name="Persoon", last_name=str(n), create_at=now
            )
            state.manage_commands[user_id] = False
            state.statuses[user_id] = {
                "user_id": user_id, "status": "online", "manual": False, "last_activity_at": now,
                "active_channel": "", "dnd_end_time": 0,
            }  # fmt: skip
            state.town_square.members.add(user_id)
    return ids


@dataclass
class Served:
    """A running `erbij serve` and what a client needs to talk to it."""

    url: str
    process: subprocess.Popen[bytes]
    tokens: dict[str, str]  # trigger -> command token
    team_id: str
    log_path: Path

    def command_body(self, trigger: str, text: str, user_id: str) -> str:
        return urlencode({
            "token": self.tokens[trigger], "team_id": self.team_id, "team_domain": "bench", "channel_id": "c",
            "channel_name": "c", "user_id": user_id, "user_name": "bench", "command": f"/{trigger}", "text": text,
            "trigger_id": "", "response_url": "",
        })  # fmt: skip

    def post(self, path: str, content_type: str, body: str) -> tuple[float, httpx.Response]:
        start = time.perf_counter()
        response = httpx.post(
            f"{self.url}{path}", content=body, headers={"Content-Type": content_type}, timeout=180
        )
        return (time.perf_counter() - start) * 1000, response

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024


@contextmanager
def erbij_serve(emulator: Emulator, bot_token: str, database_url: str, log_dir: Path) -> Iterator[Served]:
    """`erbij serve` exactly as an admin starts it: environment settings, INFO logging to its stderr (a file
    here), the outbox worker, the scheduler and the websocket listener."""
    port = free_port()
    env = dict(
        os.environ,
        ERBIJ_DATABASE_URL=database_url,
        ERBIJ_MATTERMOST_URL=emulator.url,
        ERBIJ_MATTERMOST_TOKEN=bot_token,
        ERBIJ_MATTERMOST_TEAM="bench",
        ERBIJ_PUBLIC_URL=f"http://127.0.0.1:{port}",
        ERBIJ_PORT=str(port),
        ERBIJ_SECRET=BENCH_SECRET,
    )
    log_path = log_dir / f"serve-{port}.log"
    erbij = str(Path(sys.executable).with_name("erbij"))
    with log_path.open("wb") as log:
        process = subprocess.Popen([erbij, "serve"], env=env, stdout=log, stderr=log, cwd=log_dir)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_http(f"{url}/healthz", process, ready=started_up)
            tokens = {c["trigger"]: c["token"] for c in emulator.commands()}
            yield Served(url, process, tokens, emulator.team.id, log_path)
        except BaseException:
            tail = log_path.read_text(errors="replace").splitlines()[-40:]
            print("--- the last lines `erbij serve` logged:\n" + "\n".join(tail), file=sys.stderr)
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def bare_server() -> Iterator[str]:
    """The baseline: a FastAPI endpoint returning constant JSON under uvicorn, in its own process."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.serve_app", "bare", "--port", str(port)], stdout=subprocess.DEVNULL
    )
    try:
        url = f"http://127.0.0.1:{port}/mattermost/command"
        wait_http(f"http://127.0.0.1:{port}/", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def median_spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):5.2f} ({min(values):.2f}–{max(values):.2f})"


def as_json(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"))


@contextmanager
def profiled(pid: int, seconds: float, label: str) -> Iterator[None]:
    """py-spy on the server while the body runs; prints where its time went (inclusive and own shares)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print(f"(no py-spy: `pip install py-spy` to profile {label})")
        yield
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stacks.txt"
        # --gil: only the thread holding the GIL is sampled, so the shares are of the CPU time Python spends
        # (threads waiting for a lock, the network or the GIL itself are not where the time goes).
        command = [spy, "record", "--format", "raw", "--gil", "--nonblocking", "-r", "200", "-o", str(out)]
        process = subprocess.Popen(
            [*command, "-d", str(max(1, round(seconds))), "-p", str(pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield
        process.wait(timeout=seconds + 60)
        if not out.exists():
            print(f"(py-spy recorded nothing for {label})")
            return
        print(f"\nprofile of `erbij serve` during {label} (py-spy, share of samples):")
        for line in summarise_stacks(out.read_text().splitlines()):
            print(f"  {line}")


# Leaf frames of a thread that waits (for work, a lock, the network) rather than computes.
IDLE_LEAVES = (
    "wait ", "select ", "_worker ", "get ", "run ", "acquire ", "WriteLock.acquire ", "Condition.wait ",
    "EpollSelector.select ", "SocketIO.readinto ", "_wait_for_tstate_lock ", "Event.wait ",
)  # fmt: skip


def summarise_stacks(lines: list[str], top: int = 24) -> list[str]:
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in lines:
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [f.split(" (")[0] + " " + f.split("/")[-1].rstrip(")") for f in stack.split(";")]
        busy = not frames[-1].startswith(IDLE_LEAVES)
        if not busy:
            continue  # idle threads waiting for work are not where time goes
        total += count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    if not total:
        return ["(no busy samples)"]
    result = [f"{total} busy samples; inclusive:"]
    skip = ("_bootstrap", "run (threading", "_worker (", "run (concurrent", "__call__ (")
    for frame, count in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        if not frame.startswith(skip) and len(result) <= top:
            result.append(f"  {count / total:6.1%}  {frame}")
    result.append("own time:")
    for frame, count in sorted(own.items(), key=lambda kv: -kv[1])[:8]:
        result.append(f"  {count / total:6.1%}  {frame}")
    return result
