"""close the loop: escalations coordinators act on, head starts, forwarding, check-ins

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Adds columns with server defaults (existing requests and offers read as before) and two new tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_wide", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("head_start", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("forwarded_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("attempt", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("escalated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("post_key", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("repost_due_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reposted_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["help_request.id"], name=op.f("fk_escalation_request_id_help_request")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation")),
    )
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalation_repost_due_at"), ["repost_due_at"], unique=False)
    op.create_table(
        "involvement_checkin",
        sa.Column("involvement_id", sa.Integer(), nullable=False),
        sa.Column("due_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("asked_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("times_asked", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvement.id"],
            name=op.f("fk_involvement_checkin_involvement_id_involvement"),
        ),
        sa.PrimaryKeyConstraint("involvement_id", name=op.f("pk_involvement_checkin")),
    )
    with op.batch_alter_table("involvement_checkin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_involvement_checkin_due_at"), ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("involvement_checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_involvement_checkin_due_at"))
    op.drop_table("involvement_checkin")
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalation_repost_due_at"))
        batch_op.drop_index(batch_op.f("ix_escalation_request_id"))
    op.drop_table("escalation")
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.drop_column("attempt")
        batch_op.drop_column("forwarded_by")
        batch_op.drop_column("assigned_by")
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.drop_column("head_start")
        batch_op.drop_column("region_wide")
