"""The channel guard: identifiers pasted in the channels where Erbij is a member, and in DMs to Erbij.

Mattermost tells Erbij about every post in its channels and DMs (websocket `posted` and `post_edited`; the
adapter is bot.channel_guard). Such a post is already stored in Mattermost, read by everyone in the channel
and kept in its exports, so the guard cannot refuse it as a dialog does; it tells the author, in a direct
message, what it found (masked, never quoting the text) and, where Erbij may, deletes the post.

The same privacy guard as every dialog runs on the text (commands.privacy_fields: the region's organisations
and the roster's people are allowed), before any transaction is opened. One short transaction then records an
audit event (kinds and channel, never the text) and queues the DM, keyed by the post: a replayed event, or a
second Erbij process that heard the same post, finds the key taken and does nothing.

Deleting is tried first, because the DM's wording depends on its answer ("ik heb je bericht weggehaald" or
"haal het weg"). A delete is safe to repeat (Mattermost answers 404 for a post already gone).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from commands.catalogue import t
from commands.outbox import direct_message
from commands.ports import AuditEvent
from commands.privacy import Allowlist, Finding, IdentifierKind, describe, find_identifiers
from commands.privacy_fields import findings_per_field
from commands.registry import Context

AUDIT_ACTION = "kanaal.identificatie"
KEY_PREFIX = "kanaalwacht"
MAX_LISTED = 5  # findings named in the DM; a pasted list of numbers needs no full inventory


class ChannelType(StrEnum):
    """Mattermost's channel types."""

    OPEN = "O"
    PRIVATE = "P"
    GROUP = "G"
    DIRECT = "D"


@dataclass(frozen=True)
class ChannelPost:
    """A post as the guard sees it. `from_integration`: posted by a webhook, a slash command's in-channel
    answer or another bot (props from_webhook/from_bot); `post_type` is non-empty for system messages.
    `edit_at` is 0 for a new post, else the moment of the edit the guard is looking at."""

    post_id: str
    author_id: str
    channel_id: str
    channel_name: str
    channel_type: str
    text: str
    post_type: str = ""
    from_integration: bool = False
    edit_at: int = 0

    @property
    def key(self) -> str:
        """The DM's idempotency key: one warning per post (and per edit of it)."""
        suffix = f":{self.edit_at}" if self.edit_at else ""
        return f"{KEY_PREFIX}:{self.post_id}{suffix}"


class Action(StrEnum):
    NOTHING = "niets"
    WARN = "waarschuwen"  # tell the author to remove it
    DELETE = "verwijderen"  # delete it and tell the author


@dataclass(frozen=True)
class Decision:
    action: Action
    findings: tuple[Finding, ...] = ()

    @property
    def kinds(self) -> tuple[IdentifierKind, ...]:
        """The kinds found, each once, in order of appearance."""
        return tuple(dict.fromkeys(f.kind for f in self.findings))


NOTHING = Decision(Action.NOTHING)


class Removal(StrEnum):
    """What became of the post (recorded in the audit event)."""

    NOT_TRIED = "niet_geprobeerd"  # a DM, deletion switched off, or Erbij was refused here recently
    DELETED = "verwijderd"
    DENIED = "geen_recht"  # 403: Erbij lacks delete_others_posts in this channel
    GONE = "al_weg"  # 404: someone removed it already
    FAILED = "mislukt"  # Mattermost did not answer; the author is asked to remove it


class PostRemover(Protocol):
    """Deletes posts in chat (bot.channel_guard implements it against Mattermost)."""

    def may_remove(self, channel_id: str) -> bool:
        """False when deletion is switched off, or this channel refused it recently (no repeated 403s)."""
        ...

    def remove(self, post_id: str, channel_id: str) -> Removal: ...


def watched(post: ChannelPost, bot_id: str) -> bool:
    """Whether the guard reads this post at all: not Erbij's own posts, not system messages, not posts by
    integrations (Erbij's own in-channel answers among them; their text passed the guard already)."""
    return bool(
        post.author_id
        and post.author_id != bot_id
        and not post.post_type
        and not post.from_integration
        and post.text.strip()
    )


def decide(post: ChannelPost, *, bot_id: str, allow: Allowlist, may_delete: bool) -> Decision:
    """Nothing, warn, or delete and warn. A DM to Erbij is only warned about: nobody but the author may
    delete it, and it reaches nobody else."""
    if not watched(post, bot_id):
        return NOTHING
    return _decision(post, find_identifiers(post.text, allow), may_delete)


def _decision(post: ChannelPost, findings: list[Finding], may_delete: bool) -> Decision:
    if not findings:
        return NOTHING
    direct = post.channel_type == ChannelType.DIRECT
    action = Action.DELETE if may_delete and not direct else Action.WARN
    return Decision(action, tuple(findings))


def warning(post: ChannelPost, decision: Decision, removal: Removal) -> str:
    """The DM to the author: where, what was found (masked), and whether Erbij removed it."""
    found = describe(decision.findings[:MAX_LISTED])
    if post.channel_type == ChannelType.DIRECT:
        return t("kanaalwacht.direct", found=found)
    where = t("kanaalwacht.groep") if post.channel_type == ChannelType.GROUP else f"~{post.channel_name}"
    if removal is Removal.DELETED:
        return t("kanaalwacht.weggehaald", where=where, found=found)
    if removal is Removal.GONE:
        return t("kanaalwacht.al_weg", where=where, found=found)
    return t("kanaalwacht.haal_weg", where=where, found=found)


@dataclass(frozen=True)
class Guarded:
    """What the guard did with one post; `warned` is False for a post another run already warned about."""

    decision: Decision
    removal: Removal = Removal.NOT_TRIED
    warned: bool = False


def guard_post(ctx: Context, post: ChannelPost, *, bot_id: str, remover: PostRemover) -> Guarded:
    """Check one post and act: delete it where Erbij may, then (one transaction) audit and queue the DM."""
    if not watched(post, bot_id):
        return Guarded(NOTHING)
    # The same path as every dialog field, outside any transaction (the roster is read only for names).
    findings = findings_per_field(ctx, {"bericht": post.text}).get("bericht", [])
    decision = _decision(post, findings, remover.may_remove(post.channel_id))
    if decision.action is Action.NOTHING:
        return Guarded(decision)
    removal = Removal.NOT_TRIED
    if decision.action is Action.DELETE:
        removal = remover.remove(post.post_id, post.channel_id)
    now = ctx.clock.now()
    message = direct_message(post.key, post.author_id, warning(post, decision, removal))
    with ctx.uow() as uow:
        if not uow.outbox.add_once(message, now):
            return Guarded(decision, removal)  # warned before: a replayed event, or another process
        uow.audit.record(
            AuditEvent(
                at=now,
                actor_id=post.author_id,
                action=AUDIT_ACTION,
                case_code=None,
                result="verwijderd" if removal is Removal.DELETED else "gewaarschuwd",
                authorisation="kanaalwacht",
                access_point="websocket",
                detail={
                    "kanaal": post.channel_id,
                    "kanaaltype": post.channel_type,
                    "bericht": post.post_id,
                    "soorten": ",".join(decision.kinds),
                    "verwijderen": removal.value,
                },
            )
        )
        uow.commit()
    return Guarded(decision, removal, warned=True)
