"""The Mattermost REST adapter: the bot's typed view of the few endpoints it uses; also the Directory port."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from bot.mattermost.commands import CommandRegistration, ensure_commands
from bot.mattermost.errors import MattermostError
from bot.mattermost.rest import RestClient, Sleep
from commands.ports import ChatUser
from commands.registry import SlashCommandSpec

MAX_CACHED_USERS = 50_000  # users looked up by id and kept for `user_ttl`: a region's roster, with room


class MattermostAdapter:
    """Talks REST to one Mattermost team as the bot account.

    Reads (lookups, lists, statuses) retry a 429 a few times themselves; writes (posts, files, dialogs)
    raise `RateLimited`/`TransientError` so the outbox worker can schedule the retry. Safe to share
    between threads: the caches only ever hold values that do not change (ids) or expire (statuses, and
    users looked up by id: a card or an agenda names its people on every read, and a round trip to Mattermost
    per read cost more than the rest of the answer; a new display name shows within `user_ttl`).
    """

    def __init__(
        self,
        url: str,
        token: str,
        team_name: str,
        verify: bool | str = True,
        timeout: float = 10.0,
        *,
        status_ttl: float = 60.0,
        user_ttl: float = 300.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.url = url.rstrip("/")
        self.team_name = team_name
        self._rest = RestClient(url, token, verify=verify, timeout=timeout, sleep=sleep)
        self._status_ttl = status_ttl
        self._user_ttl = user_ttl
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._me: ChatUser | None = None
        self._team_id: str | None = None
        self._dm_channels: dict[str, str] = {}
        self._channels_by_name: dict[str, str] = {}
        self._channels_by_id: dict[str, tuple[str, str]] = {}
        self._statuses: dict[str, tuple[str, float]] = {}
        self._users: dict[str, tuple[ChatUser | None, float]] = {}

    # --- identity and channels -------------------------------------------------------------------------

    def me(self) -> ChatUser:
        """The bot's own user (GET users/me), cached after the first call."""
        if self._me is None:
            self._me = _user(self._rest.get("/users/me"))
        return self._me

    def team_id(self) -> str:
        """The id of the configured team (GET teams/name/{team}), cached."""
        if self._team_id is None:
            self._team_id = str(self._rest.get(f"/teams/name/{self.team_name}")["id"])
        return self._team_id

    def dm_channel_id(self, user_id: str) -> str:
        """The direct channel between the bot and `user_id`; Mattermost returns it whether new or not."""
        cached = self._dm_channels.get(user_id)
        if cached is None:
            # Idempotent on the server, so it may be retried like a read.
            channel = self._rest.call("post", "/channels/direct", body=[self.me().id, user_id], retry=True)
            cached = self._dm_channels[user_id] = str(channel["id"])
        return cached

    def channel_id_by_name(self, name: str) -> str:
        """The id of the team channel with URL name `name`; raises NotFound if there is none."""
        cached = self._channels_by_name.get(name)
        if cached is None:
            channel = self._rest.get(f"/teams/{self.team_id()}/channels/name/{name}")
            cached = self._channels_by_name[name] = str(channel["id"])
        return cached

    def channel(self, channel_id: str) -> tuple[str, str]:
        """A channel's URL name and type (O, P, G, D) by id (GET channels/{id}), cached: neither changes
        in a way that matters here (a renamed channel keeps its id; a warning naming the old name is fine)."""
        cached = self._channels_by_id.get(channel_id)
        if cached is None:
            channel = self._rest.get(f"/channels/{channel_id}")
            cached = self._channels_by_id[channel_id] = (str(channel["name"]), str(channel["type"]))
        return cached

    def my_channels(self) -> list[tuple[str, str, str]]:
        """The bot's channels in the team and its DMs and group messages, as (id, name, type)."""
        channels = self._rest.get(f"/users/me/teams/{self.team_id()}/channels")
        return [(str(c["id"]), str(c["name"]), str(c["type"])) for c in channels]

    def posts_since(self, channel_id: str, since: datetime) -> list[dict[str, Any]]:
        """A channel's posts created or changed after `since`, oldest first, deleted ones left out."""
        since_ms = str(int(since.timestamp() * 1000))
        page = self._rest.get(f"/channels/{channel_id}/posts", params={"since": since_ms})
        posts = [p for p in (page.get("posts") or {}).values() if not p.get("delete_at")]
        return sorted(posts, key=lambda p: (p.get("create_at", 0), str(p.get("id", ""))))

    # --- writes ----------------------------------------------------------------------------------------

    def create_post(
        self,
        channel_id: str,
        message: str,
        props: dict[str, Any] | None = None,
        pending_post_id: str | None = None,
        file_ids: list[str] | None = None,
        root_id: str = "",
    ) -> str:
        """Post as the bot and return the post id; Mattermost de-duplicates a repeated `pending_post_id`."""
        body: dict[str, Any] = {"channel_id": channel_id, "message": message, "root_id": root_id}
        if props is not None:
            body["props"] = props
        if pending_post_id:
            body["pending_post_id"] = pending_post_id
        if file_ids:
            body["file_ids"] = file_ids
        return str(self._rest.call("post", "/posts", body=body)["id"])

    def update_post(
        self, post_id: str, message: str, props: dict[str, Any], file_ids: list[str] | None = None
    ) -> None:
        """Replace a post's message and props (`{}` removes its buttons).

        PUT treats omitted fields as blank, so pass `file_ids` again when the post carries files.
        """
        body: dict[str, Any] = {"id": post_id, "message": message, "props": props}
        if file_ids is not None:
            body["file_ids"] = file_ids
        self._rest.call("put", f"/posts/{post_id}", body=body)

    def delete_post(self, post_id: str) -> None:
        """Delete a post (DELETE posts/{id}); safe to repeat, so a 429 is retried like a read.

        Another user's post needs `delete_others_posts` in its channel, which channel, team and system
        admins hold: without it `PermissionDenied` (403). A post already gone raises `NotFound` (404).
        """
        self._rest.call("delete", f"/posts/{post_id}", retry=True)

    def find_post_by_prop(self, channel_id: str, prop: str, value: str, since: datetime) -> str | None:
        """The id of the bot's post in `channel_id` since `since` whose props[`prop`] equals `value`, if any.

        Lets a retrying sender find a post that reached Mattermost although the answer was lost; Mattermost's
        own `pending_post_id` de-duplication only lasts 30 seconds.
        """
        since_ms = str(int(since.timestamp() * 1000) - 1)
        page = self._rest.get(f"/channels/{channel_id}/posts", params={"since": since_ms})
        me = self.me().id
        for post in (page.get("posts") or {}).values():
            if post.get("user_id") == me and (post.get("props") or {}).get(prop) == value:
                return str(post["id"])
        return None

    def open_dialog(self, trigger_id: str, url: str, dialog: dict[str, Any]) -> None:
        """Open an interactive dialog, within 30 s of the command or click that produced `trigger_id`."""
        self._rest.call(
            "post", "/actions/dialogs/open", body={"trigger_id": trigger_id, "url": url, "dialog": dialog}
        )

    def upload_file(
        self, channel_id: str, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> str:
        """Upload a file to a channel the bot is a member of and return its file id for `create_post`."""
        answer = self._rest.call(
            "post", "/files", data={"channel_id": channel_id}, files={"files": (filename, content, mime_type)}
        )
        return str(answer["file_infos"][0]["id"])

    # --- Directory port --------------------------------------------------------------------------------

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        """Users keyed by username; unknown names are simply absent. A leading @ is ignored."""
        names = list(dict.fromkeys(name.lstrip("@").lower() for name in usernames if name.strip("@ ")))
        if not names:
            return {}
        found = self._rest.call("post", "/users/usernames", body=names, retry=True)
        return {user.username: user for user in map(_user, found)}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        """Users keyed by id; unknown ids are simply absent."""
        ids = list(dict.fromkeys(user_ids))
        if not ids:
            return {}
        now = self._monotonic()
        result: dict[str, ChatUser] = {}
        missing: list[str] = []
        with self._lock:
            for user_id in ids:
                cached = self._users.get(user_id)
                if cached is None or now - cached[1] >= self._user_ttl:
                    missing.append(user_id)
                elif cached[0] is not None:
                    result[user_id] = cached[0]
        if missing:
            found = self._rest.call("post", "/users/ids", body=missing, retry=True)
            fresh = {user.id: user for user in map(_user, found)}
            with self._lock:
                if len(self._users) > MAX_CACHED_USERS:  # a bound, not an eviction policy: rarely reached
                    self._users.clear()
                # An id Mattermost does not know is remembered as unknown for as long (a card that names a
                # removed account would otherwise ask on every read).
                self._users.update((user_id, (fresh.get(user_id), now)) for user_id in missing)
            result.update(fresh)
        return result

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        """Status per user id (online, away, dnd, offline, ooo), cached for `status_ttl` seconds."""
        now = self._monotonic()
        result: dict[str, str] = {}
        with self._lock:
            for user_id in user_ids:
                cached = self._statuses.get(user_id)
                if cached is not None and now - cached[1] < self._status_ttl:
                    result[user_id] = cached[0]
        missing = [user_id for user_id in dict.fromkeys(user_ids) if user_id not in result]
        if missing:
            fetched = self._rest.call("post", "/users/status/ids", body=missing, retry=True)
            fresh = {str(item["user_id"]): str(item["status"]) for item in fetched}
            with self._lock:
                for user_id, status in fresh.items():
                    self._statuses[user_id] = (status, now)
            result.update(fresh)
        return result

    # --- health and commands ---------------------------------------------------------------------------

    def ping(self) -> bool:
        """True when the server answers GET system/ping with OK; one quick try, for /healthz."""
        try:
            answer = self._rest.call("get", "/system/ping")
        except MattermostError:
            return False
        return isinstance(answer, dict) and str(answer.get("status", "")).upper() == "OK"

    def ensure_commands(
        self, specs: Sequence[SlashCommandSpec], url: str, configured_tokens: Sequence[str]
    ) -> CommandRegistration:
        """Register or update Erbij's slash commands in the team and learn their tokens (see commands.py)."""
        return ensure_commands(self._rest, self.team_id(), self.team_name, specs, url, configured_tokens)


def _user(data: dict[str, Any]) -> ChatUser:
    return ChatUser(
        id=str(data["id"]),
        username=str(data.get("username", "")),
        first_name=str(data.get("first_name") or ""),
        last_name=str(data.get("last_name") or ""),
    )
