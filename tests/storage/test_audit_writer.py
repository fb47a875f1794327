"""The audit of reads: a read transaction's audit events are committed (grouped with other reads') before its
`commit()` returns, a rollback forgets them, and one reader's bad row never fails another reader's."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from commands.ports import AuditEvent
from storage.audit import AuditWriter
from storage.uow import SqlUnitOfWorkFactory
from tests.conftest import START


def _event(actor: str, **detail: Any) -> AuditEvent:
    return AuditEvent(START, actor, "kaart.lezen", "WBW-1234-56", authorisation="regiehouder",
                      access_point="/kaart", detail=detail or {"onderdeel": "kaart"})  # fmt: skip


def _actors(factory: SqlUnitOfWorkFactory) -> list[str]:
    with factory.read() as uow:
        return sorted(e.actor_id for e in uow.audit.for_case("WBW-1234-56"))


def test_a_read_transaction_commits_its_audit_before_commit_returns(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    with factory.read() as uow:
        uow.audit.record(_event("u1"))
        assert _actors(factory) == []  # not before the commit
        uow.commit()
        assert _actors(factory) == ["u1"]
    with factory.read() as uow:
        uow.audit.record(_event("u2"))  # no commit: dropped, like a rolled-back write
    assert _actors(factory) == ["u1"]


def test_concurrent_reads_all_land_each_before_its_reader_goes_on(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    readers = 12
    barrier = threading.Barrier(readers)
    missing: list[str] = []

    def read(n: int) -> None:
        with factory.read() as uow:
            uow.audit.record(_event(f"u{n:02d}"))
            barrier.wait()
            uow.commit()
        if f"u{n:02d}" not in _actors(factory):
            missing.append(f"u{n:02d}")

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert missing == []
    assert _actors(factory) == [f"u{n:02d}" for n in range(readers)]


def test_one_readers_bad_row_does_not_fail_the_others_in_its_group(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    first_in = threading.Event()
    let_go = threading.Event()
    opened = 0

    def sessions() -> Session:
        nonlocal opened
        opened += 1
        if opened == 1:  # the first writer holds on until the other two have queued behind it
            first_in.set()
            let_go.wait(timeout=30)
        return factory.sessions()

    writer = AuditWriter(sessions)
    errors: dict[str, BaseException] = {}

    def write(actor: str, **detail: Any) -> None:
        try:
            writer.write([_event(actor, **detail)])
        except Exception as err:
            errors[actor] = err

    first = threading.Thread(target=write, args=("u1",))
    first.start()
    assert first_in.wait(timeout=30)
    bad = threading.Thread(target=write, args=("u2",), kwargs={"onderdeel": object()})  # not JSON
    good = threading.Thread(target=write, args=("u3",))
    bad.start()
    good.start()
    while len(writer._queued) < 2:
        time.sleep(0.01)  # waiting for the other threads to arrive, not for domain time
    let_go.set()
    for thread in (first, bad, good):
        thread.join()
    assert set(errors) == {"u2"}
    assert _actors(factory) == ["u1", "u3"]


def test_a_failed_audit_write_fails_the_read(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    with factory.read() as uow:
        uow.audit.record(_event("u1", onderdeel=object()))
        with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the driver raises, the read must not pass
            uow.commit()
    assert _actors(factory) == []
