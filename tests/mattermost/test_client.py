"""The REST adapter against a fake Mattermost: request shapes, caching, and error mapping."""

from __future__ import annotations

import socket

import pytest

from bot.mattermost import (
    MattermostAdapter,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TransientError,
)
from commands.ports import ChatUser
from tests.mattermost.conftest import FakeTime
from tests.mattermost.fake_mattermost import BOT_ID, TEAM_ID, TOKEN, FakeMattermost, Fault

SANNE = "sanne000000000000000000000"
PIM = "pim00000000000000000000000"


@pytest.fixture(autouse=True)
def people(fake: FakeMattermost) -> None:
    fake.add_user(SANNE, "sanne", "Sanne", "de Vries")
    fake.add_user(PIM, "pim")
    fake.statuses.update({SANNE: "online", PIM: "dnd"})


def test_me_and_team_are_fetched_once(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    assert adapter.me() == ChatUser(id=BOT_ID, username="erbij")
    assert adapter.me().id == BOT_ID
    assert adapter.team_id() == TEAM_ID == adapter.team_id()
    assert fake.count("GET", "/users/me") == 1
    assert fake.count("GET", "/teams/name/jeugdregio") == 1


def test_dm_channel_is_created_with_the_bot_and_cached(
    adapter: MattermostAdapter, fake: FakeMattermost
) -> None:
    channel = adapter.dm_channel_id(SANNE)
    assert channel == adapter.dm_channel_id(SANNE)
    assert fake.count("POST", "/channels/direct") == 1


def test_channel_by_name_and_not_found(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.channels["coordinatoren"] = "chan00000000000000000000000"
    assert adapter.channel_id_by_name("coordinatoren") == "chan00000000000000000000000"
    with pytest.raises(NotFound) as caught:
        adapter.channel_id_by_name("bestaat-niet")
    assert caught.value.status == 404
    assert caught.value.error_id == "app.channel.get_by_name.missing.app_error"


def test_create_and_update_post(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    props = {"attachments": [{"text": "Verzoek", "actions": [{"id": "accept", "name": "Ik pak het op"}]}]}
    post_id = adapter.create_post(
        "chan1", "Nieuw verzoek", props=props, pending_post_id="outbox-7", root_id=""
    )
    sent = fake.posts[post_id]
    assert sent["channel_id"] == "chan1"
    assert sent["message"] == "Nieuw verzoek"
    assert sent["props"] == props
    assert sent["pending_post_id"] == "outbox-7"
    assert sent["root_id"] == ""
    adapter.update_post(post_id, "Opgepakt door Sanne", {})
    assert fake.posts[post_id]["message"] == "Opgepakt door Sanne"
    assert fake.posts[post_id]["props"] == {}


def test_upload_file_then_post_it(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    file_id = adapter.upload_file("chan1", "monitor.png", b"\x89PNG...", "image/png")
    assert fake.files[file_id] == ("chan1", b"\x89PNG...", "monitor.png", "image/png")
    post_id = adapter.create_post("chan1", "Monitor", file_ids=[file_id])
    assert fake.posts[post_id]["file_ids"] == [file_id]


def test_open_dialog(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    dialog = {"callback_id": "erbij", "title": "Erbij halen", "elements": []}
    adapter.open_dialog("trigger-1", "http://127.0.0.1:9/mattermost/dialog", dialog)
    assert fake.dialogs == [
        {"trigger_id": "trigger-1", "url": "http://127.0.0.1:9/mattermost/dialog", "dialog": dialog}
    ]


def test_directory_lookups(adapter: MattermostAdapter) -> None:
    by_name = adapter.users_by_usernames(["@Sanne", "pim", "onbekend"])
    assert set(by_name) == {"sanne", "pim"}
    assert by_name["sanne"].display_name == "Sanne de Vries"
    assert set(adapter.users_by_ids([SANNE, "unknown"])) == {SANNE}
    assert adapter.users_by_usernames([]) == {} == adapter.users_by_ids([])


def test_statuses_are_cached_for_the_ttl(
    adapter: MattermostAdapter, fake: FakeMattermost, fake_time: FakeTime
) -> None:
    assert adapter.statuses([SANNE, PIM]) == {SANNE: "online", PIM: "dnd"}
    fake.statuses[SANNE] = "away"
    fake_time.now += 59
    assert adapter.statuses([SANNE]) == {SANNE: "online"}
    assert fake.count("POST", "/users/status/ids") == 1
    fake_time.now += 1
    assert adapter.statuses([SANNE]) == {SANNE: "away"}
    assert fake.count("POST", "/users/status/ids") == 2


def test_users_by_id_are_cached_for_the_ttl(
    adapter: MattermostAdapter, fake: FakeMattermost, fake_time: FakeTime
) -> None:
    assert set(adapter.users_by_ids([SANNE])) == {SANNE}
    fake_time.now += 299
    assert set(adapter.users_by_ids([SANNE, PIM])) == {SANNE, PIM}  # only Pim is asked for
    assert fake.count("POST", "/users/ids") == 2
    assert set(adapter.users_by_ids([PIM, SANNE])) == {SANNE, PIM}
    assert fake.count("POST", "/users/ids") == 2
    fake_time.now += 1  # Sanne's lookup has expired, Pim's has not
    assert set(adapter.users_by_ids([SANNE, PIM])) == {SANNE, PIM}
    assert fake.count("POST", "/users/ids") == 3
    assert set(adapter.users_by_ids(["unknown"])) == set()  # an unknown id is remembered as unknown
    assert set(adapter.users_by_ids(["unknown", PIM])) == {PIM}
    assert fake.count("POST", "/users/ids") == 4


def test_ping(adapter: MattermostAdapter) -> None:
    assert adapter.ping() is True


def test_a_write_answered_429_raises(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.faults.append(Fault("POST", "/posts", "429", times=1, retry_after="7"))
    with pytest.raises(RateLimited) as caught:
        adapter.create_post("chan1", "hallo")
    assert caught.value.retry_after == 7.0
    assert fake.count("POST", "/posts") == 1  # the outbox worker retries, not the adapter


def test_reads_retry_429_honouring_retry_after(
    adapter: MattermostAdapter, fake: FakeMattermost, fake_time: FakeTime
) -> None:
    fake.faults.append(Fault("GET", "/users/me", "429", times=2, retry_after="2"))
    assert adapter.me().id == BOT_ID
    assert fake_time.sleeps == [2.0, 2.0]
    assert fake.count("GET", "/users/me") == 3


def test_reads_give_up_after_three_tries(
    adapter: MattermostAdapter, fake: FakeMattermost, fake_time: FakeTime
) -> None:
    fake.faults.append(Fault("POST", "/users/ids", "429", times=5, retry_after="1"))
    with pytest.raises(RateLimited):
        adapter.users_by_ids([SANNE])
    assert fake.count("POST", "/users/ids") == 3
    assert fake_time.sleeps == [1.0, 1.0]


def test_reads_never_sleep_more_than_ten_seconds(
    adapter: MattermostAdapter, fake: FakeMattermost, fake_time: FakeTime
) -> None:
    fake.faults.append(Fault("GET", "/teams/name/jeugdregio", "429", times=3, retry_after="6"))
    with pytest.raises(RateLimited) as caught:
        adapter.team_id()
    assert caught.value.retry_after == 6.0
    assert fake_time.sleeps == [6.0]


def test_5xx_is_transient(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.faults.append(Fault("PUT", "/posts/p1", "5xx"))
    with pytest.raises(TransientError):
        adapter.update_post("p1", "x", {})


def test_403_is_permission_denied(adapter: MattermostAdapter, fake: FakeMattermost) -> None:
    fake.faults.append(Fault("POST", "/posts", "403"))
    with pytest.raises(PermissionDenied) as caught:
        adapter.create_post("chan1", "hallo")
    assert isinstance(caught.value, PermanentError)
    assert (caught.value.status, caught.value.error_id) == (403, "api.context.permissions.app_error")


def test_a_wrong_token_is_permanent(fake_url: str) -> None:
    adapter = MattermostAdapter(url=fake_url, token="wrong", team_name="jeugdregio")
    with pytest.raises(PermanentError) as caught:
        adapter.me()
    assert caught.value.status == 401


def test_connection_refused_is_transient() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = MattermostAdapter(url=f"http://127.0.0.1:{port}", token=TOKEN, team_name="jeugdregio")
    with pytest.raises(TransientError):
        adapter.create_post("chan1", "hallo")
    assert adapter.ping() is False
