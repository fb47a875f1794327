#!/usr/bin/env bash
# Runs the whole test suite twice: on SQLite (embedded default) and on PostgreSQL.
# PostgreSQL is expected on 127.0.0.1:5432 (trust auth, database `test`), or at ERBIJ_TEST_POSTGRES_URL.
# Outside CI a missing PostgreSQL is reported clearly and skipped; in CI (CI=true) it is an error.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PG_URL=${ERBIJ_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
export ERBIJ_TEST_POSTGRES_URL=$PG_URL

echo "== tests on SQLite =="
ERBIJ_TEST_DATABASE=sqlite "$BIN/pytest" -q -p no:cacheprovider "$@"

if "$BIN/python" -m tests.support.pg_probe "$PG_URL"; then
  echo "== tests on PostgreSQL =="
  ERBIJ_TEST_DATABASE=postgresql "$BIN/pytest" -q -p no:cacheprovider "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL, and CI requires the suite to run on it." >&2
  exit 1
else
  echo "!! PostgreSQL is not reachable at $PG_URL: the PostgreSQL half of the suite did NOT run." >&2
  echo "!! Start it (e.g. pg_ctlcluster 15 main start) or set ERBIJ_TEST_POSTGRES_URL." >&2
fi
