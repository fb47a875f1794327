"""Exit 0 if PostgreSQL answers at the URL given, 1 otherwise (used by scripts/test.sh)."""

from __future__ import annotations

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as err:
        print(f"PostgreSQL probe failed: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
