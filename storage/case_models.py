"""Tables of cases, their framework history, the append-only card versions and the involvements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class CaseRow(Base):
    """A case, keyed by its pseudonymous code; `version` mirrors the latest card version number."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    municipality: Mapped[str] = mapped_column(String(80))
    lead_id: Mapped[str] = mapped_column(String(64))  # indexed with status: a lead's active cases
    status: Mapped[str] = mapped_column(String(16))
    framework: Mapped[str] = mapped_column(String(16))
    measure: Mapped[str] = mapped_column(String(24))
    measure_since: Mapped[str | None] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # the monitor's period scans
    close_reason: Mapped[str | None] = mapped_column(String(24))
    # The family's answer at closing (ja | deels | nee | niet_gevraagd), for the monitor.
    family_experience: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (Index("ix_cases_lead_id_status", "lead_id", "status"),)


class FrameworkChangeRow(Base):
    """The framework (kader) and measure over time: one row per change, never updated."""

    __tablename__ = "case_framework_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(64))
    framework: Mapped[str] = mapped_column(String(16))
    measure: Mapped[str] = mapped_column(String(24))
    measure_since: Mapped[str | None] = mapped_column(String(7))
    note: Mapped[str] = mapped_column(Text)


class CardVersionRow(Base):
    """One append-only version: the whole card as JSON, plus who changed which part and what changed."""

    __tablename__ = "card_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author_id: Mapped[str] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(String(24))
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Where the change came from when not typed on the card ("mdo:12:2026-11-25"); empty for a card edit.
    source: Mapped[str] = mapped_column(String(80), default="", server_default="")

    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_card_version_case_id_number"),)


class InvolvementRow(Base):
    """An expert aboard a case: from joining until checking out (`ended_at`), with the reason."""

    __tablename__ = "involvement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    expert_id: Mapped[str] = mapped_column(String(64))
    organisation_kind: Mapped[str] = mapped_column(String(16))
    help_request_id: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(24))
    card_access: Mapped[bool] = mapped_column(Boolean, default=True)
    # The family's answer at check-out (ja | deels | nee | niet_gevraagd), for the monitor.
    family_experience: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_involvement_case_id_expert_id", "case_id", "expert_id"),
        Index("ix_involvement_expert_id_ended_at", "expert_id", "ended_at"),
    )


class CardShareRow(Base):
    """One time the card was shared (with an expert, or with a consult's participants) and its legal basis.

    `basis` is NULL for a share made before the basis was recorded (migration 0013 keeps those as such);
    `basis_note` is the lead's toelichting, erased with the rest of the typed text after retention."""

    __tablename__ = "card_share"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    target: Mapped[str] = mapped_column(String(10))  # expert | mdo
    expert_id: Mapped[str | None] = mapped_column(String(64))
    organisation_kind: Mapped[str | None] = mapped_column(String(16))
    consult_id: Mapped[int | None] = mapped_column(Integer)
    help_request_id: Mapped[int | None] = mapped_column(Integer)
    agenda_item_id: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str | None] = mapped_column(String(20))
    basis_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    shared_by: Mapped[str] = mapped_column(String(64))
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    carried: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
