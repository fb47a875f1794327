"""A per-process snapshot of the roster, brought up to date whenever the roster's revision moves.

Matching reads the roster on every request; a region of thousands of experts is too much to load each
time, and it changes rarely (imports, pauses, absences), each change moving the revision in the database
and stamping the changed people with it. Checking the revision is one small query, so every process sees
every change at its next request; catching up loads only the people changed since the snapshot (one pause:
one person), never the whole region again.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from commands.roster.model import ExpertiseArea, Organisation, Professional, Role


@dataclass(frozen=True)
class RosterSnapshot:
    """Everyone in the roster by user id (active or not), and the active experts by expertise tag."""

    revision: int
    people: tuple[Professional, ...]
    by_id: dict[str, Professional] = field(default_factory=dict)
    by_expertise: dict[str, tuple[Professional, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, revision: int, people: Iterable[Professional]) -> RosterSnapshot:
        ordered = sorted(people, key=lambda p: p.username)  # the tables' order: matching stays deterministic
        grouped: dict[str, list[Professional]] = defaultdict(list)
        for person in ordered:
            if person.active and Role.EXPERT in person.roles:
                for tag in person.expertise:
                    grouped[tag].append(person)
        return cls(
            revision,
            tuple(ordered),
            {p.user_id: p for p in ordered},
            {tag: tuple(experts) for tag, experts in grouped.items()},
        )

    def updated(
        self, revision: int, changed: Iterable[Professional], organisations: Mapping[str, Organisation]
    ) -> RosterSnapshot:
        """This snapshot with `changed` people replaced or added, and everyone's organisation as it is now.

        A pause or an absence changes one person: only her place in the lists and her expertise groups are
        redone (bisect in username order), not the region's ten thousand. An organisation that changed (a
        rare import) touches everyone of it, so that rebuilds the whole snapshot.
        """
        changed = list(changed)
        known = {p.organisation.key: p.organisation for p in self.people}
        if any(organisations.get(key, org) != org for key, org in known.items()):
            return self._rebuilt(revision, changed, organisations)
        by_id = dict(self.by_id)
        people = list(self.people)
        groups = {tag: list(experts) for tag, experts in self.by_expertise.items()}
        for person in changed:
            old = by_id.get(person.user_id)
            if old is not None:
                _remove(people, old)
                for tag in _groups_of(old):
                    _remove(groups[tag], old)
            by_id[person.user_id] = person
            bisect.insort(people, person, key=_username)
            for tag in _groups_of(person):
                bisect.insort(groups.setdefault(tag, []), person, key=_username)
        return RosterSnapshot(
            revision,
            tuple(people),
            by_id,
            {tag: tuple(experts) for tag, experts in groups.items() if experts},
        )

    def _rebuilt(
        self, revision: int, changed: list[Professional], organisations: Mapping[str, Organisation]
    ) -> RosterSnapshot:
        by_id = dict(self.by_id)
        for person in changed:
            by_id[person.user_id] = person
        for user_id, person in by_id.items():
            current = organisations.get(person.organisation.key)
            if current is not None and current != person.organisation:
                by_id[user_id] = replace(person, organisation=current)
        return RosterSnapshot.build(revision, by_id.values())

    def with_expertise(self, tag: str) -> tuple[Professional, ...]:
        return self.by_expertise.get(tag, ())


def _username(person: Professional) -> str:
    return person.username


def _groups_of(person: Professional) -> frozenset[str]:
    """The expertise groups a person is listed in (`RosterSnapshot.build`'s rule)."""
    return person.expertise if person.active and Role.EXPERT in person.roles else frozenset()


def _remove(ordered: list[Professional], person: Professional) -> None:
    """Remove `person` from a list in username order: found by bisect, checked by user id."""
    at = bisect.bisect_left(ordered, person.username, key=_username)
    while at < len(ordered) and ordered[at].username == person.username:
        if ordered[at].user_id == person.user_id:
            del ordered[at]
            return
        at += 1
    for at, other in enumerate(ordered):  # not where its username says (never expected): search
        if other.user_id == person.user_id:
            del ordered[at]
            return


class RosterCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        # One catch-up at a time: requests arriving meanwhile wait for it rather than each loading the same.
        self.refreshing = threading.Lock()
        self._snapshot: RosterSnapshot | None = None
        self._areas: tuple[int, tuple[ExpertiseArea, ...]] | None = None  # (revision, vocabulary)

    def current(self, revision: int) -> RosterSnapshot | None:
        snapshot = self._snapshot
        return snapshot if snapshot is not None and snapshot.revision == revision else None

    def latest(self) -> RosterSnapshot | None:
        """The newest snapshot, current or not: the base a catch-up starts from."""
        return self._snapshot

    def store(self, revision: int, people: list[Professional]) -> RosterSnapshot:
        return self.keep(RosterSnapshot.build(revision, people))

    def keep(self, snapshot: RosterSnapshot) -> RosterSnapshot:
        with self._lock:
            # A slower reader must not replace a newer snapshot with an older one.
            if self._snapshot is None or self._snapshot.revision <= snapshot.revision:
                self._snapshot = snapshot
        return snapshot

    def areas(self, revision: int) -> tuple[ExpertiseArea, ...] | None:
        """The expertise vocabulary as read at `revision`, if that is the one kept."""
        kept = self._areas
        return kept[1] if kept is not None and kept[0] == revision else None

    def keep_areas(self, revision: int, areas: tuple[ExpertiseArea, ...]) -> tuple[ExpertiseArea, ...]:
        with self._lock:
            if self._areas is None or self._areas[0] <= revision:
                self._areas = (revision, areas)
        return areas
