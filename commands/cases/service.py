"""Opening a case for one person and one action: parse the code, decide access, audit, refuse alike.

Every refusal is written to the audit trail and committed before the error is raised, so a denied attempt
leaves a trace even though nothing else happens. Unknown codes and codes one may not see get the same answer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from commands.cases.access import CardAction, ConsultAccess, Decision, Outcome, Relation, decide, relation_of
from commands.cases.card import Perspective
from commands.cases.codes import InvalidCaseCode, parse_code
from commands.cases.model import Case
from commands.catalogue import t
from commands.errors import AccessDenied, UserError
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.roster.model import OrganisationKind, Professional, Role

log = logging.getLogger(__name__)

DENIED = "geweigerd"
# NEN 7513 event types: a refused attempt is logged as the event it tried to be, with result "geweigerd".
AUDIT_ACTION = {
    CardAction.VIEW: "kaart.lezen",
    CardAction.HISTORY: "kaart.lezen",
    CardAction.EDIT: "kaart.wijzigen",
    CardAction.FRAMEWORK: "kaart.wijzigen",
    CardAction.HANDOVER: "kaart.wijzigen",
    CardAction.CLOSE: "kaart.wijzigen",
    CardAction.EXPORT: "kaart.exporteren",
}
PERSPECTIVE_OF_ORGANISATION = {
    OrganisationKind.VT: Perspective.EXPERT_VT,
    OrganisationKind.RVDK: Perspective.EXPERT_RVDK,
    OrganisationKind.GI: Perspective.EXPERT_GI,
}


@dataclass(frozen=True)
class Opened:
    case: Case
    decision: Decision
    user_id: str
    professional: Professional | None

    @property
    def relation(self) -> Relation:
        return self.decision.relation

    def default_perspective(self) -> Perspective | None:
        if self.relation is Relation.LEAD:
            return Perspective.LEAD
        if self.professional is not None:
            return PERSPECTIVE_OF_ORGANISATION.get(self.professional.organisation.kind)
        return None


def canonical_code(text: str) -> str:
    try:
        return parse_code(text)
    except InvalidCaseCode:
        raise UserError(t("kaart.code_ongeldig", code=text[:40])) from None


def active_roles(professional: Professional | None) -> frozenset[Role]:
    if professional is None or not professional.active:
        return frozenset()
    return professional.roles


def open_case(
    uow: UnitOfWork,
    code_text: str,
    user_id: str,
    action: CardAction,
    now: datetime,
    *,
    access_point: str,
    consult: ConsultAccess,
    for_update: bool = False,
) -> Opened:
    """The case if `user_id` may do `action` on it; otherwise audit the refusal, commit it, and raise."""
    code = canonical_code(code_text)
    case = uow.cases.by_code(code, for_update=for_update)
    professional = uow.roster.professional(user_id)
    if case is None:
        _refuse(uow, code, user_id, action, now, access_point, professional, Relation.NONE, exists=False)
        raise AccessDenied(t("kaart.geen_toegang", code=code))
    relation = _relation(uow, case, user_id, professional, now, consult)
    decision = decide(action, relation, closed=case.closed)
    opened = Opened(case, decision, user_id, professional)
    if decision.outcome is Outcome.STATUS_ONLY and action is CardAction.VIEW:
        return opened
    if not decision.allowed:
        _refuse(uow, code, user_id, action, now, access_point, professional, relation, exists=True)
        raise _refusal(decision, code)
    return opened


def _relation(
    uow: UnitOfWork,
    case: Case,
    user_id: str,
    professional: Professional | None,
    now: datetime,
    consult: ConsultAccess,
) -> Relation:
    # Checked lazily, strongest first: a lead costs no extra query.
    roles = active_roles(professional)
    if user_id == case.lead_id:
        return Relation.LEAD
    expert = uow.cases.is_active_expert(case.id, user_id)
    participant = not expert and consult.participates(uow, case.id, user_id, now)
    # Access follows the work: an open MDO action on the case lets its holder read the card until it is done.
    holder = not expert and not participant and uow.actions.holds_open_action(case.code, user_id)
    return relation_of(
        user_id,
        case.lead_id,
        roles,
        active_expert=expert,
        consult_participant=participant,
        action_holder=holder,
    )


def _refusal(decision: Decision, code: str) -> UserError:
    if decision.outcome is Outcome.LEAD_ONLY:
        return UserError(t("kaart.alleen_regiehouder", code=code))
    if decision.outcome is Outcome.CLOSED:
        return UserError(t("kaart.is_afgesloten", code=code))
    if decision.outcome is Outcome.STATUS_ONLY:
        return UserError(t("kaart.alleen_status", code=code))
    return AccessDenied(t("kaart.geen_toegang", code=code))


def _refuse(
    uow: UnitOfWork,
    code: str,
    user_id: str,
    action: CardAction,
    now: datetime,
    access_point: str,
    professional: Professional | None,
    relation: Relation,
    *,
    exists: bool,
) -> None:
    detail = {"poging": action.value, **_who(professional)}
    if not exists:
        detail["bestaat"] = "nee"
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=user_id,
            action=AUDIT_ACTION[action],
            case_code=code,
            result=DENIED,
            authorisation=relation.value,
            access_point=access_point,
            detail=detail,
        )
    )
    uow.commit()


def _who(professional: Professional | None) -> dict[str, str]:
    if professional is None:
        return {}
    return {
        "organisatie": professional.organisation.key,
        "rollen": ",".join(sorted(r.value for r in professional.roles)),
    }


def audit(
    uow: UnitOfWork, opened: Opened, action: str, now: datetime, access_point: str, **detail: object
) -> None:
    """Record an allowed read, change or export (NEN 7513: who, on whose behalf, what, when, from where)."""
    case = opened.case
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=opened.user_id,
            action=action,
            case_code=case.code,
            authorisation=opened.relation.value,
            access_point=access_point,
            detail={**_who(opened.professional), **{k: str(v) for k, v in detail.items()}},
            on_behalf_of=case.lead_id if opened.user_id != case.lead_id else None,
        )
    )


def today(ctx: Context, now: datetime) -> date:
    return now.astimezone(ZoneInfo(ctx.config.timezone)).date()


def display_names(ctx: Context, user_ids: Iterable[str]) -> dict[str, str]:
    """Display names of chat users; on a directory failure the card still shows, with placeholders."""
    ids = sorted({u for u in user_ids if u})
    if not ids:
        return {}
    try:
        users = ctx.directory.users_by_ids(ids)
    except Exception as err:
        log.warning("directory lookup failed (%s); showing the card without names", type(err).__name__)
        return {}
    return {uid: user.display_name for uid, user in users.items()}
