"""Fakes for the roster tests: a chat directory and quick builders of domain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from commands.ports import ChatUser
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, WorkingTime


@dataclass
class FakeDirectory:
    """Users by username; ids are derived from the name so tests can predict them."""

    users: dict[str, ChatUser] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    lookups: int = 0
    broken: bool = False

    @classmethod
    def with_users(cls, *usernames: str) -> FakeDirectory:
        directory = cls()
        for name in usernames:
            directory.add(name)
        return directory

    def add(self, username: str) -> ChatUser:
        first, _, last = username.partition(".")
        user = ChatUser(
            id=user_id(username), username=username, first_name=first.title(), last_name=last.title()
        )
        self.users[username] = user
        return user

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        self.lookups += 1
        return {name: self.users[name] for name in usernames if name in self.users}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        by_id = {user.id: user for user in self.users.values()}
        return {uid: by_id[uid] for uid in user_ids if uid in by_id}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        if self.broken:
            raise ConnectionError("Mattermost is down")
        return {uid: self.status.get(uid, "online") for uid in user_ids}


def user_id(username: str) -> str:
    return "u-" + username.replace(".", "-")


VT = Organisation("vt", OrganisationKind.VT, "Veilig Thuis Test")


def professional(
    username: str = "sanne.devries",
    *,
    roles: frozenset[Role] = frozenset({Role.EXPERT}),
    capacity: int = 3,
    days: frozenset[int] = frozenset(range(5)),
    start: time = time(8, 30),
    end: time = time(17, 0),
    **changes: object,
) -> Professional:
    values: dict[str, object] = {
        "user_id": user_id(username),
        "username": username,
        "display_name": username.replace(".", " ").title(),
        "organisation": VT,
        "roles": roles,
        "capacity": capacity,
        "working_time": WorkingTime(days, start, end),
        **changes,
    }
    return Professional(**values)  # type: ignore[arg-type]
