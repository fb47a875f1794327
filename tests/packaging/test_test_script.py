"""scripts/test.sh: both halves always run and both are reported; either failing (or running nothing) fails.

The script is run for real with stand-ins for pytest and the PostgreSQL probe in its BIN directory, so each
outcome of each half can be chosen without running the suite inside the suite.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Stand-ins: pytest exits with the code chosen for the database it is asked to test and notes that it ran;
# python answers the PostgreSQL probe as chosen.
FAKE_PYTEST = """#!/usr/bin/env bash
echo "$ERBIJ_TEST_DATABASE $*" >> "$FAKE_LOG"
if [ "$ERBIJ_TEST_DATABASE" = sqlite ]; then exit "$FAKE_SQLITE_RC"; else exit "$FAKE_PG_RC"; fi
"""
FAKE_PYTHON = """#!/usr/bin/env bash
[ "$1 $2" = "-m tests.support.pg_probe" ] || exit 99
exit "$FAKE_PG_REACHABLE"
"""


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str
    ran: list[str]


def run_script(
    tmp_path: Path,
    *,
    sqlite: int,
    pg: int,
    reachable: bool = True,
    ci: bool = False,
    workers: str | None = None,
    args: tuple[str, ...] = ("-x", "tests/roster"),
) -> Run:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("pytest", FAKE_PYTEST), ("python", FAKE_PYTHON)):
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "ran.log"
    log.touch()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CI"} and not key.startswith("ERBIJ_TEST_")
    }
    env.update(
        BIN=str(bin_dir),
        FAKE_LOG=str(log),
        FAKE_SQLITE_RC=str(sqlite),
        FAKE_PG_RC=str(pg),
        FAKE_PG_REACHABLE="0" if reachable else "1",
    )
    if ci:
        env["CI"] = "true"
    if workers is not None:
        env["ERBIJ_TEST_WORKERS"] = workers
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test.sh"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return Run(done.returncode, done.stdout + done.stderr, log.read_text(encoding="utf-8").splitlines())


def test_both_pass(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=0, pg=0)
    assert run.returncode == 0
    assert run.ran == [
        "sqlite -q -p no:cacheprovider -n 2 -x tests/roster",
        "postgresql -q -p no:cacheprovider -n 2 -x tests/roster",
    ]
    assert "SQLite:     passed" in run.output
    assert "PostgreSQL: passed" in run.output


def test_the_number_of_workers_is_a_setting(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=0, pg=0, workers="0")
    assert run.returncode == 0
    assert [line.split(" -x")[0] for line in run.ran] == [
        "sqlite -q -p no:cacheprovider -n 0",
        "postgresql -q -p no:cacheprovider -n 0",
    ]


def test_postgresql_still_runs_when_sqlite_failed(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=1, pg=0)
    assert run.returncode != 0
    assert [line.split()[0] for line in run.ran] == ["sqlite", "postgresql"]
    assert "SQLite:     FAILED (pytest exit 1)" in run.output
    assert "PostgreSQL: passed" in run.output


def test_a_failure_on_postgresql_alone_fails(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=0, pg=1)
    assert run.returncode != 0
    assert "PostgreSQL: FAILED (pytest exit 1)" in run.output


@pytest.mark.parametrize(
    ("sqlite", "pg", "args", "line"),
    [(5, 0, ("-x", "tests/roster"), "SQLite:     "), (5, 0, (), "SQLite:     "), (0, 5, (), "PostgreSQL: ")],
)
def test_no_tests_collected_is_a_failure(
    tmp_path: Path, sqlite: int, pg: int, args: tuple[str, ...], line: str
) -> None:
    run = run_script(tmp_path, sqlite=sqlite, pg=pg, args=args)
    assert run.returncode != 0
    assert line + "FAILED (no tests ran)" in run.output


def test_chosen_tests_that_use_no_database_leave_nothing_for_postgresql(tmp_path: Path) -> None:
    """The PostgreSQL half runs only tests that reach the database (tests/conftest.py): for a choice of
    tests without any, it has nothing to run, which is no failure. For the whole suite it would be."""
    run = run_script(tmp_path, sqlite=0, pg=5, args=("tests/monitor/test_figures.py",))
    assert run.returncode == 0
    assert "PostgreSQL: nothing to run (none of the chosen tests reaches the database)" in run.output


def test_without_postgresql_outside_ci_it_says_so_and_passes_on_sqlite(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=0, pg=0, reachable=False)
    assert run.returncode == 0
    assert [line.split()[0] for line in run.ran] == ["sqlite"]
    assert "the PostgreSQL half of the suite did NOT run" in run.output
    assert "PostgreSQL: NOT RUN (PostgreSQL not reachable)" in run.output


def test_without_postgresql_in_ci_it_fails(tmp_path: Path) -> None:
    run = run_script(tmp_path, sqlite=0, pg=0, reachable=False, ci=True)
    assert run.returncode != 0
    assert "PostgreSQL: FAILED (PostgreSQL not reachable; CI requires it)" in run.output
