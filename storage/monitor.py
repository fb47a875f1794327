"""The monitor's reads and its few writes.

`history` loads exactly the facts the figures of one period need in a fixed number of SQL statements (ten),
however many cases and requests there are: every read is one set-based SELECT over the period's cases, never a
query per case. Only plain columns are read; free text (questions, decisions, card text) is never selected,
except the card's scale scores, of which only perspective, score and date are kept.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from commands.monitor.model import (
    ActionFact,
    AgendaItemFact,
    CaseFact,
    ConsultFact,
    FamilyAnswer,
    FrameworkEntry,
    History,
    InvolvementFact,
    LeadSpell,
    RequestFact,
    Score,
)
from storage.case_models import CardVersionRow, CaseRow, FrameworkChangeRow, InvolvementRow
from storage.consult_models import ActionItemRow, AgendaItemRow, ConsultRow
from storage.monitor_models import MonitorReportRow
from storage.request_models import EscalationRow, HelpRequestRow, OfferRow
from storage.roster_models import OrganisationRow, ProfessionalRow

ACCEPTED = "opgepakt"  # OfferStatus.ACCEPTED
CANCELLED = "vervallen"  # ConsultStatus.CANCELLED
REGIE_PART = "regie"


def _answer(raw: str | None) -> FamilyAnswer | None:
    try:
        return FamilyAnswer(raw) if raw else None
    except ValueError:
        return None


def _scores(content: dict[str, Any] | None) -> tuple[Score, ...]:
    scores = []
    for raw in (content or {}).get("scores") or ():
        try:
            scores.append(Score(str(raw["perspective"]), int(raw["score"]), date.fromisoformat(raw["on"])))
        except (KeyError, TypeError, ValueError):
            continue  # a malformed old entry must not stop the monitor
    return tuple(scores)


def _new_lead(changes: list[dict[str, Any]] | None) -> str | None:
    for change in changes or ():
        for field in change.get("fields") or ():
            if field.get("name") == "lead" and field.get("after"):
                return str(field["after"])
    return None


class SqlMonitorRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- writes ----------------------------------------------------------------------------------------
    def record_checkout_answer(self, involvement_id: int, answer: FamilyAnswer) -> None:
        self.session.execute(
            update(InvolvementRow)
            .where(InvolvementRow.id == involvement_id)
            .values(family_experience=answer.value)
        )

    def record_close_answer(self, case_id: int, answer: FamilyAnswer) -> None:
        self.session.execute(
            update(CaseRow).where(CaseRow.id == case_id).values(family_experience=answer.value)
        )

    def report_claimed(self, key: str) -> bool:
        return self.session.get(MonitorReportRow, key) is not None

    def claim_report(self, key: str, now: datetime) -> bool:
        """Insert the report's row; False if it was there already (sent, or being sent by another process)."""
        insert = sqlite_insert if self.session.get_bind().dialect.name == "sqlite" else postgresql_insert
        # RETURNING, not rowcount: the ORM's execution of an INSERT does not report a row count on PostgreSQL.
        claimed = self.session.scalar(
            insert(MonitorReportRow)
            .values(key=key, claimed_at=now)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(MonitorReportRow.key)
        )
        return claimed is not None

    # --- the period's facts ---------------------------------------------------------------------------
    def _rows(self, statement: Any) -> Any:
        """Plain Core rows on the session's connection: no ORM result machinery for tens of thousands of
        tuples (the statements select columns, never entities)."""
        return self.session.connection().execute(statement)

    def history(self, start: datetime, end: datetime, timezone: str) -> History:
        """Facts of cases open at any time in [start, end): their requests asked in the period, all their
        involvements (a re-engagement may come months later), framework history, leads, scale scores, and
        the period's consults and actions."""
        zone = ZoneInfo(timezone)
        relevant = select(CaseRow.id).where(
            CaseRow.created_at < end, or_(CaseRow.closed_at.is_(None), CaseRow.closed_at >= start)
        )
        people = self._people()  # 1
        organisations = self._organisations()  # 2
        frameworks = self._frameworks(relevant)  # 3
        handovers = self._handovers(relevant)  # 4
        scores = self._scores(relevant, start, end)  # 5
        cases = []
        for row in self._rows(  # 6
            select(
                CaseRow.id,
                CaseRow.municipality,
                CaseRow.created_at,
                CaseRow.closed_at,
                CaseRow.close_reason,
                CaseRow.created_by,
                CaseRow.lead_id,
                CaseRow.family_experience,
            ).where(CaseRow.id.in_(relevant))
        ):
            case_id, municipality, created_at, closed_at, reason, created_by, lead_id, family = row
            lead_ids = [(created_at, created_by), *handovers.get(case_id, [])]
            leads = []
            for since, user_id in lead_ids:
                org = people.get(user_id, "")
                kind = organisations.get(org, ("", "", ""))[0]
                leads.append(LeadSpell(since, kind, org))
            current_org = people.get(lead_id, "")
            cases.append(
                CaseFact(
                    id=case_id,
                    municipality=municipality,
                    region=organisations.get(current_org, ("", "", ""))[2],
                    created_at=created_at,
                    closed_at=closed_at,
                    close_reason=reason,
                    frameworks=tuple(frameworks.get(case_id, ())),
                    leads=tuple(leads),
                    scores=scores.get(case_id, ()),
                    family_at_close=_answer(family),
                )
            )
        return History(
            cases=tuple(cases),
            requests=self._requests(start, end, people),  # 7
            involvements=self._involvements(relevant, people),  # 8
            consults=self._consults(start, end),  # 9
            actions=self._actions(start, end, zone),  # 10
            organisation_names={key: name for key, (_kind, name, _region) in organisations.items()},
        )

    def _people(self) -> dict[str, str]:
        rows = self._rows(select(ProfessionalRow.user_id, ProfessionalRow.organisation_key))
        return {user_id: org for user_id, org in rows}

    def _organisations(self) -> dict[str, tuple[str, str, str]]:
        rows = self._rows(
            select(OrganisationRow.key, OrganisationRow.kind, OrganisationRow.name, OrganisationRow.region)
        )
        return {key: (kind, name, region) for key, kind, name, region in rows}

    def _frameworks(self, relevant: Select[Any]) -> dict[int, list[FrameworkEntry]]:
        found: dict[int, list[FrameworkEntry]] = defaultdict(list)
        for case_id, at, framework, measure in self._rows(
            select(
                FrameworkChangeRow.case_id,
                FrameworkChangeRow.at,
                FrameworkChangeRow.framework,
                FrameworkChangeRow.measure,
            )
            .where(FrameworkChangeRow.case_id.in_(relevant))
            .order_by(FrameworkChangeRow.case_id, FrameworkChangeRow.at, FrameworkChangeRow.id)
        ):
            found[case_id].append(FrameworkEntry(at, framework, measure))
        return found

    def _handovers(self, relevant: Select[Any]) -> dict[int, list[tuple[datetime, str]]]:
        """Regie handovers from the card's history: (when, the new lead's user id), oldest first."""
        found: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        for case_id, at, changes in self._rows(
            select(CardVersionRow.case_id, CardVersionRow.at, CardVersionRow.changes)
            .where(CardVersionRow.case_id.in_(relevant), CardVersionRow.part == REGIE_PART)
            .order_by(CardVersionRow.case_id, CardVersionRow.number)
        ):
            lead = _new_lead(changes)
            if lead is not None:
                found[case_id].append((at, lead))
        return found

    def _scores(self, relevant: Select[Any], start: datetime, end: datetime) -> dict[int, tuple[Score, ...]]:
        """Scale scores of the latest card of cases closed, or with an involvement ended, in the period."""
        ended = select(InvolvementRow.case_id).where(
            InvolvementRow.ended_at >= start, InvolvementRow.ended_at < end
        )
        rows = self._rows(
            select(CardVersionRow.case_id, CardVersionRow.content)
            .join(
                CaseRow, and_(CaseRow.id == CardVersionRow.case_id, CaseRow.version == CardVersionRow.number)
            )
            .where(
                CaseRow.id.in_(relevant),
                or_(and_(CaseRow.closed_at >= start, CaseRow.closed_at < end), CaseRow.id.in_(ended)),
            )
        )
        return {case_id: _scores(content) for case_id, content in rows}

    def _requests(self, start: datetime, end: datetime, people: dict[str, str]) -> tuple[RequestFact, ...]:
        accepted = (
            select(OfferRow.request_id, func.min(OfferRow.answered_at).label("accepted_at"))
            .where(OfferRow.status == ACCEPTED)
            .group_by(OfferRow.request_id)
            .subquery()
        )
        escalated = (
            select(EscalationRow.request_id, func.min(EscalationRow.escalated_at).label("escalated_at"))
            .group_by(EscalationRow.request_id)
            .subquery()
        )
        rows = self._rows(
            select(
                HelpRequestRow.id,
                HelpRequestRow.case_id,
                HelpRequestRow.expertise,
                HelpRequestRow.urgency,
                HelpRequestRow.created_at,
                HelpRequestRow.status,
                accepted.c.accepted_at,
                escalated.c.escalated_at,
                HelpRequestRow.closed_at,
                HelpRequestRow.matched_at,
                HelpRequestRow.asked_by,
            )
            .outerjoin(accepted, accepted.c.request_id == HelpRequestRow.id)
            .outerjoin(escalated, escalated.c.request_id == HelpRequestRow.id)
            .where(HelpRequestRow.created_at >= start, HelpRequestRow.created_at < end)
        )
        return tuple(
            RequestFact(
                id=row[0],
                case_id=row[1],
                expertise=row[2],
                urgency=row[3],
                asked_at=row[4],
                status=row[5],
                accepted_at=row[6],
                escalated_at=row[7],
                closed_at=row[8] or row[9],
                asked_by_organisation=people.get(row[10], ""),
            )
            for row in rows
        )

    def _involvements(self, relevant: Select[Any], people: dict[str, str]) -> tuple[InvolvementFact, ...]:
        rows = self._rows(
            select(
                InvolvementRow.id,
                InvolvementRow.case_id,
                InvolvementRow.expert_id,
                InvolvementRow.organisation_kind,
                InvolvementRow.started_at,
                InvolvementRow.help_request_id,
                InvolvementRow.ended_at,
                InvolvementRow.end_reason,
                InvolvementRow.family_experience,
            ).where(InvolvementRow.case_id.in_(relevant))
        )
        return tuple(
            InvolvementFact(
                iid,
                case_id,
                expert,
                people.get(expert, ""),
                kind,
                started,
                request,
                ended,
                reason,
                _answer(family),
            )
            for iid, case_id, expert, kind, started, request, ended, reason, family in rows
        )

    def _consults(self, start: datetime, end: datetime) -> tuple[ConsultFact, ...]:
        rows = self._rows(
            select(
                ConsultRow.id,
                ConsultRow.starts_at,
                ConsultRow.status,
                AgendaItemRow.case_id,
                AgendaItemRow.status,
                AgendaItemRow.decision,
            )
            .outerjoin(AgendaItemRow, AgendaItemRow.consult_id == ConsultRow.id)
            .where(ConsultRow.starts_at >= start, ConsultRow.starts_at < end)
            .order_by(ConsultRow.starts_at, ConsultRow.id, AgendaItemRow.id)
        )
        consults: dict[int, tuple[datetime, bool, list[AgendaItemFact]]] = {}
        for cid, starts_at, status, case_id, item_status, decision in rows:
            entry = consults.setdefault(cid, (starts_at, status == CANCELLED, []))
            if case_id is not None:
                entry[2].append(AgendaItemFact(case_id, item_status, bool(decision and decision.strip())))
        return tuple(ConsultFact(cid, s, c, tuple(items)) for cid, (s, c, items) in consults.items())

    def _actions(self, start: datetime, end: datetime, zone: ZoneInfo) -> tuple[ActionFact, ...]:
        first = start.astimezone(zone).date()
        last = end.astimezone(zone).date()
        rows = self._rows(
            select(AgendaItemRow.case_id, ActionItemRow.due_on, ActionItemRow.done_at)
            .join(AgendaItemRow, AgendaItemRow.id == ActionItemRow.agenda_item_id)
            .where(ActionItemRow.due_on >= first, ActionItemRow.due_on < last)
        )
        return tuple(
            ActionFact(case_id, due, done.astimezone(zone).date() if done is not None else None)
            for case_id, due, done in rows
        )
