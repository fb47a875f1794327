"""Messages to other people, queued in the same transaction as the state change that causes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from commands.replies import Button, Message, Section

RecipientKind = Literal["user", "channel"]


@dataclass(frozen=True)
class Recipient:
    """A Mattermost user (by id, message goes to the DM channel) or a channel (by name, in the team)."""

    kind: RecipientKind
    ref: str

    @classmethod
    def user(cls, user_id: str) -> Recipient:
        return cls("user", user_id)

    @classmethod
    def channel(cls, name: str) -> Recipient:
        return cls("channel", name)


@dataclass(frozen=True)
class FileAttachment:
    filename: str
    content: bytes
    mime_type: str = "text/markdown"


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to deliver exactly once.

    `key` is the idempotency key: unique per message, reused as Mattermost's `pending_post_id`.
    `replaces` names the key of an earlier message whose post is to be updated instead of a new post.
    """

    key: str
    to: Recipient
    message: Message
    replaces: str | None = None
    not_before: datetime | None = None
    file: FileAttachment | None = None


def outgoing(
    key: str,
    to: Recipient,
    message: Message | str,
    *,
    replaces: str | None = None,
    not_before: datetime | None = None,
    file: FileAttachment | None = None,
) -> OutgoingMessage:
    """The one way to build a message for the outbox; plain text becomes a Message."""
    body = Message(message) if isinstance(message, str) else message
    return OutgoingMessage(key, to, body, replaces, not_before, file)


def direct_message(
    key: str,
    user_id: str,
    message: Message | str,
    *,
    replaces: str | None = None,
    not_before: datetime | None = None,
    file: FileAttachment | None = None,
) -> OutgoingMessage:
    """A message to one person, in their DM with Erbij."""
    return outgoing(
        key, Recipient.user(user_id), message, replaces=replaces, not_before=not_before, file=file
    )


def channel_message(
    key: str,
    channel: str,
    message: Message | str,
    *,
    replaces: str | None = None,
    not_before: datetime | None = None,
    file: FileAttachment | None = None,
) -> OutgoingMessage:
    """A message to a channel (by name, in the team)."""
    return outgoing(
        key, Recipient.channel(channel), message, replaces=replaces, not_before=not_before, file=file
    )


KEY_MAX = 120  # the outbox key column


def one_off_key(kind: str, *parts: str) -> str:
    """A key for a message that is new every time it is asked for (a file by DM): never equal to another,
    even for two requests in the same instant. Readable parts first, cut so the key fits its column."""
    unique = uuid.uuid4().hex
    readable = ":".join((kind, *parts))[: KEY_MAX - len(unique) - 1]
    return f"{readable}:{unique}"


def message_to_dict(message: Message) -> dict[str, Any]:
    return {
        "text": message.text,
        "sections": [
            {"title": s.title, "text": s.text, "fields": [list(f) for f in s.fields]}
            for s in message.sections
        ],
        "buttons": [
            {"label": b.label, "action": b.action, "data": dict(b.data), "style": b.style}
            for b in message.buttons
        ],
    }


def message_from_dict(raw: dict[str, Any]) -> Message:
    return Message(
        text=raw["text"],
        sections=tuple(
            Section(s["title"], s["text"], tuple((f[0], f[1]) for f in s.get("fields", [])))
            for s in raw.get("sections", [])
        ),
        buttons=tuple(
            Button(b["label"], b["action"], dict(b.get("data", {})), b.get("style", "default"))
            for b in raw.get("buttons", [])
        ),
    )


@dataclass(frozen=True)
class PendingDelivery:
    """An outbox row claimed by a worker, ready to send.

    `claims` counts every claim of the row, this one included, and is never reset: above 1, an earlier
    claim may have reached Mattermost without being recorded, so the sender looks for that post first.
    `replaces_status` is the status of the message this one updates ("pending", "sent", "failed"), or
    None when there is no such message.
    """

    id: int
    key: str
    to: Recipient
    message: Message
    replaces_post_id: str | None
    replaces_key: str | None
    file: FileAttachment | None
    attempts: int
    created_at: datetime
    claims: int = 1
    replaces_status: str | None = None


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    failed: int
    oldest_pending_age_seconds: float | None
