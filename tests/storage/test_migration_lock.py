"""Two `erbij db upgrade` at once on one PostgreSQL database: both succeed, the schema is built once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storage import schema
from storage.engine import make_engine


@pytest.mark.postgres_only
def test_two_upgrades_at_once_take_turns(empty_database_url: str) -> None:
    env = {**os.environ, "ERBIJ_DATABASE_URL": empty_database_url}
    command = [sys.executable, "-m", "bot.cli", "db", "upgrade"]
    # Two processes, as an admin running the command twice (or two containers starting) would.
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = []
    for process in processes:
        try:
            _, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        outcomes.append((process.returncode, err))
    assert [code for code, _ in outcomes] == [0, 0], [err[-3000:] for _, err in outcomes]
    assert all("Traceback" not in err for _, err in outcomes), outcomes
    engine = make_engine(empty_database_url)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
        schema.check(engine)
    finally:
        engine.dispose()
