"""requests: help requests and the offers they send to experts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "help_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("asked_by", sa.String(length=64), nullable=False),
        sa.Column("expertise", sa.String(length=60), nullable=False),
        sa.Column("organisation_kinds", sa.String(length=40), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("urgency", sa.String(length=30), nullable=False),
        sa.Column("experts_wanted", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("share_card", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("round_due_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("matched_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_help_request_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_request")),
    )
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_request_asked_by"), ["asked_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_help_request_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_help_request_status_round_due_at", ["status", "round_due_at"], unique=False)

    op.create_table(
        "offer",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("offered_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["help_request.id"], name=op.f("fk_offer_request_id_help_request")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer")),
        sa.UniqueConstraint("request_id", "expert_id", name=op.f("uq_offer_request_id")),
    )
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.create_index("ix_offer_expert_id_offered_at", ["expert_id", "offered_at"], unique=False)

    op.create_table(
        "expert_activity",
        sa.Column("expert_id", sa.String(length=64), nullable=False),
        sa.Column("last_asked_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("expert_id", name=op.f("pk_expert_activity")),
    )


def downgrade() -> None:
    op.drop_table("expert_activity")
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.drop_index("ix_offer_expert_id_offered_at")

    op.drop_table("offer")
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.drop_index("ix_help_request_status_round_due_at")
        batch_op.drop_index(batch_op.f("ix_help_request_case_id"))
        batch_op.drop_index(batch_op.f("ix_help_request_asked_by"))

    op.drop_table("help_request")
