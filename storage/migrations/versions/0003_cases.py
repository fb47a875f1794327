"""cases, safety cards and involvements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Touches only the tables of the cases feature: cases, case_framework_change, card_version, involvement.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("municipality", sa.String(length=80), nullable=False),
        sa.Column("lead_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("framework", sa.String(length=16), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("measure_since", sa.String(length=7), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("close_reason", sa.String(length=24), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("code", name=op.f("uq_cases_code")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_lead_id"), ["lead_id"], unique=False)

    op.create_table(
        "card_version",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.String(length=64), nullable=False),
        sa.Column("part", sa.String(length=24), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_card_version_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_version")),
        sa.UniqueConstraint("case_id", "number", name="uq_card_version_case_id_number"),
    )
    op.create_table(
        "case_framework_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("framework", sa.String(length=16), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("measure_since", sa.String(length=7), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_framework_change_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_framework_change")),
    )
    with op.batch_alter_table("case_framework_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_framework_change_case_id"), ["case_id"], unique=False)

    op.create_table(
        "involvement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.String(length=64), nullable=False),
        sa.Column("organisation_kind", sa.String(length=16), nullable=False),
        sa.Column("help_request_id", sa.Integer(), nullable=True),
        sa.Column("started_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=24), nullable=True),
        sa.Column("card_access", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_involvement_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_involvement")),
    )
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.create_index("ix_involvement_case_id_expert_id", ["case_id", "expert_id"], unique=False)
        batch_op.create_index("ix_involvement_expert_id_ended_at", ["expert_id", "ended_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.drop_index("ix_involvement_expert_id_ended_at")
        batch_op.drop_index("ix_involvement_case_id_expert_id")
    op.drop_table("involvement")

    with op.batch_alter_table("case_framework_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_framework_change_case_id"))
    op.drop_table("case_framework_change")

    op.drop_table("card_version")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_lead_id"))
    op.drop_table("cases")
