"""card shares and their legal basis: the basis asked with a request, one row per time the card was shared

Shares made before this revision (experts aboard with card access, cases put on a consult) are recorded
with no basis: they show as "grondslag niet vastgelegd", never with a guessed one.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Just the columns the backfill reads, as they are at this revision (not the current models).
involvement = sa.table(
    "involvement",
    sa.column("case_id", sa.Integer),
    sa.column("expert_id", sa.String),
    sa.column("organisation_kind", sa.String),
    sa.column("help_request_id", sa.Integer),
    sa.column("started_at", storage.types.UTCDateTime),
    sa.column("card_access", sa.Boolean),
)
help_request = sa.table("help_request", sa.column("id", sa.Integer), sa.column("asked_by", sa.String))
cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("lead_id", sa.String))
agenda_item = sa.table(
    "agenda_item",
    sa.column("id", sa.Integer),
    sa.column("consult_id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("status", sa.String),
    sa.column("registered_by", sa.String),
    sa.column("registered_at", storage.types.UTCDateTime),
)
SHARE_COLUMNS = [
    "case_id", "target", "expert_id", "organisation_kind", "consult_id", "help_request_id", "agenda_item_id",
    "basis", "basis_note", "shared_by", "shared_at", "carried",
]  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("share_basis", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("share_basis_note", sa.Text(), server_default="", nullable=False))
    share = op.create_table(
        "card_share",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=10), nullable=False),
        sa.Column("expert_id", sa.String(length=64), nullable=True),
        sa.Column("organisation_kind", sa.String(length=16), nullable=True),
        sa.Column("consult_id", sa.Integer(), nullable=True),
        sa.Column("help_request_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("basis", sa.String(length=20), nullable=True),
        sa.Column("basis_note", sa.Text(), server_default="", nullable=False),
        sa.Column("shared_by", sa.String(length=64), nullable=False),
        sa.Column("shared_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("carried", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_card_share_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_share")),
    )
    with op.batch_alter_table("card_share", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_share_case_id"), ["case_id"], unique=False)
    assert share is not None
    # Earlier shares, without a basis: experts who joined with the card, cases put on a consult.
    experts = (
        sa.select(
            involvement.c.case_id,
            sa.literal("expert"),
            involvement.c.expert_id,
            involvement.c.organisation_kind,
            sa.null(),
            involvement.c.help_request_id,
            sa.null(),
            sa.null(),
            sa.literal(""),
            sa.func.coalesce(help_request.c.asked_by, cases.c.lead_id),
            involvement.c.started_at,
            sa.false(),
        )
        .select_from(
            involvement.join(cases, cases.c.id == involvement.c.case_id).outerjoin(
                help_request, help_request.c.id == involvement.c.help_request_id
            )
        )
        .where(involvement.c.card_access.is_(sa.true()))
    )
    consults = sa.select(
        agenda_item.c.case_id,
        sa.literal("mdo"),
        sa.null(),
        sa.null(),
        agenda_item.c.consult_id,
        sa.null(),
        agenda_item.c.id,
        sa.null(),
        sa.literal(""),
        agenda_item.c.registered_by,
        agenda_item.c.registered_at,
        agenda_item.c.kind == "vervolg",
    ).where(agenda_item.c.status != "afgemeld")  # withdrawn before the consult: never shared
    for source in (experts, consults):
        op.execute(share.insert().from_select(SHARE_COLUMNS, source))


def downgrade() -> None:
    with op.batch_alter_table("card_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_share_case_id"))
    op.drop_table("card_share")
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.drop_column("share_basis_note")
        batch_op.drop_column("share_basis")
