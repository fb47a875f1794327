"""The agenda as a pure function: which cases are discussed, in which order, in which time slot.

Order: urgent first, then follow-ups carried over from an earlier consult, then new cases in registration
order. Every case gets the same time box from the start of the consult; what does not fit overflows to the
next consult. `choose_consult` applies the same order to decide where a new registration goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from commands.consults.model import AgendaItem, Consult, ItemKind, Urgency


def priority(urgency: Urgency, kind: ItemKind, registered_at: datetime, item_id: int) -> tuple[object, ...]:
    return (urgency is not Urgency.URGENT, kind is not ItemKind.FOLLOW_UP, registered_at, item_id)


def item_priority(item: AgendaItem) -> tuple[object, ...]:
    return priority(item.urgency, item.kind, item.registered_at, item.id)


@dataclass(frozen=True)
class TimeSlot:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class AgendaPlan:
    slots: tuple[TimeSlot, ...]
    overflow: tuple[AgendaItem, ...]  # in priority order: the first of these would be next in line

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        return tuple(s.item for s in self.slots)


def plan_agenda(
    items: Iterable[AgendaItem], starts_at: datetime, minutes_per_case: int, capacity: int
) -> AgendaPlan:
    ordered = sorted(items, key=item_priority)
    box = timedelta(minutes=minutes_per_case)
    fitting = ordered[: max(0, capacity)]
    slots = tuple(
        TimeSlot(item, starts_at + index * box, starts_at + (index + 1) * box)
        for index, item in enumerate(fitting)
    )
    return AgendaPlan(slots, tuple(ordered[len(fitting) :]))


def plan_for(consult: Consult, items: Iterable[AgendaItem]) -> AgendaPlan:
    capacity = 0 if consult.cancelled else consult.capacity
    return plan_agenda(items, consult.starts_at, consult.minutes_per_case, capacity)


class Skip(StrEnum):
    """Why a registration did not go to an earlier consult."""

    DEADLINE = "termijn"
    FULL = "vol"


@dataclass(frozen=True)
class Candidate:
    consult: Consult
    items: tuple[AgendaItem, ...]  # the items already on it


@dataclass(frozen=True)
class Placement:
    consult: Consult | None
    skipped: tuple[tuple[Consult, Skip], ...]


def new_item_key(urgency: Urgency, kind: ItemKind, now: datetime) -> tuple[object, ...]:
    """The priority of an item registered now: after every item already there with the same rank."""
    return priority(urgency, kind, now, 2**62)


def choose_consult(candidates: Sequence[Candidate], now: datetime, key: tuple[object, ...]) -> Placement:
    """The first consult whose registration is still open and where an item with priority `key` would fit.

    "Fits" follows the agenda order: an urgent case fits as long as fewer urgent cases came before it (a
    regular case then overflows instead); a regular case needs a free place.
    """
    skipped: list[tuple[Consult, Skip]] = []
    for candidate in sorted(candidates, key=lambda c: c.consult.starts_at):
        consult = candidate.consult
        if consult.cancelled or consult.recorded or consult.starts_at <= now:
            continue
        if consult.deadline_at <= now:
            skipped.append((consult, Skip.DEADLINE))
            continue
        ahead = sum(1 for item in candidate.items if item_priority(item) < key)
        if ahead >= consult.capacity:
            skipped.append((consult, Skip.FULL))
            continue
        return Placement(consult, tuple(skipped))
    return Placement(None, tuple(skipped))
