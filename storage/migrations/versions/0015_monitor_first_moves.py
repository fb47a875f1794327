"""monitor: a request's first pick-up and first escalation from an index alone

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

The monitor reads, for each request of the period, when it was first picked up ("ik pak het op") and first
escalated. With the offer's (request, expert) and the escalation's (request) indexes, each lookup also reads
every matching row from the table: a quarter of a region is some 60,000 such row reads. `offer (request_id,
status, answered_at)` and `escalation (request_id, escalated_at)` answer both from the index; the second
replaces the index on its first column.
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_offer_request_id_status_answered_at",
        "offer",
        ["request_id", "status", "answered_at"],
        unique=False,
    )
    op.create_index(
        "ix_escalation_request_id_escalated_at", "escalation", ["request_id", "escalated_at"], unique=False
    )
    op.drop_index("ix_escalation_request_id", table_name="escalation")


def downgrade() -> None:
    op.create_index("ix_escalation_request_id", "escalation", ["request_id"], unique=False)
    op.drop_index("ix_escalation_request_id_escalated_at", table_name="escalation")
    op.drop_index("ix_offer_request_id_status_answered_at", table_name="offer")
