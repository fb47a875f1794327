"""Helpers the consult handlers share: settings, who someone is, who may act on a case, names, audit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.cases.codes import InvalidCaseCode, parse_code
from commands.cases.model import Case
from commands.catalogue import t
from commands.consults.dates import ConsultDates, ZoneInfoDates
from commands.errors import AccessDenied, UserError
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.roster.model import Professional, Role


@dataclass(frozen=True)
class ConsultSettings:
    """What the composition root may vary: how dates are computed and a few timing rules."""

    dates: ConsultDates = field(default_factory=ZoneInfoDates)
    # An agenda sent this long after its moment carries a note that it is late (the tick runs every 30 s).
    late_after: timedelta = timedelta(minutes=5)
    plan_weeks: int = 8
    search_weeks: int = 26  # how far registration and overflow look for a consult with room
    reminder_at: time = time(9, 0)  # local time of action reminders, the working day before the due date
    record_before_start: timedelta = timedelta(minutes=30)  # the chair may open the verslag this early
    record_within: timedelta = timedelta(days=14)  # and record a consult this long after it


def work_calendar(ctx: Context) -> WorkCalendar:
    return WorkCalendar(timezone=ctx.config.timezone)


def registered(uow: UnitOfWork, user_id: str) -> Professional:
    """The active professional, or the standard 'not in the roster' answer."""
    professional = uow.roster.professional(user_id)
    if professional is None or not professional.active:
        raise UserError(t("general.not_registered"))
    return professional


def is_coordinator(professional: Professional | None) -> bool:
    return professional is not None and professional.active and Role.COORDINATOR in professional.roles


def canonical_code(text: str) -> str:
    try:
        return parse_code(text)
    except InvalidCaseCode:
        raise UserError(t("overleg.code_ongeldig", code=text[:40])) from None


def case_for_lead(uow: UnitOfWork, code_text: str, user_id: str) -> tuple[Case, Professional]:
    """The case if `user_id` is its lead or a coordinator; refused like an unknown code otherwise."""
    code = canonical_code(code_text)
    professional = registered(uow, user_id)
    case = uow.cases.by_code(code)
    if case is None or (case.lead_id != user_id and not is_coordinator(professional)):
        raise AccessDenied(t("overleg.geen_toegang_casus", code=code))
    return case, professional


def display_names(uow: UnitOfWork, user_ids: Iterable[str]) -> dict[str, str]:
    """Names from the roster (one query); someone no longer in it is shown as such, never as an id."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    known = uow.roster.professionals_by_ids(wanted)
    return {uid: known[uid].display_name if uid in known else t("overleg.onbekend") for uid in wanted}


def expert_label(professional: Professional | None, fallback: str) -> str:
    if professional is None:
        return fallback
    return f"{professional.display_name} ({professional.organisation.name})"


def audit_read(
    uow: UnitOfWork,
    actor_id: str,
    case_code: str,
    now: datetime,
    authorisation: str,
    access_point: str,
    consult_id: int,
) -> None:
    """A card summary shown on an agenda is a read of the card (NEN 7513)."""
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=actor_id,
            action="kaart.lezen",
            case_code=case_code,
            authorisation=authorisation,
            access_point=access_point,
            detail={"onderdeel": "samenvatting", "overleg": str(consult_id)},
        )
    )
