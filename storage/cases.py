"""The case repository: cases, framework history, append-only card versions and involvements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commands.cases.card import CardVersion, VersionInfo
from commands.cases.codec import card_from_json, card_to_json, changes_from_json, changes_to_json
from commands.cases.model import (
    Case,
    CaseStatus,
    CloseReason,
    EndReason,
    Framework,
    FrameworkChange,
    Involvement,
    Measure,
    MeasureKind,
    NewCase,
)
from commands.cases.ports import VersionConflict
from commands.cases.sharing import CardShare, LegalBasis, ShareBasis, ShareTarget
from commands.roster.model import OrganisationKind
from storage.case_models import CardShareRow, CardVersionRow, CaseRow, FrameworkChangeRow, InvolvementRow


class SqlCaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- cases -------------------------------------------------------------------------------------------
    def code_taken(self, code: str) -> bool:
        return self.session.scalar(select(CaseRow.id).where(CaseRow.code == code)) is not None

    def add(self, case: NewCase, first: CardVersion) -> Case:
        row = CaseRow(
            code=case.code,
            municipality=case.municipality,
            lead_id=case.lead_id,
            status=CaseStatus.ACTIVE.value,
            framework=case.framework.value,
            measure=case.measure.kind.value,
            measure_since=case.measure.since,
            version=first.info.number,
            created_at=case.created_at,
            created_by=case.created_by,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add(
            FrameworkChangeRow(
                case_id=row.id,
                at=case.created_at,
                by=case.created_by,
                framework=case.framework.value,
                measure=case.measure.kind.value,
                measure_since=case.measure.since,
                note="",
            )
        )
        self.session.add(_version_row(row.id, first))
        self.session.flush()
        return _case(row)

    def by_code(self, code: str, *, for_update: bool = False) -> Case | None:
        query = select(CaseRow.__table__).where(CaseRow.code == code)
        if for_update:
            query = query.with_for_update()
        row = self._plain(query).first()
        return _case(row) if row is not None else None

    def _plain(self, query: Any) -> Any:
        """Rows without ORM instances (the reads on every card, status and agenda): this transaction's changes
        made through the ORM are flushed first, as the ORM's own queries would (a plain select does not)."""
        self.session.flush()
        return self.session.execute(query)

    def by_id(self, case_id: int) -> Case | None:
        row = self.session.get(CaseRow, case_id)
        return _case(row) if row is not None else None

    def by_ids(self, case_ids: list[int]) -> dict[int, Case]:
        if not case_ids:
            return {}
        rows = self._plain(select(CaseRow.__table__).where(CaseRow.id.in_(case_ids)))
        return {r.id: _case(r) for r in rows}

    def led_by(self, user_id: str, *, include_closed: bool = False) -> list[Case]:
        query = select(CaseRow.__table__).where(CaseRow.lead_id == user_id)
        if not include_closed:
            query = query.where(CaseRow.status == CaseStatus.ACTIVE.value)
        return [_case(r) for r in self._plain(query.order_by(CaseRow.id))]

    def set_lead(self, case_id: int, lead_id: str) -> None:
        self.session.execute(update(CaseRow).where(CaseRow.id == case_id).values(lead_id=lead_id))

    def set_framework(self, case_id: int, change: FrameworkChange) -> None:
        self.session.add(
            FrameworkChangeRow(
                case_id=case_id,
                at=change.at,
                by=change.by,
                framework=change.framework.value,
                measure=change.measure.kind.value,
                measure_since=change.measure.since,
                note=change.note,
            )
        )
        self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(
                framework=change.framework.value,
                measure=change.measure.kind.value,
                measure_since=change.measure.since,
            )
        )

    def framework_history(self, case_id: int) -> list[FrameworkChange]:
        rows = self.session.scalars(
            select(FrameworkChangeRow)
            .where(FrameworkChangeRow.case_id == case_id)
            .order_by(FrameworkChangeRow.id)
        ).all()
        return [
            FrameworkChange(
                at=r.at,
                by=r.by,
                framework=Framework(r.framework),
                measure=Measure(MeasureKind(r.measure), r.measure_since),
                note=r.note,
            )
            for r in rows
        ]

    def close(self, case_id: int, at: datetime, reason: str) -> None:
        self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(status=CaseStatus.CLOSED.value, closed_at=at, close_reason=reason)
        )

    # --- the card ------------------------------------------------------------------------------------------
    def latest_card(self, case_id: int) -> CardVersion:
        row = self._plain(
            select(CardVersionRow.__table__)
            .where(CardVersionRow.case_id == case_id)
            .order_by(CardVersionRow.number.desc())
            .limit(1)
        ).first()
        if row is None:
            raise LookupError(f"case {case_id} has no card")
        return _version(row)

    def latest_cards(self, case_ids: list[int]) -> dict[int, CardVersion]:
        if not case_ids:
            return {}
        rows = self._plain(
            select(CardVersionRow.__table__)
            .join(
                CaseRow, (CaseRow.id == CardVersionRow.case_id) & (CaseRow.version == CardVersionRow.number)
            )
            .where(CardVersionRow.case_id.in_(case_ids))
        )
        return {r.case_id: _version(r) for r in rows}

    def append_version(self, case_id: int, version: CardVersion) -> None:
        try:
            with self.session.begin_nested():
                self.session.add(_version_row(case_id, version))
                self.session.flush()
        except IntegrityError as err:
            raise VersionConflict(case_id) from err
        self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.version < version.info.number)
            .values(version=version.info.number)
        )

    def history(self, case_id: int) -> list[VersionInfo]:
        rows = self.session.execute(
            select(
                CardVersionRow.number,
                CardVersionRow.at,
                CardVersionRow.author_id,
                CardVersionRow.part,
                CardVersionRow.changes,
                CardVersionRow.source,
            )
            .where(CardVersionRow.case_id == case_id)
            .order_by(CardVersionRow.number)
        ).all()
        return [
            VersionInfo(r.number, r.at, r.author_id, r.part, changes_from_json(r.changes), r.source or "")
            for r in rows
        ]

    # --- involvements --------------------------------------------------------------------------------------
    def start_involvement(
        self,
        case_id: int,
        expert_id: str,
        organisation_kind: OrganisationKind,
        at: datetime,
        help_request_id: int | None = None,
        card_access: bool = True,
    ) -> Involvement:
        existing = self.session.scalar(
            select(InvolvementRow).where(
                InvolvementRow.case_id == case_id,
                InvolvementRow.expert_id == expert_id,
                InvolvementRow.ended_at.is_(None),
            )
        )
        if existing is not None:
            return _involvement(existing)
        row = InvolvementRow(
            case_id=case_id,
            expert_id=expert_id,
            organisation_kind=organisation_kind.value,
            help_request_id=help_request_id,
            started_at=at,
            card_access=card_access,
        )
        self.session.add(row)
        self.session.flush()
        return _involvement(row)

    def end_involvement(self, involvement_id: int, at: datetime, reason: EndReason) -> Involvement | None:
        row = self.session.get(InvolvementRow, involvement_id)
        if row is None:
            return None
        if row.ended_at is None:
            row.ended_at = at
            row.end_reason = reason.value
            self.session.flush()
        return _involvement(row)

    def active_for_case(self, case_id: int) -> list[Involvement]:
        return self._involvements(InvolvementRow.case_id == case_id, InvolvementRow.ended_at.is_(None))

    def active_for_cases(self, case_ids: Sequence[int]) -> dict[int, list[Involvement]]:
        found: dict[int, list[Involvement]] = {}
        for start in range(0, len(case_ids), 500):  # well within both databases' parameter limits
            chunk = list(case_ids[start : start + 500])
            for involvement in self._involvements(
                InvolvementRow.case_id.in_(chunk), InvolvementRow.ended_at.is_(None)
            ):
                found.setdefault(involvement.case_id, []).append(involvement)
        return found

    def ever_for_case(self, case_id: int) -> list[Involvement]:
        return self._involvements(InvolvementRow.case_id == case_id)

    def active_for_expert(self, expert_id: str) -> list[Involvement]:
        return self._involvements(InvolvementRow.expert_id == expert_id, InvolvementRow.ended_at.is_(None))

    def is_active_expert(self, case_id: int, user_id: str) -> bool:
        count = self.session.scalar(
            select(func.count(InvolvementRow.id)).where(
                InvolvementRow.case_id == case_id,
                InvolvementRow.expert_id == user_id,
                InvolvementRow.ended_at.is_(None),
                InvolvementRow.card_access.is_(True),
            )
        )
        return bool(count)

    # --- shares -------------------------------------------------------------------------------------------
    def add_share(self, share: CardShare) -> CardShare:
        row = CardShareRow(
            case_id=share.case_id,
            target=share.target.value,
            expert_id=share.expert_id,
            organisation_kind=share.organisation_kind.value if share.organisation_kind else None,
            consult_id=share.consult_id,
            help_request_id=share.help_request_id,
            agenda_item_id=share.agenda_item_id,
            basis=share.basis.basis.value if share.basis else None,
            basis_note=share.basis.note if share.basis else "",
            shared_by=share.shared_by,
            shared_at=share.shared_at,
            carried=share.carried,
        )
        self.session.add(row)
        self.session.flush()
        return _share(row)

    def shares_for_case(self, case_id: int) -> list[CardShare]:
        rows = self._plain(
            select(CardShareRow.__table__)
            .where(CardShareRow.case_id == case_id)
            .order_by(CardShareRow.shared_at, CardShareRow.id)
        )
        return [_share(r) for r in rows]

    def _involvements(self, *where: object) -> list[Involvement]:
        # Plain rows rather than ORM objects: a card, a status and an agenda read these on every request,
        # and building and tracking instances cost more than the query.
        rows = self._plain(
            select(InvolvementRow.__table__)
            .where(*where)  # type: ignore[arg-type]
            .order_by(InvolvementRow.started_at, InvolvementRow.id)
        )
        return [_involvement(r) for r in rows]


def _case(row: CaseRow | Row[Any]) -> Case:
    return Case(
        id=row.id,
        code=row.code,
        municipality=row.municipality,
        lead_id=row.lead_id,
        status=CaseStatus(row.status),
        framework=Framework(row.framework),
        measure=Measure(MeasureKind(row.measure), row.measure_since),
        created_at=row.created_at,
        created_by=row.created_by,
        version=row.version,
        closed_at=row.closed_at,
        close_reason=CloseReason(row.close_reason) if row.close_reason else None,
    )


def _version_row(case_id: int, version: CardVersion) -> CardVersionRow:
    info = version.info
    return CardVersionRow(
        case_id=case_id,
        number=info.number,
        at=info.at,
        author_id=info.author_id,
        part=info.part,
        changes=changes_to_json(info.changes),
        content=card_to_json(version.card),
        source=info.source,
    )


def _version(row: CardVersionRow | Row[Any]) -> CardVersion:
    info = VersionInfo(
        row.number, row.at, row.author_id, row.part, changes_from_json(row.changes), row.source or ""
    )
    return CardVersion(info, card_from_json(row.content))


def _involvement(row: InvolvementRow | Row[Any]) -> Involvement:
    return Involvement(
        id=row.id,
        case_id=row.case_id,
        expert_id=row.expert_id,
        organisation_kind=OrganisationKind(row.organisation_kind),
        started_at=row.started_at,
        help_request_id=row.help_request_id,
        ended_at=row.ended_at,
        end_reason=EndReason(row.end_reason) if row.end_reason else None,
        card_access=row.card_access,
    )


def share_basis(basis: str | None, note: str | None) -> ShareBasis | None:
    """The stored basis; None when none was recorded (never a default in its place)."""
    return ShareBasis(LegalBasis(basis), note or "") if basis else None


def _share(row: CardShareRow | Row[Any]) -> CardShare:
    return CardShare(
        id=row.id,
        case_id=row.case_id,
        target=ShareTarget(row.target),
        basis=share_basis(row.basis, row.basis_note),
        shared_by=row.shared_by,
        shared_at=row.shared_at,
        expert_id=row.expert_id,
        organisation_kind=OrganisationKind(row.organisation_kind) if row.organisation_kind else None,
        consult_id=row.consult_id,
        help_request_id=row.help_request_id,
        agenda_item_id=row.agenda_item_id,
        carried=bool(row.carried),
    )
