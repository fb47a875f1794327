"""The emulator acting as Mattermost towards a bot: slash commands, response URLs, clicks and dialogs."""

from __future__ import annotations

import httpx
import pytest
from mattermostdriver import Driver
from starlette.responses import JSONResponse, PlainTextResponse, Response

from bot.emulator import Emulator, User

from .botapp import BotApp, Received, Responder
from .conftest import TickingClock

REQUIRED_FIELDS = {
    "token", "team_id", "team_domain", "channel_id", "channel_name", "user_id", "user_name", "command",
    "text", "trigger_id", "response_url", "root_id",
}  # fmt: skip


def _register(driver: Driver, emu: Emulator, botapp: BotApp, method: str = "P") -> dict[str, str]:
    options = {"team_id": emu.team.id, "trigger": "erbij", "method": method, "url": botapp.url("/command")}
    created: dict[str, str] = driver.commands.create_command(options)
    return created


def _answer(response: Response) -> Responder:
    async def respond(received: Received) -> Response:
        return response

    return respond


def test_slash_sends_mattermost_form_and_headers(
    emu: Emulator, driver: Driver, botapp: BotApp, bot: tuple[User, str]
) -> None:
    command = _register(driver, emu, botapp)
    sanne = emu.create_user("sanne.vt")
    jeroen = emu.create_user("jeroen.st")
    coord = emu.create_channel("erbij-coordinatie", members=[sanne])
    botapp.responder = _answer(JSONResponse({"response_type": "ephemeral", "text": "Hallo Sanne"}))
    result = emu.slash(sanne, "/Erbij help @jeroen.st ~erbij-coordinatie", channel=coord)
    assert result.ok and result.status == 200 and result.ephemeral_text == "Hallo Sanne"
    (received,) = botapp.received
    assert received.method == "POST" and received.path == "/command"
    assert received.headers["content-type"] == "application/x-www-form-urlencoded"
    assert received.headers["authorization"] == f"Token {command['token']}"
    assert received.headers["accept"] == "application/json"
    form = received.form
    mention_fields = {"user_mentions", "user_mentions_ids", "channel_mentions", "channel_mentions_ids"}
    assert set(form) == REQUIRED_FIELDS | mention_fields
    assert form["token"] == [command["token"]] and form["team_id"] == [emu.team.id]
    assert form["team_domain"] == ["jeugdregio"] and form["command"] == ["/erbij"]
    assert form["text"] == ["help @jeroen.st ~erbij-coordinatie"] and form["root_id"] == [""]
    assert form["channel_id"] == [coord.id] and form["channel_name"] == ["erbij-coordinatie"]
    assert form["user_id"] == [sanne.id] and form["user_name"] == ["sanne.vt"]
    assert form["user_mentions"] == ["jeroen.st"] and form["user_mentions_ids"] == [jeroen.id]
    assert form["channel_mentions_ids"] == [coord.id]
    assert form["response_url"][0].startswith(f"{emu.url}/hooks/commands/") and form["trigger_id"][0]
    assert [e["text"] for e in emu.ephemerals(sanne)] == ["Hallo Sanne"]


@pytest.mark.parametrize("status", [201, 204, 302, 400, 500])
def test_slash_non_200_is_a_failure(emu: Emulator, driver: Driver, botapp: BotApp, status: int) -> None:
    _register(driver, emu, botapp)
    sanne = emu.create_user("sanne.vt")
    botapp.responder = _answer(JSONResponse({"text": "genegeerd"}, status_code=status))
    result = emu.slash(sanne, "/erbij")
    assert not result.ok and result.error == "api.command.execute_command.failed_resp.app_error"
    assert emu.ephemerals(sanne) == [] and emu.integration_errors


def test_slash_response_bodies(emu: Emulator, driver: Driver, botapp: BotApp, bot: tuple[User, str]) -> None:
    _register(driver, emu, botapp, method="G")
    sanne = emu.create_user("sanne.vt")
    botapp.responder = _answer(PlainTextResponse('{"text": "geen json"}'))
    assert emu.slash(sanne, "/erbij a").ephemeral_text == '{"text": "geen json"}'
    assert botapp.received[0].method == "GET" and botapp.received[0].form["text"] == ["a"]
    botapp.responder = _answer(Response(b"", media_type="text/plain"))
    assert emu.slash(sanne, "/erbij b").ephemerals == []
    body = b'{"response_type": "in_channel", "text": "Voor iedereen"}'
    botapp.responder = _answer(Response(body, media_type="application/json; charset=utf-8"))
    result = emu.slash(sanne, "/erbij c")
    assert result.ephemeral_text is None and result.body == {
        "response_type": "in_channel",
        "text": "Voor iedereen",
    }
    (post,) = emu.posts_in(emu.town_square)
    assert post["user_id"] == sanne.id and post["props"] == {"from_webhook": "true"}
    botapp.responder = _answer(Response(b"{broken", media_type="application/json"))
    assert emu.slash(sanne, "/erbij d").error == "api.command.execute_command.failed.app_error"
    assert emu.slash(sanne, "/onbekend").error == "api.command.execute_command.not_found.app_error"


def test_response_url_five_uses_then_400_and_expiry(
    emu: Emulator, driver: Driver, botapp: BotApp, fake_clock: TickingClock
) -> None:
    _register(driver, emu, botapp)
    sanne = emu.create_user("sanne.vt")
    botapp.responder = _answer(PlainTextResponse(""))
    emu.slash(sanne, "/erbij")
    url = botapp.received[-1].form["response_url"][0]
    for i in range(5):
        reply = emu.response_url_post(url, {"text": f"stap {i}"})
        assert (reply.status_code, reply.text, reply.headers["content-type"].split(";")[0]) == (
            200,
            "ok",
            "text/plain",
        )
    assert emu.response_url_post(url, "nog een").status_code == 400
    assert [e["text"] for e in emu.ephemerals(sanne)] == [f"stap {i}" for i in range(5)]
    emu.slash(sanne, "/erbij")
    fresh = botapp.received[-1].form["response_url"][0]
    assert emu.response_url_post(fresh, {"response_type": "in_channel", "text": "klaar"}).status_code == 200
    assert emu.posts_in(emu.town_square)[-1]["user_id"] == sanne.id
    fake_clock.advance(minutes=30, seconds=1)
    assert emu.response_url_post(fresh, {"text": "te laat"}).status_code == 404


def test_dialog_open_expiry_and_submission(
    emu: Emulator, driver: Driver, botapp: BotApp, fake_clock: TickingClock
) -> None:
    _register(driver, emu, botapp)
    sanne = emu.create_user("sanne.vt")
    emu.slash(sanne, "/erbij")
    trigger_id = botapp.received[-1].form["trigger_id"][0]
    dialog = {
        "callback_id": "verzoek",
        "title": "Erbij halen",
        "state": "signed-state",
        "notify_on_cancel": True,
        "elements": [
            {"display_name": "Casuscode", "name": "code", "type": "text"},
            {"display_name": "Spoed", "name": "spoed", "type": "bool", "default": "false"},
            {"display_name": "Vraag", "name": "vraag", "type": "textarea", "optional": True},
        ],
    }
    body = {"trigger_id": trigger_id, "url": botapp.url("/dialog"), "dialog": dialog}
    no_url = httpx.post(f"{emu.url}/api/v4/actions/dialogs/open", json={**body, "url": ""})
    assert no_url.status_code == 400
    opened = httpx.post(f"{emu.url}/api/v4/actions/dialogs/open", json=body)
    assert opened.status_code == 200 and opened.json() == {"status": "OK"}
    assert emu.dialogs(sanne)[-1].dialog == dialog and emu.warnings == []
    fake_clock.advance(seconds=31)
    expired = httpx.post(f"{emu.url}/api/v4/actions/dialogs/open", json=body)
    assert (
        expired.status_code == 400 and expired.json()["id"] == "interactive_message.decode_trigger_id.expired"
    )

    botapp.responder = _answer(JSONResponse({"errors": {"code": "Onbekende code"}}))
    assert emu.submit_dialog(sanne, {}).errors == {
        "code": "This field is required."
    }  # the webapp's own check
    result = emu.submit_dialog(sanne, {"code": "K7Q-2"})
    assert result.errors == {"code": "Onbekende code"} and not result.closed
    assert botapp.received[-1].json == {
        "type": "dialog_submission", "callback_id": "verzoek", "state": "signed-state", "user_id": sanne.id,
        "channel_id": emu.town_square.id, "team_id": emu.team.id,
        "submission": {"code": "K7Q-2", "spoed": False}, "cancelled": False,
    }  # fmt: skip
    botapp.responder = _answer(Response(b""))
    assert emu.submit_dialog(sanne, {"code": "K7Q-3"}).closed
    with pytest.raises(LookupError):
        emu.submit_dialog(sanne, {"code": "K7Q-3"})  # nothing is open any more

    reopen = {**body, "trigger_id": _fresh_trigger(emu, botapp, sanne)}
    assert httpx.post(f"{emu.url}/api/v4/actions/dialogs/open", json=reopen).status_code == 200
    botapp.responder = _answer(JSONResponse({}, status_code=500))
    failed = emu.submit_dialog(sanne, {"code": "x"})
    assert failed.error == "api.post.do_action.action_integration.app_error" and not failed.closed
    botapp.responder = _answer(Response(b""))
    assert emu.submit_dialog(sanne, cancelled=True).closed
    assert botapp.received[-1].json["cancelled"] is True and botapp.received[-1].json["submission"] == {}


def _fresh_trigger(emu: Emulator, botapp: BotApp, user: User) -> str:
    emu.slash(user, "/erbij")
    return botapp.received[-1].form["trigger_id"][0]


def test_click_button_and_select(
    emu: Emulator, driver: Driver, botapp: BotApp, bot: tuple[User, str]
) -> None:
    sanne = emu.create_user("sanne.vt")
    dm = driver.channels.create_direct_message_channel([bot[0].id, sanne.id])
    accept = {
        "id": "accept",
        "name": "Ik pak het op",
        "integration": {"url": botapp.url("/action"), "context": {"sig": "s1"}},
    }
    pick = {"id": "when", "name": "Wanneer", "type": "select", "options": [{"text": "Nu", "value": "now"}],
            "integration": {"url": botapp.url("/action"), "context": {"sig": "s2"}}}  # fmt: skip
    props = {"attachments": [{"text": "Verzoek K7Q-2", "actions": [accept, pick]}]}
    post = driver.posts.create_post({"channel_id": dm["id"], "message": "Nieuw verzoek", "props": props})
    update = {"message": "Opgepakt door Sanne", "props": {}}
    botapp.responder = _answer(JSONResponse({"update": update, "ephemeral_text": "Dank je!"}))
    result = emu.click(post, "Ik pak het op", sanne)
    assert result.ok and result.ephemeral_text == "Dank je!"
    sent = botapp.received[-1]
    assert sent.headers["content-type"] == "application/json" and "authorization" not in sent.headers
    assert sent.json == {
        "user_id": sanne.id, "user_name": "sanne.vt", "channel_id": dm["id"], "channel_name": dm["name"],
        "team_id": "", "team_domain": "", "post_id": post["id"], "trigger_id": sent.json["trigger_id"],
        "type": "button", "data_source": "", "context": {"sig": "s1"},
    }  # fmt: skip
    (stored,) = emu.dm_posts(sanne)
    assert stored["message"] == "Opgepakt door Sanne" and "attachments" not in stored["props"]
    assert emu.ephemerals(sanne)[-1]["text"] == "Dank je!"

    post2 = driver.posts.create_post({"channel_id": dm["id"], "message": "Tweede", "props": props})
    botapp.responder = _answer(Response(b""))
    token = emu.create_token(sanne)
    reply = httpx.post(
        f"{emu.url}/api/v4/posts/{post2['id']}/actions/when",
        json={"selected_option": "now", "cookie": ""},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert reply.status_code == 200 and reply.json()["status"] == "OK" and reply.json()["trigger_id"]
    assert botapp.received[-1].json["context"] == {"sig": "s2", "selected_option": "now"}
    assert emu.posts_in(dm["id"])[-1]["message"] == "Tweede"  # empty answer: nothing changes

    botapp.responder = _answer(JSONResponse({}, status_code=403))
    assert emu.click(post2["id"], "accept", sanne).error == "api.post.do_action.action_integration.app_error"
    failed = httpx.post(
        f"{emu.url}/api/v4/posts/{post2['id']}/actions/accept",
        json={},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert failed.status_code == 400


def test_buttons_on_an_ephemeral_message(emu: Emulator, driver: Driver, botapp: BotApp) -> None:
    _register(driver, emu, botapp)
    sanne = emu.create_user("sanne.vt")
    confirm = {"id": "ja", "name": "Ja", "integration": {"url": botapp.url("/action"), "context": {"c": 1}}}
    answer = {"text": "Zeker weten?", "attachments": [{"actions": [confirm]}]}
    botapp.responder = _answer(JSONResponse(answer))
    result = emu.slash(sanne, "/erbij intrekken")
    (shown,) = result.ephemerals
    assert shown["attachments"][0]["actions"][0]["integration"]["context"] == {"c": 1}
    update = {"message": "Ingetrokken", "props": {}}
    botapp.responder = _answer(JSONResponse({"update": update}))
    clicked = emu.click(shown["id"], "Ja", sanne)
    assert clicked.ok and botapp.received[-1].json["post_id"] == shown["id"]
    assert emu.ephemerals(sanne)[-1]["text"] == "Ingetrokken"
    assert emu.posts_in(emu.town_square) == []
