"""The emulator's world in memory: team, users, tokens, channels, statuses and event fan-out.

Every method takes the one lock, because REST handlers run on the server thread while tests and the
driver side call in from their own threads.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from .model import (
    JSON,
    ApiError,
    Channel,
    Clock,
    Event,
    Team,
    User,
    for_client,
    forbidden,
    millis,
    new_id,
    not_found,
)

STATUSES = ("online", "away", "dnd", "offline", "ooo")
_CHANNEL_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")
_USERNAME = re.compile(r"^[a-z][a-z0-9.\-_]{2,21}$")
_MENTION = re.compile(r"@([a-z0-9.\-_]+)", re.IGNORECASE)


def dm_name(a: str, b: str) -> str:
    """Mattermost's DM channel name: the two user ids, smaller first, joined by a double underscore."""
    first, second = sorted((a, b))
    return f"{first}__{second}"


class State:
    """Users, the team, channels and statuses, plus the listeners that turn changes into websocket events."""

    def __init__(self, team_name: str, clock: Clock, team_display_name: str | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.team = Team(new_id(), team_name, team_display_name or team_name, self.now_ms())
        self.users: dict[str, User] = {}
        self.tokens: dict[str, str] = {}
        self.statuses: dict[str, JSON] = {}
        self.channels: dict[str, Channel] = {}
        self.team_members: set[str] = set()
        self.manage_commands: dict[str, bool] = {}
        self.manage_others: dict[str, bool] = {}
        self.ephemerals: dict[str, list[JSON]] = {}
        self.warnings: list[str] = []
        self.listeners: list[Callable[[Event], None]] = []
        self.town_square = self.create_channel("town-square", "Town Square", private=False)

    def now_ms(self) -> int:
        return millis(self.clock)

    # -- users and tokens -------------------------------------------------------------------------

    def create_user(
        self, username: str, *, is_bot: bool = False, in_team: bool = True, **fields: Any
    ) -> User:
        username = username.lower()
        if not _USERNAME.match(username):
            raise ValueError(f"invalid Mattermost username: {username!r}")
        with self.lock:
            if any(u.username == username for u in self.users.values()):
                raise ValueError(f"username already taken: {username!r}")
            fields.setdefault("email", f"{username}@example.invalid")
            user = User(new_id(), username, is_bot=is_bot, create_at=self.now_ms(), **fields)
            self.users[user.id] = user
            self.manage_commands[user.id] = True
            self.statuses[user.id] = {
                "user_id": user.id,
                "status": "online",
                "manual": False,
                "last_activity_at": user.create_at,
                "active_channel": "",
                "dnd_end_time": 0,
            }
            if in_team:
                self.join_team(user.id)
            return user

    def join_team(self, user_id: str) -> None:
        with self.lock:
            self.team_members.add(user_id)
            # Joining a team puts a user in its default channel, as Mattermost does.
            self.town_square.members.add(user_id)

    def leave_team(self, user_id: str) -> None:
        """Leaving a team also leaves its channels, as Mattermost does."""
        with self.lock:
            self.team_members.discard(user_id)
            for channel in self.channels.values():
                if channel.team_id == self.team.id:
                    channel.members.discard(user_id)

    def require_team_member(self, user_id: str) -> None:
        """The `view_team` permission: team members only (the emulator's team is not open to join)."""
        with self.lock:
            if user_id not in self.team_members:
                raise forbidden("You do not have the appropriate permissions. (view_team)")

    def create_token(self, user: User) -> str:
        token = new_id()
        with self.lock:
            self.tokens[token] = user.id
        return token

    def user_for_token(self, token: str) -> User | None:
        with self.lock:
            user_id = self.tokens.get(token)
            return self.users.get(user_id) if user_id else None

    def user(self, user_id: str) -> User:
        with self.lock:
            user = self.users.get(user_id)
        if user is None:
            raise not_found("user")
        return user

    def user_by_name(self, username: str) -> User:
        with self.lock:
            for user in self.users.values():
                if user.username == username.lower():
                    return user
        raise not_found("user")

    def set_status(self, user_id: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {STATUSES}")
        with self.lock:
            self.statuses[user_id].update(status=status, manual=True, last_activity_at=self.now_ms())
        # Mattermost publishes status_change to that user's own connections only (App.BroadcastStatus).
        self.emit(
            Event(
                "status_change", {"status": status, "user_id": user_id}, frozenset({user_id}), user_id=user_id
            )
        )

    def status(self, user_id: str) -> JSON:
        with self.lock:
            if user_id not in self.statuses:
                raise not_found("user")
            return dict(self.statuses[user_id])

    # -- channels ---------------------------------------------------------------------------------

    def create_channel(
        self,
        name: str,
        display_name: str,
        *,
        private: bool,
        members: Iterable[str] = (),
        creator_id: str = "",
    ) -> Channel:
        if not _CHANNEL_NAME.match(name):
            raise ValueError(f"invalid channel name: {name!r}")
        with self.lock:
            if any(c.name == name and c.team_id == self.team.id for c in self.channels.values()):
                raise ValueError(f"channel name already exists: {name!r}")
            channel = Channel(
                new_id(),
                self.team.id,
                "P" if private else "O",
                name,
                display_name,
                self.now_ms(),
                creator_id=creator_id,
                members=set(members),
            )
            self.channels[channel.id] = channel
            return channel

    def channel(self, channel_id: str) -> Channel:
        with self.lock:
            channel = self.channels.get(channel_id)
        if channel is None:
            raise not_found("channel")
        return channel

    def channel_by_name(self, team_id: str, name: str) -> Channel:
        with self.lock:
            for channel in self.channels.values():
                if channel.team_id == team_id and channel.name == name:
                    return channel
        raise ApiError(404, "app.channel.get_by_name.missing.app_error", "Channel does not exist.")

    def direct_channel(self, a: str, b: str) -> tuple[Channel, bool]:
        """The DM channel between two users, created if needed; the flag says whether it is new."""
        name = dm_name(a, b)
        with self.lock:
            for channel in self.channels.values():
                if channel.type == "D" and channel.name == name:
                    return channel, False
            channel = Channel(new_id(), "", "D", name, "", self.now_ms(), creator_id=a, members={a, b})
            self.channels[channel.id] = channel
            return channel, True

    def add_member(self, channel: Channel, user_id: str) -> bool:
        with self.lock:
            if channel.type == "D":
                raise ApiError(400, "api.channel.add_user.to.channel.failed.deleted.app_error", "DM channel")
            self.user(user_id)
            added = user_id not in channel.members
            channel.members.add(user_id)
            return added

    def require_member(self, channel: Channel, user_id: str) -> None:
        with self.lock:
            if user_id not in channel.members:
                raise forbidden()

    def may_delete_others_posts(self, channel: Channel, user_id: str) -> bool:
        """`delete_others_posts` in the default scheme: channel admins, team admins and system admins hold it,
        members do not (the emulator models channel admins and the system_admin role)."""
        with self.lock:
            user = self.users.get(user_id)
            system_admin = user is not None and "system_admin" in user.roles.split()
            return system_admin or (user_id in channel.admins and user_id in channel.members)

    def require_readable(self, channel: Channel, user_id: str) -> None:
        """Members may read any channel; team members may also read public ones (read_public_channel)."""
        with self.lock:
            if user_id not in channel.members and channel.type != "O":
                raise forbidden()

    # -- events and ephemerals --------------------------------------------------------------------

    def emit(self, event: Event) -> None:
        for listener in list(self.listeners):
            listener(event)

    def channel_event(self, name: str, channel: Channel, data: JSON) -> Event:
        with self.lock:
            members = frozenset(channel.members)
        return Event(name, data, members, channel_id=channel.id, team_id="")

    def mentions(self, channel: Channel, message: str, author_id: str) -> list[str]:
        """User ids a post mentions: @usernames of channel members, and the other person in a DM."""
        with self.lock:
            found: list[str] = []
            by_name = {u.username: u.id for u in self.users.values()}
            for raw in _MENTION.findall(message):
                user_id = by_name.get(raw.lower()) or by_name.get(raw.lower().rstrip(".-_"))
                if user_id and user_id in channel.members and user_id not in found:
                    found.append(user_id)
            if channel.type == "D":
                found.extend(m for m in channel.members if m != author_id and m not in found)
            return [m for m in found if m != author_id]

    def add_ephemeral(self, user_id: str, channel_id: str, root_id: str, reply: JSON, source: str) -> JSON:
        """Record an ephemeral message the user saw and push it to their websockets as Mattermost does."""
        entry: JSON = {
            "id": new_id(),
            "text": reply.get("text", ""),
            "attachments": list(reply.get("attachments") or []),
            "props": dict(reply.get("props") or {}),
            "channel_id": channel_id,
            "root_id": root_id,
            "source": source,
            "create_at": self.now_ms(),
        }
        with self.lock:
            self.ephemerals.setdefault(user_id, []).append(entry)
        props = dict(entry["props"])
        if entry["attachments"]:
            props["attachments"] = entry["attachments"]
        post = {
            "id": entry["id"],
            "create_at": entry["create_at"],
            "user_id": user_id,
            "channel_id": channel_id,
            "root_id": root_id,
            "message": entry["text"],
            "type": "system_ephemeral",
            "props": props,
        }
        self.emit(
            Event(
                "ephemeral_message",
                {"post": json.dumps(for_client(post))},
                frozenset({user_id}),
                user_id=user_id,
            )
        )
        return entry

    def warn(self, text: str) -> None:
        """Note something Mattermost would only log (invalid props, invalid dialog), so tests can see it."""
        with self.lock:
            self.warnings.append(text)
