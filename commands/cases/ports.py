"""The repository of cases, card versions and involvements as the product needs it; storage implements it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from commands.cases.card import CardVersion, VersionInfo
from commands.cases.model import Case, EndReason, FrameworkChange, Involvement, NewCase
from commands.cases.sharing import CardShare
from commands.roster.model import OrganisationKind


class VersionConflict(Exception):
    """Another change to the same card was committed first; the caller may retry on the fresh card."""


class CaseRepository(Protocol):
    # --- cases -------------------------------------------------------------------------------------------
    def code_taken(self, code: str) -> bool: ...

    def add(self, case: NewCase, first: CardVersion) -> Case:
        """Store a new case with its framework history entry and card version 1."""
        ...

    def by_code(self, code: str, *, for_update: bool = False) -> Case | None:
        """The case with this canonical code; `for_update` locks it against concurrent changes."""
        ...

    def by_id(self, case_id: int) -> Case | None: ...

    def by_ids(self, case_ids: list[int]) -> dict[int, Case]: ...

    def led_by(self, user_id: str, *, include_closed: bool = False) -> list[Case]: ...

    def set_lead(self, case_id: int, lead_id: str) -> None: ...

    def set_framework(self, case_id: int, change: FrameworkChange) -> None:
        """Record a framework change in the history and as the case's current framework."""
        ...

    def framework_history(self, case_id: int) -> list[FrameworkChange]: ...

    def close(self, case_id: int, at: datetime, reason: str) -> None: ...

    # --- the card ------------------------------------------------------------------------------------------
    def latest_card(self, case_id: int) -> CardVersion:
        """The current card: one query, whatever the number of versions."""
        ...

    def latest_cards(self, case_ids: list[int]) -> dict[int, CardVersion]:
        """Current cards of several cases in one query (offers, agendas)."""
        ...

    def append_version(self, case_id: int, version: CardVersion) -> None:
        """Append the next version; raises VersionConflict if that number was taken meanwhile."""
        ...

    def history(self, case_id: int) -> list[VersionInfo]:
        """Every version's metadata, oldest first (no card content is loaded)."""
        ...

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
        """The expert's active involvement on the case: the existing one if already aboard, else a new one."""
        ...

    def end_involvement(self, involvement_id: int, at: datetime, reason: EndReason) -> Involvement | None:
        """End an involvement (no-op if already ended); None if there is no such involvement."""
        ...

    def active_for_case(self, case_id: int) -> list[Involvement]: ...

    def active_for_cases(self, case_ids: Sequence[int]) -> dict[int, list[Involvement]]:
        """`active_for_case` for many cases in one query (an agenda's cases); cases without any are absent."""
        ...

    def ever_for_case(self, case_id: int) -> list[Involvement]:
        """All involvements, active and ended, oldest first (to prefer known faces when re-engaging)."""
        ...

    def active_for_expert(self, expert_id: str) -> list[Involvement]: ...

    def is_active_expert(self, case_id: int, user_id: str) -> bool:
        """Aboard the case *with* access to the card (an anonymous consult gives none)."""
        ...

    # --- shares ------------------------------------------------------------------------------------------
    def add_share(self, share: CardShare) -> CardShare:
        """Record one time the card was shared, with its legal basis (or none, for an old share)."""
        ...

    def shares_for_case(self, case_id: int) -> list[CardShare]:
        """Every share of the case's card, oldest first."""
        ...
