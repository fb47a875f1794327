"""The outbox in the database: transactional adds, claims that never hand one row to two workers."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from commands.clock import ManualClock
from commands.outbox import FileAttachment, OutgoingMessage, Recipient
from commands.replies import Button, Message, Section
from storage import schema
from storage.engine import make_engine
from storage.models import OutboxRow
from storage.outbox import SqlOutboxQueue
from storage.uow import SqlUnitOfWorkFactory, session_factory
from tests.conftest import START


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


def _row(engine: Engine, key: str) -> OutboxRow:
    with Session(engine) as session:
        row = session.scalars(select(OutboxRow).where(OutboxRow.key == key)).one()
        session.expunge_all()
    return row


def test_every_claim_is_counted_and_requeueing_does_not_forget_them(
    engine: Engine, clock: ManualClock
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    (first,) = queue.claim_due(clock.now(), "w1", 10, 30)
    assert (first.claims, first.attempts) == (1, 0)
    clock.advance(timedelta(seconds=31))  # w1 crashed before settling: its lease runs out
    (second,) = queue.claim_due(clock.now(), "w2", 10, 30)
    assert (second.claims, second.attempts) == (2, 0)
    queue.mark_retry(second.id, "w2", "PermanentError: 400", clock.now(), park=True)
    assert queue.requeue_failed(clock.now()) == 1
    (third,) = queue.claim_due(clock.now(), "w3", 10, 30)
    assert (third.claims, third.attempts) == (3, 0)


def test_renewal_extends_only_a_live_lease_of_the_same_worker(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("a"), clock.now())
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    (delivery,) = queue.claim_due(clock.now(), "w1", 10, 30)
    assert not queue.renew(delivery.id, "w2", clock.now(), 30)
    clock.advance(timedelta(seconds=20))
    assert queue.renew(delivery.id, "w1", clock.now(), 30)
    clock.advance(timedelta(seconds=20))  # past the first lease, within the renewed one
    assert queue.claim_due(clock.now(), "w2", 10, 30) == []
    clock.advance(timedelta(seconds=11))
    assert not queue.renew(delivery.id, "w1", clock.now(), 30)  # ran out, even though nobody took it yet
    (taken,) = queue.claim_due(clock.now(), "w2", 10, 30)
    assert not queue.renew(taken.id, "w1", clock.now(), 30)
    assert queue.renew(taken.id, "w2", clock.now(), 30)
    queue.mark_sent(taken.id, "w2", "p1", clock.now())
    assert not queue.renew(taken.id, "w2", clock.now(), 30)  # settled rows are not sent again


def test_a_sent_row_keeps_no_content_and_updates_still_find_its_post(
    engine: Engine, clock: ManualClock
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(
            _message("card", file=FileAttachment("kaart.md", b"# vertrouwelijk")),
            clock.now(),
        )
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    (delivery,) = queue.claim_due(clock.now(), "w", 10, 60)
    queue.mark_sent(delivery.id, "w", "post-1", clock.now())
    row = _row(engine, "card")
    assert row.payload == {}
    assert row.file_content is None
    assert (row.status, row.post_id) == ("sent", "post-1")
    with uow() as tx:
        tx.outbox.add(_message("card-update", replaces="card"), clock.now())
        tx.commit()
    (update,) = queue.claim_due(clock.now(), "w", 10, 60)
    assert (update.replaces_post_id, update.replaces_status) == ("post-1", "sent")


def test_a_claimed_update_knows_the_status_of_its_original(engine: Engine, clock: ManualClock) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as tx:
        tx.outbox.add(_message("orig", not_before=clock.now() + timedelta(hours=1)), clock.now())
        tx.outbox.add(_message("upd", replaces="orig"), clock.now())
        tx.outbox.add(_message("orphan", replaces="nothing"), clock.now())
        tx.commit()
    queue = SqlOutboxQueue(session_factory(engine))
    claimed = {d.key: d for d in queue.claim_due(clock.now(), "w", 10, 60)}
    assert set(claimed) == {"upd", "orphan"}
    assert (claimed["upd"].replaces_post_id, claimed["upd"].replaces_status) == (None, "pending")
    assert (claimed["orphan"].replaces_post_id, claimed["orphan"].replaces_status) == (None, None)
    for delivery in claimed.values():
        retry_at = clock.now() + timedelta(hours=2)
        queue.mark_retry(delivery.id, "w", "waiting", retry_at, park=False, count_attempt=False)
    clock.advance(timedelta(hours=1))
    (orig,) = queue.claim_due(clock.now(), "w", 10, 60)
    assert orig.key == "orig"
    queue.mark_retry(orig.id, "w", "PermanentError: 403", clock.now(), park=True)
    clock.advance(timedelta(hours=1))
    (upd,) = [d for d in queue.claim_due(clock.now(), "w", 10, 60) if d.key == "upd"]
    assert (upd.replaces_status, upd.attempts, upd.claims) == ("failed", 0, 2)


def test_migration_0006_counts_earlier_claims(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine, "0005")
        columns = (
            "key, recipient_kind, recipient_ref, payload, status, attempts, due_at, claimed_by, created_at"
        )
        with engine.begin() as conn:
            for key, claimed_by in [("fresh", None), ("claimed", "w1")]:
                conn.execute(
                    text(
                        f"INSERT INTO outbox_message ({columns}) "
                        "VALUES (:key, 'user', 'u1', '{}', 'pending', 0, :now, :claimed_by, :now)"
                    ),
                    {"key": key, "claimed_by": claimed_by, "now": START},
                )
        schema.upgrade(engine)
        with engine.connect() as conn:
            claims = {r.key: r.claims for r in conn.execute(select(OutboxRow.key, OutboxRow.claims))}
        assert claims == {"fresh": 0, "claimed": 1}
        schema.downgrade(engine, "0005")
    finally:
        engine.dispose()
