"""monitor: the family's answer at check-out and closing, monthly report claims, period indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

`family_experience` on involvement and cases holds the family's answer (ja | deels | nee | niet_gevraagd)
recorded by the lead.
`monitor_report` has one row per monthly report sent: inserting it is the claim that makes the report go out
once. The indexes keep the period queries of the monitor range scans.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.create_index("ix_help_request_created_at", ["created_at"], unique=False)
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family_experience", sa.String(length=16), nullable=True))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family_experience", sa.String(length=16), nullable=True))
        batch_op.create_index("ix_cases_closed_at", ["closed_at"], unique=False)
    op.create_table(
        "monitor_report",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_monitor_report")),
    )


def downgrade() -> None:
    op.drop_table("monitor_report")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_closed_at")
        batch_op.drop_column("family_experience")
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.drop_column("family_experience")
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.drop_index("ix_help_request_created_at")
