"""Every ordinary setup mistake gets one Dutch message naming the setting or step and the fix; no traceback.

Driven through `bot.cli.main` as the admin would type the commands, and once through the installed `erbij`
console script in a child process, so what the admin runs is what is tested.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.emulator import Emulator
from commands.clock import ManualClock
from storage import schema
from storage.engine import make_engine
from tests.conftest import START
from tests.support import databases

UNREACHABLE_PG = "postgresql://erbij@127.0.0.1:1/erbij"  # port 1: nothing listens, the refusal is immediate
ENGLISH = ("Input should be", "Traceback", "Error:", "error:", "Exception")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("ERBIJ_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv), clock=ManualClock(START))
    captured = capsys.readouterr()
    return code, captured.err


def assert_clear(err: str, *expected: str) -> None:
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"
    for word in ENGLISH:
        assert word not in err, f"{word!r} in {err!r}"


def serve_settings(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    defaults = {
        "ERBIJ_MATTERMOST_URL": "http://127.0.0.1:9",
        "ERBIJ_MATTERMOST_TOKEN": "token-of-the-bot",
        "ERBIJ_MATTERMOST_TEAM": "jeugdregio",
        "ERBIJ_PUBLIC_URL": "http://127.0.0.1:8080",
        "ERBIJ_SECRET": "a-secret-long-enough",
    }
    for name, value in {**defaults, **values}.items():
        monkeypatch.setenv(name, value)


# --- settings ---------------------------------------------------------------------------------------------


def test_a_short_secret_is_named_with_its_fix_and_not_echoed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_settings(monkeypatch, ERBIJ_SECRET="geheimpje")
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, "ERBIJ_SECRET", "te kort (9 tekens)", "minstens 16", "secrets.token_urlsafe")
    assert "geheimpje" not in err


def test_settings_errors_are_dutch_sentences_naming_each_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ERBIJ_PORT", "tachtig")
    monkeypatch.setenv("ERBIJ_MATTERMOST_URL", "chat.voorbeeld.nl")
    monkeypatch.setenv("ERBIJ_TIMEZONE", "Europe/Atlantis")
    monkeypatch.setenv("ERBIJ_TICK_SECONDS", "0")
    monkeypatch.setenv("ERBIJ_MATTERMOST_VERIFY_TLS", "misschien")
    code, err = run(capsys, "outbox", "status")
    assert code == 2
    assert_clear(
        err,
        "ERBIJ_PORT moet een geheel getal zijn (nu: 'tachtig')",
        "ERBIJ_MATTERMOST_URL moet een volledig webadres zijn",
        "ERBIJ_TIMEZONE: de tijdzone Europe/Atlantis bestaat niet",
        "ERBIJ_TICK_SECONDS moet groter dan",
        "ERBIJ_MATTERMOST_VERIFY_TLS moet true of false zijn",
    )
    # One language per message: nothing of pydantic's English survives.
    assert "should" not in err and "valid" not in err.replace("geldig", "")


def test_serve_names_each_missing_setting_with_what_to_fill_in(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(
        err,
        "ERBIJ_MATTERMOST_URL ontbreekt",
        "ERBIJ_MATTERMOST_TOKEN ontbreekt",
        "ERBIJ_MATTERMOST_TEAM ontbreekt",
        "ERBIJ_PUBLIC_URL ontbreekt",
        "ERBIJ_SECRET ontbreekt",
        "Bot-accounts",
    )


# --- database ---------------------------------------------------------------------------------------------


def test_a_command_before_db_upgrade_says_to_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'nieuw.db'}"
    for argv in (
        ["outbox", "status"],
        ["roster", "show"],
        ["consults", "list"],
        ["audit", "WBW-7K3Q-2B"],
    ):
        code, err = run(capsys, *argv, "--database", url)
        assert code == 2, argv
        assert_clear(err, "erbij db upgrade", "leeg (nog niet ingericht)")
        assert "no such table" not in err


def test_an_old_schema_names_both_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'oud.db'}"
    engine = make_engine(url)
    schema.upgrade(engine, "0001")
    engine.dispose()
    code, err = run(capsys, "outbox", "status", "--database", url)
    assert code == 2
    assert_clear(err, "schemaversie 0001", schema.head_revision(), "erbij db upgrade")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("geen-url", ["--database is geen geldige database-URL", "sqlite:///erbij.db"]),
        ("mysql://erbij@localhost/erbij", ["niet ondersteunt", "PostgreSQL"]),
        ("sqlite:////bestaat/niet/erbij.db", ["databasebestand niet openen", "map bestaat"]),
    ],
)
def test_a_bad_database_option_names_the_option_and_the_fix(
    url: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["db", "upgrade"], ["outbox", "status"]):
        code, err = run(capsys, *argv, "--database", url)
        assert code == 2
        assert_clear(err, *expected)


def test_an_unknown_schema_version_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'erbij.db'}"
    for argv in (["db", "upgrade", "xyz"], ["db", "downgrade", "xyz"]):
        code, err = run(capsys, *argv, "--database", url)
        assert code == 2
        assert_clear(err, "Schemaversie xyz bestaat niet", "erbij db upgrade", schema.head_revision())
    code, err = run(capsys, "db", "downgrade", "--database", url)
    assert code == 2
    assert_clear(err, "erbij db downgrade base")


def test_the_demo_refuses_a_bad_database_option_before_it_starts(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "demo", "--database", "geen-url")
    assert code == 2
    assert_clear(err, "--database is geen geldige database-URL")


def test_a_bad_database_setting_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ERBIJ_DATABASE_URL", "geen-url")
    code, err = run(capsys, "roster", "show")
    assert code == 2
    assert_clear(err, "ERBIJ_DATABASE_URL is geen geldige database-URL")


def test_an_unreachable_postgresql_is_named_for_db_upgrade_commands_and_serve(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "db", "upgrade", "--database", UNREACHABLE_PG)
    assert code == 2
    assert_clear(err, "niet bereikbaar", "127.0.0.1:1", "PostgreSQL draait", "--database")
    serve_settings(monkeypatch, ERBIJ_DATABASE_URL=UNREACHABLE_PG.replace("erbij@", "erbij:wachtwoord@"))
    for argv in (["serve"], ["outbox", "status"]):
        code, err = run(capsys, *argv)
        assert code == 2
        assert_clear(err, "niet bereikbaar", "ERBIJ_DATABASE_URL")
        assert "wachtwoord" not in err  # the password is never shown


@pytest.mark.postgres_only
def test_a_postgresql_database_that_does_not_exist_says_how_to_create_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = databases.POSTGRES_URL.rsplit("/", 1)[0] + "/erbij_bestaat_niet"
    code, err = run(capsys, "db", "upgrade", "--database", missing)
    assert code == 2
    assert_clear(err, "De database erbij_bestaat_niet bestaat niet", "createdb erbij_bestaat_niet")
    serve_settings(monkeypatch, ERBIJ_DATABASE_URL=missing)
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, "createdb erbij_bestaat_niet", "ERBIJ_DATABASE_URL")


# --- Mattermost -------------------------------------------------------------------------------------------


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(team_name="jeugdregio") as emulator:
        yield emulator


def test_serve_with_a_wrong_team_names_the_team_setting(
    emulator: Emulator, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, token = emulator.create_bot("erbij")
    serve_settings(
        monkeypatch,
        ERBIJ_DATABASE_URL=database_url,
        ERBIJ_MATTERMOST_URL=emulator.url,
        ERBIJ_MATTERMOST_TOKEN=token,
        ERBIJ_MATTERMOST_TEAM="jeugdregoi",
    )
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, "geen team jeugdregoi", "ERBIJ_MATTERMOST_TEAM", "bot-account aan dat team toe")


def test_serve_with_the_bot_outside_the_team_says_to_add_it(
    emulator: Emulator, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bot, token = emulator.create_bot("erbij")
    emulator.remove_from_team(bot)
    serve_settings(
        monkeypatch,
        ERBIJ_DATABASE_URL=database_url,
        ERBIJ_MATTERMOST_URL=emulator.url,
        ERBIJ_MATTERMOST_TOKEN=token,
    )
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, "ERBIJ_MATTERMOST_TEAM", "voeg het bot-account aan dat team toe")


def test_serve_with_a_revoked_token_names_the_token_setting(
    emulator: Emulator, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator.create_bot("erbij")
    serve_settings(
        monkeypatch,
        ERBIJ_DATABASE_URL=database_url,
        ERBIJ_MATTERMOST_URL=emulator.url,
        ERBIJ_MATTERMOST_TOKEN="ingetrokken-token",
    )
    code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, "weigert het token", "ERBIJ_MATTERMOST_TOKEN", "Bot-accounts")


def test_serve_on_a_port_in_use_names_the_port_setting(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serve_settings(monkeypatch, ERBIJ_DATABASE_URL=database_url, ERBIJ_PORT=str(port))
        code, err = run(capsys, "serve")
    assert code == 2
    assert_clear(err, f"127.0.0.1:{port}", "ERBIJ_PORT", "Erbij al gestart")


# --- the installed console script -------------------------------------------------------------------------


def installed_erbij() -> str:
    script = Path(sys.executable).with_name("erbij")
    assert script.exists(), f"the `erbij` console script is not installed next to {sys.executable}"
    return str(script)


def test_the_installed_erbij_script_prints_the_message_not_a_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ERBIJ_")}
    env["ERBIJ_SECRET"] = "kort"
    url = f"sqlite:///{tmp_path / 'nieuw.db'}"
    done = subprocess.run(
        [installed_erbij(), "outbox", "status"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert_clear(done.stderr, "ERBIJ_SECRET is te kort (4 tekens)")
    del env["ERBIJ_SECRET"]
    done = subprocess.run(
        [installed_erbij(), "outbox", "status", "--database", url],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert_clear(done.stderr, "erbij db upgrade")


def test_version_is_the_installed_one(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"erbij {version('erbij')}"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "erbij: dit ontbreekt: command"),
        (["db"], "erbij db: dit ontbreekt: action"),
        (["db", "opwaarderen"], "erbij db: 'opwaarderen' kan niet bij action; kies uit 'upgrade'"),
        (["consults", "plan", "--weeks", "veel"], "--weeks moet een getal zijn, niet 'veel'"),
        (["outbox", "status", "--database"], "na --database hoort een waarde"),
        (["outbox", "status", "--snel"], "erbij: dit ken ik niet: --snel"),
        (["serveer"], "'serveer' kan niet bij command"),
    ],
)
def test_command_line_typos_are_told_in_dutch(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert_clear(err, expected, "--help` toont wat kan")
    assert "error:" not in err and "invalid" not in err and "required" not in err


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["db", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: erbij db")
    assert "opties:" in out and "toon deze hulp" in out
    assert "usage" not in out and "show this help" not in out
