"""Slash-command registration: idempotent, updates drift, learns tokens, explains a missing permission."""

from __future__ import annotations

import logging

import pytest

from bot.mattermost import MattermostAdapter
from commands.registry import SlashCommandSpec
from tests.mattermost.fake_mattermost import FakeMattermost, Fault

URL = "http://127.0.0.1:8080/mattermost/command"
SPECS = [
    SlashCommandSpec("erbij", "Haal een expert erbij", "[status|intrekken|uitchecken|help]", "Erbij"),
    SlashCommandSpec("kaart", "Veiligheidskaart", "[nieuw|<code>]", "Kaart"),
]


def test_creates_once_and_learns_tokens(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    first = adapter.ensure_commands(SPECS, URL, [])
    assert first.created == ["erbij", "kaart"]
    assert not first.permission_denied
    commands = {command["trigger"]: command for command in fake.commands.values()}
    assert sorted(first.tokens) == sorted(command["token"] for command in commands.values())
    erbij = commands["erbij"]
    assert (erbij["method"], erbij["url"], erbij["auto_complete"]) == ("P", URL, True)
    assert erbij["auto_complete_desc"] == erbij["description"] == "Haal een expert erbij"
    assert erbij["auto_complete_hint"] == "[status|intrekken|uitchecken|help]"
    assert erbij["display_name"] == "Erbij"

    second = adapter.ensure_commands(SPECS, URL, [])
    assert (second.created, second.updated, second.unchanged) == ([], [], ["erbij", "kaart"])
    assert sorted(second.tokens) == sorted(first.tokens)
    assert len(fake.commands) == 2
    assert fake.count("POST", "/commands") == 2
    assert fake.count("PUT", f"/commands/{erbij['id']}") == 0


def test_updates_a_changed_description_and_url(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    adapter.ensure_commands(SPECS, URL, [])
    changed = [SlashCommandSpec("erbij", "Vraag een expert", SPECS[0].hint, "Erbij"), SPECS[1]]
    result = adapter.ensure_commands(changed, URL + "/v2", [])
    assert (result.created, result.updated) == ([], ["erbij", "kaart"])
    erbij = next(command for command in fake.commands.values() if command["trigger"] == "erbij")
    assert erbij["description"] == erbij["auto_complete_desc"] == "Vraag een expert"
    assert erbij["url"] == URL + "/v2"
    assert erbij["token"] in result.tokens
    assert len(fake.commands) == 2


def test_configured_tokens_are_kept(adapter: MattermostAdapter) -> None:
    result = adapter.ensure_commands(SPECS[:1], URL, ["admin-made-token"])
    assert result.tokens[0] == "admin-made-token"
    assert len(result.tokens) == 2


def test_hidden_tokens_are_read_from_the_command_or_regenerated(
    adapter: MattermostAdapter, fake: FakeMattermost
) -> None:
    adapter.ensure_commands(SPECS[:1], URL, [])
    fake.hide_command_tokens = True
    (command,) = fake.commands.values()
    result = adapter.ensure_commands(SPECS[:1], URL, [])
    assert result.tokens == [command["token"]]  # regenerated: the only way to learn a valid one
    assert fake.count("GET", f"/commands/{command['id']}") == 1
    assert fake.count("PUT", f"/commands/{command['id']}/regen_token") == 1


def test_without_permission_returns_configured_tokens_and_logs_one_instruction(
    adapter: MattermostAdapter, fake: FakeMattermost, caplog: pytest.LogCaptureFixture
) -> None:
    fake.can_manage_commands = False
    with caplog.at_level(logging.INFO, logger="bot.mattermost"):
        result = adapter.ensure_commands(SPECS, URL, ["t1", "t2"])
    assert result.permission_denied
    assert result.tokens == ["t1", "t2"]
    assert result.created == result.updated == []
    ours = [record for record in caplog.records if record.name.startswith("bot.mattermost")]
    assert len(ours) == 1
    instruction = ours[0].getMessage()
    assert ours[0].levelno == logging.WARNING
    for needle in ("/erbij", "/kaart", URL, "POST", "ERBIJ_COMMAND_TOKENS"):
        assert needle in instruction
    assert fake.count("POST", "/commands") == 0


def test_permission_lost_while_creating(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.faults.append(Fault("POST", "/commands", "403"))
    result = adapter.ensure_commands(SPECS, URL, ["t1"])
    assert result.permission_denied
    assert result.tokens == ["t1"]


def test_a_trigger_owned_by_someone_else_is_reported(
    adapter: MattermostAdapter, fake: FakeMattermost, caplog: pytest.LogCaptureFixture
) -> None:
    fake.foreign_triggers.add("kaart")
    result = adapter.ensure_commands(SPECS, URL, ["admin-kaart-token"])
    assert result.created == ["erbij"]
    assert result.foreign == ["kaart"]
    assert "admin-kaart-token" in result.tokens
    assert "/kaart" in caplog.text


def test_listing_is_retried_on_429(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.faults.append(Fault("GET", "/commands", "429", times=1, retry_after="1"))
    assert adapter.ensure_commands(SPECS, URL, []).created == ["erbij", "kaart"]
