"""The product with its chat, without HTTP or a database: the facade on the in-memory fakes.

`ChatDesk` offers the part of the end-to-end stack's API (bot.demo.world.World) that the handler tests of
erbij halen use: slash commands, dialogs, buttons, the outbox delivered into posts, ticks. Posts are rendered
by the bot's real Renderer and buttons carry its real signed context, so a test reads a post as it would in
Mattermost; what is left out is the HTTP edge, the emulator and the database, which the end-to-end tests
(`e2e_region` in tests/requests: the main flow, signed buttons over HTTP, restarts, races, settings; the
demo) and tests/contracts keep covering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.demo.world import example_roster_text
from bot.rendering import Renderer
from bot.signing import Signer
from commands.app import Erbij
from commands.cases import wiring as cases_wiring
from commands.clock import ManualClock
from commands.config import DEFAULT_COORDINATORS_CHANNEL, ProductConfig
from commands.consults import wiring as consults_wiring
from commands.help import wiring as help_wiring
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.outbox import OutgoingMessage
from commands.ports import ChatUser
from commands.registry import Context, Router
from commands.replies import Dialog, OpenDialog
from commands.requests import wiring as requests_wiring
from commands.roster import wiring as roster_wiring
from commands.roster.importing import import_roster
from commands.roster.roster_file import load_roster_file
from tests.fakes.other import OUTBOX, Queued
from tests.fakes.uow import FakeUnitOfWorkFactory

SECRET = "erbij-fake-chat-secret-not-for-production"
REQUIRED = "This field is required."  # Mattermost's webapp, before the dialog is submitted


@dataclass
class OpenedDialog:
    """A dialog on someone's screen: `dialog` is the body the bot rendered, as the emulator keeps it."""

    dialog: dict[str, Any]
    value: Dialog


@dataclass
class DialogAnswer:
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    closed: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.errors


@dataclass
class ClickAnswer:
    ephemeral_text: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class FakeDirectory:
    """Chat users by id and username, with a status each (online unless set)."""

    def __init__(self) -> None:
        self.users: dict[str, ChatUser] = {}
        self.status: dict[str, str] = {}

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {u.username: u for u in self.users.values() if u.username in usernames}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {i: self.users[i] for i in user_ids if i in self.users}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {i: self.status.get(i, "online") for i in user_ids}


class ChatDesk:
    """The facade of erbij halen (with the roster and the card it needs) and the chat it posts into."""

    def __init__(self, clock: ManualClock, coordinators_channel: str = DEFAULT_COORDINATORS_CHANNEL) -> None:
        self.clock = clock
        self.coordinators_channel = coordinators_channel
        self.uow = FakeUnitOfWorkFactory()
        self.directory = FakeDirectory()
        config = ProductConfig(coordinators_channel=coordinators_channel)
        router = Router()
        tables = help_wiring.register(router)
        roster_wiring.register(router, tables)
        cases_wiring.register(router, tables, consults_wiring.card_settings(config.case_code_prefix))
        requests_wiring.register(router, tables, config)
        self.erbij = Erbij(
            router, Context(uow=self.uow, clock=clock, directory=self.directory, config=config)
        )
        self.renderer = Renderer(
            Signer(SECRET), "http://erbij.test", timedelta(days=config.action_lifetime_days)
        )
        self.posts: dict[str, dict[str, Any]] = {}  # post id → post, in posting order
        self._post_of_key: dict[str, str] = {}  # outbox key → post id
        self._delivered: set[int] = set()  # positions of the outbox rows posted so far
        self._open: dict[str, OpenedDialog] = {}
        self._dialogs: dict[str, list[OpenedDialog]] = {}
        self.channel_members: dict[str, set[str]] = {}

    # --- the World-like surface the tests use ----------------------------------------------------------
    @property
    def bot(self) -> ChatDesk:
        return self

    @property
    def emulator(self) -> ChatDesk:
        return self

    def person(self, username: str, first_name: str = "", last_name: str = "") -> ChatUser:
        user = ChatUser(f"u-{username}", username, first_name, last_name)
        self.directory.users[user.id] = user
        return user

    def load_roster(self, text: str | None = None) -> dict[str, ChatUser]:
        roster = load_roster_file(example_roster_text() if text is None else text)
        people = {}
        for entry in roster.professionals:
            first, _, last = entry.name.partition(" ")
            people[entry.username] = self.person(entry.username, first, last)
        import_roster(self.uow, self.directory, roster, self.clock.now())
        return people

    def set_status(self, user: ChatUser, status: str) -> None:
        self.directory.status[user.id] = status

    def add_to_channel(self, channel: str, user: ChatUser) -> None:
        self.channel_members.setdefault(channel, set()).add(user.id)

    def dialogs(self, user: ChatUser) -> list[OpenedDialog]:
        return list(self._dialogs.get(user.id, []))

    def slash(self, user: ChatUser, line: str, channel: Any = None) -> str:
        trigger, _, text = line.lstrip("/").partition(" ")
        request = CommandRequest(
            command=trigger.lower(), text=text, user_id=user.id, user_name=user.username,
            channel_id="town-square", trigger_id="trigger",
        )  # fmt: skip
        result = self.erbij.command(request)
        if isinstance(result, OpenDialog):
            self._opened(user, result.dialog)
            return result.reply.message.text if result.reply is not None else ""
        return result.message.text

    def submit(self, user: ChatUser, values: dict[str, Any], cancelled: bool = False) -> DialogAnswer:
        opened = self._open.get(user.id)
        if opened is None:
            raise LookupError(f"no dialog is open for {user.username}")
        if cancelled:
            del self._open[user.id]
            return DialogAnswer(closed=True)
        spec = opened.dialog
        submission = {**_defaults(spec), **values}
        missing = {
            str(e["name"]): REQUIRED
            for e in spec["elements"]
            if not e.get("optional") and e.get("type") != "bool" and submission.get(e["name"]) in (None, "")
        }
        if missing:
            return DialogAnswer(errors=missing)
        result = self.erbij.dialog(
            DialogSubmission(
                callback=opened.value.callback, state=dict(opened.value.state), user_id=user.id,
                channel_id="town-square", submission=submission,
            )
        )  # fmt: skip
        answer = DialogAnswer(dict(result.field_errors), result.error)
        answer.closed = answer.ok
        if answer.closed:
            del self._open[user.id]
        return answer

    def click(self, user: ChatUser, post: dict[str, Any] | str, button: str) -> ClickAnswer:
        """Press `button` on `post` as it is now (a stored post is read again by its id)."""
        post_id = post if isinstance(post, str) else str(post["id"])
        return self.press(user, self.posts[post_id], button)

    def press(self, user: ChatUser, post: dict[str, Any], button: str) -> ClickAnswer:
        """Press `button` on `post` as the caller has it, even if the post has changed since (races)."""
        action = next(
            a
            for attachment in post["props"].get("attachments") or []
            for a in attachment.get("actions") or []
            if a["name"] == button
        )
        signed = self.renderer.signer.verify(action["integration"]["context"]["t"], self.clock.now())
        request = ActionRequest(
            action=str(signed["a"]), data={str(k): str(v) for k, v in dict(signed["d"]).items()},
            user_id=user.id, user_name=user.username, channel_id=post["channel_id"], post_id=post["id"],
            trigger_id="trigger",
        )  # fmt: skip
        result = self.erbij.action(request)
        if result.open_dialog is not None:
            self._opened(user, result.open_dialog)
        if result.update is not None and post["id"] in self.posts:
            text, props = self.renderer.post(result.update, self.clock.now())
            stored = self.posts[post["id"]]
            self.posts[post["id"]] = {
                **stored,
                "message": text,
                "props": {**props, "erbij_key": _key(stored)},
            }
        return ClickAnswer(ephemeral_text=result.ephemeral)

    def deliver(self) -> int:
        """Post every committed outbox message that is due, in order (an update edits its post)."""
        queued: list[Queued] = self.uow.store.rows(OUTBOX)
        due = sorted(
            (row.due_at, position)
            for position, row in enumerate(queued)
            if position not in self._delivered and row.due_at <= self.clock.now()
        )
        for _, position in due:  # as the worker claims them: by due time, then in order of queueing
            self._post(queued[position].message)
            self._delivered.add(position)
        return len(due)

    def tick(self) -> dict[str, int]:
        done = self.erbij.tick()
        self.deliver()
        return done

    def dms(self, user: ChatUser) -> list[dict[str, Any]]:
        return [p for p in self.posts.values() if p["channel_id"] == f"dm-{user.id}"]

    def channel_posts(self, name: str) -> list[dict[str, Any]]:
        return [p for p in self.posts.values() if p["channel_id"] == f"channel-{name}"]

    # --- inside ----------------------------------------------------------------------------------------
    def _opened(self, user: ChatUser, dialog: Dialog) -> None:
        opened = OpenedDialog(self.renderer.dialog(dialog, self.clock.now()), dialog)
        self._open[user.id] = opened
        self._dialogs.setdefault(user.id, []).append(opened)

    def _post(self, message: OutgoingMessage) -> None:
        text, props = self.renderer.post(message.message, self.clock.now())
        if message.replaces is not None:
            post_id = self._post_of_key[message.replaces]
            self.posts[post_id] = {
                **self.posts[post_id],
                "message": text,
                "props": {**props, "erbij_key": message.replaces},
            }
            return
        channel = f"dm-{message.to.ref}" if message.to.kind == "user" else f"channel-{message.to.ref}"
        post_id = f"post{len(self.posts) + 1}"
        props = {**props, "erbij_key": message.key}
        self.posts[post_id] = {"id": post_id, "channel_id": channel, "message": text, "props": props}
        self._post_of_key[message.key] = post_id


def _defaults(spec: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for element in spec["elements"]:
        if element.get("default") not in (None, ""):
            default = element["default"]
            values[element["name"]] = default == "true" if element.get("type") == "bool" else default
    return values


def _key(post: dict[str, Any]) -> str:
    return str(post["props"].get("erbij_key", ""))
