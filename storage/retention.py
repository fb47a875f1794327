"""Retention in SQL: which closed cases are due, and erasing their free text down to the monitor's skeleton.

What stays is pseudonymous: the case row (code, municipality, framework, measure, dates, close reason, the
family's answer), involvements, requests' and consults' metadata, and of each card version its number, time,
author, part and the scale scores (the monitor's figures). What goes is every text a professional typed:
card content, framework notes, request questions, decline reasons, consult questions, decisions, action
descriptions and the toelichting of each share's legal basis (the basis itself stays). The audit trail is
kept (NEN 7513: five years; it holds no case content).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from commands.ports import ErasedCase, RetentionCandidate
from storage.case_models import CardShareRow, CardVersionRow, CaseRow, FrameworkChangeRow
from storage.consult_models import ActionItemRow, AgendaItemRow
from storage.models import AuditRow, OutboxRow
from storage.request_models import HelpRequestRow, OfferRow

ERASED_ACTION = "retentie.wissen"


class SqlRetentionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def due(self, closed_before: datetime) -> list[RetentionCandidate]:
        """Closed cases closed before the cut-off whose content has not been erased yet (no audit event)."""
        erased = select(AuditRow.case_code).where(
            AuditRow.action == ERASED_ACTION, AuditRow.case_code.is_not(None)
        )
        rows = self.session.execute(
            select(CaseRow.id, CaseRow.code, CaseRow.closed_at)
            .where(
                CaseRow.closed_at.is_not(None), CaseRow.closed_at < closed_before, CaseRow.code.not_in(erased)
            )
            .order_by(CaseRow.closed_at, CaseRow.id)
        )
        return [
            RetentionCandidate(id, code, closed_at) for id, code, closed_at in rows if closed_at is not None
        ]

    def erase(self, case_id: int) -> ErasedCase:
        versions = 0
        for row in self.session.scalars(select(CardVersionRow).where(CardVersionRow.case_id == case_id)):
            row.content = _skeleton(row.content)
            row.changes = _lead_changes(row.changes)
            versions += 1
        notes = _count(
            self.session.execute(
                update(FrameworkChangeRow).where(FrameworkChangeRow.case_id == case_id).values(note="")
            )
        )
        requests = select(HelpRequestRow.id).where(HelpRequestRow.case_id == case_id)
        questions = _count(
            self.session.execute(
                update(HelpRequestRow)
                .where(HelpRequestRow.case_id == case_id)
                .values(question="", share_basis_note="")
            )
        )
        self.session.execute(
            update(OfferRow).where(OfferRow.request_id.in_(requests)).values(decline_reason="")
        )
        items = select(AgendaItemRow.id).where(AgendaItemRow.case_id == case_id)
        self.session.execute(
            update(ActionItemRow).where(ActionItemRow.agenda_item_id.in_(items)).values(description="")
        )
        consult_texts = _count(
            self.session.execute(
                update(AgendaItemRow)
                .where(AgendaItemRow.case_id == case_id)
                .values(question="", decision=None)
            )
        )
        # The basis of each share stays (who saw the card and why, for an inzage); the typed toelichting goes.
        self.session.execute(
            update(CardShareRow).where(CardShareRow.case_id == case_id).values(basis_note="")
        )
        self.session.flush()
        return ErasedCase(versions, notes, questions, consult_texts)

    def purge_outbox(self, created_before: datetime) -> int:
        """Delivered or given-up messages older than the cut-off; a pending one is still owed."""
        result = self.session.execute(
            delete(OutboxRow).where(OutboxRow.created_at < created_before, OutboxRow.status != "pending")
        )
        return _count(result)


def _count(result: object) -> int:
    """Rows an UPDATE or DELETE touched (a CursorResult's rowcount)."""
    return int(getattr(result, "rowcount", 0) or 0)


def _skeleton(content: dict[str, Any] | None) -> dict[str, Any]:
    """Only the scale scores, and of each only perspective, score and date (storage.monitor reads these)."""
    scores = []
    for raw in (content or {}).get("scores") or ():
        if isinstance(raw, dict):
            scores.append({k: raw[k] for k in ("perspective", "score", "on") if k in raw})
    return {"scores": scores} if scores else {}


def _lead_changes(changes: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Only who became lead (a user id: the monitor counts hand-overs); every typed before/after goes."""
    kept = []
    for change in changes or ():
        fields = [f for f in change.get("fields") or () if isinstance(f, dict) and f.get("name") == "lead"]
        if fields:
            kept.append({"fields": [{"name": "lead", "after": f.get("after")} for f in fields]})
    return kept
