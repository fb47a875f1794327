"""Whole numbers typed by people or carried in signed payloads, parsed with explicit bounds.

`str.isdigit` accepts `²` and `١٢`, which `int()` then rejects or reads; and an unbounded number overflows
the database's integer columns. Every number Erbij reads goes through `bounded_int`: ASCII digits only,
inside a range the caller names, else None (the caller explains the expected form in Dutch).
"""

from __future__ import annotations

# The largest value of an INTEGER column on PostgreSQL (and of every id Erbij hands out).
MAX_ID = 2**31 - 1


def bounded_int(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number in [low, high], or None: ASCII digits only, no sign, no separators."""
    if not text or len(text) > len(str(high)) or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def record_id(text: str) -> int | None:
    """A database id as typed or as carried in a signed payload: 1 to MAX_ID, else None."""
    return bounded_int(text, 1, MAX_ID)
