"""Administrator use cases on the command line: export a card, read a case's audit trail.

The CLI runs on the server, so it is trusted like the database itself; it still leaves a trace: an export is
audited as one, and reading the audit trail is itself audited (NEN 7513: access to the log is logged).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from commands.cases.export import export_filename, export_markdown
from commands.cases.history import local
from commands.cases.service import canonical_code
from commands.cases.sharing import consult_labels, people_in
from commands.catalogue import t
from commands.errors import UserError
from commands.ports import AuditEvent, UnitOfWork, UnitOfWorkFactory

ADMIN = "beheerder"
EXPORT_DECISIONS = 50
CLI = "cli"


def roster_names(uow: UnitOfWork, user_ids: Iterable[str]) -> dict[str, str]:
    """Display names from the roster (the CLI has no chat directory at hand)."""
    names: dict[str, str] = {}
    for user_id in sorted({u for u in user_ids if u}):
        professional = uow.roster.professional(user_id)
        if professional is not None:
            names[user_id] = professional.display_name
    return names


def export_card(
    uow_factory: UnitOfWorkFactory, code_text: str, actor: str, now: datetime, timezone: str
) -> tuple[str, str]:
    """(file name, Markdown) of the current card, audited as an export through the CLI."""
    code = canonical_code(code_text)
    with uow_factory() as uow:
        case = uow.cases.by_code(code)
        if case is None:
            raise UserError(t("kaart.cli.onbekend", code=code))
        version = uow.cases.latest_card(case.id)
        frameworks = uow.cases.framework_history(case.id)
        involvements = uow.cases.ever_for_case(case.id)
        versions = uow.cases.history(case.id)
        decisions = uow.agenda_items.past_decisions([case.id], now, EXPORT_DECISIONS)
        actions = uow.actions.open_actions_for_case(case.id)
        shares = uow.cases.shares_for_case(case.id)
        ids = [case.lead_id, *(v.author_id for v in versions), *(f.by for f in frameworks)]
        ids += [a.owner_id for a in actions] + people_in(shares)
        ids += [i.expert_id for i in involvements] + [s.recorded_by for s in version.card.scores]
        ids += list(version.card.judgement.judged_by)
        for v in versions:
            ids += [fc.after for ch in v.changes if ch.subject == "regie" for fc in ch.fields]
        names = roster_names(uow, ids)
        document = export_markdown(
            case, version, frameworks, involvements, versions, names, now=now, timezone=timezone,
            decisions=list(reversed(decisions)), actions=actions, shares=shares,
            consults=consult_labels(uow, shares, timezone),
        )  # fmt: skip
        uow.audit.record(
            AuditEvent(
                at=now,
                actor_id=actor,
                action="kaart.exporteren",
                case_code=case.code,
                authorisation=ADMIN,
                access_point=CLI,
                detail={"versie": str(version.info.number), "kanaal": CLI},
                on_behalf_of=case.lead_id,
            )
        )
        uow.commit()
    return export_filename(case, version), document


def audit_trail(
    uow_factory: UnitOfWorkFactory, code_text: str, actor: str, now: datetime
) -> list[AuditEvent]:
    """Every audit entry of a case, oldest first; the reading is appended to the trail afterwards."""
    code = canonical_code(code_text)
    with uow_factory() as uow:
        events = uow.audit.for_case(code)
        uow.audit.record(
            AuditEvent(
                at=now,
                actor_id=actor,
                action="auditlog.lezen",
                case_code=code,
                authorisation=ADMIN,
                access_point=CLI,
            )
        )
        uow.commit()
    return events


def format_trail(code: str, events: list[AuditEvent], timezone: str) -> str:
    if not events:
        return t("kaart.cli.geen_audit", code=code)
    lines = [t("kaart.cli.audit_kop", code=code, count=len(events))]
    for e in events:
        detail = ", ".join(f"{k}={v}" for k, v in sorted(e.detail.items()))
        behalf = f" namens {e.on_behalf_of}" if e.on_behalf_of else ""
        lines.append(
            f"{local(e.at, timezone)}  {e.action:<18} {e.result:<10} {e.actor_id}{behalf}"
            f"  [{e.authorisation or '-'}] via {e.access_point or '-'}" + (f"  ({detail})" if detail else "")
        )
    return "\n".join(lines)
