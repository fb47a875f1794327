"""Exporting the roster as a file that imports back to the same state.

Only active people and absences that have not ended are written. Notes of absences a person entered in
chat are private to them and are left out; notes from the roster file itself are kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from commands.catalogue import t
from commands.ports import UnitOfWorkFactory
from commands.roster.expertise import default_vocabulary
from commands.roster.formatting import format_time, weekday_short
from commands.roster.model import AbsenceSource, Professional, Role


def export_roster(uow_factory: UnitOfWorkFactory, today: date) -> str:
    with uow_factory() as uow:
        vocabulary = uow.roster.expertise_areas()
        organisations = uow.roster.organisations()
        people = uow.roster.professionals()
    data: dict[str, Any] = {}
    if vocabulary and tuple(vocabulary) != default_vocabulary():
        data["expertise"] = {area.key: area.label for area in vocabulary}
    data["organisations"] = [
        {
            "key": org.key,
            "kind": str(org.kind),
            "name": org.name,
            **({"region": org.region} if org.region else {}),
        }
        for org in sorted(organisations, key=lambda o: o.key)
    ]
    data["professionals"] = [
        _person(p, today) for p in sorted(people, key=lambda p: (p.organisation.key, p.username))
    ]
    header = f"# {t('roster.export.header', day=today.isoformat())}\n"
    return header + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110
    )


def _person(p: Professional, today: date) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "username": p.username,
        "name": p.display_name,
        "organisation": p.organisation.key,
        "roles": [str(role) for role in Role if role in p.roles],
    }
    if p.expertise:
        entry["expertise"] = sorted(p.expertise)
    if p.municipalities:
        entry["municipalities"] = sorted(p.municipalities)
    if p.capacity or Role.EXPERT in p.roles:
        entry["capacity"] = p.capacity
    entry["working_days"] = _days(p.working_time.days)
    entry["working_hours"] = f"{format_time(p.working_time.start)}-{format_time(p.working_time.end)}"
    absences = [
        {
            "first_day": a.start,
            "last_day": a.end,
            **({"note": a.note} if a.note and a.source is AbsenceSource.ROSTER else {}),
        }
        for a in p.absences
        if a.end >= today
    ]
    if absences:
        entry["absences"] = absences
    return entry


def _days(days: frozenset[int]) -> str | list[str]:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{weekday_short(ordered[0])}-{weekday_short(ordered[-1])}"
    return [weekday_short(day) for day in ordered]
