"""help_request.first_accepted_at: a request's first pick-up kept on the request

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02

The monitor reads, for each request of the period, when it was first picked up ("ik pak het op"). Looked up
through the request's offers, that was a subquery per request: at a quarter of a region, 32,000 of them and
on PostgreSQL about a fifth of the monitor's time. The accepting transaction now sets it once (an accepted
offer never changes afterwards), and this migration fills it for the requests picked up before. The offers'
covering index of 0015 served only that lookup and goes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ACCEPTED = "opgepakt"  # OfferStatus.ACCEPTED at the time of writing


def upgrade() -> None:
    op.add_column("help_request", sa.Column("first_accepted_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        sa.text(
            "UPDATE help_request SET first_accepted_at = ("
            " SELECT min(offer.answered_at) FROM offer"
            " WHERE offer.request_id = help_request.id AND offer.status = :accepted)"
        ).bindparams(accepted=ACCEPTED)
    )
    op.drop_index("ix_offer_request_id_status_answered_at", table_name="offer")


def downgrade() -> None:
    op.create_index(
        "ix_offer_request_id_status_answered_at",
        "offer",
        ["request_id", "status", "answered_at"],
        unique=False,
    )
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of help_request would have to drop the
    # table that offers, involvements and escalations point at, which foreign keys refuse once there is data.
    op.drop_column("help_request", "first_accepted_at")
