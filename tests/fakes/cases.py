"""`CaseRepository` in memory: cases, framework history, append-only card versions, involvements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from commands.cases.card import CardVersion, VersionInfo
from commands.cases.codec import card_from_json, card_to_json, changes_from_json, changes_to_json
from commands.cases.model import (
    Case,
    CaseStatus,
    CloseReason,
    EndReason,
    FrameworkChange,
    Involvement,
    NewCase,
)
from commands.cases.ports import VersionConflict
from commands.cases.sharing import CardShare
from commands.roster.model import OrganisationKind
from tests.fakes.store import Transaction, utc

CASES = "cases"
VERSIONS = "card_versions"  # key: (case id, number)
FRAMEWORKS = "framework_changes"  # key: id; row: (case id, FrameworkChange)
INVOLVEMENTS = "involvements"
SHARES = "card_shares"


class FakeCaseRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    # --- cases -------------------------------------------------------------------------------------------
    def code_taken(self, code: str) -> bool:
        return any(case.code == code for case in self.tx.rows(CASES))

    def add(self, case: NewCase, first: CardVersion) -> Case:
        if self.code_taken(case.code):
            raise ValueError(f"case code {case.code} exists (a unique column in the database)")
        stored = Case(
            id=self.tx.next_id(CASES),
            code=case.code,
            municipality=case.municipality,
            lead_id=case.lead_id,
            status=CaseStatus.ACTIVE,
            framework=case.framework,
            measure=case.measure,
            created_at=utc(case.created_at),
            created_by=case.created_by,
            version=first.info.number,
        )
        self.tx.put(CASES, stored.id, stored)
        history = FrameworkChange(utc(case.created_at), case.created_by, case.framework, case.measure, "")
        self.tx.put(FRAMEWORKS, self.tx.next_id(FRAMEWORKS), (stored.id, history))
        self.tx.put(VERSIONS, (stored.id, first.info.number), _stored_version(first))
        return stored

    def by_code(self, code: str, *, for_update: bool = False) -> Case | None:
        return next((case for case in self.tx.rows(CASES) if case.code == code), None)

    def by_id(self, case_id: int) -> Case | None:
        found: Case | None = self.tx.get(CASES, case_id)
        return found

    def by_ids(self, case_ids: list[int]) -> dict[int, Case]:
        return {case_id: case for case_id in case_ids if (case := self.by_id(case_id)) is not None}

    def led_by(self, user_id: str, *, include_closed: bool = False) -> list[Case]:
        return [
            case
            for case in self.tx.rows(CASES)
            if case.lead_id == user_id and (include_closed or case.status is CaseStatus.ACTIVE)
        ]

    def set_lead(self, case_id: int, lead_id: str) -> None:
        self._update(case_id, lead_id=lead_id)

    def set_framework(self, case_id: int, change: FrameworkChange) -> None:
        self.tx.put(FRAMEWORKS, self.tx.next_id(FRAMEWORKS), (case_id, replace(change, at=utc(change.at))))
        self._update(case_id, framework=change.framework, measure=change.measure)

    def framework_history(self, case_id: int) -> list[FrameworkChange]:
        return [change for owner, change in self.tx.rows(FRAMEWORKS) if owner == case_id]

    def close(self, case_id: int, at: datetime, reason: str) -> None:
        self._update(
            case_id,
            status=CaseStatus.CLOSED,
            closed_at=utc(at),
            close_reason=CloseReason(reason) if reason else None,
        )

    def _update(self, case_id: int, **values: object) -> None:
        case = self.by_id(case_id)
        if case is not None:  # an UPDATE of a missing row changes nothing
            self.tx.put(CASES, case_id, replace(case, **values))  # type: ignore[arg-type]

    # --- the card ------------------------------------------------------------------------------------------
    def latest_card(self, case_id: int) -> CardVersion:
        numbers = [number for owner, number in self.tx.table(VERSIONS) if owner == case_id]
        if not numbers:
            raise LookupError(f"case {case_id} has no card")
        latest: CardVersion = self.tx.get(VERSIONS, (case_id, max(numbers)))
        return latest

    def latest_cards(self, case_ids: list[int]) -> dict[int, CardVersion]:
        found: dict[int, CardVersion] = {}
        for case_id in case_ids:
            case = self.by_id(case_id)
            version = None if case is None else self.tx.get(VERSIONS, (case_id, case.version))
            if version is not None:
                found[case_id] = version
        return found

    def append_version(self, case_id: int, version: CardVersion) -> None:
        number = version.info.number
        if (case_id, number) in self.tx.table(VERSIONS):
            raise VersionConflict(case_id)
        self.tx.put(VERSIONS, (case_id, number), _stored_version(version))
        case = self.by_id(case_id)
        if case is not None and case.version < number:
            self._update(case_id, version=number)

    def history(self, case_id: int) -> list[VersionInfo]:
        return [
            version.info
            for (owner, _), version in sorted(self.tx.table(VERSIONS).items())
            if owner == case_id
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
        for existing in self._involvements():
            if existing.case_id == case_id and existing.expert_id == expert_id and existing.ended_at is None:
                return existing
        involvement = Involvement(
            id=self.tx.next_id(INVOLVEMENTS),
            case_id=case_id,
            expert_id=expert_id,
            organisation_kind=organisation_kind,
            started_at=utc(at),
            help_request_id=help_request_id,
            card_access=card_access,
        )
        self.tx.put(INVOLVEMENTS, involvement.id, involvement)
        return involvement

    def end_involvement(self, involvement_id: int, at: datetime, reason: EndReason) -> Involvement | None:
        involvement: Involvement | None = self.tx.get(INVOLVEMENTS, involvement_id)
        if involvement is None or involvement.ended_at is not None:
            return involvement
        ended = replace(involvement, ended_at=utc(at), end_reason=reason)
        self.tx.put(INVOLVEMENTS, involvement_id, ended)
        return ended

    def active_for_case(self, case_id: int) -> list[Involvement]:
        return [i for i in self._involvements() if i.case_id == case_id and i.ended_at is None]

    def active_for_cases(self, case_ids: Sequence[int]) -> dict[int, list[Involvement]]:
        wanted = set(case_ids)
        found: dict[int, list[Involvement]] = {}
        for involvement in self._involvements():
            if involvement.case_id in wanted and involvement.ended_at is None:
                found.setdefault(involvement.case_id, []).append(involvement)
        return found

    def ever_for_case(self, case_id: int) -> list[Involvement]:
        return [i for i in self._involvements() if i.case_id == case_id]

    def active_for_expert(self, expert_id: str) -> list[Involvement]:
        return [i for i in self._involvements() if i.expert_id == expert_id and i.ended_at is None]

    def is_active_expert(self, case_id: int, user_id: str) -> bool:
        return any(i.expert_id == user_id and i.card_access for i in self.active_for_case(case_id))

    # --- shares ------------------------------------------------------------------------------------------
    def add_share(self, share: CardShare) -> CardShare:
        stored = replace(share, id=self.tx.next_id(SHARES), shared_at=utc(share.shared_at))
        self.tx.put(SHARES, stored.id, stored)
        return stored

    def shares_for_case(self, case_id: int) -> list[CardShare]:
        mine = [share for share in self.tx.rows(SHARES) if share.case_id == case_id]
        return sorted(mine, key=lambda share: (share.shared_at, share.id))

    def _involvements(self) -> list[Involvement]:
        """By start, then id: the order the SQL repository reads them in."""
        return sorted(self.tx.rows(INVOLVEMENTS), key=lambda i: (i.started_at, i.id))


def _stored_version(version: CardVersion) -> CardVersion:
    """Through the same JSON codec as the SQL repository, so the fake hands back what a database would."""
    info = version.info
    stored_info = replace(info, at=utc(info.at), changes=changes_from_json(changes_to_json(info.changes)))
    return CardVersion(stored_info, card_from_json(card_to_json(version.card)))
