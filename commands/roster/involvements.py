"""The roster's view of current involvements, which the cases feature owns.

The roster needs them for capacity (used/total) and for the status an expert sees (case codes). The
reader is a small port so the roster's handlers can be tested without cases, and so the roster never
writes or interprets involvements itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from commands.ports import UnitOfWork


class InvolvementReader(Protocol):
    def case_codes(self, uow: UnitOfWork, user_id: str) -> tuple[str, ...]:
        """Codes of the cases the expert is involved in now, sorted."""
        ...

    def counts(self, uow: UnitOfWork, user_ids: Sequence[str]) -> dict[str, int]:
        """Active involvements per expert, in bulk; an expert who is missing has none."""
        ...


class CaseInvolvements:
    """Reads involvements through the unit of work: the same counts matching uses for load."""

    def case_codes(self, uow: UnitOfWork, user_id: str) -> tuple[str, ...]:
        involvements = uow.cases.active_for_expert(user_id)
        cases = uow.cases.by_ids(sorted({i.case_id for i in involvements}))
        return tuple(sorted(cases[i.case_id].code for i in involvements if i.case_id in cases))

    def counts(self, uow: UnitOfWork, user_ids: Sequence[str]) -> dict[str, int]:
        loads = uow.requests.loads(list(user_ids))
        return {user_id: load.active_involvements for user_id, load in loads.items()}
