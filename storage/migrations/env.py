"""Alembic environment: run against the connection handed in by `storage.schema` (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from storage.engine import make_engine
from storage.models import Base
from storage.registry import import_all_models

import_all_models()
config = context.config
target_metadata = Base.metadata


def run_migrations(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
        compare_type=True,
        version_table_schema=None,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
    engine.dispose()
