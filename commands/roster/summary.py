"""The coordinator's view of the roster: who is available this week, per organisation and expertise,
and who is at or over capacity. Pure: it takes the people, their load and `now`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.roster.availability import available, free_days
from commands.roster.expertise import label
from commands.roster.formatting import format_period
from commands.roster.model import ExpertiseArea, Professional, Role

MAX_NAMES = 20  # keeps the chat message readable in a large region


@dataclass(frozen=True)
class Tally:
    name: str
    experts: int = 0
    available_now: int = 0
    this_week: int = 0


@dataclass(frozen=True)
class Load:
    name: str
    organisation: str
    used: int
    capacity: int


@dataclass(frozen=True)
class RosterSummary:
    first_day: date
    last_day: date
    organisations: tuple[Tally, ...]
    expertise: tuple[Tally, ...]
    full: tuple[Load, ...]  # at or over capacity, fullest first
    paused: tuple[str, ...]
    away_all_week: tuple[str, ...]


def week_of(today: date) -> tuple[date, date]:
    """Today up to Sunday; at the weekend, the coming week (this week has nothing left to plan)."""
    if today.weekday() >= 5:
        monday = today + timedelta(days=7 - today.weekday())
        return monday, monday + timedelta(days=6)
    return today, today + timedelta(days=6 - today.weekday())


def summarise(
    professionals: Iterable[Professional],
    *,
    now: datetime,
    tz: ZoneInfo,
    involvements: Mapping[str, int],
    vocabulary: Iterable[ExpertiseArea] = (),
) -> RosterSummary:
    first, last = week_of(now.astimezone(tz).date())
    areas = tuple(vocabulary)
    experts = sorted(
        (p for p in professionals if p.active and Role.EXPERT in p.roles), key=lambda p: p.display_name
    )
    by_org: dict[str, list[int]] = {}
    by_tag: dict[str, list[int]] = {area.key: [0, 0, 0] for area in areas}
    full: list[Load] = []
    paused: list[str] = []
    away: list[str] = []
    for person in experts:
        used = involvements.get(person.user_id, 0)
        now_ok = available(person, now, tz=tz, active_involvements=used).ok
        has_room = not person.paused and used < person.capacity
        days = free_days(person, first, last)
        week_ok = has_room and bool(days)
        counts = by_org.setdefault(person.organisation.name, [0, 0, 0])
        for tally in (counts, *(by_tag.setdefault(tag, [0, 0, 0]) for tag in person.expertise)):
            tally[0] += 1
            tally[1] += now_ok
            tally[2] += week_ok
        if person.capacity and used >= person.capacity:
            full.append(Load(person.display_name, person.organisation.name, used, person.capacity))
        if person.paused:
            paused.append(person.display_name)
        elif not days:
            away.append(person.display_name)
    return RosterSummary(
        first_day=first,
        last_day=last,
        organisations=tuple(Tally(name, *c) for name, c in sorted(by_org.items())),
        expertise=tuple(Tally(label(key, areas), *c) for key, c in by_tag.items()),
        full=tuple(sorted(full, key=lambda x: (x.capacity - x.used, x.name))),
        paused=tuple(paused),
        away_all_week=tuple(away),
    )


def render_summary(summary: RosterSummary, today: date) -> str:
    """Markdown for chat (Mattermost renders the tables) and readable as plain text in a terminal."""
    lines = [
        t("roster.summary.title", period=format_period(summary.first_day, summary.last_day, today)),
        "",
        t("roster.summary.org_header"),
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {o.name} | {o.experts} | {o.available_now} | {_flag(o.this_week)} |"
        for o in summary.organisations
    ]
    if not summary.organisations:
        lines = [*lines[:2], t("roster.summary.no_experts")]
    lines += ["", t("roster.summary.expertise_header"), "|---|---:|---:|"]
    lines += [f"| {e.name} | {e.experts} | {_flag(e.this_week)} |" for e in summary.expertise]
    lines.append("")
    if summary.full:
        lines.append(t("roster.summary.full_header"))
        lines += [
            t(
                "roster.summary.full_line" if x.used == x.capacity else "roster.summary.over_line",
                name=x.name,
                organisation=x.organisation,
                used=x.used,
                capacity=x.capacity,
            )
            for x in summary.full[:MAX_NAMES]
        ]
        lines += _more(len(summary.full))
    else:
        lines.append(t("roster.summary.nobody_full"))
    for key, names in (
        ("roster.summary.paused", summary.paused),
        ("roster.summary.away", summary.away_all_week),
    ):
        if names:
            shown = ", ".join(names[:MAX_NAMES])
            extra = (
                t("roster.summary.and_more", count=len(names) - MAX_NAMES) if len(names) > MAX_NAMES else ""
            )
            lines += ["", t(key, names=shown + extra)]
    return "\n".join(lines)


def _flag(count: int) -> str:
    # Nobody available is what a coordinator must not miss.
    return f"**{count}** ⚠️" if count == 0 else str(count)


def _more(total: int) -> list[str]:
    return [t("roster.summary.more", count=total - MAX_NAMES)] if total > MAX_NAMES else []
