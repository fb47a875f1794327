"""The outbox worker against the real queue and a scripted Mattermost: exactly once despite crashes, lost
leases, long outages and updates that wait for their original. Time is a manual clock; nothing sleeps.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.mattermost import PermanentError, TransientError
from bot.outbox_worker import KEY_PROP, OutboxWorker, Sender
from bot.rendering import Renderer
from bot.signing import Signer
from commands.clock import ManualClock
from commands.outbox import FileAttachment, OutgoingMessage, Recipient
from commands.replies import Button, Message
from storage.models import OutboxRow
from storage.outbox import SqlOutboxQueue
from storage.uow import SqlUnitOfWorkFactory, session_factory

PENDING_TTL = timedelta(seconds=30)  # Mattermost's pending_post_id de-duplication (docs/mattermost.md §5)


@dataclass
class FakeMattermost:
    """Posts in memory, with Mattermost's short pending_post_id de-duplication and scriptable failures."""

    clock: ManualClock
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    updates: list[tuple[str, str]] = field(default_factory=list)
    fail_create: Callable[[str], Exception | None] = lambda key: None
    fail_create_after_storing: Callable[[str], Exception | None] = lambda key: None
    fail_update: Callable[[str], Exception | None] = lambda post_id: None
    after_create: Callable[[str], None] = lambda key: None
    ids: itertools.count[int] = field(default_factory=itertools.count)

    def dm_channel_id(self, user_id: str) -> str:
        return f"dm-{user_id}"

    def channel_id_by_name(self, name: str) -> str:
        if name == "bestaat-niet":
            raise PermanentError(404, "store.sql_channel.get_by_name.missing.app_error")
        return f"ch-{name}"

    def create_post(
        self,
        channel_id: str,
        message: str,
        props: dict[str, Any] | None = None,
        pending_post_id: str | None = None,
        file_ids: list[str] | None = None,
        root_id: str = "",
    ) -> str:
        key = (props or {})[KEY_PROP]
        if error := self.fail_create(key):
            raise error
        now = self.clock.now()
        hit = self.pending.get(pending_post_id or "")
        if hit and now - hit[1] < PENDING_TTL:
            return hit[0]
        post_id = f"p{next(self.ids)}"
        self.posts[post_id] = {
            "channel_id": channel_id,
            "message": message,
            "props": dict(props or {}),
            "file_ids": file_ids or [],
            "at": now,
        }
        if pending_post_id:
            self.pending[pending_post_id] = (post_id, now)
        if error := self.fail_create_after_storing(key):
            raise error
        self.after_create(key)
        return post_id

    def update_post(self, post_id: str, message: str, props: dict[str, Any]) -> None:
        if error := self.fail_update(post_id):
            raise error
        self.posts[post_id].update(message=message, props=dict(props))
        self.updates.append((post_id, message))

    def upload_file(
        self, channel_id: str, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> str:
        return f"file-{filename}"

    def find_post_by_prop(self, channel_id: str, prop: str, value: str, since: datetime) -> str | None:
        for post_id, post in self.posts.items():
            if post["channel_id"] == channel_id and post["at"] >= since and post["props"].get(prop) == value:
                return post_id
        return None

    def posted(self, key: str) -> list[str]:
        """Ids of the posts created for outbox message `key`."""
        return [post_id for post_id, post in self.posts.items() if post["props"].get(KEY_PROP) == key]


@pytest.fixture
def mattermost(clock: ManualClock) -> FakeMattermost:
    return FakeMattermost(clock)


@pytest.fixture
def sender(mattermost: FakeMattermost) -> Sender:
    return Sender(
        mattermost, Renderer(Signer("test-secret-of-enough-length"), "http://erbij.test", timedelta(days=7))
    )


@pytest.fixture
def queue(engine: Engine) -> SqlOutboxQueue:
    return SqlOutboxQueue(session_factory(engine))


def _worker(
    queue: SqlOutboxQueue, sender: Sender, clock: ManualClock, name: str = "w1", **kw: Any
) -> OutboxWorker:
    return OutboxWorker(queue, sender, clock, name, rng=random.Random(3), **kw)


def _add(engine: Engine, now: datetime, *messages: OutgoingMessage) -> None:
    with SqlUnitOfWorkFactory(engine)() as tx:
        for message in messages:
            tx.outbox.add(message, now)
        tx.commit()


def _dm(key: str, text: str | None = None, **kw: Any) -> OutgoingMessage:
    return OutgoingMessage(key, Recipient.user("u1"), Message(text or f"bericht {key}"), **kw)


def _rows(engine: Engine) -> dict[str, OutboxRow]:
    with Session(engine) as session:
        rows = {r.key: r for r in session.scalars(select(OutboxRow))}
        session.expunge_all()
    return rows


def _run_until_drained(
    worker: OutboxWorker, queue: SqlOutboxQueue, clock: ManualClock, step: timedelta, rounds: int
) -> None:
    for _ in range(rounds):
        while worker.run_once():
            pass
        if queue.stats(clock.now()).pending == 0:
            return
        clock.advance(step)
    raise AssertionError("outbox did not drain")


# --- 1. a row claimed again is looked for before it is posted again ---------------------------------------


def test_a_row_whose_worker_crashed_before_recording_the_post_is_not_posted_again(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(engine, clock.now(), _dm("a"))
    # Another process claims the row and posts it, then dies before mark_sent.
    (delivery,) = queue.claim_due(clock.now(), "crashed", 10, 60)
    first = sender.deliver(delivery, clock.now())
    clock.advance(timedelta(seconds=61))  # the lease ran out, and so did Mattermost's de-duplication
    assert _worker(queue, sender, clock).run_once() == 1
    assert mattermost.posted("a") == [first]
    row = _rows(engine)["a"]
    assert (row.status, row.post_id, row.claims) == ("sent", first, 2)


def test_a_requeued_row_whose_post_reached_mattermost_is_not_posted_again(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(engine, clock.now(), _dm("a"))
    # The post is stored but the answer is lost, and the row is parked (retry budget of one).
    mattermost.fail_create_after_storing = lambda key: TransientError("502 after storing")
    worker = _worker(queue, sender, clock, max_attempts=1)
    worker.run_once()
    assert queue.stats(clock.now()).failed == 1
    mattermost.fail_create_after_storing = lambda key: None
    clock.advance(timedelta(minutes=5))
    assert queue.requeue_failed(clock.now()) == 1  # resets attempts to 0, not claims
    worker.run_once()
    assert len(mattermost.posted("a")) == 1
    assert _rows(engine)["a"].status == "sent"


# --- 2. a row's lease is renewed before it is sent, once half of it has gone --------------------------------


def test_a_row_whose_lease_ran_out_in_a_slow_batch_is_left_to_the_worker_that_took_it(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(engine, clock.now(), _dm("a"), _dm("b"), _dm("c"))
    w1 = _worker(queue, sender, clock, "w1", lease_seconds=60)
    w2 = _worker(queue, sender, clock, "w2", lease_seconds=60)
    w2_ran: list[int] = []
    slow = [True]

    def slow_first_send(key: str) -> None:
        # w1's first send takes 100 s (timeouts, a 429); meanwhile w2 claims the rest of w1's batch and
        # sends it, more than Mattermost's de-duplication window before w1 gets to those rows.
        if slow:
            slow.clear()
            clock.advance(timedelta(seconds=70))
            w2_ran.append(w2.run_once())
            clock.advance(timedelta(seconds=31))

    mattermost.after_create = slow_first_send
    assert w1.run_once() == 3
    assert w2_ran == [3]  # "a" too: w1 had not recorded it yet, w2 found its post instead of posting again
    for key in "abc":
        assert len(mattermost.posted(key)) == 1, key
    rows = _rows(engine)
    assert {k: (r.status, r.claimed_by) for k, r in rows.items()} == {
        "a": ("sent", "w2"),
        "b": ("sent", "w2"),
        "c": ("sent", "w2"),
    }
    assert rows["a"].post_id == mattermost.posted("a")[0]


def test_a_batch_sent_within_half_its_lease_is_not_renewed_row_by_row_later_rows_are(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _add(engine, clock.now(), _dm("a"), _dm("b"), _dm("c"))
    renewed: list[int] = []
    renew = queue.renew

    def counted(delivery_id: int, *args: Any) -> bool:
        renewed.append(delivery_id)
        return renew(delivery_id, *args)

    monkeypatch.setattr(queue, "renew", counted)

    # "a" and "b" go out within half the lease: no renewal (one write transaction less per message);
    # the send of "b" takes 30 s, so "c" is renewed before it is sent.
    def slow_b(key: str) -> None:
        if key == "b":
            clock.advance(timedelta(seconds=30))

    mattermost.after_create = slow_b
    worker = _worker(queue, sender, clock, lease_seconds=60)
    assert worker.run_once() == 3
    rows = _rows(engine)
    assert {k: r.status for k, r in rows.items()} == {"a": "sent", "b": "sent", "c": "sent"}
    assert renewed == [rows["c"].id]


def test_a_row_whose_lease_ran_out_unclaimed_is_skipped_and_sent_once_later(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(engine, clock.now(), _dm("a"), _dm("b"))

    def lease_runs_out_after_a(key: str) -> None:
        if key == "a":
            clock.advance(timedelta(seconds=61))

    mattermost.after_create = lease_runs_out_after_a
    worker = _worker(queue, sender, clock, lease_seconds=60)
    assert worker.run_once() == 2
    assert mattermost.posted("b") == []  # not sent under a lease that had run out
    assert _rows(engine)["b"].status == "pending"
    mattermost.after_create = lambda key: None
    assert worker.run_once() == 1
    assert len(mattermost.posted("b")) == 1
    assert _rows(engine)["b"].status == "sent"


# --- 3. an update waits for its original as long as the original is pending ---------------------------------


def test_an_update_waits_through_a_long_outage_of_its_original_and_is_applied(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    start = clock.now()
    offer = Message("Nieuwe vraag", buttons=(Button("Ik pak het op", "offer.accept", {"offer": "1"}),))
    _add(
        engine,
        clock.now(),
        OutgoingMessage("offer", Recipient.user("u1"), offer),
        _dm("offer-closed", "Vraag is al opgepakt", replaces="offer"),
    )
    # Creating posts fails for 40 minutes; the original backs off up to 600 s between tries.
    outage = lambda key: TransientError("503") if clock.now() < start + timedelta(minutes=40) else None  # noqa: E731
    mattermost.fail_create = outage
    failed_updates: list[str] = []

    def update_fails_once(post_id: str) -> Exception | None:
        if failed_updates:
            return None
        failed_updates.append(post_id)
        return TransientError("502")

    mattermost.fail_update = update_fails_once
    worker = _worker(queue, sender, clock, max_attempts=20)
    _run_until_drained(worker, queue, clock, timedelta(seconds=2), rounds=5000)

    assert queue.stats(clock.now()).failed == 0
    (post_id,) = mattermost.posted("offer")
    assert mattermost.posts[post_id]["message"] == "Vraag is al opgepakt"
    assert mattermost.updates == [(post_id, "Vraag is al opgepakt")]
    update = _rows(engine)["offer-closed"]
    assert update.status == "sent"
    # waiting was not counted as attempts: only the failed update and the successful one were
    assert update.attempts == 2


def test_an_update_of_a_parked_original_is_parked_too_with_a_clear_error(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(
        engine,
        clock.now(),
        OutgoingMessage("agenda", Recipient.channel("bestaat-niet"), Message("Agenda")),
    )
    _add(
        engine,
        clock.now() + timedelta(seconds=1),
        OutgoingMessage("agenda-v2", Recipient.channel("bestaat-niet"), Message("Agenda"), replaces="agenda"),
    )
    worker = _worker(queue, sender, clock)
    worker.run_once()  # the original is parked (permanent error)
    clock.advance(timedelta(seconds=1))
    worker.run_once()  # the update is parked with it, at once
    assert queue.stats(clock.now()).failed == 2
    errors = {key: error for _, key, error, _ in queue.failed()}
    assert "agenda" in errors["agenda-v2"] and "parked as failed" in errors["agenda-v2"]


def test_an_update_waiting_for_a_pending_original_backs_off_gently(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender
) -> None:
    later = clock.now() + timedelta(hours=3)
    _add(engine, clock.now(), _dm("orig", not_before=later), _dm("upd", replaces="orig"))
    worker = _worker(queue, sender, clock)
    waits = []
    for _ in range(12):
        assert worker.run_once() == 1
        row = _rows(engine)["upd"]
        assert (row.status, row.attempts) == ("pending", 0)
        waits.append((row.due_at - clock.now()).total_seconds())
        clock.set(row.due_at)
    assert waits == [2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60]


# --- 4. a sent row keeps no content ------------------------------------------------------------------------


def test_delivered_rows_keep_no_content_and_can_still_be_updated(
    engine: Engine, clock: ManualClock, queue: SqlOutboxQueue, sender: Sender, mattermost: FakeMattermost
) -> None:
    _add(
        engine,
        clock.now(),
        _dm("export", "Je export", file=FileAttachment("kaart.md", b"# Veiligheidskaart, vertrouwelijk")),
    )
    worker = _worker(queue, sender, clock)
    worker.run_once()
    row = _rows(engine)["export"]
    assert row.status == "sent"
    assert row.payload == {}
    assert row.file_content is None
    (post_id,) = mattermost.posted("export")
    assert mattermost.posts[post_id]["file_ids"] == ["file-kaart.md"]
    _add(engine, clock.now(), _dm("export-gone", "Export verlopen", replaces="export"))
    worker.run_once()
    assert mattermost.updates == [(post_id, "Export verlopen")]
    assert all(r.payload == {} for r in _rows(engine).values())
