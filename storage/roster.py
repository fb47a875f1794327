"""The roster repository: domain values out, targeted writes in.

Reads load people with four extra queries in total (roles, expertise, municipalities, absences) rather
than per person, so the whole roster of a large region loads quickly for matching. Writes touch only
what they name: an import never overwrites someone's pause, and a pause never rewrites their roles.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from commands.roster.model import (
    Absence,
    AbsenceSource,
    ExpertiseArea,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RosterChanges,
    WorkingTime,
)
from storage.roster_cache import RosterCache, RosterSnapshot, _username
from storage.roster_models import (
    AbsenceRow,
    ExpertiseAreaRow,
    OrganisationRow,
    ProfessionalExpertiseRow,
    ProfessionalMunicipalityRow,
    ProfessionalRoleRow,
    ProfessionalRow,
    RosterRevisionRow,
)

CHUNK = 500  # ids per IN (...) list: well within SQLite's and PostgreSQL's parameter limits
T = TypeVar("T")


class SqlRosterRepository:
    def __init__(self, session: Session, cache: RosterCache | None = None) -> None:
        self.session = session
        self.cache = cache or RosterCache()
        # Once this transaction has changed the roster, it must read its own writes, not the shared
        # snapshot, and must not publish a snapshot of changes that may still be rolled back.
        self._wrote = False
        self._written_revision: int | None = None
        # The snapshot this transaction found current: checked once, not before every lookup (a status
        # names a dozen people). A change committed meanwhile is seen by the next transaction, as a
        # transaction's other reads would not see it either (SQLite) or only statement by statement (PG).
        self._checked: RosterSnapshot | None = None

    # --- reads ----------------------------------------------------------------------------------------

    def professional(self, user_id: str) -> Professional | None:
        """Active or not; from the snapshot when it is current (one small query), else from the tables."""
        if self._wrote:
            found = self._load(ProfessionalRow.user_id == user_id)
            return found[0] if found else None
        return self._snapshot().by_id.get(user_id)

    def professionals_by_ids(self, user_ids: Iterable[str]) -> dict[str, Professional]:
        """Active or not, from the snapshot when it is current; else only these people from the tables."""
        wanted = set(user_ids)
        if not wanted:
            return {}
        if self._wrote:
            found: list[Professional] = []
            for chunk in _chunks(sorted(wanted)):
                found += self._load(ProfessionalRow.user_id.in_(chunk))
            return {p.user_id: p for p in found}
        by_id = self._snapshot().by_id
        return {uid: by_id[uid] for uid in wanted if uid in by_id}

    def professional_by_username(self, username: str) -> Professional | None:
        """The active person with this username first (a username may pass to someone new after a leaver)."""
        found = self._load(func.lower(ProfessionalRow.username) == username.lower())
        found.sort(key=lambda p: not p.active)
        return found[0] if found else None

    def professionals(self, *, include_inactive: bool = False) -> list[Professional]:
        """By username, from the snapshot (current by its revision, or with this transaction's writes)."""
        people = self._snapshot().people
        return list(people) if include_inactive else [p for p in people if p.active]

    def active_experts(self) -> list[Professional]:
        return [p for p in self._snapshot().people if p.active and Role.EXPERT in p.roles]

    def organisations(self) -> list[Organisation]:
        rows = self.session.execute(
            select(OrganisationRow.__table__)
            .where(OrganisationRow.active.is_(True))
            .order_by(OrganisationRow.key)
        )
        return [_organisation(row) for row in rows]

    def expertise_areas(self) -> list[ExpertiseArea]:
        """The active vocabulary, in order: kept with the roster snapshot (a status or a submission asks for
        it twice, and it changes only with an import, which moves the roster's revision)."""
        if self._wrote:
            return self._expertise_areas()
        revision = self._snapshot().revision
        if revision < 0:  # no revision to key it on: read fresh
            return self._expertise_areas()
        areas = self.cache.areas(revision)
        if areas is None:
            areas = self.cache.keep_areas(revision, tuple(self._expertise_areas()))
        return list(areas)

    def _expertise_areas(self) -> list[ExpertiseArea]:
        rows = self.session.execute(
            select(ExpertiseAreaRow.key, ExpertiseAreaRow.label)
            .where(ExpertiseAreaRow.active.is_(True))
            .order_by(ExpertiseAreaRow.position)
        )
        return [ExpertiseArea(row.key, row.label) for row in rows]

    def candidate_experts(
        self,
        expertise: str,
        kinds: frozenset[OrganisationKind],
        municipality: str | None,
        known: frozenset[str] = frozenset(),
    ) -> list[Professional]:
        """Active experts who could be asked: the expertise (or known to the case), a wanted kind, the area.

        Read from the process's roster snapshot (one query to check it is current), so a submission does not
        load the whole region; `matching` then applies the exact rules and the ranking.
        """
        snapshot = self._snapshot()
        wanted = kinds or frozenset({OrganisationKind.VT, OrganisationKind.RVDK, OrganisationKind.GI})
        people = {p.user_id: p for p in snapshot.with_expertise(expertise)}
        for user_id in known:
            person = snapshot.by_id.get(user_id)
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

    def _snapshot(self) -> RosterSnapshot:
        if self._wrote:
            # Our own uncommitted writes: the shared snapshot with them laid over it, cached nowhere.
            base = self.cache.latest()
            if base is None:
                return RosterSnapshot.build(-1, self._load(None))
            return self._caught_up(base, -1)
        if self._checked is not None:
            return self._checked
        self._checked = self._current()
        return self._checked

    def _current(self) -> RosterSnapshot:
        revision = self.revision()
        if revision is None:  # no revision to check against: read fresh, cache nothing
            return RosterSnapshot.build(-1, self._load(None))
        snapshot = self.cache.current(revision)
        if snapshot is not None:
            return snapshot
        with self.cache.refreshing:
            snapshot = self.cache.current(revision)  # caught up by whoever held the lock before us
            if snapshot is not None:
                return snapshot
            base = self.cache.latest()
            if base is None or base.revision > revision:
                return self.cache.store(revision, self._load(None))
            return self.cache.keep(self._caught_up(base, revision))

    def _caught_up(self, base: RosterSnapshot, revision: int) -> RosterSnapshot:
        """`base` plus everyone changed after it (a write stamps the people it touches with its revision)."""
        changed = self._load(ProfessionalRow.roster_revision > base.revision)
        organisations = {
            row.key: _organisation(row) for row in self.session.execute(select(OrganisationRow.__table__))
        }
        return base.updated(revision, changed, organisations)

    def _load(self, where: ColumnElement[bool] | None) -> list[Professional]:
        people = select(ProfessionalRow.user_id)
        if where is not None:
            people = people.where(where)
        roles = self._grouped(ProfessionalRoleRow.user_id, ProfessionalRoleRow.role, people)
        tags = self._grouped(ProfessionalExpertiseRow.user_id, ProfessionalExpertiseRow.expertise, people)
        places = self._grouped(
            ProfessionalMunicipalityRow.user_id, ProfessionalMunicipalityRow.municipality, people
        )
        absences: dict[str, list[Absence]] = defaultdict(list)
        for user_id, first, last, note, source in self.session.execute(
            select(
                AbsenceRow.user_id,
                AbsenceRow.first_day,
                AbsenceRow.last_day,
                AbsenceRow.note,
                AbsenceRow.source,
            )
            .where(AbsenceRow.user_id.in_(people))
            .order_by(AbsenceRow.first_day, AbsenceRow.last_day)
        ):
            absences[user_id].append(Absence(first, last, note, AbsenceSource(source)))
        organisations = {
            row.key: _organisation(row) for row in self.session.execute(select(OrganisationRow.__table__))
        }
        # A few people (a catch-up, a lookup) are found by `where`'s index and sorted here: ordered by
        # username in SQL, SQLite walks the username index through the whole region instead.
        row = ProfessionalRow
        query = select(
            row.user_id, row.username, row.display_name, row.organisation_key, row.capacity, row.working_days,
            row.work_start, row.work_end, row.paused, row.active, row.capacity_in_roster,
        )  # fmt: skip
        query = query.order_by(row.username) if where is None else query.where(where)
        # Equal sets and working times are shared, not repeated per person: a region of ten thousand has a
        # few hundred distinct ones, and the roster cache keeps them all.
        shared: dict[Any, Any] = {}

        def one(value: T) -> T:
            kept: T = shared.setdefault(value, value)
            return kept

        def person(found: Any) -> Professional:
            user_id = sys.intern(found.user_id)  # the same string object as the child tables' keys
            return Professional(
                user_id=user_id,
                username=found.username,
                display_name=found.display_name,
                organisation=organisations[found.organisation_key],
                roles=one(frozenset(Role(role) for role in roles.get(user_id, ()))),
                expertise=one(frozenset(tags.get(user_id, ()))),
                municipalities=one(frozenset(places.get(user_id, ()))),
                capacity=found.capacity,
                working_time=one(
                    WorkingTime(
                        frozenset(int(day) for day in found.working_days), found.work_start, found.work_end
                    )
                ),
                absences=tuple(sorted(absences.get(user_id, ()))),
                paused=found.paused,
                active=found.active,
                capacity_in_roster=found.capacity_in_roster,
            )

        # Plain rows, not ORM objects: values are built once and the session stays free of stale copies.
        # The whole region streams from the cursor (already in username order): each row's temporary values
        # are freed before the next is read, so loading ten thousand people does not first hold them all.
        if where is None:
            return [person(found) for found in self.session.execute(query)]
        return sorted((person(found) for found in self.session.execute(query)), key=_username)

    def _grouped(
        self, owner: InstrumentedAttribute[str], value: InstrumentedAttribute[str], people: Select[Any]
    ) -> dict[str, list[str]]:
        """Values of one child table per user id, for all the people `people` selects."""
        grouped: dict[str, list[str]] = defaultdict(list)
        # Interned: a region's ten thousand people share a few dozen values and each user id is one string
        # across the tables, instead of a fresh copy per row that lives until the snapshot is built.
        for owner_id, found in self.session.execute(select(owner, value).where(owner.in_(people))):
            grouped[sys.intern(owner_id)].append(sys.intern(found))
        return grouped

    # --- writes by the import -------------------------------------------------------------------------

    def apply(self, changes: RosterChanges, now: datetime) -> None:
        revision = self._bump()
        if changes.vocabulary is not None:
            self._sync_vocabulary(changes.vocabulary)
        if changes.organisations is not None:
            self._sync_organisations(changes.organisations)
        if changes.added:
            self.session.execute(
                insert(ProfessionalRow),
                [
                    {
                        **_roster_fields(p),
                        "capacity": p.capacity,
                        "paused": False,
                        "updated_at": now,
                        "roster_revision": revision,
                    }
                    for p in changes.added
                ],
            )
            self._insert_children(changes.added, now, replace_roster_absences=False)
        if changes.updated:
            values = []
            for p in changes.updated:
                row = {
                    **_roster_fields(p),
                    "deactivated_at": None,
                    "updated_at": now,
                    "roster_revision": revision,
                }
                if p.user_id in changes.capacity_reset:
                    row["capacity"] = p.capacity
                values.append(row)
            self.session.execute(update(ProfessionalRow), values)
            self._insert_children(changes.updated, now, replace_roster_absences=True)
        for chunk in _chunks(changes.deactivated):
            self.session.execute(
                update(ProfessionalRow)
                .where(ProfessionalRow.user_id.in_(chunk))
                .values(active=False, deactivated_at=now, updated_at=now, roster_revision=revision)
            )
        self.session.flush()

    def _sync_vocabulary(self, vocabulary: Sequence[ExpertiseArea]) -> None:
        existing = set(self.session.scalars(select(ExpertiseAreaRow.key)))
        wanted = {area.key for area in vocabulary}
        rows = [
            {"key": area.key, "label": area.label, "position": position, "active": True}
            for position, area in enumerate(vocabulary)
        ]
        if new := [row for row in rows if row["key"] not in existing]:
            self.session.execute(insert(ExpertiseAreaRow), new)
        if known := [row for row in rows if row["key"] in existing]:
            self.session.execute(update(ExpertiseAreaRow), known)
        if retired := sorted(existing - wanted):
            self.session.execute(
                update(ExpertiseAreaRow).where(ExpertiseAreaRow.key.in_(retired)).values(active=False)
            )

    def _sync_organisations(self, organisations: Sequence[Organisation]) -> None:
        existing = set(self.session.scalars(select(OrganisationRow.key)))
        wanted = {org.key for org in organisations}
        rows = [
            {"key": org.key, "kind": org.kind.value, "name": org.name, "region": org.region, "active": True}
            for org in organisations
        ]
        if new := [row for row in rows if row["key"] not in existing]:
            self.session.execute(insert(OrganisationRow), new)
        if known := [row for row in rows if row["key"] in existing]:
            self.session.execute(update(OrganisationRow), known)
        if retired := sorted(existing - wanted):
            self.session.execute(
                update(OrganisationRow).where(OrganisationRow.key.in_(retired)).values(active=False)
            )

    def _insert_children(
        self, people: Sequence[Professional], now: datetime, *, replace_roster_absences: bool
    ) -> None:
        ids = [p.user_id for p in people]
        if replace_roster_absences:
            for chunk in _chunks(ids):
                for model in (ProfessionalRoleRow, ProfessionalExpertiseRow, ProfessionalMunicipalityRow):
                    self.session.execute(delete(model).where(model.user_id.in_(chunk)))
                self.session.execute(
                    delete(AbsenceRow).where(
                        AbsenceRow.user_id.in_(chunk), AbsenceRow.source == AbsenceSource.ROSTER.value
                    )
                )
        children: list[tuple[type[Any], list[dict[str, Any]]]] = [
            (ProfessionalRoleRow, [{"user_id": p.user_id, "role": r.value} for p in people for r in p.roles]),
            (
                ProfessionalExpertiseRow,
                [{"user_id": p.user_id, "expertise": e} for p in people for e in p.expertise],
            ),
            (
                ProfessionalMunicipalityRow,
                [{"user_id": p.user_id, "municipality": m} for p in people for m in p.municipalities],
            ),
            (
                AbsenceRow,
                [
                    _absence_row(p.user_id, a, now)
                    for p in people
                    for a in p.absences
                    if a.source is AbsenceSource.ROSTER
                ],
            ),
        ]
        for model, rows in children:
            if rows:
                self.session.execute(insert(model), rows)

    # --- writes by the person (or a coordinator) in chat ----------------------------------------------

    def set_paused(self, user_id: str, paused: bool, now: datetime) -> None:
        self._update(user_id, paused=paused, updated_at=now)

    def set_capacity(self, user_id: str, capacity: int, now: datetime) -> None:
        self._update(user_id, capacity=capacity, updated_at=now)

    def add_absence(self, user_id: str, absence: Absence, now: datetime) -> None:
        self.session.execute(insert(AbsenceRow), [_absence_row(user_id, absence, now)])
        self._update(user_id, updated_at=now)

    def remove_absences(self, user_id: str, absences: list[Absence], now: datetime) -> None:
        for absence in absences:
            self.session.execute(
                delete(AbsenceRow).where(
                    AbsenceRow.user_id == user_id,
                    AbsenceRow.first_day == absence.start,
                    AbsenceRow.last_day == absence.end,
                    AbsenceRow.source == absence.source.value,
                )
            )
        self._update(user_id, updated_at=now)

    def _update(self, user_id: str, **values: Any) -> None:
        revision = self._bump()
        self.session.execute(
            update(ProfessionalRow)
            .where(ProfessionalRow.user_id == user_id)
            .values(**values, roster_revision=revision)
        )

    def _bump(self) -> int:
        """Every roster write moves the revision (once per transaction) and stamps the people it changes with
        it, so cached rosters in every process catch up with exactly those people."""
        if self._written_revision is None:
            self.session.execute(update(RosterRevisionRow).values(revision=RosterRevisionRow.revision + 1))
            self._written_revision = int(self.session.scalar(select(RosterRevisionRow.revision)) or 0)
        self._wrote = True
        return self._written_revision

    def revision(self) -> int | None:
        """The roster's revision; None if its row is missing (then nothing may be cached)."""
        value = self.session.scalar(select(RosterRevisionRow.revision))
        return None if value is None else int(value)


def _organisation(row: Any) -> Organisation:
    return Organisation(row.key, OrganisationKind(row.kind), row.name, row.region)


def _roster_fields(p: Professional) -> dict[str, Any]:
    return {
        "user_id": p.user_id,
        "username": p.username,
        "display_name": p.display_name,
        "organisation_key": p.organisation.key,
        "capacity_in_roster": p.capacity_in_roster,
        "working_days": "".join(str(day) for day in sorted(p.working_time.days)),
        "work_start": p.working_time.start,
        "work_end": p.working_time.end,
        "active": p.active,
    }


def _absence_row(user_id: str, absence: Absence, now: datetime) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "first_day": absence.start,
        "last_day": absence.end,
        "note": absence.note,
        "source": absence.source.value,
        "created_at": now,
    }


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
