"""The channel guard end to end (SQLite and PostgreSQL): people post in the emulator, the bot hears it through
its real websocket listener, deletes through the real mattermostdriver where it may, and the real outbox
worker delivers the DM to the author. Nothing of the post's text is stored anywhere."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bot.demo.world import World
from bot.emulator import Channel, User
from commands.outbox import OutgoingMessage, Recipient
from commands.privacy_channel import AUDIT_ACTION, Action, Guarded, Removal
from commands.replies import Message
from storage.engine import make_engine
from storage.models import AuditRow, Base
from storage.uow import SqlUnitOfWorkFactory

BSN = "111222333"  # passes the elfproef; fictional
LEAK = f"Kind 1 van WBW-K7Q2 heeft BSN {BSN}, wie pakt dit op?"
CONTEXT_WORDS = "wie pakt dit op"  # a phrase of the post that must not be stored either


@pytest.fixture
def guarded(stack: World) -> World:
    """The stack with the bot's websocket listener (and with it the channel guard) running; the stack's
    teardown stops both."""
    listen(stack)
    return stack


def listen(world: World) -> None:
    """Start the bot's listener and wait until it is connected and has caught up once (an empty look back
    at first: nothing was posted yet)."""
    world.bot.start_listening()
    assert world.bot.listener is not None and world.bot.listener.connected.wait(10)
    assert world.bot.channel_guard is not None
    world.bot.channel_guard.wait_caught_up()


def consult_channel(world: World, *people: User) -> Channel:
    return world.emulator.create_channel(
        "mdo-overleg", display_name="MDO overleg", private=True, members=[world.bot_user, *people]
    )


def post_and_wait(
    world: World, user: User, channel: Channel | str, message: str
) -> tuple[dict[str, Any], Guarded]:
    post = world.emulator.post(user, channel, message)
    assert world.bot.channel_guard is not None
    result = world.bot.channel_guard.wait_for(f"kanaalwacht:{post['id']}")
    assert result is not None
    world.deliver()
    return post, result


def guard_events(engine: Engine) -> list[AuditRow]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditRow).where(AuditRow.action == AUDIT_ACTION)))


def stored_text(engine: Engine) -> str:
    """Every row of every table, as text: what the database holds."""
    with engine.connect() as conn:
        return "\n".join(
            repr(row) for table in Base.metadata.sorted_tables for row in conn.execute(table.select())
        )


def test_a_bsn_in_the_consult_channel_is_deleted_and_its_author_told(
    guarded: World, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    post, result = post_and_wait(guarded, sanne, overleg, LEAK)
    assert (result.decision.action, result.removal, result.warned) == (Action.DELETE, Removal.DELETED, True)
    assert guarded.emulator.posts_in(overleg)[0]["delete_at"] > 0
    (dm,) = guarded.dms(sanne)
    assert dm["message"].startswith("Je bericht in ~mdo-overleg bevatte een burgerservicenummer (")
    assert "Ik heb het weggehaald" in dm["message"] and BSN not in dm["message"]
    (event,) = guard_events(engine)
    assert (event.actor_id, event.result, event.case_code) == (sanne.id, "verwijderd", None)
    assert (event.authorisation, event.access_point) == ("kanaalwacht", "websocket")
    assert event.detail == {
        "kanaal": overleg.id,
        "kanaaltype": "P",
        "bericht": post["id"],
        "soorten": "bsn",
        "verwijderen": "verwijderd",
    }
    everything = stored_text(engine)
    assert BSN not in everything and CONTEXT_WORDS not in everything and "WBW-K7Q2" not in everything
    assert "channel guard: bsn in channel" in caplog.text  # the log says what and where, never the text
    assert BSN not in caplog.text and CONTEXT_WORDS not in caplog.text and "WBW-K7Q2" not in caplog.text


def test_without_permission_the_author_is_asked_to_remove_it(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    _, result = post_and_wait(guarded, sanne, overleg, LEAK)
    assert (result.decision.action, result.removal) == (Action.DELETE, Removal.DENIED)
    assert guarded.emulator.posts_in(overleg)[0]["delete_at"] == 0  # the post stays
    (dm,) = guarded.dms(sanne)
    assert dm["message"].startswith("Je bericht in ~mdo-overleg bevat een burgerservicenummer (")
    assert "Haal het weg" in dm["message"] and "weggehaald" not in dm["message"]
    (event,) = guard_events(engine)
    assert (event.result, event.detail["verwijderen"]) == ("gewaarschuwd", "geen_recht")
    # Erbij remembers the refusal: the next post in that channel is not tried again for an hour.
    delete_path = "/api/v4/posts/{post_id}"
    assert guarded.emulator.request_count("DELETE", delete_path) == 1
    _, second = post_and_wait(guarded, sanne, overleg, "Moeder is bereikbaar op 06-12345678.")
    assert (second.decision.action, second.removal) == (Action.WARN, Removal.NOT_TRIED)
    assert guarded.emulator.request_count("DELETE", delete_path) == 1
    # Once the bot is made channel admin, the next try (after the hour) deletes.
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    guarded.clock.advance(timedelta(hours=1))
    third, result = post_and_wait(guarded, sanne, overleg, f"BSN {BSN} nog een keer")
    assert result.removal is Removal.DELETED and guarded.emulator.posts.posts[third["id"]]["delete_at"] > 0
    assert [p["delete_at"] > 0 for p in guarded.emulator.posts_in(overleg)] == [False, False, True]
    assert len(guarded.dms(sanne)) == 3 and BSN not in stored_text(engine)


def test_when_mattermost_fails_to_delete_the_author_is_asked_and_nothing_retries(
    guarded: World, engine: Engine
) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    guarded.emulator.faults.add(method="DELETE", path="/api/v4/posts/{post_id}", kind="5xx", times=1)
    _, result = post_and_wait(guarded, sanne, overleg, LEAK)
    assert result.removal is Removal.FAILED
    assert guarded.emulator.posts_in(overleg)[0]["delete_at"] == 0
    assert "Haal het weg" in guarded.dms(sanne)[0]["message"]
    (event,) = guard_events(engine)
    assert (event.result, event.detail["verwijderen"]) == ("gewaarschuwd", "mislukt")
    # A failure is no refusal: the next post in the channel is deleted.
    _, second = post_and_wait(guarded, sanne, overleg, f"Nogmaals: {BSN}")
    assert second.removal is Removal.DELETED
    assert guarded.emulator.request_count("DELETE", "/api/v4/posts/{post_id}") == 2


def test_professional_posts_pass_without_a_word(guarded: World, engine: Engine) -> None:
    people = guarded.load_roster()  # Sanne de Vries and her colleagues are professionals in the roster
    sanne, ahmed = people["sanne.devries"], people["ahmed.elamrani"]
    overleg = consult_channel(guarded, sanne, ahmed)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    for message in (
        "Ahmed el Amrani neemt WBW-K7Q2 over; Sanne de Vries blijft regiehouder.",
        "Blijf Groep en Moeders Informeren Moeders sluiten aan.",
        "Schooljaar 2024-2025: Kind 1 zit in groep 6.",
        "OTS per 01-01-2025, evaluatie in het MDO van donderdag.",
    ):
        _, result = post_and_wait(guarded, sanne, overleg, message)
        assert result.decision.action is Action.NOTHING, message
    assert not any(p["delete_at"] for p in guarded.emulator.posts_in(overleg))
    assert guarded.dms(sanne) == [] and guard_events(engine) == []


def test_erbijs_own_posts_and_channels_without_erbij_are_left_alone(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    elsewhere = guarded.emulator.create_channel("koffie", private=True, members=[sanne])
    guarded.emulator.post(sanne, elsewhere, LEAK)  # Mattermost never tells the bot about this one
    own = guarded.bot.adapter.create_post(overleg.id, f"Erbij zelf noemt {BSN}")
    assert guarded.bot.channel_guard is not None
    result = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{own}")
    assert result is not None and result.decision.action is Action.NOTHING
    _, last = post_and_wait(guarded, sanne, overleg, "Tot donderdag.")  # events arrive in order
    assert last.decision.action is Action.NOTHING
    assert [p["delete_at"] for p in guarded.emulator.posts_in(elsewhere)] == [0]
    assert not any(p["delete_at"] for p in guarded.emulator.posts_in(overleg))
    assert guarded.dms(sanne) == [] and guard_events(engine) == []


def test_a_dm_to_erbij_with_an_identifier_gets_a_warning(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    direct = guarded.emulator.direct_channel(guarded.bot_user, sanne)
    post, result = post_and_wait(guarded, sanne, direct, f"Mijn cliënt heeft BSN {BSN}")
    assert (result.decision.action, result.removal) == (Action.WARN, Removal.NOT_TRIED)
    posts = guarded.dms(sanne)
    assert posts[0]["id"] == post["id"] and not posts[0]["delete_at"]  # her DM to Erbij stays
    (warning,) = [p for p in posts if p["user_id"] == guarded.bot_user.id]
    assert warning["message"].startswith("Je bericht aan mij bevat een burgerservicenummer (")
    assert guarded.emulator.request_count("DELETE", "/api/v4/posts/{post_id}") == 0
    (event,) = guard_events(engine)
    assert event.detail["kanaaltype"] == "D" and BSN not in stored_text(engine)


def test_a_replayed_event_and_a_restart_warn_once(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    post, first = post_and_wait(guarded, sanne, overleg, LEAK)
    assert first.warned and first.removal is Removal.DENIED
    guarded.emulator.replay_posted(post)  # as Mattermost replays missed events after a reconnect
    again = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{post['id']}", times=2)  # type: ignore[union-attr]
    guarded.deliver()
    assert again is not None and not again.warned
    guarded.restart()  # a new process with a fresh memory reads the post again when it catches up ...
    listen(guarded)
    caught_up = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{post['id']}")  # type: ignore[union-attr]
    assert caught_up is not None and caught_up.decision.action is Action.DELETE and not caught_up.warned
    assert caught_up.removal is Removal.DENIED  # what it tried is reported, although it warned before
    guarded.emulator.replay_posted(post)  # ... and hears it again
    replayed = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{post['id']}", times=2)  # type: ignore[union-attr]
    guarded.deliver()
    # The new process learnt the refusal when it caught up, so it does not try to delete again.
    assert replayed is not None and replayed.decision.action is Action.WARN and not replayed.warned
    assert len(guarded.dms(sanne)) == 1 and len(guard_events(engine)) == 1


def test_posts_made_while_erbij_was_away_are_caught_up(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    guard = guarded.bot.channel_guard
    assert guard is not None
    guarded.clock.advance(timedelta(minutes=10))
    guard.on_event({"event": "typing", "data": {}})  # the last frame heard before the connection drops
    guarded.bot.listener.stop()  # type: ignore[union-attr]
    guarded.clock.advance(timedelta(minutes=10))
    missed = guarded.emulator.post(sanne, overleg, LEAK)
    benign = guarded.emulator.post(sanne, overleg, "Tot donderdag.")
    guarded.bot.listener.start()  # type: ignore[union-attr]  # reconnects: hello, then a catch-up
    guard.wait_caught_up(times=2)
    assert guard.wait_for(f"kanaalwacht:{benign['id']}").decision.action is Action.NOTHING  # type: ignore[union-attr]
    result = guard.wait_for(f"kanaalwacht:{missed['id']}")
    guarded.deliver()
    assert result is not None and result.warned and result.removal is Removal.DELETED
    assert "Ik heb het weggehaald" in guarded.dms(sanne)[0]["message"]
    guarded.shutdown_bot()  # a crash: the next process looks back a day, finds it handled
    late = guarded.emulator.post(sanne, overleg, "Vader is bereikbaar op 06-12345678.")
    guarded.boot()
    listen(guarded)
    later = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{late['id']}")  # type: ignore[union-attr]
    guarded.deliver()
    assert later is not None and later.warned and "telefoonnummer" in guarded.dms(sanne)[1]["message"]
    assert len(guarded.dms(sanne)) == 2 and len(guard_events(engine)) == 2


def test_an_edit_that_adds_an_identifier_is_guarded_too(guarded: World, engine: Engine) -> None:
    sanne = guarded.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(guarded, sanne)
    guarded.emulator.make_channel_admin(overleg, guarded.bot_user)
    post, first = post_and_wait(guarded, sanne, overleg, "Vraag over WBW-K7Q2 voor donderdag.")
    assert first.decision.action is Action.NOTHING
    edited = guarded.emulator.posts.update(
        post["id"], {"message": "Vraag over WBW-K7Q2: moeder is bereikbaar op 06-12345678."},
        editor_id=sanne.id, patch=True,
    )  # fmt: skip
    result = guarded.bot.channel_guard.wait_for(f"kanaalwacht:{post['id']}:{edited['edit_at']}")  # type: ignore[union-attr]
    guarded.deliver()
    assert result is not None and result.removal is Removal.DELETED
    (dm,) = guarded.dms(sanne)
    assert (
        "~mdo-overleg" in dm["message"]
        and "telefoonnummer" in dm["message"]
        and "12345678" not in dm["message"]
    )
    assert guard_events(engine)[0].detail["soorten"] == "telefoon"


def test_warn_mode_never_deletes(stack: World, engine: Engine) -> None:
    stack.extra_settings["channel_guard"] = "warn"
    stack.restart()
    listen(stack)
    sanne = stack.person("sanne.devries", "Sanne", "de Vries")
    overleg = consult_channel(stack, sanne)
    stack.emulator.make_channel_admin(overleg, stack.bot_user)
    _, result = post_and_wait(stack, sanne, overleg, LEAK)
    assert (result.decision.action, result.removal) == (Action.WARN, Removal.NOT_TRIED)
    assert stack.emulator.posts_in(overleg)[0]["delete_at"] == 0
    assert "Haal het weg" in stack.dms(sanne)[0]["message"]


def test_add_once_takes_a_key_once(database_url: str, clock: Any) -> None:
    engine = make_engine(database_url)
    uow = SqlUnitOfWorkFactory(engine)
    message = OutgoingMessage("kanaalwacht:p1", Recipient.user("u1"), Message("Haal het weg"))
    try:
        for expected in (True, False):
            with uow() as tx:
                assert tx.outbox.add_once(message, clock.now()) is expected
                tx.commit()
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM outbox_message")).scalar_one()
        assert count == 1
    finally:
        engine.dispose()
