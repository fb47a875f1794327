"""Test databases: a migrated SQLite file copied per test, or one PostgreSQL schema truncated per test."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import psycopg

KIND = os.environ.get("ERBIJ_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"


def create_schema(prefix: str = "erbij_t") -> str:
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return name


def drop_schema(name: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def truncate_all(schema: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s "
                "AND tablename NOT IN ('alembic_version', 'roster_revision')",
                (schema,),
            )
        ]
        if tables:
            names = ", ".join(f'"{schema}"."{t}"' for t in tables)
            conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        # Rows the migrations seed stay, reset to their initial state.
        conn.execute(f'UPDATE "{schema}".roster_revision SET revision = 0')
