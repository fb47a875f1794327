"""The status an expert (or their coordinator) sees with `/beschikbaar`: pure rendering of known facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from commands.catalogue import t
from commands.roster.availability import Availability
from commands.roster.formatting import format_days, format_period, format_time
from commands.roster.model import Absence, AbsenceSource, Professional


def render_status(
    person: Professional, verdict: Availability, cases: Sequence[str], today: date, *, own: bool
) -> str:
    """Availability and why, load with case codes, working time and coming absences.

    Absence notes are private: shown only to the person themselves.
    """
    suffix = "own" if own else "other"
    name = {"name": person.display_name, "organisation": person.organisation.name}
    lines = [t(f"roster.status.title_{suffix}", **name), ""]
    if verdict.ok:
        lines.append(t(f"roster.status.available_{suffix}", **name))
    else:
        lines.append(t(f"roster.status.unavailable_{suffix}", **name, reasons="; ".join(verdict.reasons)))
    lines += [t("roster.status.soft", signal=signal) for signal in verdict.soft]
    codes = t("roster.status.cases", codes=", ".join(cases)) if cases else ""
    lines.append(t("roster.status.load", used=len(cases), capacity=person.capacity, cases=codes))
    working = person.working_time
    lines.append(
        t(
            "roster.status.hours",
            days=format_days(working.days),
            start=format_time(working.start),
            end=format_time(working.end),
        )
    )
    upcoming = [a for a in person.absences if a.end >= today]
    if upcoming:
        lines.append(t("roster.status.absences"))
        lines += [_absence_line(a, today, show_note=own) for a in upcoming]
    if own:
        lines += ["", t("roster.status.tips")]
    return "\n".join(lines)


def _absence_line(absence: Absence, today: date, *, show_note: bool) -> str:
    period = format_period(absence.start, absence.end, today)
    if absence.source is AbsenceSource.ROSTER:
        period += t("roster.status.from_roster")
    if show_note and absence.note:
        period += f" — {absence.note}"
    return f"- {period}"
