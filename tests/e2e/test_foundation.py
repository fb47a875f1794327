"""End to end through the emulator: registration, help, the HTTP edge's refusals, exactly-once delivery."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, inspect, select, table

from bot.demo.world import World
from commands.outbox import FileAttachment, OutgoingMessage, Recipient
from commands.replies import Button, Message
from storage.models import OutboxRow


def _row_counts(engine: Engine) -> dict[str, int]:
    counts = {}
    with engine.connect() as conn:
        for name in inspect(engine).get_table_names():
            if name != "alembic_version":
                counts[name] = conn.execute(select(func.count()).select_from(table(name))).scalar_one()
    return counts


def _command_form(stack: World, user: Any, text: str, token: str) -> dict[str, str]:
    return {
        "token": token,
        "team_id": stack.emulator.team.id,
        "team_domain": "jeugdregio",
        "channel_id": "c",
        "channel_name": "x",
        "user_id": user.id,
        "user_name": user.username,
        "command": "/erbij",
        "text": text,
        "trigger_id": "",
        "response_url": "",
    }


def test_commands_are_registered_once_even_after_restarts(stack: World) -> None:
    triggers = sorted(c["trigger"] for c in stack.emulator.commands())
    assert triggers == ["beschikbaar", "erbij", "kaart", "monitor", "overleg"]
    stack.restart()
    stack.restart()
    assert sorted(c["trigger"] for c in stack.emulator.commands()) == triggers
    for command in stack.emulator.commands():
        assert command["method"] == "P"
        assert command["auto_complete"] is True
        assert command["auto_complete_desc"]
        assert command["url"].endswith("/mattermost/command")


@pytest.mark.parametrize("trigger", ["erbij", "kaart", "overleg", "beschikbaar", "monitor"])
def test_help_of_every_trigger_answers_privately_in_dutch(stack: World, trigger: str) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    answer = stack.slash(user, f"/{trigger} help")
    assert answer.startswith("####")
    assert f"/{trigger}" in answer
    # help is private: nothing was posted in any channel
    assert stack.new_messages() == []


def test_erbij_help_points_to_crisis_lines(stack: World) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    answer = stack.slash(user, "/erbij help")
    assert "112" in answer and "0800-2000" in answer


def test_unknown_subcommand_gets_a_short_dutch_hint(stack: World) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    answer = stack.slash(user, "/overleg opschalen")
    assert "Dat ken ik niet" in answer
    assert "/overleg help" in answer


def test_wrong_token_is_refused_with_401_and_nothing_is_stored(stack: World, engine: Engine) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    before = _row_counts(engine)
    url = f"{stack.server.url}/mattermost/command"  # type: ignore[union-attr]
    for token in ["wrong-token", ""]:
        headers = {"Authorization": f"Token {token}"} if token else {}
        response = httpx.post(url, data=_command_form(stack, user, "help", token), headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/json"
    assert _row_counts(engine) == before


def test_header_and_form_token_must_agree(stack: World) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    real = stack.bot.command_tokens[0]
    url = f"{stack.server.url}/mattermost/command"  # type: ignore[union-attr]
    response = httpx.post(
        url, data=_command_form(stack, user, "help", "forged"), headers={"Authorization": f"Token {real}"}
    )
    assert response.status_code == 401
    ok = httpx.post(
        url, data=_command_form(stack, user, "help", real), headers={"Authorization": f"Token {real}"}
    )
    assert ok.status_code == 200
    assert ok.json()["response_type"] == "ephemeral"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"%%%garbage"),
        ("application/x-www-form-urlencoded", b"token=abc"),  # required fields missing
        ("application/json", b'{"token": "abc"}'),
        ("application/x-www-form-urlencoded", b"\xff\xfe"),
    ],
)
def test_garbage_command_bodies_get_400(stack: World, content_type: str, body: bytes) -> None:
    url = f"{stack.server.url}/mattermost/command"  # type: ignore[union-attr]
    response = httpx.post(url, content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/mattermost/action", "/mattermost/dialog"])
@pytest.mark.parametrize("body", [b"not json", b"[1,2]", b'{"context": {}}', b""])
def test_garbage_json_gets_400(stack: World, path: str, body: bytes) -> None:
    assert stack.server is not None
    response = httpx.post(
        f"{stack.server.url}{path}",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400


def test_forged_and_expired_signatures_get_403(stack: World, engine: Engine) -> None:
    url = f"{stack.server.url}/mattermost"  # type: ignore[union-attr]
    signer = stack.bot.signer
    before = _row_counts(engine)
    valid = signer.sign({"a": "offer.accept", "d": {}}, stack.clock.now() + timedelta(minutes=5))
    forged = valid[:-3] + ("AAA" if not valid.endswith("AAA") else "BBB")
    for token in [forged, "nonsense", None]:
        response = httpx.post(f"{url}/action", json={"user_id": "u", "context": {"t": token}})
        assert response.status_code == 403
    response = httpx.post(f"{url}/dialog", json={"user_id": "u", "state": forged, "submission": {}})
    assert response.status_code == 403
    stack.clock.advance(timedelta(minutes=6))
    response = httpx.post(f"{url}/action", json={"user_id": "u", "context": {"t": valid}})
    assert response.status_code == 403
    assert _row_counts(engine) == before


def _queue(stack: World, users: list[Any], per_user: int) -> list[str]:
    keys = []
    with stack.bot.uow() as tx:
        for user in users:
            for i in range(per_user):
                key = f"test:{user.username}:{i}"
                keys.append(key)
                tx.outbox.add(
                    OutgoingMessage(
                        key,
                        Recipient.user(user.id),
                        Message(f"bericht {i}", buttons=(Button("Ik pak het op", "x.y", {"n": str(i)}),)),
                    ),
                    stack.clock.now(),
                )
        tx.commit()
    return keys


def _deliver_until_done(stack: World, rounds: int = 200) -> None:
    for _ in range(rounds):
        stack.deliver()
        stats = stack.bot.queue.stats(stack.clock.now())
        if stats.pending == 0:
            return
        stack.clock.advance(timedelta(seconds=30))
    raise AssertionError("outbox did not drain")


def test_outbox_delivers_exactly_once_despite_5xx_and_a_429_burst(stack: World) -> None:
    users = [stack.person(f"expert{i}", "Expert", str(i)) for i in range(4)]
    _queue(stack, users, 10)
    stack.emulator.faults.add(method="POST", path="/api/v4/posts", kind="5xx", probability=0.3, seed=7)
    stack.emulator.faults.add(method="POST", path="/api/v4/posts", kind="429", times=5, retry_after=2)
    _deliver_until_done(stack)
    stack.emulator.faults.clear()
    assert stack.bot.queue.stats(stack.clock.now()).failed == 0
    for user in users:
        texts = [p["message"] for p in stack.dms(user)]
        assert sorted(texts) == sorted(f"bericht {i}" for i in range(10)), texts
    with stack.bot.engine.connect() as conn:
        rows = conn.execute(select(OutboxRow.status, OutboxRow.post_id)).all()
    assert {r.status for r in rows} == {"sent"}
    assert all(r.post_id for r in rows)


def test_outbox_survives_a_restart_with_undelivered_rows(stack: World) -> None:
    users = [stack.person(f"lead{i}", "Lead", str(i)) for i in range(2)]
    _queue(stack, users, 3)
    stack.restart()  # nothing was delivered before the "crash"
    _deliver_until_done(stack)
    for user in users:
        assert sorted(p["message"] for p in stack.dms(user)) == [f"bericht {i}" for i in range(3)]


def test_a_post_that_reached_mattermost_before_a_failure_is_not_sent_twice(stack: World) -> None:
    user = stack.person("lead0", "Lead", "0")
    _queue(stack, [user], 1)
    # Mattermost stores the post but the answer is lost: the worker must find it instead of posting again.
    stack.emulator.faults.add(method="POST", path="/api/v4/posts", kind="5xx_after", times=1)
    _deliver_until_done(stack)
    assert [p["message"] for p in stack.dms(user)] == ["bericht 0"]


def test_permanent_failures_are_parked_and_visible_in_health(stack: World) -> None:
    user = stack.person("lead0", "Lead", "0")
    with stack.bot.uow() as tx:
        tx.outbox.add(
            OutgoingMessage("to-nowhere", Recipient.channel("bestaat-niet"), Message("x")), stack.clock.now()
        )
        tx.commit()
    _deliver_until_done(stack)
    stats = stack.bot.queue.stats(stack.clock.now())
    assert stats.failed == 1
    health = httpx.get(f"{stack.server.url}/healthz").json()  # type: ignore[union-attr]
    assert health["outbox"]["failed"] == 1
    assert health["status"] == "degraded"
    assert health["database"] == "ok"
    assert user is not None


def test_healthz_reports_components(stack: World) -> None:
    response = httpx.get(f"{stack.server.url}/healthz")  # type: ignore[union-attr]
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["mattermost"] == "ok"
    assert body["outbox"] == {"pending": 0, "failed": 0, "oldest_pending_seconds": None}
    assert body["status"] == "ok"


def test_without_permission_erbij_uses_configured_tokens(
    stack: World, caplog: pytest.LogCaptureFixture
) -> None:
    existing = {c["trigger"]: c["token"] for c in stack.emulator.commands()}
    stack.emulator.set_can_manage_commands(stack.bot_user, False)
    stack.extra_settings["command_tokens"] = [existing["erbij"]]
    with caplog.at_level("WARNING"):
        stack.restart()
    assert stack.bot.command_tokens == [existing["erbij"]]
    instructions = [r for r in caplog.records if "ERBIJ_COMMAND_TOKENS" in r.getMessage()]
    assert len(instructions) == 1
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    assert stack.slash(user, "/erbij help").startswith("####")


def test_a_post_whose_sender_died_before_recording_it_is_not_sent_again(stack: World) -> None:
    user = stack.person("lead0", "Lead", "0")
    _queue(stack, [user], 1)
    # One process claims and posts, then dies before mark_sent: its lease runs out after Mattermost's
    # 30 s pending_post_id de-duplication has, so only the worker's own look-up can prevent a second post.
    (delivery,) = stack.bot.queue.claim_due(stack.clock.now(), "died", 10, 60)
    stack.bot.worker.sender.deliver(delivery, stack.clock.now())
    stack.clock.advance(timedelta(seconds=61))
    _deliver_until_done(stack)
    assert [p["message"] for p in stack.dms(user)] == ["bericht 0"]


def test_an_update_waits_for_its_original_through_an_outage_and_is_applied(stack: World) -> None:
    user = stack.person("expert0", "Expert", "0")
    offer = Message("Nieuwe vraag", buttons=(Button("Ik pak het op", "offer.accept", {"offer": "1"}),))
    with stack.bot.uow() as tx:
        tx.outbox.add(OutgoingMessage("offer", Recipient.user(user.id), offer), stack.clock.now())
        tx.outbox.add(
            OutgoingMessage(
                "offer-closed", Recipient.user(user.id), Message("Al opgepakt"), replaces="offer"
            ),
            stack.clock.now(),
        )
        tx.commit()
    # Seven failed posts: the original backs off for minutes, far longer than 24 tries of 2 s.
    stack.emulator.faults.add(method="POST", path="/api/v4/posts", kind="5xx", times=7)
    for _ in range(1000):
        stack.deliver()
        if stack.bot.queue.stats(stack.clock.now()).pending == 0:
            break
        stack.clock.advance(timedelta(seconds=2))
    assert stack.bot.queue.stats(stack.clock.now()).failed == 0
    (post,) = stack.dms(user)
    assert post["message"] == "Al opgepakt"
    assert not (post.get("props") or {}).get("attachments")  # the button is gone


def test_delivered_rows_keep_no_message_content(stack: World) -> None:
    user = stack.person("lead0", "Lead", "0")
    with stack.bot.uow() as tx:
        tx.outbox.add(
            OutgoingMessage(
                "export",
                Recipient.user(user.id),
                Message("Je export van de kaart", buttons=(Button("Bekijk", "x.y", {"n": "1"}),)),
                file=FileAttachment("kaart.md", b"# Veiligheidskaart\nvertrouwelijk"),
            ),
            stack.clock.now(),
        )
        tx.commit()
    _deliver_until_done(stack)
    (post,) = stack.dms(user)
    assert post["message"] == "Je export van de kaart" and post["file_ids"]
    with stack.bot.engine.connect() as conn:
        row = conn.execute(select(OutboxRow).where(OutboxRow.key == "export")).one()
    assert (row.status, row.post_id) == ("sent", post["id"])
    assert row.payload == {}
    assert row.file_content is None


def test_a_valid_token_from_another_team_is_refused(stack: World, engine: Engine) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    real = stack.bot.command_tokens[0]
    url = f"{stack.server.url}/mattermost/command"  # type: ignore[union-attr]
    before = _row_counts(engine)
    form = _command_form(stack, user, "help", real)
    form["team_id"] = "anotherteam000000000000000"
    response = httpx.post(url, data=form, headers={"Authorization": f"Token {real}"})
    assert response.status_code == 401
    form["team_id"] = stack.emulator.team.id
    assert httpx.post(url, data=form, headers={"Authorization": f"Token {real}"}).status_code == 200
    assert _row_counts(engine) == before
