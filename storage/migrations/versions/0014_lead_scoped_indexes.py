"""lead-scoped indexes: a lead's active cases and the running requests on her cases by index alone

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

`/erbij status` asks for a lead's active cases and for the open or escalated requests on her cases. With
indexes on `cases.lead_id` and `help_request.case_id` alone, both read a row for every case she ever led
(and every request on it): at 100,000 cases 20-35 ms each, growing with history the answer does not show.
`cases (lead_id, status)` finds the active ones directly; `help_request (case_id, status)` answers "any
running request on this case?" from the index. Each replaces the index on its first column.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_lead_id_status", "cases", ["lead_id", "status"], unique=False)
    op.drop_index("ix_cases_lead_id", table_name="cases")
    op.create_index("ix_help_request_case_id_status", "help_request", ["case_id", "status"], unique=False)
    op.drop_index("ix_help_request_case_id", table_name="help_request")


def downgrade() -> None:
    op.create_index("ix_help_request_case_id", "help_request", ["case_id"], unique=False)
    op.drop_index("ix_help_request_case_id_status", table_name="help_request")
    op.create_index("ix_cases_lead_id", "cases", ["lead_id"], unique=False)
    op.drop_index("ix_cases_lead_id_status", table_name="cases")
