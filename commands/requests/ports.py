"""The repository of help requests and offers; storage implements it. Claims are conditional updates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from commands.requests.model import ExpertLoad, HelpRequest, NewHelpRequest, NewOffer, Offer, OfferStatus


class RequestRepository(Protocol):
    def add(self, request: NewHelpRequest) -> HelpRequest: ...

    def get(self, request_id: int) -> HelpRequest | None: ...

    def open_for_lead(self, user_id: str) -> list[HelpRequest]:
        """Open requests on the cases `user_id` leads now (after a handover: the new lead's)."""
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

    def set_status(self, request_id: int, status: str, at: datetime) -> bool:
        """Move an open request to matched/withdrawn/escalated; False if it was no longer open."""
        ...

    def add_offers(self, offers: Iterable[NewOffer]) -> list[Offer]: ...

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
