"""`erbij serve` builds the monthly report in a child process: the same report, claimed once, worker woken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Engine, select

from bot.monthly_report import ChildProcessMonthlyReport
from commands.clock import ManualClock
from commands.config import ProductConfig
from commands.ports import Directory
from commands.registry import Context
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWorkFactory

DUE = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam on the first working day of December


def test_the_child_process_queues_the_report_once_and_wakes_the_worker(
    database_url: str, engine: Engine
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    config = ProductConfig(coordinators_channel="coordinatoren-test")
    ctx = Context(uow=uow, clock=ManualClock(DUE), directory=cast(Directory, None), config=config)
    woken: list[bool] = []
    tick = ChildProcessMonthlyReport(database_url, lambda: woken.append(True))

    assert tick(ctx, DUE - timedelta(minutes=1)) == 0  # not due yet: no child process at all
    assert tick(ctx, DUE) == 1
    assert woken == [True]
    with engine.connect() as conn:
        queued = conn.execute(select(OutboxRow.key, OutboxRow.recipient_ref)).all()
    # A month in which nothing happened: the summary only (no charts), to the configured channel.
    assert [tuple(row) for row in queued] == [("maandrapport:2026-11:samenvatting", "coordinatoren-test")]
    with uow.read() as tx:
        assert tx.monitor.report_claimed("maandrapport:2026-11")

    assert tick(ctx, DUE + timedelta(hours=1)) == 0  # claimed: not built again
    assert woken == [True]
