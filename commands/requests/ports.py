"""The repository of help requests and offers; storage implements it. Claims are conditional updates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from commands.requests.model import (
    DueCheckin,
    Escalation,
    EscalationStatus,
    ExpertLoad,
    HelpRequest,
    NewHelpRequest,
    NewOffer,
    Offer,
    OfferStatus,
    Widening,
)


class RequestRepository(Protocol):
    def add(self, request: NewHelpRequest) -> HelpRequest: ...

    def get(self, request_id: int) -> HelpRequest | None: ...

    def open_for_lead(self, user_id: str) -> list[HelpRequest]:
        """Open requests on the cases `user_id` leads now (after a handover: the new lead's)."""
        ...

    def running_for_lead(self, user_id: str) -> list[HelpRequest]:
        """Open and escalated requests on the cases `user_id` leads now: everything not yet settled."""
        ...

    def open_on_closed_cases(self, limit: int) -> list[HelpRequest]:
        """Open requests whose case has been closed meanwhile (to be withdrawn)."""
        ...

    def lock(self, request_id: int) -> None:
        """Lock the request row for this transaction, before touching its offers (one lock order)."""
        ...

    def for_case(self, case_id: int) -> list[HelpRequest]: ...

    def due_rounds(self, now: datetime, limit: int) -> list[HelpRequest]:
        """Open requests whose round is due (deadline passed or first round waiting), oldest first."""
        ...

    def claim_round(self, request_id: int, expected_round: int, next_due: datetime | None) -> bool:
        """Advance the request to round `expected_round + 1`; False if another process already did."""
        ...

    def set_round_due(self, request_id: int, due: datetime | None) -> None: ...

    def claim_slot(self, request_id: int) -> int | None:
        """Count one more accepted expert if the request is open and not yet full: the new count, or None.

        The count comes from the update itself, never from an earlier read: two accepts of a duo that
        queue on the same row must see 1 and 2, not 1 and 1.
        """
        ...

    def set_status(self, request_id: int, status: str, at: datetime, expected: str = "open") -> bool:
        """Move a request from `expected` (open) to matched/withdrawn/escalated; False if it was not."""
        ...

    def reopen(self, request_id: int, widening: Widening | None = None) -> bool:
        """An escalated request is open again (assigned or widened by a coordinator); False if it was not."""
        ...

    def mark_head_start(self, request_id: int) -> None: ...

    def add_offers(self, offers: Iterable[NewOffer]) -> list[Offer]: ...

    def offer_again(self, offer: NewOffer) -> Offer:
        """Offer to an expert by hand (assigned, forwarded): a new offer, or her earlier one re-opened."""
        ...

    def pending_for_expert(self, expert_id: str) -> list[Offer]: ...

    def offer(self, offer_id: int) -> Offer | None: ...

    def offers_for(self, request_id: int) -> list[Offer]: ...

    def answer_offer(
        self, offer_id: int, expert_id: str, status: OfferStatus, at: datetime, reason: str = ""
    ) -> bool:
        """Settle a pending offer of this expert; False if it was not pending (double or late click)."""
        ...

    def close_pending_offers(self, request_id: int, status: OfferStatus, at: datetime) -> list[Offer]:
        """Settle every still-pending offer of the request; returns the ones that changed."""
        ...

    def loads(self, expert_ids: Iterable[str] | None = None) -> dict[str, ExpertLoad]:
        """Active involvements and last time asked, per expert (`None`: every expert)."""
        ...

    # --- escalations -----------------------------------------------------------------------------------
    def add_escalation(self, request_id: int, at: datetime, repost_due_at: datetime | None) -> Escalation: ...

    def escalation(self, escalation_id: int) -> Escalation | None: ...

    def escalations_for(self, request_id: int) -> list[Escalation]: ...

    def claim_escalation(self, escalation_id: int, user_id: str, at: datetime) -> bool:
        """Take an open, unclaimed escalation; False if another coordinator was first (conditional)."""
        ...

    def close_escalation(
        self, escalation_id: int, status: EscalationStatus, by: str | None, at: datetime
    ) -> bool: ...

    def next_escalation_version(self, escalation_id: int) -> int: ...

    def due_reposts(self, now: datetime, limit: int) -> list[Escalation]: ...

    def claim_repost(self, escalation_id: int, now: datetime, post_key: str) -> bool:
        """Re-post an unclaimed escalation once; False if done already or someone claimed it meanwhile."""
        ...

    # --- check-ins -------------------------------------------------------------------------------------
    def schedule_checkin(self, involvement_id: int, due: datetime | None) -> None: ...

    def due_checkins(self, now: datetime, limit: int) -> list[DueCheckin]: ...

    def claim_checkin(
        self, involvement_id: int, expected_due: datetime, next_due: datetime | None, now: datetime
    ) -> bool:
        """Move a due check-in on (to `next_due`, or NULL to stop); False if another process did."""
        ...
