"""Transaction modes: reads never wait for a writer, writers queue in turn, and the outbox worker is woken
by a commit that queued messages (and only by one)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from commands.outbox import OutgoingMessage, Recipient
from commands.replies import Message
from storage.engine import read_only
from storage.models import OutboxRow
from storage.outbox import SqlOutboxQueue
from storage.uow import SqlUnitOfWorkFactory
from tests.conftest import START
from tests.support import databases


def _message(key: str) -> OutgoingMessage:
    return OutgoingMessage(key=key, to=Recipient.user("u1"), message=Message("hallo"))


def _pending(engine: Engine) -> int:
    with read_only(engine).connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def test_a_read_does_not_wait_for_an_open_write_transaction(engine: Engine) -> None:
    """With BEGIN IMMEDIATE for every transaction this read would wait for the writer (here: for ever, as the
    writer is the same thread); a read-only transaction takes no write lock and sees the last commit."""
    factory = SqlUnitOfWorkFactory(engine)
    with factory() as writer:
        writer.outbox.add(_message("uncommitted"), START)
        writer.session.flush()
        with factory.read() as reader:
            assert reader.outbox is not None
            assert reader.session.scalar(select(func.count()).select_from(OutboxRow)) == 0
        writer.commit()
    assert _pending(engine) == 1


def test_writers_in_one_process_take_turns(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                with factory() as uow:
                    uow.outbox.add(_message(f"m-{n}-{i}"), START)
                    uow.commit()
        except BaseException as err:  # reported below: a thread's exception would otherwise vanish
            errors.append(err)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _pending(engine) == 60


def test_a_failed_write_transaction_lets_the_next_writer_in(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    # The error must come from inside the unit of work, after its write: several statements on purpose.
    with pytest.raises(ZeroDivisionError), factory() as uow:  # noqa: PT012
        uow.outbox.add(_message("lost"), START)
        uow.session.flush()
        _ = 1 / 0
    with factory() as uow:  # would wait for ever if the lock of the rolled-back transaction were kept
        uow.outbox.add(_message("kept"), START)
        uow.commit()
    assert _pending(engine) == 1


@pytest.mark.skipif(databases.KIND != "postgresql", reason="PostgreSQL enforces READ ONLY transactions")
def test_a_write_in_a_read_only_transaction_fails_on_postgresql(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    with pytest.raises(DBAPIError, match="read-only"), factory.read() as uow:
        uow.session.execute(text("UPDATE roster_revision SET revision = revision + 1"))


def test_the_worker_is_woken_only_by_a_commit_that_queued_messages(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    wakes: list[int] = []
    factory.on_queued = lambda: wakes.append(1)
    with factory() as uow:  # a command that queued nothing
        uow.roster.professionals()
        uow.commit()
    with factory() as uow:  # queued, then thought better of it
        uow.outbox.add(_message("undone"), START)
        uow.rollback()
    with factory() as uow:  # queued but never committed
        uow.outbox.add(_message("abandoned"), START)
    assert wakes == []
    with factory() as uow:
        uow.outbox.add(_message("a"), START)
        uow.outbox.add(_message("b"), START)
        uow.commit()
    assert wakes == [1]


def test_a_poll_with_nothing_due_claims_nothing(engine: Engine) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    queue = SqlOutboxQueue(factory.sessions, factory.read_sessions)
    assert queue.claim_due(START, "w", 10, 60) == []
    with factory() as uow:
        uow.outbox.add(_message("later"), START + timedelta(hours=1))
        uow.commit()
    assert queue.claim_due(START, "w", 10, 60) == []
    assert [d.key for d in queue.claim_due(START + timedelta(hours=1), "w", 10, 60)] == ["later"]


def test_a_connection_closed_mid_transaction_lets_the_next_writer_in(engine: Engine) -> None:
    """An invalidated connection is closed without a rollback; its write lock must not stay taken."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the in-process write lock is SQLite's")
    factory = SqlUnitOfWorkFactory(engine)
    with factory() as uow:
        uow.outbox.add(_message("lost"), START)
        uow.session.flush()
        uow.session.connection().invalidate()
    with factory() as uow:  # would wait and then fail if the closed connection had kept the lock
        uow.outbox.add(_message("kept"), START)
        uow.commit()
    assert _pending(engine) == 1
