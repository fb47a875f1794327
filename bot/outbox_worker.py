"""Delivers outbox rows to Mattermost: claim, send, settle — retries with backoff,
never drops a row silently.
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.mattermost import PermanentError, RateLimited, TransientError
from bot.rendering import Renderer
from commands.clock import Clock
from commands.outbox import PendingDelivery
from commands.ports import OutboxQueue

log = logging.getLogger(__name__)

KEY_PROP = "erbij_key"
# An update waits for the post it updates: first after 2 s, doubling to at most a minute, for as long as
# that message is pending (its own backoff may take far longer than any fixed number of tries).
NOT_READY_BASE_SECONDS = 2.0
NOT_READY_CAP_SECONDS = 60.0


class PostingClient(Protocol):
    def dm_channel_id(self, user_id: str) -> str: ...

    def channel_id_by_name(self, name: str) -> str: ...

    def create_post(
        self,
        channel_id: str,
        message: str,
        props: dict[str, Any] | None = None,
        pending_post_id: str | None = None,
        file_ids: list[str] | None = None,
        root_id: str = "",
    ) -> str: ...

    def update_post(self, post_id: str, message: str, props: dict[str, Any]) -> None: ...

    def upload_file(self, channel_id: str, filename: str, content: bytes, mime_type: str = ...) -> str: ...

    def find_post_by_prop(self, channel_id: str, prop: str, value: str, since: datetime) -> str | None: ...


class NotReady(Exception):
    """The post this message updates has not been delivered yet; try again shortly."""


class Sender:
    """Turns one claimed delivery into Mattermost calls and returns the post id."""

    def __init__(self, client: PostingClient, renderer: Renderer) -> None:
        self.client = client
        self.renderer = renderer

    def deliver(self, delivery: PendingDelivery, now: datetime) -> str:
        text, props = self.renderer.post(delivery.message, now)
        if delivery.replaces_key is not None:
            if delivery.replaces_post_id is None:
                raise NotReady(delivery.replaces_key)
            props[KEY_PROP] = delivery.replaces_key
            self.client.update_post(delivery.replaces_post_id, text, props)
            return delivery.replaces_post_id
        channel_id = self._channel(delivery)
        props[KEY_PROP] = delivery.key
        if delivery.claims > 1 or delivery.attempts > 0:
            # An earlier claim may have reached Mattermost without being recorded (an error after the post
            # was stored, a crash or a lost lease before mark_sent); Mattermost only de-duplicates
            # pending_post_id for 30 s, so look for the post ourselves before sending again.
            existing = self.client.find_post_by_prop(channel_id, KEY_PROP, delivery.key, delivery.created_at)
            if existing:
                return existing
        file_ids = None
        if delivery.file is not None:
            file_ids = [
                self.client.upload_file(
                    channel_id, delivery.file.filename, delivery.file.content, delivery.file.mime_type
                )
            ]
        return self.client.create_post(
            channel_id, text, props, pending_post_id=delivery.key, file_ids=file_ids
        )

    def _channel(self, delivery: PendingDelivery) -> str:
        if delivery.to.kind == "user":
            return self.client.dm_channel_id(delivery.to.ref)
        return self.client.channel_id_by_name(delivery.to.ref)


class OutboxWorker:
    def __init__(
        self,
        queue: OutboxQueue,
        sender: Sender,
        clock: Clock,
        worker_id: str,
        *,
        max_attempts: int = 8,
        batch: int = 25,
        lease_seconds: float = 60.0,
        backoff_base: float = 2.0,
        backoff_cap: float = 600.0,
        rng: random.Random | None = None,
    ) -> None:
        self.queue = queue
        self.sender = sender
        self.clock = clock
        self.worker_id = worker_id
        self.max_attempts = max_attempts
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        """Claim what is due now and try each once; returns how many rows were attempted."""
        claimed_at = self.clock.now()
        deliveries = self.queue.claim_due(claimed_at, self.worker_id, self.batch, self.lease_seconds)
        fresh = timedelta(seconds=self.lease_seconds / 2)
        for delivery in deliveries:
            # The batch shares one lease, and sending takes time: once half of it has gone, renew it right
            # before sending (until then at least half a lease is left for the send, more than a send's
            # timeouts, and a renewal would only be one more write transaction per message). If it ran out,
            # another worker may own (and send) the row by now, so leave it alone.
            now = self.clock.now()
            if now - claimed_at >= fresh and not self.queue.renew(
                delivery.id, self.worker_id, now, self.lease_seconds
            ):
                log.warning(
                    "outbox message %s: lease ran out before sending, left to its next claim", delivery.key
                )
                continue
            self._attempt(delivery)
        return len(deliveries)

    def _attempt(self, delivery: PendingDelivery) -> None:
        now = self.clock.now()
        try:
            post_id = self.sender.deliver(delivery, now)
        except RateLimited as err:
            # A 429 says "later", not "broken": it does not count towards parking until it persists.
            park = delivery.attempts + 1 >= self.max_attempts * 3
            self._retry(
                delivery,
                f"429 rate limited, retry after {err.retry_after}s",
                now + timedelta(seconds=max(err.retry_after, 0.5)),
                park,
            )
        except NotReady:
            self._not_ready(delivery, now)
        except (TransientError, PermanentError) as err:
            permanent = isinstance(err, PermanentError)
            park = permanent or delivery.attempts + 1 >= self.max_attempts
            self._retry(
                delivery, f"{type(err).__name__}: {err}", now + self._backoff(delivery.attempts), park
            )
        except Exception as err:  # an unexpected bug must not kill the worker or lose the row
            log.exception("outbox delivery %s failed unexpectedly", delivery.id)
            park = delivery.attempts + 1 >= self.max_attempts
            self._retry(
                delivery, f"{type(err).__name__}: {err}", now + self._backoff(delivery.attempts), park
            )
        else:
            self.queue.mark_sent(delivery.id, self.worker_id, post_id, self.clock.now())

    def _not_ready(self, delivery: PendingDelivery, now: datetime) -> None:
        original = delivery.replaces_key
        if delivery.replaces_status == "pending":
            # Never park while the original may still be delivered: the update would be lost and the
            # original (with live buttons) would never be updated. Waiting is not an attempt.
            waits = max(delivery.claims - 1, 0)
            delay = min(NOT_READY_CAP_SECONDS, NOT_READY_BASE_SECONDS * 2 ** min(waits, 10))
            self._retry(
                delivery,
                f"waiting for the post it updates ({original})",
                now + timedelta(seconds=delay),
                park=False,
                count_attempt=False,
            )
        elif delivery.replaces_status == "failed":
            self._retry(
                delivery,
                f"the message it updates ({original}) was parked as failed; requeue both",
                now,
                park=True,
            )
        else:  # no such message: it may yet appear, but not for ever
            self._retry(
                delivery,
                f"the message it updates ({original}) does not exist",
                now + timedelta(seconds=NOT_READY_BASE_SECONDS),
                delivery.attempts + 1 >= self.max_attempts * 3,
            )

    def _retry(
        self,
        delivery: PendingDelivery,
        error: str,
        retry_at: datetime,
        park: bool,
        count_attempt: bool = True,
    ) -> None:
        if park:
            log.error(
                "outbox message %s parked as failed after %d attempts: %s",
                delivery.key,
                delivery.attempts + 1,
                error,
            )
        else:
            log.warning("outbox message %s will be retried: %s", delivery.key, error)
        self.queue.mark_retry(delivery.id, self.worker_id, error, retry_at, park, count_attempt=count_attempt)

    def _backoff(self, attempts: int) -> timedelta:
        delay = min(self.backoff_cap, self.backoff_base * (2**attempts))
        return timedelta(seconds=delay * (0.5 + self.rng.random() / 2))

    # --- background thread -------------------------------------------------------------------------
    def wake(self) -> None:
        """Called after a transaction that queued messages, so delivery does not wait for the next poll."""
        self._wake.set()

    def pause(self) -> None:
        """Hold delivery (Mattermost is unreachable): rows wait without spending their attempts."""
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()
        self._wake.set()

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def start(self, poll_seconds: float = 1.0) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                try:
                    while not self._paused.is_set() and self.run_once():
                        pass
                except Exception:
                    log.exception("outbox worker round failed")
                self._wake.wait(poll_seconds)
                self._wake.clear()

        self._thread = threading.Thread(target=loop, name="erbij-outbox", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
