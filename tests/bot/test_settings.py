from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings, require_for_serve


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("ERBIJ_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_match_the_contract() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///erbij.db"
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.command_tokens == []


def test_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ERBIJ_MATTERMOST_TEAM=jeugdregio\nERBIJ_PORT=9000\n")
    monkeypatch.setenv("ERBIJ_COMMAND_TOKENS", "abc, def;ghi")
    settings = load_settings()
    assert settings.mattermost_team == "jeugdregio"
    assert settings.port == 9000
    assert settings.command_tokens == ["abc", "def", "ghi"]


def test_invalid_values_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERBIJ_PORT", "tachtig")
    monkeypatch.setenv("ERBIJ_TIMEZONE", "Europe/Atlantis")
    with pytest.raises(SettingsError) as err:
        load_settings()
    text = "\n".join(err.value.problems)
    assert "ERBIJ_PORT" in text
    assert "ERBIJ_TIMEZONE" in text


def test_serve_requires_connection_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERBIJ_MATTERMOST_URL", "https://chat.example.nl")
    with pytest.raises(SettingsError) as err:
        require_for_serve(load_settings())
    named = {problem.split(" ")[0] for problem in err.value.problems}
    assert named == {"ERBIJ_MATTERMOST_TOKEN", "ERBIJ_MATTERMOST_TEAM", "ERBIJ_PUBLIC_URL", "ERBIJ_SECRET"}


def test_a_short_secret_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERBIJ_SECRET", "x" * 15)
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert [p.split(" ")[0] for p in err.value.problems] == ["ERBIJ_SECRET"]
    monkeypatch.setenv("ERBIJ_SECRET", "x" * 16)
    assert load_settings().secret is not None
