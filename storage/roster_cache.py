"""A per-process snapshot of the roster, refreshed whenever the roster's revision moves.

Matching reads the roster on every request; a region of thousands of experts is too much to load each
time, and it changes rarely (imports, pauses, absences), each change moving the revision in the database.
Checking the revision is one small query, so every process sees every change at its next request.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from commands.roster.model import Professional, Role


@dataclass(frozen=True)
class RosterSnapshot:
    """Everyone in the roster by user id (active or not), and the active experts by expertise tag."""

    revision: int
    people: tuple[Professional, ...]
    by_id: dict[str, Professional] = field(default_factory=dict)
    by_expertise: dict[str, tuple[Professional, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, revision: int, people: list[Professional]) -> RosterSnapshot:
        grouped: dict[str, list[Professional]] = defaultdict(list)
        for person in people:
            if person.active and Role.EXPERT in person.roles:
                for tag in person.expertise:
                    grouped[tag].append(person)
        return cls(
            revision,
            tuple(people),
            {p.user_id: p for p in people},
            {tag: tuple(experts) for tag, experts in grouped.items()},
        )

    def with_expertise(self, tag: str) -> tuple[Professional, ...]:
        return self.by_expertise.get(tag, ())


class RosterCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: RosterSnapshot | None = None

    def current(self, revision: int) -> RosterSnapshot | None:
        snapshot = self._snapshot
        return snapshot if snapshot is not None and snapshot.revision == revision else None

    def store(self, revision: int, people: list[Professional]) -> RosterSnapshot:
        snapshot = RosterSnapshot.build(revision, people)
        with self._lock:
            # A slower reader must not replace a newer snapshot with an older one.
            if self._snapshot is None or self._snapshot.revision <= revision:
                self._snapshot = snapshot
        return snapshot
