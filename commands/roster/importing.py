"""Importing a roster file: resolve usernames, plan the changes (pure), apply them in one transaction.

The file is the coordinator's truth for organisations, roles, expertise, municipalities, working time and
their own absences. What a person sets in chat stays theirs: pause, absences entered in chat, and a
capacity they changed (until the file itself changes that person's capacity). People missing from the
file are deactivated, never deleted, so their history stays intact; they come back if they reappear.

Absences that ended before today count on neither side: the export leaves them out (they no longer affect
anyone's availability) and the import neither adds them nor treats their absence from the file as a
change, so an export imports back as "nothing changed" on any later day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.config import DEFAULT_TIMEZONE
from commands.ports import AuditEvent, ChatUser, Directory, UnitOfWorkFactory
from commands.roster.expertise import label
from commands.roster.model import (
    Absence,
    AbsenceSource,
    ExpertiseArea,
    Organisation,
    Professional,
    RosterChanges,
    WorkingTime,
)
from commands.roster.roster_file import ProfessionalEntry, RosterFile, RosterFileError


@dataclass(frozen=True)
class ImportReport:
    added: tuple[str, ...] = ()  # usernames
    updated: tuple[str, ...] = ()
    reactivated: tuple[str, ...] = ()
    deactivated: tuple[str, ...] = ()
    unchanged: int = 0
    organisations_changed: bool = False
    vocabulary_changed: bool = False
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.reactivated
            or self.deactivated
            or self.organisations_changed
            or self.vocabulary_changed
        )


def import_roster(
    uow_factory: UnitOfWorkFactory,
    directory: Directory,
    roster: RosterFile,
    now: datetime,
    *,
    dry_run: bool = False,
    actor: str = "cli",
    timezone: str = DEFAULT_TIMEZONE,
) -> ImportReport:
    """All or nothing: any unknown username stops the import before anything is written."""
    users = resolve_users(directory, roster)
    today = now.astimezone(ZoneInfo(timezone)).date()
    with uow_factory() as uow:
        current = uow.roster.professionals(include_inactive=True)
        changes, report = plan_import(
            roster, users, current, uow.roster.organisations(), uow.roster.expertise_areas(), today
        )
        if dry_run or changes.empty:
            return replace(report, dry_run=dry_run)
        uow.roster.apply(changes, now)
        uow.audit.record(
            AuditEvent(
                at=now,
                actor_id=actor,
                action="rooster.importeren",
                case_code=None,
                authorisation="beheer",
                access_point="cli",
                detail={
                    "toegevoegd": str(len(report.added)),
                    "gewijzigd": str(len(report.updated) + len(report.reactivated)),
                    "gedeactiveerd": str(len(report.deactivated)),
                },
            )
        )
        uow.commit()
    return report


def resolve_users(directory: Directory, roster: RosterFile) -> dict[str, ChatUser]:
    """Mattermost users by username, in one call; every unknown username is a located error."""
    usernames = [person.username for person in roster.professionals]
    found = {name.lower(): user for name, user in directory.users_by_usernames(usernames).items()}
    missing = [(index, p.username) for index, p in enumerate(roster.professionals) if p.username not in found]
    if missing:
        raw = roster.model_dump()
        raise RosterFileError(
            [
                f"{roster.where(('professionals', index, 'username'), raw)}: "
                + t("roster.file.unknown_user", username=username)
                for index, username in missing
            ]
        )
    return found


def plan_import(
    roster: RosterFile,
    users: Mapping[str, ChatUser],
    current: Iterable[Professional],
    current_organisations: Iterable[Organisation],
    current_vocabulary: Iterable[ExpertiseArea],
    today: date,
) -> tuple[RosterChanges, ImportReport]:
    """Compare the file with what is stored; pure, so idempotency can be tested without a database."""
    existing = {p.user_id: p for p in current}
    vocabulary = _vocabulary(roster)
    organisations = {
        entry.key: Organisation(entry.key, entry.kind, entry.name, entry.region)
        for entry in roster.organisations
    }
    added: list[Professional] = []
    updated: list[Professional] = []
    capacity_reset: set[str] = set()
    report_updated: list[str] = []
    reactivated: list[str] = []
    unchanged = 0
    in_file: set[str] = set()
    for entry in roster.professionals:
        user = users[entry.username]
        in_file.add(user.id)
        before = existing.get(user.id)
        after = desired(entry, user, organisations[entry.organisation], before, today)
        if before is None:
            added.append(after)
        elif _same(_without_ended(before, today), after):
            unchanged += 1
        else:
            updated.append(after)
            if before.capacity_in_roster != after.capacity_in_roster:
                capacity_reset.add(user.id)
            (reactivated if not before.active else report_updated).append(after.username)
    leaving = sorted(
        (p for p in existing.values() if p.active and p.user_id not in in_file), key=lambda p: p.username
    )
    organisations_changed = _by_key(organisations.values()) != _by_key(current_organisations)
    vocabulary_changed = tuple(vocabulary) != tuple(current_vocabulary)
    changes = RosterChanges(
        vocabulary=vocabulary if vocabulary_changed else None,
        organisations=tuple(organisations.values()) if organisations_changed else None,
        added=tuple(added),
        updated=tuple(updated),
        capacity_reset=frozenset(capacity_reset),
        deactivated=tuple(p.user_id for p in leaving),
    )
    report = ImportReport(
        added=tuple(p.username for p in added),
        updated=tuple(report_updated),
        reactivated=tuple(reactivated),
        deactivated=tuple(p.username for p in leaving),
        unchanged=unchanged,
        organisations_changed=organisations_changed,
        vocabulary_changed=vocabulary_changed,
    )
    return changes, report


def desired(
    entry: ProfessionalEntry,
    user: ChatUser,
    organisation: Organisation,
    before: Professional | None,
    today: date,
) -> Professional:
    """The person as the file describes them, keeping what they set in chat themselves."""
    own = tuple(
        a for a in (before.absences if before else ()) if a.source is AbsenceSource.CHAT and a.end >= today
    )
    own_spans = {(a.start, a.end) for a in own}
    from_file = tuple(
        Absence(a.first_day, a.last_day, a.note, AbsenceSource.ROSTER)
        for a in entry.absences
        if (a.first_day, a.last_day) not in own_spans and a.last_day >= today
    )
    capacity_in_roster = entry.capacity or 0
    keep_own_capacity = before is not None and before.capacity_in_roster == capacity_in_roster
    return Professional(
        user_id=user.id,
        username=entry.username,
        display_name=entry.name or user.display_name,
        organisation=organisation,
        roles=frozenset(entry.roles),
        expertise=frozenset(entry.expertise),
        municipalities=frozenset(entry.municipalities),
        capacity=before.capacity if before is not None and keep_own_capacity else capacity_in_roster,
        working_time=WorkingTime(frozenset(entry.working_days), *entry.working_hours),
        absences=tuple(sorted(set(own + from_file))),
        paused=before.paused if before is not None else False,
        active=True,
        capacity_in_roster=capacity_in_roster,
    )


def _without_ended(person: Professional, today: date) -> Professional:
    return replace(person, absences=tuple(a for a in person.absences if a.end >= today))


def _same(before: Professional, after: Professional) -> bool:
    # The organisation's own fields are compared as organisations; here only which one counts.
    return before.organisation.key == after.organisation.key and (
        replace(before, organisation=after.organisation) == after
    )


def _by_key(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    return {org.key: org for org in organisations}


def _vocabulary(roster: RosterFile) -> tuple[ExpertiseArea, ...]:
    given = roster.expertise or {}
    return tuple(ExpertiseArea(key, given.get(key) or label(key)) for key in roster.vocabulary_keys)
