"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

SQLITE_JSON_FROM = 50  # ids; a short list stays a plain IN (...)


def one_of(session: Session, column: Any, values: Sequence[str]) -> ColumnElement[bool]:
    """`column IN values`, as one array parameter on PostgreSQL.

    A list of thousands of ids would otherwise be rendered and sent as thousands of separate parameters,
    which costs more than the query itself; SQLite takes the plain expanding IN well.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        matches: ColumnElement[bool] = column == any_(bindparam(None, list(values), type_=ARRAY(String)))
        return matches
    if dialect == "sqlite" and len(values) > SQLITE_JSON_FROM:
        # One JSON parameter unpacked by SQLite itself: naming and binding hundreds of parameters costs
        # SQLAlchemy more per statement than the query costs SQLite.
        listed = func.json_each(bindparam(None, json.dumps(list(values)), type_=String)).table_valued("value")
        unpacked: ColumnElement[bool] = column.in_(select(listed.c.value))
        return unpacked
    listed_in: ColumnElement[bool] = column.in_(list(values))
    return listed_in


def won(result: Any) -> bool:
    """Whether a conditional update (a claim) changed its one row: this transaction won the claim."""
    assert isinstance(result, CursorResult)
    return result.rowcount == 1
