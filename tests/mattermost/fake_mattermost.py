"""A tiny Mattermost REST stand-in for the adapter's tests: MM-shaped JSON, AppErrors, injectable faults."""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

TOKEN = "bot-token"
BOT_ID = "botuser0000000000000000000"

Handler = Callable[[Request], Awaitable[Response]]
TEAM_ID = "team00000000000000000000000"


@dataclass
class Fault:
    method: str
    path: str
    kind: str  # "429" | "5xx" | "403"
    times: int = 1
    retry_after: str = "1"


@dataclass
class FakeMattermost:
    """State plus a Starlette app; every handled request is recorded as (METHOD, path)."""

    team_name: str = "jeugdregio"
    can_manage_commands: bool = True
    hide_command_tokens: bool = False
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    foreign_triggers: set[str] = field(default_factory=set)
    dialogs: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, tuple[str, bytes, str, str]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.add_user(BOT_ID, "erbij")

    def add_user(self, user_id: str, username: str, first: str = "", last: str = "") -> None:
        self.users[user_id] = {"id": user_id, "username": username, "first_name": first, "last_name": last}

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):0>{26 - len(prefix)}}"

    def count(self, method: str, path: str) -> int:
        return self.requests.count((method, path))

    # --- HTTP ------------------------------------------------------------------------------------------

    def app(self) -> Starlette:
        routes = [
            Route("/api/v4/users/me", self.get_me),
            Route("/api/v4/teams/name/{name}", self.get_team),
            Route("/api/v4/teams/{team_id}/channels/name/{name}", self.get_channel),
            Route("/api/v4/channels/direct", self.direct, methods=["POST"]),
            Route("/api/v4/posts", self.create_post, methods=["POST"]),
            Route("/api/v4/posts/{post_id}", self.update_post, methods=["PUT"]),
            Route("/api/v4/actions/dialogs/open", self.open_dialog, methods=["POST"]),
            Route("/api/v4/files", self.upload, methods=["POST"]),
            Route("/api/v4/users/usernames", self.by_usernames, methods=["POST"]),
            Route("/api/v4/users/ids", self.by_ids, methods=["POST"]),
            Route("/api/v4/users/status/ids", self.status_ids, methods=["POST"]),
            Route("/api/v4/system/ping", self.ping),
            Route("/api/v4/commands", self.list_commands, methods=["GET"]),
            Route("/api/v4/commands", self.create_command, methods=["POST"]),
            Route("/api/v4/commands/{command_id}", self.get_command, methods=["GET"]),
            Route("/api/v4/commands/{command_id}", self.update_command, methods=["PUT"]),
            Route("/api/v4/commands/{command_id}/regen_token", self.regen_token, methods=["PUT"]),
        ]
        return Starlette(routes=[Route(r.path, self._guarded(r.endpoint), methods=r.methods) for r in routes])

    def _guarded(self, handler: Handler) -> Handler:
        """Record the request, enforce the bot token, and play any matching fault instead of the handler."""

        async def guarded(request: Request) -> Response:
            path = request.url.path.removeprefix("/api/v4")
            self.requests.append((request.method, path))
            if request.headers.get("Authorization") != f"Bearer {TOKEN}":
                return app_error(401, "api.context.session_expired.app_error")
            for fault in self.faults:
                if fault.times > 0 and fault.method == request.method and fault.path == path:
                    fault.times -= 1
                    return fault_response(fault)
            return await handler(request)

        return guarded

    async def get_me(self, request: Request) -> Response:
        return JSONResponse(self.users[BOT_ID])

    async def get_team(self, request: Request) -> Response:
        if request.path_params["name"] != self.team_name:
            return app_error(404, "app.team.get_by_name.missing.app_error")
        return JSONResponse({"id": TEAM_ID, "name": self.team_name, "display_name": "Jeugdregio"})

    async def get_channel(self, request: Request) -> Response:
        channel_id = self.channels.get(request.path_params["name"])
        if channel_id is None:
            return app_error(404, "app.channel.get_by_name.missing.app_error")
        return JSONResponse({"id": channel_id, "name": request.path_params["name"], "type": "O"})

    async def direct(self, request: Request) -> Response:
        ids = sorted(await request.json())
        return JSONResponse({"id": "dm" + ids[1][:24], "name": "__".join(ids), "type": "D"}, status_code=201)

    async def create_post(self, request: Request) -> Response:
        body = await request.json()
        post = {"id": self.new_id("post"), "user_id": BOT_ID, **body}
        self.posts[post["id"]] = post
        return JSONResponse(post, status_code=201)

    async def update_post(self, request: Request) -> Response:
        body = await request.json()
        post = self.posts.get(request.path_params["post_id"])
        if post is None or body.get("id") != post["id"]:
            return app_error(404, "app.post.get.app_error")
        post.update(message=body.get("message", ""), props=body.get("props") or {})
        return JSONResponse(post)

    async def open_dialog(self, request: Request) -> Response:
        self.dialogs.append(await request.json())
        return JSONResponse({"status": "OK"})

    async def upload(self, request: Request) -> Response:
        async with request.form() as form:
            upload = form["files"]
            assert not isinstance(upload, str)
            content = await upload.read()
            name, mime = upload.filename or "", upload.content_type or ""
            file_id = self.new_id("file")
            self.files[file_id] = (str(form["channel_id"]), content, name, mime)
        info = {"id": file_id, "name": name, "size": len(content), "mime_type": mime}
        return JSONResponse({"file_infos": [info], "client_ids": []}, status_code=201)

    async def by_usernames(self, request: Request) -> Response:
        names = set(await request.json())
        return JSONResponse([user for user in self.users.values() if user["username"] in names])

    async def by_ids(self, request: Request) -> Response:
        ids = await request.json()
        return JSONResponse([self.users[user_id] for user_id in ids if user_id in self.users])

    async def status_ids(self, request: Request) -> Response:
        ids = await request.json()
        return JSONResponse(
            [
                {"user_id": user_id, "status": self.statuses.get(user_id, "offline"), "manual": False}
                for user_id in ids
            ]
        )

    async def ping(self, request: Request) -> Response:
        return JSONResponse({"status": "OK"})

    async def list_commands(self, request: Request) -> Response:
        if (
            request.query_params.get("team_id") != TEAM_ID
            or request.query_params.get("custom_only") != "true"
        ):
            return app_error(400, "api.context.invalid_param.app_error")
        if not self.can_manage_commands:
            return app_error(403, "api.context.permissions.app_error")
        return JSONResponse([self._shown(command) for command in self.commands.values()])

    async def create_command(self, request: Request) -> Response:
        if not self.can_manage_commands:
            return app_error(403, "api.context.permissions.app_error")
        body = await request.json()
        taken = {command["trigger"] for command in self.commands.values()} | self.foreign_triggers
        if body["trigger"] in taken:
            return app_error(400, "api.command.duplicate_trigger.app_error")
        command = {**body, "id": self.new_id("cmd"), "token": self.new_id("tok"), "creator_id": BOT_ID}
        self.commands[command["id"]] = command
        return JSONResponse(command, status_code=201)

    async def get_command(self, request: Request) -> Response:
        command = self.commands.get(request.path_params["command_id"])
        if command is None:
            return app_error(404, "api.command.get.app_error")
        return JSONResponse(self._shown(command))

    async def update_command(self, request: Request) -> Response:
        command = self.commands.get(request.path_params["command_id"])
        body = await request.json()
        if command is None or body.get("id") != command["id"]:
            return app_error(404, "api.command.get.app_error")
        command.update({key: value for key, value in body.items() if key not in ("token", "creator_id")})
        return JSONResponse(self._shown(command))

    async def regen_token(self, request: Request) -> Response:
        command = self.commands[request.path_params["command_id"]]
        command["token"] = self.new_id("tok")
        return JSONResponse({"token": command["token"]})

    def _shown(self, command: dict[str, Any]) -> dict[str, Any]:
        return {**command, "token": ""} if self.hide_command_tokens else dict(command)


def app_error(status: int, error_id: str) -> JSONResponse:
    body = {"id": error_id, "message": error_id, "request_id": "r1", "status_code": status, "is_oauth": False}
    return JSONResponse(body, status_code=status)


def fault_response(fault: Fault) -> Response:
    if fault.kind == "429":
        headers = {"Retry-After": fault.retry_after, "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"}
        return PlainTextResponse("limit exceeded", status_code=429, headers=headers)
    if fault.kind == "403":
        return app_error(403, "api.context.permissions.app_error")
    return app_error(500, "app.fake.internal_error")


class Switchboard:
    """An ASGI app that forwards to a replaceable target, so one server can serve a fresh fake per test."""

    def __init__(self) -> None:
        self.target: Starlette | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert self.target is not None, "no fake Mattermost installed"
        await self.target(scope, receive, send)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:<free port>; the socket listens before the thread starts, so no wait."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False, ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
