"""Agendas as messages: the chair's full agenda, the channel's case-code-only agenda, and short updates. Pure.

The channel version carries case codes, times and status only (channels never get card content); the full
version goes to the chair by DM and to participants who ask, with details only for what they may see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.consults.agenda import AgendaPlan, TimeSlot
from commands.consults.model import AgendaItem, Consult, ItemKind, PastDecision, Urgency
from commands.replies import Message, Section
from commands.roster.formatting import format_day


@dataclass(frozen=True)
class CaseDetails:
    """What a chair reads about one case besides the question (names resolved, card summarised)."""

    lead: str
    summary: Section | None = None
    experts: tuple[str, ...] = ()
    previous: tuple[PastDecision, ...] = ()


@dataclass(frozen=True)
class AgendaView:
    consult: Consult
    plan: AgendaPlan
    chair: str
    timezone: str
    details: Mapping[int, CaseDetails] = field(default_factory=dict)  # by agenda item id
    late: bool = False


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def consult_when(consult: Consult, timezone: str, *, with_end: bool = True) -> str:
    """E.g. 'maandag 23 november 2026, 10:00–11:30'."""
    zone = ZoneInfo(timezone)
    start = consult.starts_at.astimezone(zone)
    text = f"{format_day(start.date())}, {clock_time(consult.starts_at, zone)}"
    return f"{text}–{clock_time(consult.ends_at, zone)}" if with_end else text


def moment(at: datetime, timezone: str) -> str:
    """E.g. 'vrijdag 20 november 2026, 12:00'."""
    zone = ZoneInfo(timezone)
    return f"{format_day(at.astimezone(zone).date())}, {clock_time(at, zone)}"


def slot_label(slot: TimeSlot, zone: ZoneInfo) -> str:
    return f"{clock_time(slot.starts_at, zone)}–{clock_time(slot.ends_at, zone)}"


def marks(item: AgendaItem) -> str:
    labels = []
    if item.urgency is Urgency.URGENT:
        labels.append(t("overleg.agenda.spoed"))
    if item.kind is ItemKind.FOLLOW_UP:
        labels.append(t("overleg.agenda.vervolg"))
    return f" ({', '.join(labels)})" if labels else ""


def _header(view: AgendaView) -> list[str]:
    consult = view.consult
    lines = [t("overleg.agenda.titel", title=consult.title, when=consult_when(consult, view.timezone))]
    if view.late:
        lines.append(t("overleg.agenda.laat", planned=moment(consult.agenda_at, view.timezone)))
    if consult.moved:
        lines.append(
            t("overleg.agenda.verplaatst", holiday=consult.holiday, regular=format_day(consult.planned_for))
        )
    video = t("overleg.agenda.video", url=consult.video_url) if consult.video_url else ""
    lines.append(t("overleg.agenda.kop", chair=view.chair, channel=consult.channel, video=video))
    return lines


def full_agenda(view: AgendaView, visible: Callable[[AgendaItem], bool] = lambda _item: True) -> Message:
    """The chair's agenda: one section per case with its time box, question, card summary and history."""
    zone = ZoneInfo(view.timezone)
    lines = _header(view)
    plan = view.plan
    if not plan.slots:
        lines.append(t("overleg.agenda.leeg"))
        return Message("\n".join(lines))
    end = plan.slots[-1].ends_at
    lines.append(
        t(
            "overleg.agenda.opzet",
            cases=t("overleg.casus_een")
            if len(plan.slots) == 1
            else t("overleg.casussen", n=len(plan.slots)),
            minutes=view.consult.minutes_per_case,
            end=clock_time(end, zone),
        )
    )
    sections = tuple(
        _case_section(slot, view.details.get(slot.item.id), zone, visible(slot.item)) for slot in plan.slots
    )
    return Message("\n".join(lines), sections=sections)


def _case_section(slot: TimeSlot, details: CaseDetails | None, zone: ZoneInfo, visible: bool) -> Section:
    item = slot.item
    title = t("overleg.agenda.punt", time=slot_label(slot, zone), code=item.case_code, marks=marks(item))
    if not visible or details is None:
        return Section(title, t("overleg.agenda.alleen_code"))
    lines = [
        t("overleg.agenda.regiehouder", lead=details.lead),
        t("overleg.agenda.vraag", question=item.question),
    ]
    if item.disciplines:
        wanted = ", ".join(t(f"overleg.discipline.{d.value}") for d in item.disciplines)
        lines.append(t("overleg.agenda.gevraagd", disciplines=wanted))
    experts = ", ".join(details.experts) if details.experts else t("overleg.agenda.geen_experts")
    lines.append(t("overleg.agenda.experts", experts=experts))
    if details.previous:
        previous = "; ".join(
            f"{d.at.astimezone(zone).strftime('%d-%m')}: {d.decision}" for d in details.previous
        )
        lines.append(t("overleg.agenda.eerder", decisions=previous))
    fields: tuple[tuple[str, str], ...] = ()
    if details.summary is not None:
        lines += ["", f"**{details.summary.title}**", details.summary.text]
        fields = details.summary.fields
    return Section(title, "\n".join(lines), fields)


def channel_agenda(view: AgendaView) -> Message:
    """Case codes, time boxes and status only: what may be read in a channel."""
    zone = ZoneInfo(view.timezone)
    lines = _header(view)
    if not view.plan.slots:
        lines.append(t("overleg.agenda.leeg"))
    else:
        lines += ["", t("overleg.agenda.tabel_kop")]
        lines += [
            t(
                "overleg.agenda.tabel_regel",
                time=slot_label(slot, zone),
                code=slot.item.case_code + marks(slot.item),
            )
            for slot in view.plan.slots
        ]
        lines += ["", t("overleg.agenda.kanaal_uitleg")]
    return Message("\n".join(lines))


def agenda_update(consult: Consult, timezone: str, changes: Sequence[str]) -> Message:
    """The short message that goes with an updated agenda post."""
    return Message(
        t(
            "overleg.agenda.bijgewerkt",
            title=consult.title,
            when=consult_when(consult, timezone, with_end=False),
            changes="\n".join(f"- {change}" for change in changes),
        )
    )
