"""The outbox on both sides: handlers add rows inside their transaction; workers claim and settle them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commands.outbox import (
    FileAttachment,
    OutboxStats,
    OutgoingMessage,
    PendingDelivery,
    Recipient,
    message_from_dict,
    message_to_dict,
)
from storage.models import OutboxRow

MAX_ERROR_LENGTH = 500


class SqlOutboxRepository:
    """Adds messages within the caller's session, so they commit or roll back with the state change."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.queued = 0  # messages added in this transaction: the unit of work wakes the worker if any

    def add(self, message: OutgoingMessage, now: datetime) -> None:
        self.queued += 1
        self.session.add(_row(message, now))

    def add_once(self, message: OutgoingMessage, now: datetime) -> bool:
        """Add unless the key is taken; a concurrent insert of the same key (another process) waits for the
        first to commit on PostgreSQL and then finds it taken, so exactly one of them returns True."""
        try:
            with self.session.begin_nested():
                self.session.add(_row(message, now))
                self.session.flush()
        except IntegrityError:
            return False
        self.queued += 1
        return True


def _row(message: OutgoingMessage, now: datetime) -> OutboxRow:
    return OutboxRow(
        key=message.key,
        recipient_kind=message.to.kind,
        recipient_ref=message.to.ref,
        payload=message_to_dict(message.message),
        replaces_key=message.replaces,
        file_name=message.file.filename if message.file else None,
        file_mime=message.file.mime_type if message.file else None,
        file_content=message.file.content if message.file else None,
        status="pending",
        attempts=0,
        due_at=message.not_before or now,
        created_at=now,
    )


class SqlOutboxQueue:
    """The worker side. Claims use a conditional UPDATE so two processes never send the same row."""

    def __init__(
        self, session_factory: Callable[[], Session], read_sessions: Callable[[], Session] | None = None
    ) -> None:
        self.session_factory = session_factory
        self.read_sessions = read_sessions or session_factory

    def claim_due(
        self, now: datetime, worker: str, limit: int, lease_seconds: float
    ) -> list[PendingDelivery]:
        lease_until = now + timedelta(seconds=lease_seconds)
        claimable = (
            (OutboxRow.status == "pending")
            & (OutboxRow.due_at <= now)
            & or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now)
        )
        claimed: list[PendingDelivery] = []
        with self.read_sessions() as session, session.begin():
            # Most polls find nothing: finding that out takes no write lock (an indexed read, no claim).
            if session.scalar(select(OutboxRow.id).where(claimable).limit(1)) is None:
                return claimed
        with self.session_factory() as session, session.begin():
            candidates = session.scalars(
                select(OutboxRow.id).where(claimable).order_by(OutboxRow.due_at, OutboxRow.id).limit(limit)
            ).all()
            for row_id in candidates:
                won = session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == row_id, claimable)
                    .values(claimed_by=worker, claimed_until=lease_until, claims=OutboxRow.claims + 1)
                    .execution_options(synchronize_session=False)
                )
                if won.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(self._delivery(session, row_id))
        return claimed

    def _delivery(self, session: Session, row_id: int) -> PendingDelivery:
        row = session.get_one(OutboxRow, row_id)
        replaces_post_id = replaces_status = None
        if row.replaces_key:
            original = session.execute(
                select(OutboxRow.post_id, OutboxRow.status).where(OutboxRow.key == row.replaces_key)
            ).one_or_none()
            if original is not None:
                replaces_post_id, replaces_status = original.post_id, original.status
        file = None
        if row.file_name is not None and row.file_content is not None:
            file = FileAttachment(
                row.file_name, row.file_content, row.file_mime or "application/octet-stream"
            )
        return PendingDelivery(
            id=row.id,
            key=row.key,
            to=Recipient(row.recipient_kind, row.recipient_ref),  # type: ignore[arg-type]
            message=message_from_dict(row.payload),
            replaces_post_id=replaces_post_id,
            replaces_key=row.replaces_key,
            file=file,
            attempts=row.attempts,
            created_at=row.created_at,
            claims=row.claims,
            replaces_status=replaces_status,
        )

    def renew(self, delivery_id: int, worker: str, now: datetime, lease_seconds: float) -> bool:
        """Extend `worker`'s lease on a row right before sending it; False if the lease has run out.

        A batch is claimed under one lease; a row that waited too long in the batch may already be
        claimed (and sent) by another worker, so it must not be sent by this one.
        """
        with self.session_factory() as session, session.begin():
            result = session.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.id == delivery_id,
                    OutboxRow.status == "pending",
                    OutboxRow.claimed_by == worker,
                    OutboxRow.claimed_until >= now,
                )
                .values(claimed_until=now + timedelta(seconds=lease_seconds))
                .execution_options(synchronize_session=False)
            )
            return int(result.rowcount) == 1  # type: ignore[attr-defined]

    def mark_sent(self, delivery_id: int, worker: str, post_id: str, now: datetime) -> None:
        with self.session_factory() as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == delivery_id, OutboxRow.claimed_by == worker)
                .values(
                    status="sent",
                    post_id=post_id,
                    sent_at=now,
                    claimed_until=None,
                    attempts=OutboxRow.attempts + 1,
                    last_error=None,
                    # Privacy: once delivered, the content lives in Mattermost only. An update of this
                    # message needs the post id, nothing else.
                    payload={},
                    file_content=None,
                )
                .execution_options(synchronize_session=False)
            )

    def mark_retry(
        self,
        delivery_id: int,
        worker: str,
        error: str,
        retry_at: datetime,
        park: bool,
        count_attempt: bool = True,
    ) -> None:
        """Release the row for a later try, or park it as failed. `count_attempt=False` when nothing
        was tried (e.g. waiting for the post it updates), so waiting does not use up the retry budget.
        """
        with self.session_factory() as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == delivery_id, OutboxRow.claimed_by == worker)
                .values(
                    status="failed" if park else "pending",
                    attempts=OutboxRow.attempts + (1 if count_attempt else 0),
                    last_error=error[:MAX_ERROR_LENGTH],
                    due_at=retry_at,
                    claimed_until=None,
                )
                .execution_options(synchronize_session=False)
            )

    def stats(self, now: datetime) -> OutboxStats:
        with self.read_sessions() as session, session.begin():
            pending, oldest = session.execute(
                select(func.count(OutboxRow.id), func.min(OutboxRow.created_at)).where(
                    OutboxRow.status == "pending"
                )
            ).one()
            failed = session.scalar(select(func.count(OutboxRow.id)).where(OutboxRow.status == "failed"))
        age = None
        if oldest is not None:
            oldest_aware = oldest if oldest.tzinfo else oldest.replace(tzinfo=now.tzinfo)
            age = max(0.0, (now - oldest_aware).total_seconds())
        return OutboxStats(pending=int(pending), failed=int(failed or 0), oldest_pending_age_seconds=age)

    def failed(self, limit: int = 50) -> list[tuple[int, str, str, int]]:
        with self.read_sessions() as session, session.begin():
            rows = session.execute(
                select(OutboxRow.id, OutboxRow.key, OutboxRow.last_error, OutboxRow.attempts)
                .where(OutboxRow.status == "failed")
                .order_by(OutboxRow.id)
                .limit(limit)
            ).all()
        return [(r.id, r.key, r.last_error or "", r.attempts) for r in rows]

    def requeue_failed(self, now: datetime) -> int:
        """Give parked rows a fresh retry budget (attempts); `claims` stays, so a row that may have
        reached Mattermost is still looked for before it is sent again."""
        with self.session_factory() as session, session.begin():
            result = session.execute(
                update(OutboxRow)
                .where(OutboxRow.status == "failed")
                .values(status="pending", attempts=0, due_at=now, claimed_until=None)
                .execution_options(synchronize_session=False)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]
