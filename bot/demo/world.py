"""A running Erbij wired to the Mattermost emulator over real HTTP, for `erbij demo` and end-to-end tests.

Time is a manual clock shared by the bot and the emulator; outbox delivery and scheduler ticks run when asked,
so a script (or a test) reads like a conversation and never waits for time to pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from bot.composition import Runtime, build_runtime
from bot.emulator import Emulator
from bot.server import ServerThread
from bot.settings import Settings
from commands.clock import ManualClock
from commands.config import DEFAULT_COORDINATORS_CHANNEL

TEAM = "jeugdregio"
SECRET = "erbij-demo-secret-not-for-production"


def example_roster_text() -> str:
    """The fictional region's roster, shipped inside the package so `erbij demo` runs from any folder."""
    return files("bot.demo").joinpath("roster.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Seen:
    """One message a person sees: where, and its rendered text."""

    who: str
    where: str
    text: str
    post: dict[str, Any]


def render_post(post: dict[str, Any]) -> str:
    """A post as a person would read it: message, attachment blocks, buttons in [brackets]."""
    lines = [post.get("message", "")] if post.get("message") else []
    for attachment in (post.get("props") or {}).get("attachments") or []:
        if attachment.get("title"):
            lines.append(f"**{attachment['title']}**")
        if attachment.get("text"):
            lines.append(attachment["text"])
        for field in attachment.get("fields") or []:
            lines.append(f"{field.get('title')}: {field.get('value')}")
        buttons = [f"[{a.get('name')}]" for a in attachment.get("actions") or []]
        if buttons:
            lines.append(" ".join(buttons))
    if post.get("file_ids"):
        lines.append(f"(bijlage: {len(post['file_ids'])} bestand)")
    return "\n".join(lines)


class World:
    def __init__(
        self,
        database_url: str,
        clock: ManualClock,
        *,
        coordinators_channel: str = DEFAULT_COORDINATORS_CHANNEL,
    ):
        self.database_url = database_url
        self.clock = clock
        self.coordinators_channel = coordinators_channel
        self.emulator = Emulator(team_name=TEAM, clock=clock)
        self.server: ServerThread | None = None
        self.runtime: Runtime | None = None
        self._port = 0
        self._seen_posts: set[str] = set()
        self.extra_settings: dict[str, Any] = {}
        self.server_options: dict[str, Any] = {}  # uvicorn options, e.g. the access log of `erbij serve`

    # --- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> World:
        self.emulator.start()
        self.bot_user, self.bot_token = self.emulator.create_bot("erbij")
        self.coordinators = self.emulator.create_channel(
            self.coordinators_channel, display_name="Erbij coördinatie", private=True, members=[self.bot_user]
        )
        self.boot()
        return self

    def boot(self) -> Runtime:
        """Start (or restart) the bot process: new runtime, same database, same port, same emulator."""
        self.server = ServerThread(port=self._port, **self.server_options)
        self._port = self.server.port
        settings = Settings(
            database_url=self.database_url,
            mattermost_url=self.emulator.url,  # type: ignore[arg-type]
            mattermost_token=self.bot_token,  # type: ignore[arg-type]
            mattermost_team=TEAM,
            public_url=self.server.url,  # type: ignore[arg-type]
            secret=SECRET,  # type: ignore[arg-type]
            coordinators_channel=self.coordinators_channel,
            **self.extra_settings,
        )
        runtime = build_runtime(settings, clock=self.clock)
        runtime.register_commands()
        self.server.start(runtime.app)
        self.runtime = runtime
        return runtime

    def shutdown_bot(self) -> None:
        """Stop the bot process as a crash would: whatever is not delivered stays in the database."""
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.runtime is not None:
            self.runtime.stop()
            self.runtime = None

    def restart(self) -> Runtime:
        self.shutdown_bot()
        return self.boot()

    def stop(self) -> None:
        self.shutdown_bot()
        self.emulator.stop()

    @property
    def bot(self) -> Runtime:
        assert self.runtime is not None, "the bot is not running"
        return self.runtime

    # --- people and conversation -------------------------------------------------------------------
    def person(self, username: str, first_name: str = "", last_name: str = "") -> Any:
        return self.emulator.create_user(username, first_name=first_name, last_name=last_name)

    def load_roster(self, text: str | None = None) -> dict[str, Any]:
        """Create a chat account for everyone in a roster file (default: the example region), then import it
        through the real adapter."""
        from commands.roster.importing import import_roster
        from commands.roster.roster_file import load_roster_file

        roster = load_roster_file(example_roster_text() if text is None else text)
        existing = {user.username: user for user in self.emulator.users()}
        people = {}
        for entry in roster.professionals:
            first, _, last = entry.name.partition(" ")
            people[entry.username] = existing.get(entry.username) or self.person(entry.username, first, last)
        import_roster(self.bot.uow, self.bot.adapter, roster, self.clock.now())
        return people

    def slash(self, user: Any, line: str, channel: Any = None) -> str:
        """Type a slash command as `user`; returns what Erbij answered privately."""
        result = self.emulator.slash(user, line, channel=channel)
        if not result.ok:
            raise AssertionError(f"slash command failed: {result}")
        return result.ephemeral_text or ""

    def submit(self, user: Any, values: dict[str, Any], cancelled: bool = False) -> Any:
        return self.emulator.submit_dialog(user, values, cancelled=cancelled)

    def click(self, user: Any, post: dict[str, Any] | str, button: str) -> Any:
        return self.emulator.click(post, button, user)

    def deliver(self, max_rounds: int = 100) -> int:
        """Let the background jobs finish, then run the outbox worker until nothing is due; returns how many
        rows were attempted."""
        self.bot.jobs.wait_idle()
        attempted = 0
        for _ in range(max_rounds):
            done = self.bot.worker.run_once()
            if not done:
                break
            attempted += done
        return attempted

    def tick(self) -> dict[str, int]:
        done = self.bot.erbij.tick()
        self.deliver()
        return done

    def dms(self, user: Any) -> list[dict[str, Any]]:
        return list(self.emulator.dm_posts(user))

    def channel_posts(self, name: str) -> list[dict[str, Any]]:
        return list(self.emulator.posts_in(name))

    def new_messages(self) -> list[Seen]:
        """Posts nobody has been shown yet, per person (DMs) or per channel."""
        seen: list[Seen] = []
        for user in self.emulator.users():
            if user.id == self.bot_user.id or getattr(user, "is_bot", False):
                continue
            for post in self.emulator.dm_posts(user):
                if post["id"] not in self._seen_posts:
                    self._seen_posts.add(post["id"])
                    seen.append(Seen(user.username, "DM van @erbij", render_post(post), post))
        for channel in self.emulator.channels():
            if getattr(channel, "type", "O") not in ("O", "P"):
                continue
            for post in self.emulator.posts_in(channel):
                if post["id"] not in self._seen_posts and post.get("user_id") == self.bot_user.id:
                    self._seen_posts.add(post["id"])
                    seen.append(Seen(f"~{channel.name}", "kanaal", render_post(post), post))
        return seen
