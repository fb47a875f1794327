"""Tables of the erbij-halen feature: help requests and the offers they send to experts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class HelpRequestRow(Base):
    __tablename__ = "help_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    asked_by: Mapped[str] = mapped_column(String(64), index=True)
    expertise: Mapped[str] = mapped_column(String(60))
    organisation_kinds: Mapped[str] = mapped_column(String(40))  # comma-separated; empty = any
    form: Mapped[str] = mapped_column(String(40))
    urgency: Mapped[str] = mapped_column(String(30))
    experts_wanted: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    share_card: Mapped[bool] = mapped_column(Boolean)
    # The legal basis for sharing the card (commands.cases.sharing.LegalBasis); NULL for an anonymous consult
    # and for requests made before it was asked. The note is typed text (erased after retention).
    share_basis: Mapped[str | None] = mapped_column(String(20))
    share_basis_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer, default=0)
    round_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # the monitor's period scans
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first "ik pak het op", set once in the accepting transaction (an accepted offer never changes
    # afterwards): the monitor reads it per request instead of looking through the request's offers.
    first_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    region_wide: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    head_start: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # The tick asks "which open requests are due?" and "which open requests are on closed cases?" every few
    # seconds: keep both index range scans, whatever the history (the second in id order, for its LIMIT).
    __table_args__ = (
        Index("ix_help_request_status_round_due_at", "status", "round_due_at"),
        Index("ix_help_request_status_id", "status", "id"),
        # A lead's running requests (`/erbij status`): per case of hers, answered from the index alone.
        Index("ix_help_request_case_id_status", "case_id", "status"),
    )


class OfferRow(Base):
    __tablename__ = "offer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_request.id"))
    expert_id: Mapped[str] = mapped_column(String(64))
    round: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    assigned_by: Mapped[str | None] = mapped_column(String(64))
    forwarded_by: Mapped[str | None] = mapped_column(String(64))
    attempt: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        UniqueConstraint("request_id", "expert_id"),  # one offer per expert per request
        Index("ix_offer_expert_id_offered_at", "expert_id", "offered_at"),
    )


class ExpertActivityRow(Base):
    """When each expert was last asked: kept up to date with every offer so matching reads it per expert,
    instead of aggregating the whole offer history on every request."""

    __tablename__ = "expert_activity"

    expert_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_asked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EscalationRow(Base):
    """A request that reached the coordinators: the post with the buttons, and who is on it."""

    __tablename__ = "escalation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_request.id"))
    escalated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    post_key: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    repost_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reposted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))

    # A request's escalations, and the monitor's "first escalated" per request from the index alone.
    __table_args__ = (Index("ix_escalation_request_id_escalated_at", "request_id", "escalated_at"),)


class CheckinRow(Base):
    """When an expert aboard a case (and its lead) are next asked whether she is still needed.

    One row per involvement; `due_at` is NULL once the involvement has ended. The tick reads only due rows,
    through the index on `due_at`, however many involvements the region has had.
    """

    __tablename__ = "involvement_checkin"

    involvement_id: Mapped[int] = mapped_column(ForeignKey("involvement.id"), primary_key=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    times_asked: Mapped[int] = mapped_column(Integer, default=0)
