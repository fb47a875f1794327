"""Read-only Mattermost calls `erbij doctor` needs to check a configuration; nothing here writes.

Separate from the adapter the bot runs on: these answers are not cached (the admin may have just fixed
something) and each call stands on its own, so one failing check does not hide the others.
"""

from __future__ import annotations

from typing import Any

from bot.mattermost.errors import MattermostError
from bot.mattermost.rest import RestClient


class Inspector:
    def __init__(self, url: str, token: str, verify: bool | str = True, timeout: float = 10.0) -> None:
        self._rest = RestClient(url, token, verify=verify, timeout=timeout)

    def ping(self) -> bool:
        try:
            answer = self._rest.get("/system/ping")
        except MattermostError:
            return False
        return isinstance(answer, dict) and str(answer.get("status", "")).upper() == "OK"

    def me(self) -> dict[str, Any]:
        found: dict[str, Any] = self._rest.get("/users/me")
        return found

    def team_by_name(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self._rest.get(f"/teams/name/{name}")
        return found

    def team_member_ids(self, team_id: str, user_ids: list[str]) -> set[str]:
        """Which of `user_ids` are members of the team (one call)."""
        if not user_ids:
            return set()
        found = self._rest.call("post", f"/teams/{team_id}/members/ids", body=user_ids, retry=True)
        return {str(member["user_id"]) for member in found if not member.get("delete_at")}

    def channel_by_name(self, team_id: str, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self._rest.get(f"/teams/{team_id}/channels/name/{name}")
        return found

    def channel_member_ids(self, channel_id: str, user_ids: list[str]) -> set[str]:
        """Which of `user_ids` are members of the channel (one call)."""
        if not user_ids:
            return set()
        found = self._rest.call("post", f"/channels/{channel_id}/members/ids", body=user_ids, retry=True)
        return {str(member["user_id"]) for member in found}

    def custom_commands(self, team_id: str) -> list[dict[str, Any]]:
        """The team's custom slash commands the account may manage; PermissionDenied if it may not."""
        found = self._rest.get("/commands", params={"team_id": team_id, "custom_only": "true"})
        return [command for command in found if isinstance(command, dict)]

    def users_by_usernames(self, usernames: list[str]) -> dict[str, str]:
        """User ids keyed by username; unknown names are absent."""
        if not usernames:
            return {}
        found = self._rest.call("post", "/users/usernames", body=usernames, retry=True)
        return {str(user["username"]): str(user["id"]) for user in found}
