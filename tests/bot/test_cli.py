"""The CLI's start-up refusals: one clear message, exit status 2, no stack trace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli import main
from storage import schema
from storage.engine import make_engine


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("ERBIJ_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_serve_names_missing_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    for name in ("ERBIJ_MATTERMOST_URL", "ERBIJ_MATTERMOST_TOKEN", "ERBIJ_SECRET", "ERBIJ_PUBLIC_URL"):
        assert name in err
    assert "Traceback" not in err


def test_serve_refuses_an_older_schema(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    schema.upgrade(engine, "0001")
    engine.dispose()
    monkeypatch.setenv("ERBIJ_DATABASE_URL", url)
    monkeypatch.setenv("ERBIJ_MATTERMOST_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("ERBIJ_MATTERMOST_TOKEN", "x")
    monkeypatch.setenv("ERBIJ_MATTERMOST_TEAM", "jeugdregio")
    monkeypatch.setenv("ERBIJ_PUBLIC_URL", "http://127.0.0.1:8080")
    monkeypatch.setenv("ERBIJ_SECRET", "a-secret-long-enough")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "erbij db upgrade" in err
    assert "0001" in err


def test_db_upgrade_and_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["db", "current", "--database", url]) == 1
    assert main(["db", "upgrade", "--database", url]) == 0
    assert main(["db", "current", "--database", url]) == 0
    assert main(["db", "check", "--database", url]) == 0
    out = capsys.readouterr().out
    assert schema.head_revision() in out


def test_outbox_cli_on_an_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'o.db'}"
    assert main(["db", "upgrade", "--database", url]) == 0
    assert main(["outbox", "status", "--database", url]) == 0
    assert main(["outbox", "failed", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "wachtend: 0" in out
    assert "Geen mislukte berichten." in out
