"""The `Emulator` facade: a Mattermost stand-in on 127.0.0.1 for tests and `erbij demo`.

It serves the REST API and websocket on a uvicorn thread, and acts as Mattermost's client side towards
the bot (slash commands, clicks, dialog submissions) over real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from . import rest, rest_integrations, ws
from .faults import Faults, Gate, Traffic
from .integrations import Integrations
from .model import JSON, ApiError, Channel, Clock, Dialog, Team, User, WallClock
from .outgoing import ClickResult, DialogResult, Outgoing, SlashResult
from .posts import Posts
from .state import State, dm_name
from .web import Backend, api_error

ChannelRef = Channel | str


class _Uvicorn(uvicorn.Server):
    """uvicorn whose main loop wakes the moment `stop()` asks, instead of polling every 100 ms; many
    tests start and stop an emulator, so this keeps the suite fast."""

    _wake: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        while not self.should_exit:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 1.0)

    def wake(self) -> None:
        self.should_exit = True
        if self._loop is not None and self._wake is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)


class Emulator:
    """A stateful Mattermost with one team; see the module docstring of `bot.emulator` for the API."""

    def __init__(
        self,
        team_name: str = "jeugdregio",
        clock: Clock | None = None,
        *,
        team_display_name: str | None = None,
        outgoing_timeout: float = 30.0,
    ) -> None:
        self.clock: Clock = clock or WallClock()
        self.state = State(team_name, self.clock, team_display_name)
        self.posts = Posts(self.state)
        self.integrations = Integrations(self.state, self.posts, lambda: self.url)
        self.outgoing = Outgoing(self.state, self.posts, self.integrations, outgoing_timeout)
        self.faults = Faults()
        self.traffic = Traffic()
        self.hub = ws.Hub()
        self.state.listeners.append(self.hub.publish)
        self._bots: list[User] = []
        self._server: _Uvicorn | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    # -- lifecycle --------------------------------------------------------------------------------

    def _app(self) -> Gate:
        routes = [*rest.ROUTES, *rest_integrations.ROUTES, ws.route(self.hub)]
        app = Starlette(routes=routes, exception_handlers={ApiError: api_error})
        app.state.backend = Backend(self.state, self.posts, self.integrations, self.outgoing)
        return Gate(app, routes, self.faults, self.traffic)

    def start(self) -> Emulator:
        """Serve on 127.0.0.1 (a free port, or the same one again after a stop, so clients can reconnect);
        returns once the server accepts connections."""
        if self._thread is not None:
            raise RuntimeError("emulator already started")
        # IPPROTO_TCP: asyncio then switches Nagle off on accepted connections, as Mattermost (Go) does; else
        # a client that keeps its connection alive waits ~40 ms per call for the delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._port))
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app(),
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="websockets-sansio",
            timeout_graceful_shutdown=1,
        )
        self._server = _Uvicorn(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="mattermost-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the Mattermost emulator did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving; held 'timeout' responses are released and websockets closed first."""
        if self._server is None or self._thread is None:
            return
        self.faults.release_all()
        # 1011, not 1001: like a crashed server, so clients treat it as an error (ConnectionClosedError).
        self.hub.drop_all(1011)
        self._server.wake()
        self._thread.join(timeout=10)
        self.outgoing.close()
        self._server = None
        self._thread = None

    def __enter__(self) -> Emulator:
        return self.start() if self._thread is None else self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if not self._port:
            raise RuntimeError("emulator not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    def driver_options(self, token: str, **extra: Any) -> JSON:
        """Options for `mattermostdriver.Driver` / `Websocket` pointing at this emulator."""
        return {
            "url": "127.0.0.1",
            "port": self._port,
            "scheme": "http",
            "basepath": "/api/v4",
            "token": token,
            "verify": False,
            "timeout": 30,
            "request_timeout": 10,
            "keepalive": False,
            "keepalive_delay": 0.1,
            "debug": False,
            # websockets >= 15 honours HTTP(S)_PROXY; loopback tests must never go through one.
            "websocket_kw_args": {"proxy": None},
            **extra,
        }

    # -- world building ---------------------------------------------------------------------------

    @property
    def team(self) -> Team:
        return self.state.team

    @property
    def town_square(self) -> Channel:
        return self.state.town_square

    def create_bot(self, username: str, display_name: str = "") -> tuple[User, str]:
        """A bot account in the team, with an access token; the first bot is the one `dm_posts` uses."""
        bot = self.state.create_user(username, is_bot=True, first_name=display_name)
        self._bots.append(bot)
        return bot, self.state.create_token(bot)

    def create_user(self, username: str, first_name: str = "", last_name: str = "", **fields: Any) -> User:
        """A person in the team (pass `in_team=False` for an account outside it)."""
        return self.state.create_user(username, first_name=first_name, last_name=last_name, **fields)

    def remove_from_team(self, user: User) -> None:
        """As an admin removing someone from the team: they also leave its channels."""
        self.state.leave_team(user.id)

    def remove_from_channel(self, channel: ChannelRef, user: User) -> None:
        with self.state.lock:
            self.channel(channel).members.discard(user.id)
            self.channel(channel).admins.discard(user.id)

    def create_token(self, user: User) -> str:
        return self.state.create_token(user)

    def set_can_manage_commands(self, user: User, allowed: bool, *, others: bool = True) -> None:
        """Grant or deny managing slash commands (default: allowed). With `others=False` the user only
        sees and edits commands they created, as on newer servers without manage_others_slash_commands."""
        with self.state.lock:
            self.state.manage_commands[user.id] = allowed
            self.state.manage_others[user.id] = others

    def create_channel(
        self,
        name: str,
        display_name: str | None = None,
        private: bool = False,
        members: list[User] | None = None,
    ) -> Channel:
        ids = [m.id for m in members or []]
        return self.state.create_channel(name, display_name or name, private=private, members=ids)

    def make_channel_admin(self, channel: ChannelRef, user: User, admin: bool = True) -> None:
        """As a channel admin (or system admin) granting the channel admin role to a member: with it, the
        user (a bot too) may delete others' posts in that channel (`delete_others_posts`)."""
        with self.state.lock:
            found = self.channel(channel)
            if admin:
                found.members.add(user.id)
                found.admins.add(user.id)
            else:
                found.admins.discard(user.id)

    def add_to_channel(self, channel: ChannelRef, user: User) -> None:
        self.state.add_member(self.channel(channel), user.id)

    def direct_channel(self, a: User, b: User) -> Channel:
        return self.state.direct_channel(a.id, b.id)[0]

    def set_status(self, user: User, status: str) -> None:
        self.state.set_status(user.id, status)

    def post(self, user: User, channel: ChannelRef, message: str, **fields: Any) -> JSON:
        """A person writes a post (e.g. to test the bot's websocket listener); emits `posted`."""
        body = {"channel_id": self.channel(channel).id, "message": message, **fields}
        return self.posts.create(user.id, body)[0]

    def replay_posted(self, post: JSON | str) -> None:
        """Send a stored post's `posted` event again, as Mattermost replays its queue of missed events to a
        client that reconnects with its connection id and sequence number (a client must cope with both)."""
        post_id = post if isinstance(post, str) else str(post["id"])
        with self.state.lock:
            stored = self.posts.get(post_id)
            event = self.posts.posted_event(self.state.channel(stored["channel_id"]), stored)
        self.state.emit(event)

    # -- inspection -------------------------------------------------------------------------------

    def user(self, username: str) -> User:
        return self.state.user_by_name(username)

    def users(self) -> list[User]:
        with self.state.lock:
            return list(self.state.users.values())

    def channels(self) -> list[Channel]:
        with self.state.lock:
            return list(self.state.channels.values())

    def channel(self, ref: ChannelRef) -> Channel:
        """A channel by object, id or name."""
        if isinstance(ref, Channel):
            return ref
        with self.state.lock:
            found = self.state.channels.get(ref) or next(
                (c for c in self.state.channels.values() if c.name == ref), None
            )
        if found is None:
            raise KeyError(f"no channel {ref!r}")
        return found

    def commands(self) -> list[JSON]:
        with self.state.lock:
            return [dict(c) for c in self.integrations.commands.values()]

    def posts_in(self, channel: ChannelRef) -> list[JSON]:
        """Stored posts, oldest first, unstripped (integration context included)."""
        try:
            return self.posts.in_channel(self.channel(channel).id)
        except KeyError:
            return []

    def dm_posts(self, user: User) -> list[JSON]:
        if not self._bots:
            return []
        name = dm_name(self._bots[0].id, user.id)
        with self.state.lock:
            channel = next(
                (c for c in self.state.channels.values() if c.type == "D" and c.name == name), None
            )
        return self.posts.in_channel(channel.id) if channel else []

    def ephemerals(self, user: User) -> list[JSON]:
        with self.state.lock:
            return [dict(e) for e in self.state.ephemerals.get(user.id, [])]

    def dialogs(self, user: User) -> list[Dialog]:
        with self.state.lock:
            return list(self.integrations.dialogs.get(user.id, []))

    @property
    def unmodelled(self) -> list[tuple[str, str]]:
        return self.traffic.unmodelled

    @property
    def warnings(self) -> list[str]:
        """Things real Mattermost would only log (invalid props, dialogs, response types)."""
        return self.state.warnings

    @property
    def integration_errors(self) -> list[str]:
        """Failed slash commands, clicks and submissions, as the user would have seen an error."""
        return self.outgoing.errors

    def request_count(self, method: str, path: str) -> int:
        return self.traffic.count(method, path)

    def drop_websockets(self, code: int = 1011) -> int:
        return self.hub.drop_all(code)

    # -- acting as Mattermost towards the bot -----------------------------------------------------

    def slash(
        self, user: User, text: str, channel: ChannelRef | None = None, *, root_id: str = ""
    ) -> SlashResult:
        return self.outgoing.slash(user, text, self.channel(channel) if channel else None, root_id)

    def click(
        self, post: JSON | str, action: str, user: User, *, selected_option: str | None = None
    ) -> ClickResult:
        post_id = post if isinstance(post, str) else str(post["id"])
        return self.outgoing.click(user, post_id, action, selected_option)

    def submit_dialog(
        self, user: User, values: JSON | None = None, cancelled: bool = False, *, dialog: Dialog | None = None
    ) -> DialogResult:
        return self.outgoing.submit_dialog(user, values or {}, cancelled=cancelled, dialog=dialog)

    def response_url_post(self, url: str, body: JSON | str) -> httpx.Response:
        """POST to a command's response_url, as the bot would (JSON for dicts, text/plain for strings)."""
        client = self.outgoing.client()
        if isinstance(body, str):
            return client.post(url, content=body, headers={"Content-Type": "text/plain"}, timeout=10)
        return client.post(url, json=body, timeout=10)
