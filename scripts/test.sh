#!/usr/bin/env bash
# Runs the test suite on SQLite (embedded default), then every test of it that reaches the database again on
# PostgreSQL (the rule is in tests/conftest.py), and reports both. Arguments go to pytest (e.g. a test path).
# The PostgreSQL half runs even when the SQLite half failed (a failure on one database says little about the
# other); the exit status is non-zero when either half failed or ran no tests at all.
# PostgreSQL is expected on 127.0.0.1:5432 (trust auth, database `test`), or at ERBIJ_TEST_POSTGRES_URL.
# Outside CI a missing PostgreSQL is reported clearly and skipped; in CI (CI=true) it is an error.
set -uo pipefail
BIN=${BIN:-.venv/bin}
PG_URL=${ERBIJ_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
export ERBIJ_TEST_POSTGRES_URL=$PG_URL
# Two pytest workers (pytest-xdist) by default: CI has two cores, and most tests wait on loopback HTTP,
# websockets and the database as much as they compute. Tests are isolated per process (a SQLite file per
# test, a PostgreSQL schema per worker), so the split is safe; ERBIJ_TEST_WORKERS=0 runs in one process.
WORKERS=${ERBIJ_TEST_WORKERS:-2}

# pytest: 0 = all passed; 5 = no tests collected, which for a whole suite means something is broken.
verdict() {
  case "$1" in
    0) echo "passed" ;;
    5) echo "FAILED (no tests ran)" ;;
    *) echo "FAILED (pytest exit $1)" ;;
  esac
}

echo "== tests on SQLite =="
ERBIJ_TEST_DATABASE=sqlite "$BIN/pytest" -q -p no:cacheprovider -n "$WORKERS" "$@"
sqlite_rc=$?
sqlite_result=$(verdict "$sqlite_rc")

pg_rc=0
if "$BIN/python" -m tests.support.pg_probe "$PG_URL"; then
  echo "== tests on PostgreSQL =="
  ERBIJ_TEST_DATABASE=postgresql "$BIN/pytest" -q -p no:cacheprovider -n "$WORKERS" "$@"
  pg_rc=$?
  pg_result=$(verdict "$pg_rc")
  if [ "$pg_rc" -eq 5 ] && [ "$#" -gt 0 ]; then
    # Chosen tests of which none reaches the database: nothing for this half. The whole suite must run some.
    pg_rc=0
    pg_result="nothing to run (none of the chosen tests reaches the database)"
  fi
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL, and CI requires the suite to run on it." >&2
  pg_rc=1
  pg_result="FAILED (PostgreSQL not reachable; CI requires it)"
else
  echo "!! PostgreSQL is not reachable at $PG_URL: the PostgreSQL half of the suite did NOT run." >&2
  echo "!! Start it (e.g. pg_ctlcluster 15 main start) or set ERBIJ_TEST_POSTGRES_URL." >&2
  pg_result="NOT RUN (PostgreSQL not reachable)"
fi

echo "== summary =="
echo "SQLite:     $sqlite_result"
echo "PostgreSQL: $pg_result"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
