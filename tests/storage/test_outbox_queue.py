"""The outbox in the database: transactional adds, claims that never hand one row to two workers."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine, func, select

from commands.clock import ManualClock
from commands.outbox import FileAttachment, OutgoingMessage, Recipient
from commands.replies import Button, Message, Section
from storage.models import OutboxRow
from storage.outbox import SqlOutboxQueue
from storage.uow import SqlUnitOfWorkFactory, session_factory


def _message(key: str, **kw: object) -> OutgoingMessage:
    return OutgoingMessage(key=key, to=Recipient.user("u1"), message=Message(f"tekst {key}"), **kw)  # type: ignore[arg-type]


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count(OutboxRow.id))).scalar_one())


def test_add_commits_with_the_transaction_and_rolls_back_without(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        # no commit: leaving the block rolls back
    assert _count(engine) == 0
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        tx.commit()
    assert _count(engine) == 1


def test_roundtrip_of_message_shape(engine: Engine, clock: ManualClock) -> None:
    message = Message(
        "Nieuwe vraag",
        sections=(Section("Casus", "tekst", (("Urgentie", "vandaag"),)),),
        buttons=(Button("Ik pak het op", "offer.accept", {"offer": "7"}, "primary"),),
    )
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(
            OutgoingMessage("k", Recipient.channel("mdo"), message, file=FileAttachment("a.md", b"# x")),
            clock.now(),
        )
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    (delivery,) = queue.claim_due(clock.now(), "w1", 10, 60)
    assert delivery.message == message
    assert delivery.to == Recipient.channel("mdo")
    assert delivery.file == FileAttachment("a.md", b"# x")
    assert delivery.created_at == clock.now()


def test_claims_are_exclusive_across_threads(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        for i in range(60):
            tx.outbox.add(_message(f"m{i}"), clock.now())
        tx.commit()
    claimed: dict[str, list[int]] = {}
    barrier = threading.Barrier(4)

    def work(name: str) -> None:
        queue = SqlOutboxQueue(session_factory(engine))
        barrier.wait()
        mine: list[int] = []
        while batch := queue.claim_due(clock.now(), name, 7, 60):
            mine.extend(d.id for d in batch)
        claimed[name] = mine

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [row_id for ids in claimed.values() for row_id in ids]
    assert len(every) == 60
    assert len(set(every)) == 60


def test_lease_expiry_makes_a_row_claimable_again(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    assert len(queue.claim_due(clock.now(), "w1", 10, 30)) == 1
    assert queue.claim_due(clock.now(), "w2", 10, 30) == []
    clock.advance(timedelta(seconds=31))
    (again,) = queue.claim_due(clock.now(), "w2", 10, 30)
    # the first worker lost its lease: its late settlement must not count
    queue.mark_sent(again.id, "w1", "post-by-w1", clock.now())
    assert queue.stats(clock.now()).pending == 1
    queue.mark_sent(again.id, "w2", "post-by-w2", clock.now())
    assert queue.stats(clock.now()).pending == 0


def test_retry_park_stats_and_requeue(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        tx.outbox.add(_message("later", not_before=clock.now() + timedelta(hours=1)), clock.now())
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    (delivery,) = queue.claim_due(clock.now(), "w", 10, 60)
    assert delivery.key == "a"
    queue.mark_retry(delivery.id, "w", "TransientError: 502", clock.now() + timedelta(seconds=10), park=False)
    assert queue.claim_due(clock.now(), "w", 10, 60) == []
    clock.advance(timedelta(seconds=11))
    (delivery,) = queue.claim_due(clock.now(), "w", 10, 60)
    assert delivery.attempts == 1
    queue.mark_retry(delivery.id, "w", "PermanentError: 400", clock.now(), park=True)
    stats = queue.stats(clock.now())
    assert (stats.pending, stats.failed) == (1, 1)
    assert queue.failed() == [(delivery.id, "a", "PermanentError: 400", 2)]
    assert queue.requeue_failed(clock.now()) == 1
    (delivery,) = queue.claim_due(clock.now(), "w", 10, 60)
    assert delivery.key == "a"
