"""roster revision stamp and tick index: every professional row carries the roster revision of its last
change; open requests are found in id order by an index

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

A process's cached roster catches up by loading only the people changed since its revision (an indexed
range), instead of the whole region after every pause or absence. Existing rows get 0: older than any cache.
The idle tick's "open requests on closed cases" reads open requests in id order through
ix_help_request_status_id instead of scanning every past request.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.add_column(sa.Column("roster_revision", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index("ix_professional_roster_revision", ["roster_revision"], unique=False)
    op.create_index("ix_help_request_status_id", "help_request", ["status", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_help_request_status_id", table_name="help_request")
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_index("ix_professional_roster_revision")
        batch_op.drop_column("roster_revision")
