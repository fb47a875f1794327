"""Records and small helpers shared by the emulator modules: ids, time, errors and the entities it stores."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

# Mattermost's NewId alphabet: base32 of 16 random bytes, 26 characters, lower-case letters and digits.
_ID_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"

JSON = dict[str, Any]


def new_id() -> str:
    """A 26-character id in Mattermost's format, so code that validates id shapes sees real-looking ids."""
    number = int.from_bytes(secrets.token_bytes(16), "big")
    chars = [_ID_ALPHABET[(number >> (5 * i)) & 31] for i in range(26)]
    return "".join(chars)


def for_client(post: JSON) -> JSON:
    """The post as clients see it: integration url and context stripped (Post.StripActionIntegrations)."""
    out = copy.deepcopy(post)
    for attachment in out.get("props", {}).get("attachments") or []:
        for action in (attachment.get("actions") or []) if isinstance(attachment, dict) else []:
            if isinstance(action, dict):
                action.pop("integration", None)
    return out


class Clock(Protocol):
    """Anything that tells the time; tests pass a manual clock so expiry can be tested without sleeping."""

    def now(self) -> datetime: ...


class WallClock:
    """The real time, used when no clock is given."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def millis(clock: Clock) -> int:
    """The clock's instant in epoch milliseconds, the unit of every Mattermost timestamp."""
    return int(clock.now().timestamp() * 1000)


class ApiError(Exception):
    """A Mattermost AppError: the REST layer turns it into the JSON error body with its status code."""

    def __init__(self, status: int, error_id: str, message: str) -> None:
        super().__init__(f"{status} {error_id}: {message}")
        self.status = status
        self.error_id = error_id
        self.message = message

    def body(self, request_id: str = "") -> JSON:
        return {
            "id": self.error_id,
            "message": self.message,
            "detailed_error": "",
            "request_id": request_id,
            "status_code": self.status,
            "is_oauth": False,
        }


def forbidden(what: str = "You do not have the appropriate permissions.") -> ApiError:
    return ApiError(403, "api.context.permissions.app_error", what)


def not_found(kind: str) -> ApiError:
    return ApiError(404, f"app.{kind}.get.app_error", f"Unable to find the existing {kind}.")


@dataclass(frozen=True)
class User:
    """A Mattermost account (person or bot)."""

    id: str
    username: str
    first_name: str = ""
    last_name: str = ""
    nickname: str = ""
    email: str = ""
    is_bot: bool = False
    roles: str = "system_user"
    create_at: int = 0

    def to_json(self) -> JSON:
        data: JSON = {
            "id": self.id,
            "create_at": self.create_at,
            "update_at": self.create_at,
            "delete_at": 0,
            "username": self.username,
            "auth_data": "",
            "auth_service": "",
            "email": self.email,
            "nickname": self.nickname,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "position": "",
            "roles": self.roles,
            "locale": "nl",
            "props": {},
            "timezone": {
                "automaticTimezone": "Europe/Amsterdam",
                "manualTimezone": "",
                "useAutomaticTimezone": "true",
            },
            "disable_welcome_email": False,
        }
        if self.is_bot:
            data["is_bot"] = True
            data["bot_description"] = ""
        return data


@dataclass(frozen=True)
class Team:
    """The single team the emulator hosts."""

    id: str
    name: str
    display_name: str
    create_at: int

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "create_at": self.create_at,
            "update_at": self.create_at,
            "delete_at": 0,
            "display_name": self.display_name,
            "name": self.name,
            "description": "",
            "email": "",
            "type": "O",
            "company_name": "",
            "allowed_domains": "",
            "invite_id": "",
            "allow_open_invite": False,
            "scheme_id": None,
            "group_constrained": None,
            "policy_id": None,
        }


def team_member_json(team_id: str, user_id: str) -> JSON:
    """A TeamMember as Mattermost returns it."""
    return {
        "team_id": team_id,
        "user_id": user_id,
        "roles": "team_user",
        "delete_at": 0,
        "scheme_guest": False,
        "scheme_user": True,
        "scheme_admin": False,
        "explicit_roles": "",
    }


@dataclass(eq=False)
class Channel:
    """A channel; `type` is O (public), P (private) or D (direct message)."""

    id: str
    team_id: str
    type: str
    name: str
    display_name: str
    create_at: int
    creator_id: str = ""
    members: set[str] = field(default_factory=set)
    # Channel admins (scheme_admin): with the default permission scheme they may delete others' posts.
    admins: set[str] = field(default_factory=set)
    last_post_at: int = 0
    total_msg_count: int = 0

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "create_at": self.create_at,
            "update_at": self.create_at,
            "delete_at": 0,
            "team_id": self.team_id,
            "type": self.type,
            "display_name": self.display_name,
            "name": self.name,
            "header": "",
            "purpose": "",
            "last_post_at": self.last_post_at,
            "total_msg_count": self.total_msg_count,
            "extra_update_at": 0,
            "creator_id": self.creator_id,
            "scheme_id": None,
            "props": None,
            "group_constrained": None,
            "shared": None,
            "total_msg_count_root": self.total_msg_count,
            "policy_id": None,
            "last_root_post_at": self.last_post_at,
        }

    def member_json(self, user_id: str, now_ms: int) -> JSON:
        admin = user_id in self.admins
        return {
            "channel_id": self.id,
            "user_id": user_id,
            "roles": "channel_user channel_admin" if admin else "channel_user",
            "last_viewed_at": 0,
            "msg_count": 0,
            "mention_count": 0,
            "notify_props": {
                "desktop": "default",
                "email": "default",
                "mark_unread": "all",
                "push": "default",
            },
            "last_update_at": now_ms,
            "scheme_guest": False,
            "scheme_user": True,
            "scheme_admin": admin,
            "explicit_roles": "",
        }


@dataclass(frozen=True)
class Trigger:
    """What a trigger_id stands for: who it was issued to, where, and when (it expires after 30 s)."""

    trigger_id: str
    client_id: str
    user_id: str
    channel_id: str
    team_id: str
    issued_ms: int


@dataclass
class Hook:
    """A command `response_url`: usable five times within 30 minutes, posting as the invoking user."""

    id: str
    command_id: str
    user_id: str
    channel_id: str
    root_id: str
    create_ms: int
    uses: int = 0


@dataclass(frozen=True)
class Dialog:
    """An interactive dialog opened for a user; `dialog` is the body the integration sent, unchanged."""

    user_id: str
    url: str
    dialog: JSON
    channel_id: str
    team_id: str
    trigger_id: str


@dataclass(frozen=True)
class Event:
    """A websocket event and the user ids that should receive it."""

    event: str
    data: JSON
    recipients: frozenset[str]
    channel_id: str = ""
    user_id: str = ""
    team_id: str = ""

    def frame(self, seq: int) -> JSON:
        return {
            "event": self.event,
            "data": self.data,
            "broadcast": {
                "omit_users": None,
                "user_id": self.user_id,
                "channel_id": self.channel_id,
                "team_id": self.team_id,
                "connection_id": "",
                "omit_connection_id": "",
            },
            "seq": seq,
        }
