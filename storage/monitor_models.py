"""Tables of the monitor: one row per monthly report sent (its insert is the claim)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class MonitorReportRow(Base):
    __tablename__ = "monitor_report"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # e.g. "maandrapport:2026-11"
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
