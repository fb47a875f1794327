"""Inzage (AVG art. 15, NEN 7513): who read, changed, exported or was refused a case's card, by name and role.

`/kaart <code> inzage` gives it to the case's lead, `erbij audit <code>` to an administrator; both read the
audit trail and the roster, so a family's request "who has seen our data?" is answered with people and their
organisations, not user ids. Reading the overview is itself recorded in the trail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.cases.service import canonical_code
from commands.catalogue import catalogue, t
from commands.inbound import CommandRequest
from commands.ports import AuditEvent, UnitOfWorkFactory
from commands.registry import Context
from commands.replies import CommandResult, Reply
from commands.roster.model import Professional, Role

OVERVIEW_ACTION = "auditlog.lezen"
DENIED = "geweigerd"
ACCESS_POINT = "/kaart inzage"


def who(actor_id: str, people: Mapping[str, Professional]) -> str:
    """'Sanne de Vries (expert, Veilig Thuis)'; an administrator on the command line, or Erbij itself."""
    person = people.get(actor_id)
    if person is not None:
        roles = ", ".join(t(f"inzage.rol.{r.value}") for r in sorted(person.roles, key=lambda r: r.value))
        organisation = person.organisation.name if person.organisation else ""
        parts = [p for p in (roles, organisation) if p]
        return f"{person.display_name} ({', '.join(parts)})" if parts else person.display_name
    if actor_id.startswith("cli:"):
        return t("inzage.beheerder", login=actor_id.removeprefix("cli:"))
    if actor_id in ("", "system", "erbij"):
        return t("inzage.systeem")
    return t("inzage.onbekend")  # left the roster long ago: the trail keeps the id, the overview says so


def what(event: AuditEvent) -> str:
    key = f"inzage.actie.{event.action}"
    label = t(key) if _known(key) else event.action
    part = event.detail.get("onderdeel")
    if part:
        label = t("inzage.met_onderdeel", action=label, part=part)
    if event.result == DENIED:
        return t("inzage.geweigerd", action=label)
    return label


def overview(
    code: str, events: Sequence[AuditEvent], people: Mapping[str, Professional], timezone: str
) -> str:
    """The Dutch overview, oldest first, one line per event, with a summary of who saw the card."""
    if not events:
        return t("inzage.leeg", code=code)
    zone = ZoneInfo(timezone)
    lines = [t("inzage.kop", code=code, count=len(events))]
    for event in events:
        behalf = event.on_behalf_of and event.on_behalf_of != event.actor_id
        line = t(
            "inzage.regel",
            when=event.at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
            who=who(event.actor_id, people),
            what=what(event),
        )
        if behalf and event.on_behalf_of is not None:
            line += t("inzage.namens", who=who(event.on_behalf_of, people))
        lines.append(line)
    readers = sorted({who(e.actor_id, people) for e in events if e.result != DENIED})
    lines.append(t("inzage.samenvatting", readers="; ".join(readers)))
    return "\n".join(lines)


def read_overview(
    uow_factory: UnitOfWorkFactory,
    code: str,
    actor_id: str,
    now: datetime,
    *,
    authorisation: str,
    access_point: str,
) -> tuple[list[AuditEvent], dict[str, Professional]]:
    """The case's trail and the people in it (the roster, also those who left); the reading is recorded."""
    with uow_factory() as uow:
        events = uow.audit.for_case(code)
        people = {p.user_id: p for p in uow.roster.professionals(include_inactive=True)}
        uow.audit.record(
            AuditEvent(
                at=now, actor_id=actor_id, action=OVERVIEW_ACTION, case_code=code,
                authorisation=authorisation, access_point=access_point,
            )
        )  # fmt: skip
        uow.commit()
    return events, people


def _known(key: str) -> bool:
    return key in catalogue()


def lead_overview(ctx: Context, req: CommandRequest, code_text: str, args: list[str]) -> CommandResult:
    """`/kaart <code> inzage`: only the case's lead; anyone else is refused (and that is recorded too)."""
    code = canonical_code(code_text)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        case = uow.cases.by_code(code)
        if case is None or case.lead_id != req.user_id:
            # The same answer whether the case exists or not: a code must not be probed this way.
            uow.audit.record(
                AuditEvent(
                    at=now, actor_id=req.user_id, action=OVERVIEW_ACTION, case_code=code, result=DENIED,
                    access_point=ACCESS_POINT, detail={} if case is not None else {"bestaat": "nee"},
                )
            )  # fmt: skip
            uow.commit()
            return Reply.text(t("inzage.alleen_regiehouder", code=code))
    events, people = read_overview(
        ctx.uow, code, req.user_id, now, authorisation=Role.LEAD.value, access_point=ACCESS_POINT
    )
    return Reply.text(overview(code, events, people, ctx.config.timezone))
