"""The channel guard's pure parts: which posts it reads, what it decides, what the author is told, how a frame
becomes a post, and how the Mattermost remover remembers a refusal (no I/O beyond a fake client)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bot.channel_guard import CATCH_UP, CLOCK_MARGIN, ChannelGuard, MattermostRemover, channel_post
from bot.mattermost import NotFound, PermissionDenied, TransientError
from commands.clock import ManualClock
from commands.privacy import Allowlist, IdentifierKind
from commands.privacy_channel import Action, ChannelPost, Decision, Removal, decide, warning

BOT = "bot0000000000000000000000a"
BSN = "111222333"  # passes the elfproef; fictional
POST = ChannelPost(
    post_id="post000000000000000000000a",
    author_id="user000000000000000000000a",
    channel_id="chan000000000000000000000a",
    channel_name="mdo-overleg",
    channel_type="P",
    text=f"Voor WBW-K7Q2: BSN van Kind 1 is {BSN}, bel moeder op 06-12345678.",
)
ALLOW = Allowlist(phrases=("Blijf Groep",), people=("Sanne de Vries",))


def test_an_identifier_in_a_channel_is_deleted_where_erbij_may() -> None:
    decision = decide(POST, bot_id=BOT, allow=ALLOW, may_delete=True)
    assert decision.action is Action.DELETE
    assert decision.kinds == (IdentifierKind.BSN, IdentifierKind.PHONE)
    assert decide(POST, bot_id=BOT, allow=ALLOW, may_delete=False).action is Action.WARN


@pytest.mark.parametrize("channel_type", ["O", "P", "G"])
def test_every_shared_channel_is_guarded(channel_type: str) -> None:
    post = replace(POST, channel_type=channel_type)
    assert decide(post, bot_id=BOT, allow=ALLOW, may_delete=True).action is Action.DELETE


def test_a_dm_to_erbij_is_only_warned_about() -> None:
    direct = replace(POST, channel_type="D", channel_name=f"{BOT}__{POST.author_id}")
    assert decide(direct, bot_id=BOT, allow=ALLOW, may_delete=True).action is Action.WARN


@pytest.mark.parametrize(
    "changes",
    [
        {"author_id": BOT},  # Erbij's own post
        {"post_type": "system_join_channel"},  # a system message
        {"from_integration": True},  # a webhook, another bot, or a slash command's in-channel answer
        {"text": "   "},
        {"author_id": ""},
    ],
)
def test_posts_the_guard_does_not_read(changes: dict[str, Any]) -> None:
    assert decide(replace(POST, **changes), bot_id=BOT, allow=ALLOW, may_delete=True) == Decision(
        Action.NOTHING
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sanne de Vries neemt WBW-K7Q2 over, Sanne belt morgen.",
        "Blijf Groep sluit aan bij het overleg van donderdag.",
        "Schooljaar 2024-2025: Kind 1 zit in groep 6.",
        "OTS per 01-01-2025, evaluatie in het MDO.",
        "Vader en moeder komen samen; Kind 2 (8) is bang.",
    ],
)
def test_professional_posts_pass(text: str) -> None:
    assert decide(replace(POST, text=text), bot_id=BOT, allow=ALLOW, may_delete=True).action is Action.NOTHING


def test_the_warning_names_the_kind_masked_and_never_the_text() -> None:
    decision = decide(POST, bot_id=BOT, allow=ALLOW, may_delete=True)
    texts = {removal: warning(POST, decision, removal) for removal in Removal}
    for text in texts.values():
        assert "~mdo-overleg" in text and "burgerservicenummer" in text and "telefoonnummer" in text
        assert (
            BSN not in text and "12345678" not in text and "WBW-K7Q2" not in text and "Kind 1 is" not in text
        )
        assert "•••" in text
    assert "Ik heb het weggehaald" in texts[Removal.DELETED]
    assert "al weggehaald" in texts[Removal.GONE]
    for removal in (Removal.DENIED, Removal.FAILED, Removal.NOT_TRIED):
        assert "Haal het weg" in texts[removal] and "weggehaald" not in texts[removal]
    group = warning(replace(POST, channel_type="G"), decision, Removal.DENIED)
    assert "het groepsgesprek" in group and "~" not in group
    direct = warning(replace(POST, channel_type="D"), decision, Removal.NOT_TRIED)
    assert direct.startswith("Je bericht aan mij bevat") and "Haal het weg" in direct


def test_one_key_per_post_and_per_edit() -> None:
    assert POST.key == f"kanaalwacht:{POST.post_id}"
    assert replace(POST, edit_at=1764000000000).key == f"kanaalwacht:{POST.post_id}:1764000000000"


def test_frames_become_posts() -> None:
    post = {"id": "p1", "user_id": "u1", "channel_id": "c1", "message": "hallo", "type": "", "props": {}}
    posted = {"event": "posted", "data": {"post_obj": post, "channel_name": "overleg", "channel_type": "P"}}
    lookups: list[str] = []

    def channel_of(channel_id: str) -> tuple[str, str]:
        lookups.append(channel_id)
        return ("overleg", "O")

    assert channel_post(posted, channel_of) == ChannelPost("p1", "u1", "c1", "overleg", "P", "hallo")
    edited = {"event": "post_edited", "data": {"post_obj": {**post, "edit_at": 5}}}
    assert channel_post(edited, channel_of) == ChannelPost(
        "p1", "u1", "c1", "overleg", "O", "hallo", edit_at=5
    )
    assert lookups == ["c1"]  # only an edit needs the channel looked up
    webhook = {"event": "posted", "data": {"post_obj": {**post, "props": {"from_webhook": "true"}}}}
    assert channel_post(webhook, channel_of).from_integration  # type: ignore[union-attr]
    assert channel_post({"event": "typing", "data": {}}, channel_of) is None
    assert channel_post({"event": "posted", "data": {"post": "not json"}}, channel_of) is None


class FakeClient:
    def __init__(self, *errors: Exception | None) -> None:
        self.errors = list(errors)
        self.deleted: list[str] = []

    def delete_post(self, post_id: str) -> None:
        self.deleted.append(post_id)
        error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error

    def channel(self, channel_id: str) -> tuple[str, str]:
        return ("overleg", "P")

    def my_channels(self) -> list[tuple[str, str, str]]:
        return []

    def posts_since(self, channel_id: str, since: datetime) -> list[dict[str, Any]]:
        return []


def test_a_refusal_is_remembered_per_channel_for_an_hour() -> None:
    clock = ManualClock(datetime(2026, 11, 23, 8, tzinfo=UTC))
    client = FakeClient(PermissionDenied(403, "api.context.permissions.app_error"))
    remover = MattermostRemover(client, clock, enabled=True)
    assert remover.may_remove("c1")
    assert remover.remove("p1", "c1") is Removal.DENIED
    assert not remover.may_remove("c1") and remover.may_remove("c2")  # per channel
    clock.advance(timedelta(minutes=59))
    assert not remover.may_remove("c1")
    clock.advance(timedelta(minutes=1))
    assert remover.may_remove("c1")  # a permission granted since then takes effect
    assert remover.remove("p2", "c1") is Removal.DELETED and client.deleted == ["p1", "p2"]


def test_gone_failed_and_switched_off() -> None:
    clock = ManualClock(datetime(2026, 11, 23, 8, tzinfo=UTC))
    remover = MattermostRemover(FakeClient(NotFound(404), TransientError("timeout")), clock, enabled=True)
    assert remover.remove("p1", "c1") is Removal.GONE
    assert remover.remove("p2", "c1") is Removal.FAILED
    assert remover.may_remove("c1")  # a failure is no refusal
    assert not MattermostRemover(FakeClient(), clock, enabled=False).may_remove("c1")


def test_a_catch_up_looks_back_to_the_last_frame_heard_and_at_most_a_day() -> None:
    clock = ManualClock(datetime(2026, 11, 23, 8, tzinfo=UTC))
    ctx: Any = SimpleNamespace(clock=clock)
    guard = ChannelGuard(ctx, MattermostRemover(FakeClient(), clock, enabled=True), FakeClient(), lambda: BOT)
    start = clock.now()
    assert guard.look_back(start) == start - CATCH_UP - CLOCK_MARGIN  # a fresh process: a day
    guard.on_event({"event": "typing", "data": {}})
    clock.advance(timedelta(hours=2))
    assert guard.look_back(clock.now()) == start - CLOCK_MARGIN  # since the last frame heard
    clock.advance(timedelta(hours=30))
    assert guard.look_back(clock.now()) == clock.now() - CATCH_UP - CLOCK_MARGIN  # never more than a day
