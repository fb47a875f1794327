"""card sources: where a card version came from (a consult's outcome, a check-out)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

`card_version.source` defaults to "" so every existing version reads as an edit on the card itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("card_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=80), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("card_version", schema=None) as batch_op:
        batch_op.drop_column("source")
