"""Typed models of the roster: organisations, professionals with their roles, expertise, municipalities
and absences, and the region's expertise vocabulary. People are deactivated, never deleted.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class ExpertiseAreaRow(Base):
    __tablename__ = "expertise_area"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)


class OrganisationRow(Base):
    __tablename__ = "organisation"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean)


class ProfessionalRow(Base):
    __tablename__ = "professional"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # Mattermost user id
    username: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation_key: Mapped[str] = mapped_column(ForeignKey("organisation.key"), index=True)
    capacity: Mapped[int] = mapped_column(Integer)
    capacity_in_roster: Mapped[int | None] = mapped_column(Integer)
    working_days: Mapped[str] = mapped_column(String(7))  # weekday digits, Monday = 0: "01234"
    work_start: Mapped[time] = mapped_column(Time)
    work_end: Mapped[time] = mapped_column(Time)
    paused: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The roster revision of this person's last change: a cached roster catches up with just these people.
    roster_revision: Mapped[int] = mapped_column(Integer, server_default="0", index=True)


class ProfessionalRoleRow(Base):
    __tablename__ = "professional_role"

    user_id: Mapped[str] = mapped_column(ForeignKey("professional.user_id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class ProfessionalExpertiseRow(Base):
    __tablename__ = "professional_expertise"

    user_id: Mapped[str] = mapped_column(ForeignKey("professional.user_id"), primary_key=True)
    # No foreign key to expertise_area: a retired tag stays on deactivated people's history.
    # Indexed on its own too: matching asks "who has this expertise?" on every request.
    expertise: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class ProfessionalMunicipalityRow(Base):
    __tablename__ = "professional_municipality"

    user_id: Mapped[str] = mapped_column(ForeignKey("professional.user_id"), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(200), primary_key=True)


class AbsenceRow(Base):
    __tablename__ = "absence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("professional.user_id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)  # private to the professional
    source: Mapped[str] = mapped_column(String(10))  # rooster | chat
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_absence_user_id_last_day", "user_id", "last_day"),)


class RosterRevisionRow(Base):
    """One row counting roster changes: every process can tell cheaply whether its cached roster is stale."""

    __tablename__ = "roster_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
