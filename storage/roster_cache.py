"""A per-process snapshot of the active experts, refreshed whenever the roster's revision moves.

Matching reads the roster on every request; a region of thousands of experts is too much to load each
time, and it changes rarely (imports, pauses, absences), each change moving the revision in the database.
Checking the revision is one small query, so every process sees every change at its next request.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from commands.roster.model import Professional


@dataclass(frozen=True)
class ExpertSnapshot:
    revision: int
    experts: tuple[Professional, ...]
    by_id: dict[str, Professional] = field(default_factory=dict)
    by_expertise: dict[str, tuple[Professional, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, revision: int, experts: list[Professional]) -> ExpertSnapshot:
        grouped: dict[str, list[Professional]] = defaultdict(list)
        for expert in experts:
            for tag in expert.expertise:
                grouped[tag].append(expert)
        return cls(
            revision,
            tuple(experts),
            {e.user_id: e for e in experts},
            {tag: tuple(people) for tag, people in grouped.items()},
        )

    def with_expertise(self, tag: str) -> tuple[Professional, ...]:
        return self.by_expertise.get(tag, ())


class RosterCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: ExpertSnapshot | None = None

    def current(self, revision: int) -> ExpertSnapshot | None:
        snapshot = self._snapshot
        return snapshot if snapshot is not None and snapshot.revision == revision else None

    def store(self, revision: int, experts: list[Professional]) -> ExpertSnapshot:
        snapshot = ExpertSnapshot.build(revision, experts)
        with self._lock:
            # A slower reader must not replace a newer snapshot with an older one.
            if self._snapshot is None or self._snapshot.revision <= revision:
                self._snapshot = snapshot
        return snapshot
