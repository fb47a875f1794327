"""What the monitor needs from storage: one period's facts, the family's answers, the report's claim."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from commands.monitor.model import FamilyAnswer, History


class MonitorRepository(Protocol):
    def history(
        self, start: datetime, end: datetime, timezone: str, *, involved_before: bool = False
    ) -> History:
        """The facts of cases open at any time in [start, end), in a fixed number of statements; with
        `involved_before`, also who was involved in them before (for the scope "organisatie")."""
        ...

    def record_checkout_answer(self, involvement_id: int, answer: FamilyAnswer) -> None: ...

    def record_close_answer(self, case_id: int, answer: FamilyAnswer) -> None: ...

    def report_claimed(self, key: str) -> bool:
        """Whether the report `key` was claimed already (a cheap look before the work of making it)."""
        ...

    def claim_report(self, key: str, now: datetime) -> bool:
        """Claim sending the report `key`; True exactly once across processes and restarts."""
        ...
