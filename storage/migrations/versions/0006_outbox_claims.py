"""outbox claims: count every claim of an outbox message

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Touches only outbox_message. Rows that were claimed before this migration count as claimed once, so that
their next claim looks for a post that may already have reached Mattermost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claims", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE outbox_message SET claims = 1 WHERE claimed_by IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("claims")
