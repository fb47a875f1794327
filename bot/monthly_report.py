"""The monthly report as `erbij serve` runs it: built in a short-lived child process (bot.monthly_report).

Building the report reads six months of history into memory (a region with 100,000 requests: some 130,000
facts, 70 MB of Python objects at the peak) once a month. In the server that peak would leave about 35 MB
behind for the rest of the month: the freed objects' memory stays fragmented in the interpreter's arenas,
pinned by the few long-lived objects allocated among them. So the server only asks the cheap question (is a
report due and unclaimed?) and leaves the building to a child process, which also draws the charts itself;
what the report sends, and its exactly-once claim, are `commands.monitor.report`'s, unchanged.

The child reads the database URL, the product configuration and the instant as JSON on stdin (a password in
the URL never appears in a process list) and writes how many reports it queued on stdout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from commands.clock import ManualClock
from commands.config import ProductConfig
from commands.monitor.charts import Chart
from commands.monitor.report import MonthlyReport
from commands.ports import Directory
from commands.registry import Context

CHILD_TIMEOUT_SECONDS = 900


class ChildProcessMonthlyReport:
    """The monthly report's tick for `erbij serve`: checks in-process, builds in a child process."""

    def __init__(self, database_url: str, wake: Callable[[], None]) -> None:
        self.database_url = database_url
        self.wake = wake  # the outbox worker: the child's commit queued messages this process did not see

    def __call__(self, ctx: Context, now: datetime) -> int:
        if not MonthlyReport(None).pending(ctx, now):
            return 0
        request = {"database_url": self.database_url, "config": asdict(ctx.config), "now": now.isoformat()}
        done = subprocess.run(
            [sys.executable, "-m", "bot.monthly_report"],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(
                f"the monthly report's child process failed ({done.returncode}): {last[0][:300]}"
            )
        queued = int(json.loads(done.stdout)["queued"])
        if queued:
            self.wake()
        return queued


class _InProcessCharts:
    """matplotlib in this (short-lived) process: the child draws its own charts."""

    def pngs(self, charts: Sequence[Chart]) -> list[bytes]:
        from bot.charts import draw

        return [draw(chart) for chart in charts]


def build(request: dict[str, Any]) -> int:
    """The report for `request` (see the module's docstring), built and queued in this process."""
    from storage.engine import make_engine
    from storage.uow import SqlUnitOfWorkFactory

    now = datetime.fromisoformat(request["now"])
    raw: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in request["config"].items()}
    config = ProductConfig(**raw)
    engine = make_engine(request["database_url"])
    try:
        # The report asks no one in chat: a directory it would use is a programming error, loudly.
        ctx = Context(
            uow=SqlUnitOfWorkFactory(engine),
            clock=ManualClock(now),
            directory=cast(Directory, None),
            config=config,
        )
        return MonthlyReport(_InProcessCharts())(ctx, now)
    finally:
        engine.dispose()


def main() -> None:
    queued = build(json.loads(sys.stdin.buffer.read()))
    sys.stdout.write(json.dumps({"queued": queued}))


if __name__ == "__main__":
    main()
