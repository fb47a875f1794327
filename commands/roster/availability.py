"""Whether an expert can be asked now, and why not: the one pure function matching relies on.

Hard reasons make someone unavailable: deactivation, no expert role, pause, absence, a Dutch public
holiday, a non-working day or hour, and a full (or zero) capacity. Mattermost's `ooo` and `dnd`
statuses are *soft*: they are reported but do not block, because Mattermost sets `ooo` from an
auto-responder that people forget to switch off, and `dnd` often only means "in a meeting"; the
roster's absences and pause are the deliberate signal. Matching may rank soft signals lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from commands.calendar import public_holiday
from commands.catalogue import t
from commands.roster.formatting import format_day, format_time
from commands.roster.model import Professional, Role

SOFT_STATUSES = {"ooo": "roster.soft.ooo", "dnd": "roster.soft.dnd"}


@dataclass(frozen=True)
class Availability:
    ok: bool
    reasons: tuple[str, ...] = ()  # Dutch, why not (empty when ok)
    soft: tuple[str, ...] = ()  # Dutch, worth knowing but not blocking


def holiday_name(day: date) -> str | None:
    """The Dutch public holiday on `day`, by name, or None: the same calendar every feature uses."""
    return public_holiday(day)


def is_working_day(professional: Professional, day: date) -> bool:
    """One of the person's working days and not a public holiday (absence and pause are separate)."""
    return day.weekday() in professional.working_time.days and holiday_name(day) is None


@dataclass(frozen=True)
class _Moment:
    day: date
    weekday: int
    clock: time
    holiday: str | None  # the Dutch reason text, if it is a public holiday


@lru_cache(maxsize=256)
def _moment(at: datetime, tz: ZoneInfo) -> _Moment:
    # Matching asks about many people at one instant: work out the local day and time once.
    local = at.astimezone(tz)
    holiday = holiday_name(local.date())
    reason = t("roster.reason.holiday", name=holiday) if holiday is not None else None
    return _Moment(local.date(), local.weekday(), local.time(), reason)


@lru_cache(maxsize=32)
def _text(key: str) -> str:
    return t(key)


@lru_cache(maxsize=1024)
def _outside_hours(start: time, end: time) -> str:
    return t("roster.reason.outside_hours", start=format_time(start), end=format_time(end))


@lru_cache(maxsize=1024)
def _absent_until(end: date, today: date) -> str:
    return t("roster.reason.absent", until=format_day(end, today))


@lru_cache(maxsize=1024)
def _full(used: int, capacity: int) -> str:
    return t("roster.reason.full", used=used, capacity=capacity)


_AVAILABLE = Availability(ok=True)


def available(
    professional: Professional,
    at: datetime,
    *,
    tz: ZoneInfo,
    active_involvements: int,
    chat_status: str | None = None,
) -> Availability:
    """Can `professional` take a new involvement at `at`? All hard reasons are listed, not just the first."""
    if at.tzinfo is None:
        raise ValueError("available() needs a timezone-aware instant")
    moment = _moment(at, tz)
    reasons: list[str] = []
    if not professional.active:
        reasons.append(_text("roster.reason.inactive"))
    if Role.EXPERT not in professional.roles:
        reasons.append(_text("roster.reason.not_expert"))
    if professional.paused:
        reasons.append(_text("roster.reason.paused"))
    if professional.absences:
        absence = professional.absence_on(moment.day)
        if absence is not None:
            reasons.append(_absent_until(absence.end, moment.day))
    working = professional.working_time
    if moment.holiday is not None:
        reasons.append(moment.holiday)
    elif moment.weekday not in working.days:
        reasons.append(_text("roster.reason.not_working_day"))
    elif not working.start <= moment.clock < working.end:
        reasons.append(_outside_hours(working.start, working.end))
    if professional.capacity <= 0:
        reasons.append(_text("roster.reason.no_capacity"))
    elif active_involvements >= professional.capacity:
        reasons.append(_full(active_involvements, professional.capacity))
    soft_key = SOFT_STATUSES.get(chat_status) if chat_status else None
    if not reasons and soft_key is None:
        return _AVAILABLE
    soft = (_text(soft_key),) if soft_key else ()
    return Availability(ok=not reasons, reasons=tuple(reasons), soft=soft)


def free_days(professional: Professional, first: date, last: date) -> list[date]:
    """The days from `first` to `last` (inclusive) the person works and is not absent."""
    days = []
    day = first
    while day <= last:
        if is_working_day(professional, day) and professional.absence_on(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days
