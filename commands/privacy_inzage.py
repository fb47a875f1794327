"""Inzage (AVG art. 15, NEN 7513): who read, changed, exported or was refused a case's card, by name and role.

`/kaart <code> inzage` gives it to the case's lead, `erbij audit <code>` to an administrator; both read the
audit trail, the roster and the card's shares with their legal basis, so a family's request "who has seen
our data, and why?" is answered with people and their organisations, not user ids. Reading the overview is
itself recorded in the trail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.cases.service import canonical_code
from commands.cases.sharing import (
    SHARE_ACTION,
    CardShare,
    basis_text,
    consult_labels,
    people_in,
    share_lines,
)
from commands.catalogue import catalogue, t
from commands.inbound import CommandRequest
from commands.numbers import record_id
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


def what(
    event: AuditEvent,
    people: Mapping[str, Professional] | None = None,
    consults: Mapping[int, str] | None = None,
) -> str:
    key = f"inzage.actie.{event.action}"
    label = t(key) if _known(key) else event.action
    if event.action == SHARE_ACTION and event.result != DENIED:
        return _shared(event, people or {}, consults or {})
    part = event.detail.get("onderdeel")
    if part:
        label = t("inzage.met_onderdeel", action=label, part=part)
    if event.result == DENIED:
        return t("inzage.geweigerd", action=label)
    return label


def _shared(event: AuditEvent, people: Mapping[str, Professional], consults: Mapping[int, str]) -> str:
    """'deelde de kaart met Sanne de Vries (expert, Veilig Thuis) (grondslag: meldcode (stap 2))'."""
    raw = event.detail.get("grondslag", "")
    basis = t(f"delen.grondslag_kort.{raw}") if _known(f"delen.grondslag_kort.{raw}") else basis_text(None)
    if "aan" in event.detail:  # the compact card that travels with an offer
        return t("inzage.delen_aanbod", to=who(event.detail["aan"], people), basis=basis)
    if "met" in event.detail:
        to = who(event.detail["met"], people)
    else:
        consult = consults.get(record_id(event.detail.get("overleg", "")) or 0) or t("delen.mdo_onbekend")
        to = t("delen.deelnemers", consult=consult)
    return t("inzage.delen", to=to, basis=basis)


def overview(
    code: str,
    events: Sequence[AuditEvent],
    people: Mapping[str, Professional],
    timezone: str,
    shares: Sequence[CardShare] = (),
    consults: Mapping[int, str] | None = None,
) -> str:
    """The Dutch overview, oldest first, one line per event, with a summary of who saw the card and, for
    every time the card was shared, with whom and on what basis (also shares from before the basis was
    recorded: "grondslag niet vastgelegd")."""
    if not events and not shares:
        return t("inzage.leeg", code=code)
    zone = ZoneInfo(timezone)
    lines = [t("inzage.kop", code=code, count=len(events))]
    for event in events:
        behalf = event.on_behalf_of and event.on_behalf_of != event.actor_id
        line = t(
            "inzage.regel",
            when=event.at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
            who=who(event.actor_id, people),
            what=what(event, people, consults),
        )
        if behalf and event.on_behalf_of is not None:
            line += t("inzage.namens", who=who(event.on_behalf_of, people))
        lines.append(line)
    readers = sorted({who(e.actor_id, people) for e in events if e.result != DENIED})
    lines.append(t("inzage.samenvatting", readers="; ".join(readers)))
    if shares:
        names = {user_id: who(user_id, people) for user_id in people_in(shares)}
        lines += [
            "",
            t("inzage.gedeeld_kop"),
            *share_lines(shares, names, consults or {}, timezone, organisations=False),
        ]
    return "\n".join(lines)


@dataclass(frozen=True)
class Trail:
    """What an inzage shows: the audit trail, the people in it, and every share of the card."""

    events: list[AuditEvent]
    people: dict[str, Professional]
    shares: list[CardShare] = field(default_factory=list)
    consults: dict[int, str] = field(default_factory=dict)  # consult id → "MDO op 07-12-2026 10:00"

    def text(self, code: str, timezone: str) -> str:
        return overview(code, self.events, self.people, timezone, self.shares, self.consults)


def read_overview(
    uow_factory: UnitOfWorkFactory,
    code: str,
    actor_id: str,
    now: datetime,
    *,
    authorisation: str,
    access_point: str,
    timezone: str,
) -> Trail:
    """The case's trail, the people in it (the roster, also those who left) and the card's shares; the
    reading is recorded."""
    with uow_factory() as uow:
        events = uow.audit.for_case(code)
        people = {p.user_id: p for p in uow.roster.professionals(include_inactive=True)}
        case = uow.cases.by_code(code)
        shares = uow.cases.shares_for_case(case.id) if case is not None else []
        consults = consult_labels(uow, shares, timezone)
        uow.audit.record(
            AuditEvent(
                at=now, actor_id=actor_id, action=OVERVIEW_ACTION, case_code=code,
                authorisation=authorisation, access_point=access_point,
            )
        )  # fmt: skip
        uow.commit()
    return Trail(events, people, shares, consults)


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
    trail = read_overview(
        ctx.uow, code, req.user_id, now, authorisation=Role.LEAD.value, access_point=ACCESS_POINT,
        timezone=ctx.config.timezone,
    )  # fmt: skip
    return Reply.text(trail.text(code, ctx.config.timezone))
