"""The audit trail repository: append and read, never update or delete."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.ports import AuditEvent
from storage.models import AuditRow


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, event: AuditEvent) -> None:
        self.session.add(
            AuditRow(
                at=event.at,
                actor_id=event.actor_id,
                action=event.action,
                case_code=event.case_code,
                result=event.result,
                authorisation=event.authorisation,
                access_point=event.access_point,
                on_behalf_of=event.on_behalf_of,
                detail=dict(event.detail),
            )
        )

    def for_case(self, case_code: str) -> list[AuditEvent]:
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.case_code == case_code).order_by(AuditRow.id)
        ).all()
        return [
            AuditEvent(
                at=r.at,
                actor_id=r.actor_id,
                action=r.action,
                case_code=r.case_code,
                result=r.result,
                authorisation=r.authorisation,
                access_point=r.access_point,
                detail=dict(r.detail),
                on_behalf_of=r.on_behalf_of,
            )
            for r in rows
        ]
