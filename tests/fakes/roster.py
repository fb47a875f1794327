"""`RosterRepository` in memory: organisations, the expertise vocabulary and professionals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from commands.roster.model import (
    Absence,
    AbsenceSource,
    ExpertiseArea,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RosterChanges,
)
from tests.fakes.store import Transaction

PEOPLE = "professionals"  # key: user id; row: Professional (its organisation as it was written)
ORGANISATIONS = "organisations"  # key: organisation key
VOCABULARY = "expertise_areas"  # key: expertise key


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    active: bool = True


@dataclass(frozen=True)
class AreaRow:
    area: ExpertiseArea
    position: int
    active: bool = True


class FakeRosterRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    # --- reads ----------------------------------------------------------------------------------------
    def professional(self, user_id: str) -> Professional | None:
        person: Professional | None = self.tx.get(PEOPLE, user_id)
        return None if person is None else self._current(person)

    def professional_by_username(self, username: str) -> Professional | None:
        found = [p for p in self._people() if p.username.lower() == username.lower()]
        found.sort(key=lambda p: not p.active)
        return found[0] if found else None

    def professionals_by_ids(self, user_ids: Iterable[str]) -> dict[str, Professional]:
        return {uid: person for uid in set(user_ids) if (person := self.professional(uid)) is not None}

    def professionals(self, *, include_inactive: bool = False) -> list[Professional]:
        return [p for p in self._people() if include_inactive or p.active]

    def active_experts(self) -> list[Professional]:
        return [p for p in self._people() if p.active and Role.EXPERT in p.roles]

    def candidate_experts(
        self,
        expertise: str,
        kinds: frozenset[OrganisationKind],
        municipality: str | None,
        known: frozenset[str] = frozenset(),
    ) -> list[Professional]:
        wanted = kinds or frozenset({OrganisationKind.VT, OrganisationKind.RVDK, OrganisationKind.GI})
        people = {p.user_id: p for p in self.active_experts() if expertise in p.expertise}
        for user_id in known:
            person = self.professional(user_id)
            if person is not None:
                people[user_id] = person
        return [
            p
            for p in people.values()
            if p.active
            and Role.EXPERT in p.roles
            and p.organisation.kind in wanted
            and (not municipality or not p.municipalities or municipality in p.municipalities)
        ]

    def organisations(self) -> list[Organisation]:
        return [row.organisation for row in self.tx.rows(ORGANISATIONS) if row.active]

    def expertise_areas(self) -> list[ExpertiseArea]:
        rows = sorted((row for row in self.tx.rows(VOCABULARY) if row.active), key=lambda row: row.position)
        return [row.area for row in rows]

    def _people(self) -> list[Professional]:
        """Everyone by username, as the tables are read."""
        return sorted((self._current(p) for p in self.tx.rows(PEOPLE)), key=lambda p: p.username)

    def _current(self, person: Professional) -> Professional:
        """The person with their organisation as it is now (an import may rename it)."""
        row: OrganisationRow = self.tx.get(ORGANISATIONS, person.organisation.key)
        return replace(person, organisation=row.organisation)

    # --- writes by the import -------------------------------------------------------------------------
    def apply(self, changes: RosterChanges, now: datetime) -> None:
        if changes.vocabulary is not None:
            wanted = {area.key for area in changes.vocabulary}
            for key, row in list(self.tx.table(VOCABULARY).items()):
                if key not in wanted:
                    self.tx.put(VOCABULARY, key, replace(row, active=False))
            for position, area in enumerate(changes.vocabulary):
                self.tx.put(VOCABULARY, area.key, AreaRow(area, position))
        if changes.organisations is not None:
            wanted = {org.key for org in changes.organisations}
            for key, row in list(self.tx.table(ORGANISATIONS).items()):
                if key not in wanted:
                    self.tx.put(ORGANISATIONS, key, replace(row, active=False))
            for org in changes.organisations:
                self.tx.put(ORGANISATIONS, org.key, OrganisationRow(org))
        for person in changes.added:
            self.tx.put(PEOPLE, person.user_id, replace(person, paused=False, absences=_from_roster(person)))
        for person in changes.updated:
            before: Professional = self.tx.get(PEOPLE, person.user_id)
            kept = tuple(a for a in before.absences if a.source is not AbsenceSource.ROSTER)
            capacity = person.capacity if person.user_id in changes.capacity_reset else before.capacity
            updated = replace(
                person,
                capacity=capacity,
                paused=before.paused,
                absences=tuple(sorted(kept + _from_roster(person))),
            )
            self.tx.put(PEOPLE, person.user_id, updated)
        for user_id in changes.deactivated:
            self._update(user_id, active=False)

    # --- writes by the person (or a coordinator) in chat ----------------------------------------------
    def set_paused(self, user_id: str, paused: bool, now: datetime) -> None:
        self._update(user_id, paused=paused)

    def set_capacity(self, user_id: str, capacity: int, now: datetime) -> None:
        self._update(user_id, capacity=capacity)

    def add_absence(self, user_id: str, absence: Absence, now: datetime) -> None:
        person: Professional | None = self.tx.get(PEOPLE, user_id)
        if person is not None:
            self._update(user_id, absences=tuple(sorted((*person.absences, absence))))

    def remove_absences(self, user_id: str, absences: list[Absence], now: datetime) -> None:
        person: Professional | None = self.tx.get(PEOPLE, user_id)
        if person is None:
            return
        gone = {(a.start, a.end, a.source) for a in absences}  # the note plays no part, as in the SQL
        left = tuple(a for a in person.absences if (a.start, a.end, a.source) not in gone)
        self._update(user_id, absences=left)

    def _update(self, user_id: str, **values: object) -> None:
        person: Professional | None = self.tx.get(PEOPLE, user_id)
        if person is not None:
            self.tx.put(PEOPLE, user_id, replace(person, **values))  # type: ignore[arg-type]


def _from_roster(person: Professional) -> tuple[Absence, ...]:
    """Only the roster file's absences are written by an import; chat absences are the person's own."""
    return tuple(sorted(a for a in person.absences if a.source is AbsenceSource.ROSTER))
