"""The REST API through the real mattermostdriver client: shapes, status codes and Mattermost's rules."""

from __future__ import annotations

import httpx
import pytest
import requests
from mattermostdriver import Driver
from mattermostdriver.exceptions import (
    FeatureDisabled,
    InvalidOrMissingParameters,
    NoAccessTokenProvided,
    NotEnoughPermissions,
    ResourceNotFound,
)

from bot.emulator import Emulator, User

from .conftest import TickingClock


def test_users_me_and_lookups(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    me = driver.users.get_user("me")
    assert me["id"] == bot[0].id and me["username"] == "erbij" and me["is_bot"] is True
    assert len(me["id"]) == 26 and me["id"].isalnum() and me["id"].islower()
    sanne = emu.create_user("sanne.vt", first_name="Sanne", last_name="de Vries")
    assert driver.users.get_user_by_username("sanne.vt")["last_name"] == "de Vries"
    assert [u["id"] for u in driver.users.get_users_by_ids([sanne.id, "x" * 26])] == [sanne.id]
    assert [u["username"] for u in driver.users.get_users_by_usernames(["sanne.vt"])] == ["sanne.vt"]
    emu.set_status(sanne, "ooo")
    assert driver.status.get_user_status(sanne.id)["status"] == "ooo"
    statuses = driver.status.get_user_statuses_by_id([sanne.id])
    assert statuses == [driver.status.get_user_status(sanne.id)]
    team = driver.teams.get_team_by_name("jeugdregio")
    assert team["id"] == emu.team.id and driver.teams.get_team(team["id"])["name"] == "jeugdregio"
    assert driver.client.get("/system/ping")["status"] == "OK"


def test_json_content_type_is_exact(emu: Emulator, bot: tuple[User, str]) -> None:
    response = httpx.get(f"{emu.url}/api/v4/users/me", headers={"Authorization": f"Bearer {bot[1]}"})
    assert response.headers["content-type"] == "application/json"


def test_bad_or_missing_token_is_401_app_error(emu: Emulator, bot: tuple[User, str]) -> None:
    bad = Driver(emu.driver_options("not-a-token"))
    with pytest.raises(NoAccessTokenProvided):
        bad.login()
    response = httpx.get(f"{emu.url}/api/v4/users/me")
    assert response.status_code == 401
    body = response.json()
    assert set(body) >= {"id", "message", "request_id", "status_code", "is_oauth"}
    assert body["status_code"] == 401 and body["id"] == "api.context.session_expired.app_error"


def test_direct_channel_is_idempotent(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    sanne = emu.create_user("sanne.vt")
    first = driver.channels.create_direct_message_channel([bot[0].id, sanne.id])
    again = driver.channels.create_direct_message_channel([sanne.id, bot[0].id])
    assert first["id"] == again["id"] and first["type"] == "D" and first["team_id"] == ""
    assert first["name"] == "__".join(sorted([bot[0].id, sanne.id]))
    with pytest.raises(InvalidOrMissingParameters):
        driver.channels.create_direct_message_channel([sanne.id, emu.create_user("jeroen.st").id])


def test_post_dedupes_pending_post_id_for_30_seconds(
    emu: Emulator, driver: Driver, bot: tuple[User, str], fake_clock: TickingClock
) -> None:
    sanne = emu.create_user("sanne.vt")
    dm = driver.channels.create_direct_message_channel([bot[0].id, sanne.id])
    body = {"channel_id": dm["id"], "message": "Hallo", "pending_post_id": "outbox:1"}
    first = driver.posts.create_post(body)
    second = driver.posts.create_post(body)
    assert first["id"] == second["id"]
    assert first["props"]["from_bot"] == "true" and first["pending_post_id"] == "outbox:1"
    fake_clock.advance(seconds=31)
    third = driver.posts.create_post(body)
    assert third["id"] != first["id"]
    assert [p["message"] for p in emu.dm_posts(sanne)] == ["Hallo", "Hallo"]


def test_post_rules(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    private = emu.create_channel("geheim", private=True)
    with pytest.raises(NotEnoughPermissions):
        driver.posts.create_post({"channel_id": private.id, "message": "x"})
    with pytest.raises(InvalidOrMissingParameters):
        driver.posts.create_post({"channel_id": emu.town_square.id, "message": "x" * 16384})
    ok = driver.posts.create_post({"channel_id": emu.town_square.id, "message": "é" * 16383})
    assert len(ok["message"]) == 16383


def test_post_attachments_update_and_patch(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    action = {"name": "Ik pak het op", "integration": {"url": "http://127.0.0.1:9/a", "context": {"k": 1}}}
    post = driver.posts.create_post(
        {
            "channel_id": emu.town_square.id,
            "message": "Verzoek",
            "props": {"attachments": [{"actions": [action]}]},
        }
    )
    returned = post["props"]["attachments"][0]["actions"][0]
    assert "integration" not in returned and returned["id"].isalnum()
    stored = emu.posts_in(emu.town_square)[0]["props"]["attachments"][0]["actions"][0]
    assert stored["integration"]["context"] == {"k": 1}
    updated = driver.posts.update_post(post["id"], {"id": post["id"], "message": "Opgepakt", "props": {}})
    assert updated["message"] == "Opgepakt" and updated["edit_at"] > 0
    assert updated["props"] == {}  # PUT replaces props wholesale, server-set ones included
    patched = driver.posts.patch_post(post["id"], {"message": "Opgepakt door Sanne"})
    assert patched["message"] == "Opgepakt door Sanne"
    sanne = emu.create_user("sanne.vt")
    as_sanne = Driver(emu.driver_options(emu.create_token(sanne)))
    as_sanne.login()
    with pytest.raises(NotEnoughPermissions):
        as_sanne.posts.update_post(post["id"], {"id": post["id"], "message": "nee"})
    listing = driver.posts.get_posts_for_channel(emu.town_square.id)
    assert (
        listing["order"] == [post["id"]] and listing["posts"][post["id"]]["message"] == "Opgepakt door Sanne"
    )


def test_delete_post_needs_delete_others_posts(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    """Authors delete their own posts; the bot deletes another's only as channel (or system) admin: 403
    otherwise, as api4 deletePost answers. A root post takes its replies along; a deleted post is 404."""
    overleg = emu.create_channel("overleg", private=True, members=[bot[0]])
    sanne = emu.create_user("sanne.vt")
    emu.add_to_channel(overleg, sanne)
    root = emu.post(sanne, overleg, "Eerste vraag")
    reply = emu.post(sanne, overleg, "Aanvulling", root_id=root["id"])
    with pytest.raises(NotEnoughPermissions):
        driver.posts.delete_post(root["id"])
    assert not any(p["delete_at"] for p in emu.posts_in(overleg))
    emu.make_channel_admin(overleg, bot[0])
    (member,) = driver.channels.get_channel_members_by_ids(overleg.id, [bot[0].id])
    assert member["scheme_admin"] is True and "channel_admin" in member["roles"]
    assert driver.posts.delete_post(root["id"]) == {"status": "OK"}
    deleted = {p["id"]: bool(p["delete_at"]) for p in emu.posts_in(overleg)}
    assert deleted == {root["id"]: True, reply["id"]: True}
    assert driver.posts.get_posts_for_channel(overleg.id)["order"] == []
    with pytest.raises(ResourceNotFound):
        driver.posts.delete_post(root["id"])
    emu.make_channel_admin(overleg, bot[0], admin=False)
    own = emu.post(sanne, overleg, "Mijn eigen bericht")
    as_sanne = Driver(emu.driver_options(emu.create_token(sanne)))
    as_sanne.login()
    assert as_sanne.posts.delete_post(own["id"]) == {"status": "OK"}
    boss = emu.create_user("beheer", roles="system_user system_admin")
    emu.add_to_channel(overleg, boss)
    late = emu.post(sanne, overleg, "Nog een")
    as_boss = Driver(emu.driver_options(emu.create_token(boss)))
    as_boss.login()
    assert as_boss.posts.delete_post(late["id"]) == {"status": "OK"}


def test_a_users_channels_in_the_team_include_dms(
    emu: Emulator, driver: Driver, bot: tuple[User, str]
) -> None:
    sanne = emu.create_user("sanne.vt")
    overleg = emu.create_channel("overleg", private=True, members=[bot[0]])
    emu.create_channel("elders", private=True, members=[sanne])
    direct = emu.direct_channel(bot[0], sanne)
    mine = driver.channels.get_channels_for_user("me", emu.team.id)
    assert {c["id"] for c in mine} == {emu.town_square.id, overleg.id, direct.id}
    assert {c["type"] for c in mine} == {"O", "P", "D"}
    with pytest.raises(NotEnoughPermissions):
        driver.channels.get_channels_for_user(sanne.id, emu.team.id)


def test_file_upload_multipart_and_raw(emu: Emulator, driver: Driver) -> None:
    channel_id = emu.town_square.id
    upload = driver.files.upload_file(channel_id, files={"files": ("agenda.txt", b"maandag", "text/plain")})
    info = upload["file_infos"][0]
    assert info["name"] == "agenda.txt" and info["size"] == 7 and upload["client_ids"] == []
    raw = driver.client.make_request(
        "post", "/files", params={"channel_id": channel_id, "filename": "x.png"}, data=b"\x89PNG"
    )
    assert raw.status_code == 201 and raw.json()["file_infos"][0]["mime_type"] == "image/png"
    post = driver.posts.create_post(
        {"channel_id": channel_id, "message": "bijlage", "file_ids": [info["id"]]}
    )
    assert post["file_ids"] == [info["id"]]
    assert driver.files.get_file(info["id"]).content == b"maandag"
    private = emu.create_channel("geheim", private=True)
    with pytest.raises(NotEnoughPermissions):
        driver.files.upload_file(private.id, files={"files": ("a.txt", b"a", "text/plain")})


def test_channels_by_name_members_and_add(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    sanne = emu.create_user("sanne.vt")
    channel = emu.create_channel("erbij-coordinatie", display_name="Erbij coördinatie", members=[bot[0]])
    found = driver.channels.get_channel_by_name(emu.team.id, "erbij-coordinatie")
    assert found["id"] == channel.id and found["display_name"] == "Erbij coördinatie"
    assert driver.channels.get_channel(channel.id)["type"] == "O"
    driver.channels.add_user(channel.id, options={"user_id": sanne.id})
    members = {m["user_id"] for m in driver.channels.get_channel_members(channel.id)}
    assert members == {bot[0].id, sanne.id}
    assert emu.posts_in(channel)[-1]["type"] == "system_add_to_channel"


def test_unmodelled_endpoint_is_501_and_recorded(emu: Emulator, driver: Driver) -> None:
    with pytest.raises(FeatureDisabled):
        driver.client.get("/users/me/teams")
    with pytest.raises(FeatureDisabled):
        driver.client.delete("/channels/abc")
    assert emu.unmodelled == [("GET", "/api/v4/users/me/teams"), ("DELETE", "/api/v4/channels/abc")]


def test_429_shape_and_headers(emu: Emulator, driver: Driver) -> None:
    emu.faults.add(method="POST", path="/api/v4/posts", kind="429", times=1, retry_after=3)
    with pytest.raises(requests.HTTPError) as caught:
        driver.posts.create_post({"channel_id": emu.town_square.id, "message": "x"})
    response = caught.value.response
    assert response.status_code == 429
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() == "limit exceeded"
    assert response.headers["Retry-After"] == "3" and response.headers["X-RateLimit-Reset"] == "3"
    assert response.headers["X-RateLimit-Remaining"] == "0" and "X-RateLimit-Limit" in response.headers
    assert driver.posts.create_post({"channel_id": emu.town_square.id, "message": "x"})["message"] == "x"
    assert emu.posts_in(emu.town_square)[0]["message"] == "x" and len(emu.posts_in(emu.town_square)) == 1
    assert emu.request_count("POST", "/api/v4/posts") == 2


def test_restart_keeps_state_and_port(emu: Emulator, bot: tuple[User, str]) -> None:
    emu.faults.add(method="POST", path="/api/v4/posts", kind="timeout", processed=False)
    emu.faults.hold_seconds = 0.01
    driver = Driver(emu.driver_options(bot[1]))
    driver.login()
    with pytest.raises(requests.HTTPError) as caught:
        driver.posts.create_post({"channel_id": emu.town_square.id, "message": "x"})
    assert caught.value.response.status_code == 504 and emu.posts_in(emu.town_square) == []
    url = emu.url
    emu.stop()
    emu.start()
    assert emu.url == url
    driver = Driver(emu.driver_options(bot[1]))
    assert driver.login()["id"] == bot[0].id
    emu.faults.add(method="POST", path="/api/v4/posts", kind="timeout", processed=False)
    with pytest.raises(requests.HTTPError):
        driver.posts.create_post({"channel_id": emu.town_square.id, "message": "x"})
