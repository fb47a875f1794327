"""consult notulist and attendance: who may record besides the chair, who was there or sent apologies

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consult", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notulist_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_consult_notulist_id"), ["notulist_id"], unique=False)
    op.create_table(
        "consult_attendance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consult_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consult_id"], ["consult.id"], name=op.f("fk_consult_attendance_consult_id_consult")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_attendance")),
        sa.UniqueConstraint("consult_id", "user_id", name="uq_consult_attendance_consult_id_user_id"),
    )


def downgrade() -> None:
    op.drop_table("consult_attendance")
    with op.batch_alter_table("consult", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_notulist_id"))
        batch_op.drop_column("notulist_id")
