"""outbox claims: count every claim of an outbox message

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Touches only outbox_message. Rows that were claimed before this migration count as claimed once, so that
their next claim looks for a post that may already have reached Mattermost. The downgrade keeps the column
(and its counts), so a downgrade and upgrade lose nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("outbox_message")}
    if "claims" not in columns:
        with op.batch_alter_table("outbox_message", schema=None) as batch_op:
            batch_op.add_column(sa.Column("claims", sa.Integer(), server_default="0", nullable=False))
    # Also after a downgrade, when 0005's code may have claimed rows without counting.
    op.execute("UPDATE outbox_message SET claims = 1 WHERE claimed_by IS NOT NULL AND claims = 0")


def downgrade() -> None:
    # The counter stays: dropping it would make a row that may already be in Mattermost look never-claimed
    # after the next upgrade, and the worker would post it again. 0005's code ignores the column (it has a
    # server default); 0001's downgrade drops the whole table.
    pass
