"""The monitor's reads and its few writes.

`history` loads exactly the facts the figures of one period need in a fixed number of SQL statements (ten, and
one more for the scope "organisatie"),
however many cases and requests there are: every read is one set-based SELECT over the period's cases, never a
query per case. Only plain columns are read; free text (questions, decisions, card text) is never selected,
except the card's scale scores, of which only perspective, score and date are kept.

A region's quarter is some 100,000 rows, so the cost per row is what counts: timestamps are read raw and
turned into datetimes in one cheap call (`_utc`), facts are named tuples, and rows no figure looks at
(involvements that ended before the period) are not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, and_, func, or_, select, type_coerce, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

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
from storage.request_models import EscalationRow, HelpRequestRow
from storage.roster_models import OrganisationRow, ProfessionalRow

CANCELLED = "vervallen"  # ConsultStatus.CANCELLED
REGIE_PART = "regie"


_ANSWERS = {answer.value: answer for answer in FamilyAnswer}  # an unknown old value reads as none


def _scores(entries: Any) -> tuple[Score, ...]:
    scores = []
    for raw in entries if isinstance(entries, list) else ():
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

    def _plain(self, statement: Any) -> Sequence[Any]:
        """The rows as the driver returns them: tuples, without SQLAlchemy's Row objects, which cost as much
        again as reading the row. Only for statements whose columns need no conversion (integers, text, and
        timestamps through `_utc`); JSON and dates go through `_rows`."""
        result = self.session.connection().execute(statement)
        try:
            return result.cursor.fetchall()
        finally:
            result.close()

    def _utc(self, column: Any) -> Any:
        """A timestamp as ISO text with a UTC offset ("2026-11-02 09:15:00.000000+00:00"), which
        `datetime.fromisoformat` turns into an aware UTC datetime in one C call. SQLAlchemy's own conversion
        (and the `UTCDateTime` decorator's `replace(tzinfo=…)`) costs ten times more per value, and a quarter
        of a region is a quarter of a million of them."""
        if self.session.get_bind().dialect.name == "sqlite":  # stored as UTC text without an offset
            return type_coerce(type_coerce(column, String()) + "+00:00", NullType())
        return type_coerce(
            func.to_char(func.timezone("UTC", column), "YYYY-MM-DD HH24:MI:SS.US") + "+00:00", NullType()
        )

    def history(
        self, start: datetime, end: datetime, timezone: str, *, involved_before: bool = False
    ) -> History:
        """Facts of cases open at any time in [start, end): their requests asked in the period, their
        involvements that had not ended before the period (a re-engagement may come months later), framework
        history, leads, scale scores, and the period's consults and actions. Who was involved before the
        period (only the scope "organisatie" asks) is read when `involved_before` says so."""
        zone = ZoneInfo(timezone)
        relevant = select(CaseRow.id).where(
            CaseRow.created_at < end, or_(CaseRow.closed_at.is_(None), CaseRow.closed_at >= start)
        )
        people = self._people()  # 1
        organisations = self._organisations()  # 2
        frameworks = self._frameworks(relevant)  # 3
        handovers = self._handovers(relevant)  # 4
        scores = self._scores(relevant, start, end)  # 5
        kinds = {key: kind for key, (kind, _name, _region) in organisations.items()}
        regions = {key: region for key, (_kind, _name, region) in organisations.items()}
        cases = []
        for case_id, municipality, created, closed, reason, created_by, lead_id, family in self._plain(  # 6
            select(
                CaseRow.id,
                CaseRow.municipality,
                self._utc(CaseRow.created_at),
                self._utc(CaseRow.closed_at),
                CaseRow.close_reason,
                CaseRow.created_by,
                CaseRow.lead_id,
                CaseRow.family_experience,
            ).where(CaseRow.id.in_(relevant))
        ):
            created_at = _parse(created)
            first_org = people.get(created_by, "")
            leads: tuple[LeadSpell, ...] = (LeadSpell(created_at, kinds.get(first_org, ""), first_org),)
            if case_id in handovers:
                leads += tuple(
                    LeadSpell(since, kinds.get(org, ""), org)
                    for since, org in ((at, people.get(user_id, "")) for at, user_id in handovers[case_id])
                )
            cases.append(
                CaseFact(
                    case_id,
                    municipality,
                    regions.get(people.get(lead_id, ""), ""),
                    created_at,
                    _parse(closed) if closed else None,
                    reason,
                    frameworks.get(case_id, ()),
                    leads,
                    scores.get(case_id, ()),
                    _ANSWERS.get(family) if family else None,
                )
            )
        involvements = self._involvements(relevant, start, people)  # 7
        return History(
            cases=tuple(cases),
            requests=self._requests(start, end),  # 8
            involvements=involvements,
            consults=self._consults(start, end),  # 9
            actions=self._actions(start, end, zone),  # 10
            organisation_names={key: name for key, (_kind, name, _region) in organisations.items()},
            involved_before=self._involved_before(relevant, start, people) if involved_before else None,  # 11
        )

    def _people(self) -> dict[str, str]:
        rows = self._plain(select(ProfessionalRow.user_id, ProfessionalRow.organisation_key))
        return {user_id: org for user_id, org in rows}

    def _organisations(self) -> dict[str, tuple[str, str, str]]:
        rows = self._plain(
            select(OrganisationRow.key, OrganisationRow.kind, OrganisationRow.name, OrganisationRow.region)
        )
        return {key: (kind, name, region) for key, kind, name, region in rows}

    def _frameworks(self, relevant: Select[Any]) -> dict[int, tuple[FrameworkEntry, ...]]:
        found: dict[int, list[FrameworkEntry]] = defaultdict(list)
        for case_id, at, framework, measure in self._plain(
            select(
                FrameworkChangeRow.case_id,
                self._utc(FrameworkChangeRow.at),
                FrameworkChangeRow.framework,
                FrameworkChangeRow.measure,
            )
            .where(_scanned(FrameworkChangeRow.case_id).in_(relevant))
            .order_by(FrameworkChangeRow.case_id, FrameworkChangeRow.at, FrameworkChangeRow.id)
        ):
            found[case_id].append(FrameworkEntry(_parse(at), framework, measure))
        return {case_id: tuple(entries) for case_id, entries in found.items()}

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
        """Scale scores of the latest card of cases closed, or with an involvement ended, in the period. Only
        the card's `scores` are read from the database, never the rest of its text."""
        ended = select(InvolvementRow.case_id).where(
            InvolvementRow.ended_at >= start, InvolvementRow.ended_at < end
        )
        rows = self._rows(
            select(CardVersionRow.case_id, CardVersionRow.content["scores"])
            .join(
                CaseRow, and_(CaseRow.id == CardVersionRow.case_id, CaseRow.version == CardVersionRow.number)
            )
            .where(
                CaseRow.id.in_(relevant),
                or_(and_(CaseRow.closed_at >= start, CaseRow.closed_at < end), CaseRow.id.in_(ended)),
            )
        )
        return {case_id: _scores(raw) for case_id, raw in rows}

    def _requests(self, start: datetime, end: datetime) -> tuple[RequestFact, ...]:
        first_escalated = (
            select(func.min(EscalationRow.escalated_at))
            .where(EscalationRow.request_id == HelpRequestRow.id)
            .scalar_subquery()
        )
        # Ids grow with the time of asking, so the period's requests are one run of ids: read as a range of
        # the table, not row by row through the index on `created_at` (a lookup per row, twice the time at a
        # quarter of a year). The run's ends come from that index; the range is exact whatever the ids.
        asked = and_(HelpRequestRow.created_at >= start, HelpRequestRow.created_at < end)
        first_id = select(func.min(HelpRequestRow.id)).where(asked).scalar_subquery()
        last_id = select(func.max(HelpRequestRow.id)).where(asked).scalar_subquery()
        rows = self._plain(
            select(
                HelpRequestRow.id,
                HelpRequestRow.case_id,
                HelpRequestRow.expertise,
                HelpRequestRow.urgency,
                self._utc(HelpRequestRow.created_at),
                HelpRequestRow.status,
                self._utc(HelpRequestRow.first_accepted_at),
                self._utc(first_escalated),
                self._utc(func.coalesce(HelpRequestRow.closed_at, HelpRequestRow.matched_at)),
            )
            .where(HelpRequestRow.id.between(first_id, last_id), asked)
            .with_hint(HelpRequestRow, "NOT INDEXED", "sqlite")
        )
        return tuple(
            RequestFact(
                rid,
                case_id,
                expertise,
                urgency,
                _parse(asked),
                status,
                _parse(accepted) if accepted else None,
                _parse(escalated) if escalated else None,
                _parse(closed) if closed else None,
            )
            for rid, case_id, expertise, urgency, asked, status, accepted, escalated, closed in rows
        )

    def _involvements(
        self, relevant: Select[Any], start: datetime, people: dict[str, str]
    ) -> tuple[InvolvementFact, ...]:
        """Involvements not ended before `start`."""
        rows = self._plain(
            select(
                InvolvementRow.id,
                InvolvementRow.case_id,
                InvolvementRow.expert_id,
                InvolvementRow.organisation_kind,
                self._utc(InvolvementRow.started_at),
                InvolvementRow.help_request_id,
                self._utc(InvolvementRow.ended_at),
                InvolvementRow.family_experience,
            ).where(
                _scanned(InvolvementRow.case_id).in_(relevant),
                or_(InvolvementRow.ended_at.is_(None), InvolvementRow.ended_at >= start),
            )
        )
        return tuple(
            InvolvementFact(
                iid,
                case_id,
                expert,
                people.get(expert, ""),
                kind,
                _parse(started),
                request,
                _parse(ended) if ended else None,
                _ANSWERS.get(family) if family else None,
            )
            for iid, case_id, expert, kind, started, request, ended, family in rows
        )

    def _involved_before(
        self, relevant: Select[Any], start: datetime, people: dict[str, str]
    ) -> frozenset[tuple[int, str]]:
        """(case, organisation) of the involvements that ended before `start`, for the scope "organisatie"."""
        earlier = self._plain(
            select(InvolvementRow.case_id, InvolvementRow.expert_id).where(
                _scanned(InvolvementRow.case_id).in_(relevant), InvolvementRow.ended_at < start
            )
        )  # not DISTINCT: SQLite would walk the (case, expert) index with a lookup per row to sort them
        return frozenset((case_id, people.get(expert, "")) for case_id, expert in earlier)

    def _consults(self, start: datetime, end: datetime) -> tuple[ConsultFact, ...]:
        rows = self._plain(
            select(
                ConsultRow.id,
                self._utc(ConsultRow.starts_at),
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
            entry = consults.get(cid)
            if entry is None:
                entry = consults[cid] = (_parse(starts_at), status == CANCELLED, [])
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


_parse = datetime.fromisoformat  # of `_utc`'s text: an aware UTC datetime


def _scanned(column: Any) -> Any:
    """`column + 0`: for `… IN (the period's cases)` over a big share of a table, SQLite then scans the table
    once and probes the set (materialised once), instead of walking the index case by case with a lookup per
    row, which is several times slower. PostgreSQL plans a hash semi-join either way."""
    return column + 0
