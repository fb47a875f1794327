"""Fictional people for handler-level tests: seeded in the real roster, with a fake chat directory."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from commands.ports import ChatUser, UnitOfWorkFactory
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges

ORGANISATIONS = {
    "st": Organisation("st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal"),
    "vt": Organisation("vt-wb", OrganisationKind.VT, "Veilig Thuis West-Brabant"),
    "gi": Organisation("gi-wb", OrganisationKind.GI, "William Schrikker Stichting"),
    "rvdk": Organisation("rvdk-zw", OrganisationKind.RVDK, "Raad voor de Kinderbescherming Zuidwest"),
}

# username → (display name, organisation key, roles)
People = Mapping[str, tuple[str, str, frozenset[Role]]]


def uid(username: str) -> str:
    return f"u-{username}"


class FakeDirectory:
    """The chat directory of `people` (plus any extra usernames), everyone online."""

    def __init__(self, people: People, *extra: str) -> None:
        self.users = {uid(n): ChatUser(uid(n), n, *name.split(" ", 1)) for n, (name, _, _) in people.items()}
        for name in extra:
            self.users[uid(name)] = ChatUser(uid(name), name)

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {u.username: u for u in self.users.values() if u.username in usernames}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {i: self.users[i] for i in user_ids if i in self.users}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return dict.fromkeys(user_ids, "online")


def seed_roster(
    uow: UnitOfWorkFactory, people: People, now: datetime, expert_area: frozenset[str] = frozenset()
) -> None:
    """Put `people` in the roster: leads in Roosendaal, experts with capacity 3 serving `expert_area`."""
    professionals = tuple(
        Professional(
            user_id=uid(name),
            username=name,
            display_name=display,
            organisation=ORGANISATIONS[org],
            roles=roles,
            municipalities=frozenset({"Roosendaal"}) if Role.LEAD in roles else expert_area,
            capacity=3 if Role.EXPERT in roles else 0,
        )
        for name, (display, org, roles) in people.items()
    )
    with uow() as tx:
        tx.roster.apply(RosterChanges(organisations=tuple(ORGANISATIONS.values()), added=professionals), now)
        tx.commit()
