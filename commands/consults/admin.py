"""Managing consult slots (the `erbij consults …` CLI's use cases): defaults, add, change, remove, look ahead.

A changed slot is applied to its future consults whose agenda has not gone out; cases on a consult that no
longer fits them (or no longer happens) move on with a notice to their lead, like any overflow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.consults.agendas import rebalance
from commands.consults.model import Consult, ConsultSlot, DayOffset, HolidayPolicy
from commands.consults.planning import ensure_planned, replan_slot
from commands.consults.ports import SlotKeyTaken
from commands.consults.service import ConsultSettings
from commands.numbers import bounded_int
from commands.ports import UnitOfWork, UnitOfWorkFactory
from commands.roster.periods import WEEKDAYS

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")
CHANNEL = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
EARLIEST, LATEST = time(7, 0), time(20, 0)
# Deadlines and agendas go out at most two working weeks before the consult.
MAX_OFFSET_DAYS = 10
DEFAULT_DAYS = (("maandag", 0), ("woensdag", 2), ("vrijdag", 4))


class AdminError(Exception):
    """Input a coordinator has to fix; `problems` are Dutch lines."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# --- parsing CLI values -----------------------------------------------------------------------------------
def parse_weekday(text: str) -> int:
    day = WEEKDAYS.get(text.strip().lower())
    if day is None:
        raise AdminError([t("overleg.beheer.dag_onbekend", text=text)])
    return day


def parse_time(text: str) -> time:
    match = TIME.match(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise AdminError([t("overleg.beheer.tijd_onbekend", text=text)])
    return time(int(match[1]), int(match[2]))


def parse_offset(text: str) -> DayOffset:
    """'1 12:00' (one working day before, at noon) or '0 08:30' (the same day)."""
    parts = text.replace("@", " ").split()
    days = bounded_int(parts[0], 0, MAX_OFFSET_DAYS) if len(parts) == 2 else None
    if days is None:
        raise AdminError([t("overleg.beheer.moment_onbekend", text=text)])
    return DayOffset(days, parse_time(parts[1]))


def parse_holiday(text: str) -> HolidayPolicy:
    aliases = {"skip": "overslaan", "volgende": "volgende_werkdag", "vorige": "vorige_werkdag"}
    try:
        return HolidayPolicy(aliases.get(text.strip().lower(), text.strip().lower()))
    except ValueError:
        raise AdminError([t("overleg.beheer.feestdag_onbekend", text=text)]) from None


def problems(slot: ConsultSlot) -> list[str]:
    """Everything wrong with a slot's settings, in Dutch (empty: fine)."""
    found = []
    if not KEY.match(slot.key):
        found.append(t("overleg.beheer.fout.naam", key=slot.key))
    if slot.weekday > 4:
        found.append(t("overleg.beheer.fout.weekend"))
    if not EARLIEST <= slot.start <= LATEST:
        found.append(t("overleg.beheer.fout.starttijd"))
    if not 15 <= slot.duration_minutes <= 480:
        found.append(t("overleg.beheer.fout.duur"))
    if not 5 <= slot.minutes_per_case <= 120 or not 1 <= slot.max_cases <= 40:
        found.append(t("overleg.beheer.fout.casussen"))
    elif slot.capacity < 1:
        found.append(t("overleg.beheer.fout.past_niet"))
    if not CHANNEL.match(slot.channel):
        found.append(t("overleg.beheer.fout.kanaal", channel=slot.channel))
    if slot.deadline.working_days_before > 10 or slot.agenda.working_days_before > 10:
        found.append(t("overleg.beheer.fout.ver_vooruit"))
    if slot.deadline.sort_key() > slot.agenda.sort_key():
        found.append(t("overleg.beheer.fout.termijn_na_agenda"))
    if slot.agenda.working_days_before == 0 and slot.agenda.at >= slot.start:
        found.append(t("overleg.beheer.fout.agenda_te_laat"))
    if slot.video_url and (
        not slot.video_url.startswith("https://") or any(c.isspace() for c in slot.video_url)
    ):
        found.append(t("overleg.beheer.fout.video"))
    return found


@dataclass(frozen=True)
class SlotChanges:
    """What `erbij consults set` changes; None leaves a setting as it is. People are usernames."""

    weekday: int | None = None
    start: time | None = None
    duration_minutes: int | None = None
    channel: str | None = None
    chairs: tuple[str, ...] | None = None
    members: tuple[str, ...] | None = None
    max_cases: int | None = None
    minutes_per_case: int | None = None
    deadline: DayOffset | None = None
    agenda: DayOffset | None = None
    holiday: HolidayPolicy | None = None
    video_url: str | None = None
    title: str | None = None


def default_slot(key: str, weekday: int, channel: str) -> ConsultSlot:
    """Monday, Wednesday or Friday 10:00, 90 minutes, six cases of 15 minutes; registration closes the
    working day before at 12:00, the agenda goes out at 15:00."""
    return ConsultSlot(
        key=key,
        weekday=weekday,
        start=time(10, 0),
        duration_minutes=90,
        channel=channel,
        max_cases=6,
        minutes_per_case=15,
        deadline=DayOffset(1, time(12, 0)),
        agenda=DayOffset(1, time(15, 0)),
    )


@dataclass(frozen=True)
class ChangeReport:
    slot: ConsultSlot
    replanned: int
    moved: int


class SlotAdmin:
    def __init__(self, uow: UnitOfWorkFactory, settings: ConsultSettings, timezone: str) -> None:
        self.uow = uow
        self.settings = settings
        self.calendar = WorkCalendar(timezone=timezone)

    def slots(self) -> list[ConsultSlot]:
        with self.uow() as uow:
            return uow.slots.slots(include_inactive=True)

    def init(self, now: datetime, changes: SlotChanges) -> list[ConsultSlot]:
        """The three default slots (Mon/Wed/Fri), adjusted by `changes`; existing keys are left alone."""
        if changes.channel is None:
            raise AdminError([t("overleg.beheer.kanaal_nodig")])
        created = []
        with self.uow() as uow:
            for key, weekday in DEFAULT_DAYS:
                if uow.slots.slot(key) is not None:
                    continue
                slot = self._apply(
                    uow, default_slot(key, weekday, changes.channel), replace(changes, weekday=None)
                )
                created.append(uow.slots.add_slot(slot, now))
            ensure_planned(uow, self.settings, self.calendar, now)
            uow.commit()
        return created

    def add(self, now: datetime, key: str, changes: SlotChanges) -> ConsultSlot:
        if changes.weekday is None or changes.channel is None:
            raise AdminError([t("overleg.beheer.dag_en_kanaal")])
        with self.uow() as uow:
            slot = self._apply(uow, default_slot(key, changes.weekday, changes.channel), changes)
            try:
                added = uow.slots.add_slot(slot, now)
            except SlotKeyTaken:
                raise AdminError([t("overleg.beheer.bestaat", key=key)]) from None
            ensure_planned(uow, self.settings, self.calendar, now)
            uow.commit()
        return added

    def change(
        self, now: datetime, key: str, changes: SlotChanges, *, active: bool | None = None
    ) -> ChangeReport:
        with self.uow() as uow:
            current = uow.slots.slot(key)
            if current is None:
                raise AdminError([t("overleg.beheer.onbekend", key=key)])
            slot = self._apply(uow, current, changes)
            if active is not None:
                slot = replace(slot, active=active)
            uow.slots.update_slot(slot, now)
            replanned = replan_slot(uow, slot, self.settings, self.calendar, now)
            moved = sum(
                len(rebalance(uow, consult, now, self.settings, self.calendar)) for consult in replanned
            )
            ensure_planned(uow, self.settings, self.calendar, now)
            uow.commit()
        return ChangeReport(slot, len(replanned), moved)

    def upcoming(self, now: datetime, weeks: int) -> list[Consult]:
        with self.uow() as uow:
            today = now.astimezone(self.calendar.zone).date()
            ensure_planned(uow, self.settings, self.calendar, now, today + timedelta(weeks=weeks))
            consults = uow.consults.consults_between(now, now + timedelta(weeks=weeks))
            uow.commit()
        return consults

    def _apply(self, uow: UnitOfWork, slot: ConsultSlot, changes: SlotChanges) -> ConsultSlot:
        values = {
            name: getattr(changes, name)
            for name in (
                "weekday", "start", "duration_minutes", "channel", "max_cases", "minutes_per_case",
                "deadline", "agenda", "holiday", "video_url", "title",
            )
            if getattr(changes, name) is not None
        }  # fmt: skip
        unknown: list[str] = []
        if changes.chairs is not None:
            values["chairs"] = self._user_ids(uow, changes.chairs, unknown)
        if changes.members is not None:
            values["members"] = self._user_ids(uow, changes.members, unknown)
        if unknown:
            raise AdminError([t("overleg.beheer.persoon_onbekend", username=name) for name in unknown])
        updated = replace(slot, **values)
        found = problems(updated)
        if found:
            raise AdminError(found)
        return updated

    @staticmethod
    def _user_ids(uow: UnitOfWork, usernames: Sequence[str], unknown: list[str]) -> tuple[str, ...]:
        ids = []
        for name in usernames:
            professional = uow.roster.professional_by_username(name.lstrip("@").lower())
            if professional is None or not professional.active:
                unknown.append(name)
            else:
                ids.append(professional.user_id)
        return tuple(ids)
