"""The adapter and listener against the project's Mattermost emulator: real HTTP and websocket on loopback."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

import pytest

from bot.emulator import Emulator, User
from bot.mattermost import MattermostAdapter, NotFound, PermissionDenied, RateLimited, WebsocketListener
from commands.registry import SlashCommandSpec

URL = "http://127.0.0.1:8080/mattermost/command"
SPECS = [
    SlashCommandSpec("erbij", "Haal een expert erbij", "[status|help]", "Erbij"),
    SlashCommandSpec("beschikbaar", "Beschikbaarheid", "[pauze|hervat]", "Beschikbaar"),
]


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(team_name="jeugdregio") as emulator:
        yield emulator


@pytest.fixture
def bot(emu: Emulator) -> tuple[User, str]:
    return emu.create_bot("erbij")


@pytest.fixture
def adapter(emu: Emulator, bot: tuple[User, str]) -> MattermostAdapter:
    sleeps: list[float] = []
    return MattermostAdapter(url=emu.url, token=bot[1], team_name="jeugdregio", sleep=sleeps.append)


def test_ensure_commands_is_idempotent(emu: Emulator, adapter: MattermostAdapter) -> None:
    first = adapter.ensure_commands(SPECS, URL, [])
    assert first.created == ["erbij", "beschikbaar"]
    assert sorted(first.tokens) == sorted(command["token"] for command in emu.commands())

    second = adapter.ensure_commands(SPECS, URL, [])
    assert (second.created, second.updated, second.unchanged) == ([], [], ["erbij", "beschikbaar"])
    assert sorted(second.tokens) == sorted(first.tokens)
    assert len(emu.commands()) == 2

    changed = [SlashCommandSpec("erbij", "Vraag een expert", "[status|help]", "Erbij"), SPECS[1]]
    third = adapter.ensure_commands(changed, URL, [])
    assert third.updated == ["erbij"]
    erbij = next(command for command in emu.commands() if command["trigger"] == "erbij")
    assert erbij["description"] == "Vraag een expert"
    assert (erbij["method"], erbij["url"]) == ("P", URL)
    assert len(emu.commands()) == 2


def test_ensure_commands_without_permission(
    emu: Emulator, bot: tuple[User, str], adapter: MattermostAdapter
) -> None:
    emu.set_can_manage_commands(bot[0], False)
    result = adapter.ensure_commands(SPECS, URL, ["from-admin"])
    assert result.permission_denied
    assert result.tokens == ["from-admin"]
    assert emu.commands() == []


def test_dm_post_then_update_it(emu: Emulator, bot: tuple[User, str], adapter: MattermostAdapter) -> None:
    sanne = emu.create_user("sanne", "Sanne", "de Vries")
    assert adapter.me().id == bot[0].id
    channel = adapter.dm_channel_id(sanne.id)
    assert adapter.dm_channel_id(sanne.id) == channel
    props = {"attachments": [{"text": "Verzoek", "actions": []}]}
    post_id = adapter.create_post(channel, "Nieuw verzoek", props=props, pending_post_id="outbox-1")
    again = adapter.create_post(channel, "Nieuw verzoek", props=props, pending_post_id="outbox-1")
    assert again == post_id  # Mattermost de-duplicates a repeated pending_post_id
    (posted,) = emu.dm_posts(sanne)
    assert (posted["id"], posted["message"]) == (post_id, "Nieuw verzoek")

    adapter.update_post(post_id, "Opgepakt", {})
    (updated,) = emu.dm_posts(sanne)
    assert updated["message"] == "Opgepakt"
    assert not updated.get("props", {}).get("attachments")


def test_directory_against_emulator(emu: Emulator, adapter: MattermostAdapter) -> None:
    sanne = emu.create_user("sanne", "Sanne", "de Vries")
    emu.set_status(sanne, "dnd")
    assert adapter.users_by_usernames(["sanne"])["sanne"].id == sanne.id
    assert adapter.users_by_ids([sanne.id])[sanne.id].display_name == "Sanne de Vries"
    assert adapter.statuses([sanne.id]) == {sanne.id: "dnd"}
    assert adapter.ping()


def test_rate_limited_write(emu: Emulator, adapter: MattermostAdapter) -> None:
    sanne = emu.create_user("sanne")
    channel = adapter.dm_channel_id(sanne.id)
    emu.faults.add(method="POST", path="/api/v4/posts", kind="429", times=1, retry_after=3)
    with pytest.raises(RateLimited) as caught:
        adapter.create_post(channel, "hallo")
    assert caught.value.retry_after == 3.0
    assert emu.dm_posts(sanne) == []


def test_delete_post_maps_403_and_404(
    emu: Emulator, bot: tuple[User, str], adapter: MattermostAdapter
) -> None:
    sanne = emu.create_user("sanne")
    overleg = emu.create_channel("overleg", private=True, members=[bot[0], sanne])
    post = emu.post(sanne, overleg, "per ongeluk")
    with pytest.raises(PermissionDenied):
        adapter.delete_post(post["id"])
    emu.make_channel_admin(overleg, bot[0])
    adapter.delete_post(post["id"])
    assert emu.posts_in(overleg)[0]["delete_at"] > 0
    with pytest.raises(NotFound):
        adapter.delete_post(post["id"])


def test_listener_receives_a_post(emu: Emulator, bot: tuple[User, str]) -> None:
    sanne = emu.create_user("sanne")
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    listener = WebsocketListener(emu.url, bot[1], events.put)
    listener.start()
    try:
        assert listener.connected.wait(10)
        emu.post(sanne, emu.direct_channel(bot[0], sanne), "hoi erbij")
        while (event := events.get(timeout=10))["event"] != "posted":
            pass
    finally:
        listener.stop()
    assert event["data"]["post_obj"]["message"] == "hoi erbij"
    assert event["data"]["post_obj"]["user_id"] == sanne.id


def test_rest_calls_from_one_thread_reuse_one_connection(
    emu: Emulator, adapter: MattermostAdapter, bot: tuple[User, str]
) -> None:
    people = [emu.create_user(f"persoon{n}") for n in range(3)]
    for person in people:  # a card read looks up names each time: no new TCP connection per call
        assert set(adapter.users_by_ids([person.id])) == {person.id}
    adapter.me()
    session = adapter._rest._driver.client._session()  # the pool is what is under test
    manager = session.get_adapter(emu.url).poolmanager
    pools = [manager.pools[key] for key in manager.pools.keys()]  # noqa: SIM118 - a RecentlyUsedContainer
    assert [(p.num_connections, p.num_requests) for p in pools] == [(1, 4)]
