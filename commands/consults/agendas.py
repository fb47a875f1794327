"""Agendas against the database: gathering case details, moving overflow on, sending, and updating.

Sending is a claim: the conditional update on the consult row (`agenda_due_at IS NOT NULL`) decides which
transaction sends, and the outbox rows are added in that same transaction, so the agenda goes out exactly
once however many ticks or processes race for it. A change after sending edits the posted agenda in place
(`replaces=`) and adds a short note of what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from commands.calendar import WorkCalendar
from commands.cases.summary import compact_summary
from commands.catalogue import t
from commands.consults.agenda import Candidate, Placement, choose_consult, item_priority, plan_for
from commands.consults.model import AgendaItem, Consult
from commands.consults.planning import ensure_planned
from commands.consults.render import (
    AgendaView,
    CaseDetails,
    agenda_update,
    channel_agenda,
    consult_when,
    full_agenda,
)
from commands.consults.service import ConsultSettings, audit_read, display_names, expert_label
from commands.outbox import OutgoingMessage, channel_message, direct_message
from commands.ports import UnitOfWork
from commands.replies import Message

log = logging.getLogger(__name__)

PREVIOUS_DECISIONS = 3
MAX_CASCADE = 30


def agenda_key(consult_id: int, audience: str) -> str:
    return f"overleg-agenda:{consult_id}:{audience}"


def load_view(
    uow: UnitOfWork,
    consult: Consult,
    timezone: str,
    *,
    detailed: Callable[[AgendaItem], bool] = lambda _item: True,
) -> AgendaView:
    """The agenda as it stands, with case details for the items `detailed` selects (others stay codes)."""
    plan = plan_for(consult, uow.agenda_items.items([consult.id]))
    wanted = [slot.item for slot in plan.slots if detailed(slot.item)]
    details = case_details(uow, wanted, consult.starts_at)
    names = display_names(uow, [consult.chair_id] if consult.chair_id else [])
    chair = names.get(consult.chair_id or "", t("overleg.geen_voorzitter"))
    return AgendaView(consult, plan, chair, timezone, details, late=consult.agenda_late)


def case_details(uow: UnitOfWork, items: Sequence[AgendaItem], before: datetime) -> dict[int, CaseDetails]:
    """Lead, compact card summary, involved experts and earlier decisions per item (few queries per case)."""
    if not items:
        return {}
    case_ids = sorted({item.case_id for item in items})
    cases = uow.cases.by_ids(case_ids)
    cards = uow.cases.latest_cards(case_ids)
    involvements = uow.cases.active_for_cases(case_ids)
    previous = uow.agenda_items.past_decisions(case_ids, before, PREVIOUS_DECISIONS)
    shown = {cases[c].lead_id for c in case_ids if c in cases}
    shown |= {i.expert_id for found in involvements.values() for i in found}
    people = uow.roster.professionals_by_ids(shown)
    details: dict[int, CaseDetails] = {}
    for item in items:
        case = cases.get(item.case_id)
        if case is None:
            continue
        card = cards.get(item.case_id)
        lead = people.get(case.lead_id)
        details[item.id] = CaseDetails(
            lead=lead.display_name if lead else t("overleg.onbekend"),
            summary=compact_summary(card.card, case) if card is not None else None,
            experts=tuple(
                expert_label(people.get(i.expert_id), t("overleg.onbekend"))
                for i in involvements.get(item.case_id, ())
            ),
            previous=tuple(d for d in previous if d.case_id == item.case_id),
        )
    return details


# --- overflow ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Moved:
    item: AgendaItem
    source: Consult
    target: Consult


def next_consult(
    uow: UnitOfWork,
    after: Consult | None,
    now: datetime,
    settings: ConsultSettings,
    calendar: WorkCalendar,
    key: tuple[object, ...],
    *,
    exclude_item: int | None = None,
) -> Placement:
    """The first consult after `after` (or from now) open for registration where an item with priority
    `key` fits; planning further ahead when the planned weeks are full."""
    start = max(now, after.starts_at) if after is not None else now
    today = now.astimezone(calendar.zone).date()
    placement = Placement(None, ())
    for weeks in (settings.plan_weeks, settings.search_weeks):
        ensure_planned(uow, settings, calendar, now, today + timedelta(weeks=weeks))
        consults = uow.consults.open_consults(start, now + timedelta(weeks=weeks))
        items = [i for i in uow.agenda_items.items([c.id for c in consults]) if i.id != exclude_item]
        candidates = [Candidate(c, tuple(i for i in items if i.consult_id == c.id)) for c in consults]
        placement = choose_consult(candidates, now, key)
        if placement.consult is not None:
            return placement
    return placement


def rebalance(
    uow: UnitOfWork, consult: Consult, now: datetime, settings: ConsultSettings, calendar: WorkCalendar
) -> list[Moved]:
    """Move what does not fit on `consult` to the next consult with room, telling each lead; cascades."""
    moved: list[Moved] = []
    current: Consult | None = consult
    for _ in range(MAX_CASCADE):
        if current is None:
            break
        plan = plan_for(current, uow.agenda_items.items([current.id]))
        if not plan.overflow:
            break
        target: Consult | None = None
        for item in plan.overflow:
            target = next_consult(
                uow, current, now, settings, calendar, item_priority(item), exclude_item=item.id
            ).consult
            if target is None:
                log.warning(
                    "no consult with room within %s weeks for agenda item %s", settings.search_weeks, item.id
                )
                continue
            uow.agenda_items.move_item(item.id, target.id)
            moved.append(Moved(item, current, target))
            uow.outbox.add(overflow_notice(uow, item, current, target, calendar.timezone), now)
        if current.agenda_sent_at is not None:
            codes = ", ".join(item.case_code for item in plan.overflow)
            agenda_changed(
                uow, current, now, calendar.timezone, [t("overleg.wijziging.doorgeschoven", codes=codes)]
            )
        current = target
    return moved


def overflow_notice(
    uow: UnitOfWork, item: AgendaItem, source: Consult, target: Consult, timezone: str
) -> OutgoingMessage:
    case = uow.cases.by_id(item.case_id)
    lead = case.lead_id if case is not None else item.registered_by
    if not source.cancelled:
        reason = t("overleg.reden.vol")
    elif source.holiday:
        reason = t("overleg.reden.feestdag", holiday=source.holiday)
    else:
        reason = t("overleg.reden.vervallen")
    text = t(
        "overleg.doorgeschoven",
        code=item.case_code,
        source=consult_when(source, timezone, with_end=False),
        target=consult_when(target, timezone, with_end=False),
        title=target.title,
        channel=target.channel,
        reason=reason,
    )
    return direct_message(f"overleg-doorgeschoven:{item.id}:{target.id}", lead, text)


# --- sending and updating ---------------------------------------------------------------------------------
def agenda_messages(uow: UnitOfWork, consult: Consult, timezone: str) -> tuple[AgendaView, Message, Message]:
    view = load_view(uow, consult, timezone)
    return view, full_agenda(view), channel_agenda(view)


def send_agenda(
    uow: UnitOfWork, consult: Consult, now: datetime, settings: ConsultSettings, calendar: WorkCalendar
) -> bool:
    """Claim and send one due agenda (or give it up once the consult has begun); False: claim lost."""
    tz = calendar.timezone
    if consult.starts_at <= now:
        if not uow.consults.claim_agenda(consult.id, now, late=True, sent=False):
            return False
        if consult.chair_id and now < consult.ends_at:
            uow.outbox.add(
                direct_message(
                    agenda_key(consult.id, "gemist"),
                    consult.chair_id,
                    t("overleg.agenda.gemist", title=consult.title, when=consult_when(consult, tz)),
                ),
                now,
            )
        return True
    late = now - consult.agenda_at > settings.late_after
    if not uow.consults.claim_agenda(consult.id, now, late=late, sent=True):
        return False
    rebalance(uow, consult, now, settings, calendar)  # `consult` still reads as unsent: no update messages
    sent = replace(consult, agenda_sent_at=now, agenda_late=late)
    view, chair_post, channel_post = agenda_messages(uow, sent, tz)
    if consult.chair_id:
        _audit_chair(uow, consult, consult.chair_id, view, now)
        chair_key = agenda_key(consult.id, "voorzitter")
        uow.outbox.add(direct_message(chair_key, consult.chair_id, chair_post), now)
    uow.outbox.add(channel_message(agenda_key(consult.id, "kanaal"), consult.channel, channel_post), now)
    return True


def agenda_changed(
    uow: UnitOfWork, consult: Consult, now: datetime, timezone: str, changes: Sequence[str]
) -> None:
    """After a change to a sent agenda: edit both posted agendas and post a short note of what changed."""
    if consult.agenda_sent_at is None:
        return
    revision = uow.consults.bump_agenda_revision(consult.id)
    view, chair_post, channel_post = agenda_messages(uow, consult, timezone)
    note = agenda_update(consult, timezone, changes)
    # Each posted agenda is edited in place (`replaces` its first post), then a note says what changed.
    channel = agenda_key(consult.id, "kanaal")
    updates = [
        channel_message(f"{channel}:r{revision}", consult.channel, channel_post, replaces=channel),
        channel_message(f"{channel}:wijziging{revision}", consult.channel, note),
    ]
    if consult.chair_id:
        chair = agenda_key(consult.id, "voorzitter")
        updates += [
            direct_message(f"{chair}:r{revision}", consult.chair_id, chair_post, replaces=chair),
            direct_message(f"{chair}:wijziging{revision}", consult.chair_id, note),
        ]
        _audit_chair(uow, consult, consult.chair_id, view, now)
    for update in updates:
        uow.outbox.add(update, now)


def _audit_chair(uow: UnitOfWork, consult: Consult, chair_id: str, view: AgendaView, now: datetime) -> None:
    """The chair's agenda carries every case's card summary: each is a read of that card."""
    for item in view.plan.items:
        audit_read(uow, chair_id, item.case_code, now, "mdo_voorzitter", "/overleg agenda (DM)", consult.id)
