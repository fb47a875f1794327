"""consults: consult slots, consults, agenda items, actions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

Touches only the tables of the consult feature: consult_slot, consult, agenda_item, action_item.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consult_slot",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("chairs", sa.JSON(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("max_cases", sa.Integer(), nullable=False),
        sa.Column("minutes_per_case", sa.Integer(), nullable=False),
        sa.Column("deadline_days", sa.Integer(), nullable=False),
        sa.Column("deadline_time", sa.String(length=5), nullable=False),
        sa.Column("agenda_days", sa.Integer(), nullable=False),
        sa.Column("agenda_time", sa.String(length=5), nullable=False),
        sa.Column("holiday_policy", sa.String(length=20), nullable=False),
        sa.Column("video_url", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("planned_until", sa.Date(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_slot")),
        sa.UniqueConstraint("key", name=op.f("uq_consult_slot_key")),
    )
    op.create_table(
        "consult",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("planned_for", sa.Date(), nullable=False),
        sa.Column("starts_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("holiday", sa.String(length=80), nullable=True),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("chair_id", sa.String(length=64), nullable=True),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("minutes_per_case", sa.Integer(), nullable=False),
        sa.Column("deadline_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("agenda_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("agenda_due_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("agenda_sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("agenda_late", sa.Boolean(), nullable=False),
        sa.Column("agenda_revision", sa.Integer(), nullable=False),
        sa.Column("recorded_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("video_url", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["consult_slot.id"], name=op.f("fk_consult_slot_id_consult_slot")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult")),
        sa.UniqueConstraint("slot_id", "planned_for", name="uq_consult_slot_id_planned_for"),
    )
    with op.batch_alter_table("consult", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consult_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_consult_chair_id"), ["chair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consult_agenda_due_at"), ["agenda_due_at"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consult_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_code", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("disciplines", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("registered_by", sa.String(length=64), nullable=False),
        sa.Column("registered_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("previous_item_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("returns", sa.Boolean(), nullable=True),
        sa.Column("discussed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_agenda_item_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["consult_id"], ["consult.id"], name=op.f("fk_agenda_item_consult_id_consult")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_consult_id"), ["consult_id"], unique=False)
        batch_op.create_index("ix_agenda_item_case_id_status", ["case_id", "status"], unique=False)

    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("case_code", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("remind_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_item.id"], name=op.f("fk_action_item_agenda_item_id_agenda_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_item_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_item_remind_at"), ["remind_at"], unique=False)
        batch_op.create_index("ix_action_item_owner_id_done_at", ["owner_id", "done_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index("ix_action_item_owner_id_done_at")
        batch_op.drop_index(batch_op.f("ix_action_item_remind_at"))
        batch_op.drop_index(batch_op.f("ix_action_item_agenda_item_id"))
    op.drop_table("action_item")

    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_item_case_id_status")
        batch_op.drop_index(batch_op.f("ix_agenda_item_consult_id"))
    op.drop_table("agenda_item")

    with op.batch_alter_table("consult", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_agenda_due_at"))
        batch_op.drop_index(batch_op.f("ix_consult_chair_id"))
        batch_op.drop_index(batch_op.f("ix_consult_starts_at"))
    op.drop_table("consult")

    op.drop_table("consult_slot")
