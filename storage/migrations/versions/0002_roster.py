"""roster: organisations, professionals, absences

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Touches only the roster's tables. Roles, expertise and municipalities are child tables (a person has
several of each); absences carry their source (`rooster` or `chat`) so an import replaces only its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _child(name: str, column: sa.Column[str]) -> None:
    """A (user_id, value) table belonging to a professional."""
    op.create_table(
        name,
        sa.Column("user_id", sa.String(length=64), nullable=False),
        column,
        sa.ForeignKeyConstraint(
            ["user_id"], ["professional.user_id"], name=op.f(f"fk_{name}_user_id_professional")
        ),
        sa.PrimaryKeyConstraint("user_id", column.name, name=op.f(f"pk_{name}")),
    )


def upgrade() -> None:
    op.create_table(
        "expertise_area",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_expertise_area")),
    )
    op.create_table(
        "organisation",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_organisation")),
    )
    op.create_table(
        "professional",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("organisation_key", sa.String(length=40), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("capacity_in_roster", sa.Integer(), nullable=True),
        sa.Column("working_days", sa.String(length=7), nullable=False),
        sa.Column("work_start", sa.Time(), nullable=False),
        sa.Column("work_end", sa.Time(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("deactivated_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_key"],
            ["organisation.key"],
            name=op.f("fk_professional_organisation_key_organisation"),
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_professional")),
    )
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_professional_organisation_key"), ["organisation_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_professional_username"), ["username"], unique=False)

    _child("professional_role", sa.Column("role", sa.String(length=20), nullable=False))
    _child("professional_expertise", sa.Column("expertise", sa.String(length=40), nullable=False))
    with op.batch_alter_table("professional_expertise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_professional_expertise_expertise"), ["expertise"], unique=False)
    _child("professional_municipality", sa.Column("municipality", sa.String(length=200), nullable=False))

    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["professional.user_id"], name=op.f("fk_absence_user_id_professional")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index("ix_absence_user_id_last_day", ["user_id", "last_day"], unique=False)

    revision = op.create_table(
        "roster_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_revision")),
    )
    op.bulk_insert(revision, [{"id": 1, "revision": 0}])


def downgrade() -> None:
    op.drop_table("roster_revision")
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index("ix_absence_user_id_last_day")
    op.drop_table("absence")
    op.drop_table("professional_municipality")
    with op.batch_alter_table("professional_expertise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_professional_expertise_expertise"))
    op.drop_table("professional_expertise")
    op.drop_table("professional_role")
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_professional_username"))
        batch_op.drop_index(batch_op.f("ix_professional_organisation_key"))
    op.drop_table("professional")
    op.drop_table("organisation")
    op.drop_table("expertise_area")
