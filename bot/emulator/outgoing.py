"""Mattermost's side towards the bot: slash commands, button clicks and dialog submissions over real HTTP.

Payloads, headers and the rules for responses (exactly 200, 1 MiB, 30 s, JSON only when the media type
says so) follow docs/mattermost.md §1.1, §1.2, §3.2 and §4.2.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from .integrations import Integrations
from .model import JSON, ApiError, Channel, Dialog, User, forbidden
from .posts import Posts, find_action
from .state import State

MAX_RESPONSE_BYTES = 1024 * 1024
_USER_MENTION = re.compile(r"@([a-z0-9.\-_]+)", re.IGNORECASE)
_CHANNEL_MENTION = re.compile(r"~([a-z0-9_\-]+)")


@dataclass
class SlashResult:
    """What happened to a slash command; `error` is Mattermost's error id when the user saw an error."""

    status: int
    body: JSON | str
    ephemeral_text: str | None = None
    error: str | None = None
    posts: list[JSON] = field(default_factory=list)
    ephemerals: list[JSON] = field(default_factory=list)
    request: JSON = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ClickResult:
    """What happened to a button click or menu selection."""

    status: int
    body: JSON | str
    ephemeral_text: str | None = None
    error: str | None = None
    updated: JSON | None = None
    trigger_id: str = ""
    request: JSON = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class DialogResult:
    """What happened to a dialog submission: field `errors`, a generic `error`, or `closed`."""

    status: int
    body: JSON | str
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    closed: bool = False
    next_dialog: Dialog | None = None
    request: JSON = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.errors


@dataclass
class _Reply:
    status: int
    content_type: str
    raw: bytes


class Outgoing:
    """Sends what Mattermost would send and applies the answers to the emulator's state."""

    def __init__(self, state: State, posts: Posts, integrations: Integrations, timeout: float = 30.0) -> None:
        self.state = state
        self.posts = posts
        self.integrations = integrations
        self.timeout = timeout
        self.errors: list[str] = []
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()

    def client(self) -> httpx.Client:
        """One shared client (building one costs an SSL context); no keep-alive, so a restarted bot
        never meets a stale connection. trust_env=False: no proxy may route a request off the machine."""
        with self._client_lock:
            if self._client is None:
                limits = httpx.Limits(max_keepalive_connections=0)
                self._client = httpx.Client(trust_env=False, limits=limits)
            return self._client

    def close(self) -> None:
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _send(self, method: str, url: str, **kwargs: Any) -> _Reply:
        with self.client().stream(method, url, timeout=self.timeout, **kwargs) as response:
            raw = b""
            for chunk in response.iter_bytes():
                raw += chunk
                if len(raw) >= MAX_RESPONSE_BYTES:
                    raw = raw[:MAX_RESPONSE_BYTES]
                    break
            return _Reply(response.status_code, response.headers.get("content-type", ""), raw)

    def _fail(self, error: str, detail: str) -> str:
        self.errors.append(f"{error}: {detail}")
        return error

    # -- slash commands ---------------------------------------------------------------------------

    def slash(self, user: User, line: str, channel: Channel | None = None, root_id: str = "") -> SlashResult:
        """Execute a custom slash command typed by `user` (App.ExecuteCommand + tryExecuteCustomCommand)."""
        state = self.state
        channel = channel or state.town_square
        state.require_member(channel, user.id)
        cut = next((i for i, ch in enumerate(line) if ch.isspace()), -1)
        trigger, text = (line, "") if cut == -1 else (line[:cut], line[cut + 1 :])
        trigger = trigger.lower()
        if not trigger.startswith("/"):
            raise ApiError(400, "api.command.execute_command.start.app_error", "No command trigger found.")
        cmd = self.integrations.command_by_trigger(state.team.id, trigger[1:])
        if cmd is None:
            error = self._fail("api.command.execute_command.not_found.app_error", f"{trigger} not registered")
            return SlashResult(0, "", error=error)
        trig = self.integrations.issue_trigger(user.id, channel.id, state.team.id)
        fields: list[tuple[str, str]] = [
            ("token", cmd["token"]),
            ("team_id", cmd["team_id"]),
            ("team_domain", state.team.name),
            ("channel_id", channel.id),
            ("channel_name", channel.name),
            ("user_id", user.id),
            ("user_name", user.username),
            ("command", "/" + cmd["trigger"]),
            ("text", text),
            ("trigger_id", trig.trigger_id),
            ("root_id", root_id),
            ("response_url", self.integrations.create_hook(cmd["id"], user.id, channel.id, root_id)),
        ]
        fields += self._mentions(text)
        headers = {"Accept": "application/json", "User-Agent": "Mattermost-Bot/1.1"}
        if cmd["token"]:
            headers["Authorization"] = f"Token {cmd['token']}"
        request: JSON = {"fields": fields, "headers": headers, "url": cmd["url"]}
        # Go's url.Values.Encode sorts by key; a stable sort keeps repeated keys in their parallel order.
        encoded = urlencode(sorted(fields, key=lambda kv: kv[0]))
        try:
            if cmd["method"] == "G":
                joiner = "&" if "?" in cmd["url"] else "?"
                reply = self._send("GET", cmd["url"] + joiner + encoded, headers=headers)
            else:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                reply = self._send("POST", cmd["url"], content=encoded, headers=headers)
        except httpx.HTTPError as exc:
            error = self._fail("api.command.execute_command.failed.app_error", f"{trigger}: {exc!r}")
            return SlashResult(0, "", error=error, request=request)
        text_body = reply.raw.decode("utf-8", errors="replace")
        if reply.status != 200:
            error = self._fail(
                "api.command.execute_command.failed_resp.app_error", f"{trigger}: {reply.status}"
            )
            return SlashResult(reply.status, text_body, error=error, request=request)
        try:
            body, response = parse_command_response(reply.content_type, reply.raw)
        except ValueError as exc:
            error = self._fail("api.command.execute_command.failed.app_error", f"{trigger}: {exc}")
            return SlashResult(reply.status, text_body, error=error, request=request)
        try:
            posts, ephemerals = self.integrations.handle_command_response(
                response, user_id=user.id, channel_id=channel.id, root_id=root_id, source="command"
            )
        except ApiError as exc:
            error = self._fail(exc.error_id, exc.message)
            return SlashResult(reply.status, body, error=error, request=request)
        first = (
            ephemerals[0]["text"] if ephemerals and response.get("response_type") != "in_channel" else None
        )
        return SlashResult(reply.status, body, first, None, posts, ephemerals, request)

    def _mentions(self, text: str) -> list[tuple[str, str]]:
        """user_mentions/_ids and channel_mentions/_ids: repeated keys, parallel lists, only if any."""
        out: list[tuple[str, str]] = []
        users: dict[str, str] = {}
        channels: dict[str, str] = {}
        with self.state.lock:
            by_name = {u.username: u.id for u in self.state.users.values()}
            for name in _USER_MENTION.findall(text):
                name = name.lower() if name.lower() in by_name else name.lower().rstrip(".-_")
                if name in by_name:
                    users.setdefault(name, by_name[name])
            public = {c.name: c.id for c in self.state.channels.values() if c.type == "O"}
            for name in _CHANNEL_MENTION.findall(text):
                if name in public:
                    channels.setdefault(name, public[name])
        for key, found in (("user_mentions", users), ("channel_mentions", channels)):
            out += [(key, name) for name in found]
            out += [(f"{key}_ids", ident) for ident in found.values()]
        return out

    # -- button clicks ----------------------------------------------------------------------------

    def click(self, user: User, post_id: str, key: str, selected_option: str | None = None) -> ClickResult:
        """Press a button or choose a menu option (App.DoPostActionWithCookie)."""
        state = self.state
        post, ephemeral = self._clickable(user, post_id)
        action = find_action(post, key)
        if action is None or not re.fullmatch(r"[A-Za-z0-9]+", str(action.get("id", ""))):
            raise ApiError(404, "api.post.do_action.action_id.app_error", f"No clickable action {key!r}.")
        channel = state.channel(post["channel_id"])
        state.require_member(channel, user.id)
        in_team = channel.type in ("O", "P")
        trig = self.integrations.issue_trigger(user.id, channel.id, channel.team_id)
        integration = action.get("integration") or {}
        context = copy.deepcopy(integration.get("context") or {})
        if action.get("type") == "select":
            context["selected_option"] = selected_option or ""
        payload: JSON = {
            "user_id": user.id,
            "user_name": user.username,
            "channel_id": channel.id,
            "channel_name": channel.name,
            "team_id": channel.team_id if in_team else "",
            "team_domain": state.team.name if in_team else "",
            "post_id": post_id,
            "trigger_id": trig.trigger_id,
            "type": action.get("type", "button"),
            "data_source": action.get("data_source", ""),
        }
        if context:
            payload["context"] = context
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            reply = self._send(
                "POST", str(integration.get("url", "")), content=json.dumps(payload), headers=headers
            )
        except (httpx.HTTPError, ValueError) as exc:
            error = self._fail("api.post.do_action.action_integration.app_error", repr(exc))
            return ClickResult(0, "", error=error, request=payload)
        text_body = reply.raw.decode("utf-8", errors="replace")
        if reply.status != 200:
            error = self._fail("api.post.do_action.action_integration.app_error", f"status={reply.status}")
            return ClickResult(reply.status, text_body, error=error, request=payload)
        try:
            body = json.loads(reply.raw) if reply.raw.strip() else {}
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            error = self._fail("api.post.do_action.action_integration.app_error", f"bad JSON: {exc}")
            return ClickResult(reply.status, text_body, error=error, request=payload)
        result = ClickResult(reply.status, body, trigger_id=trig.client_id, request=payload)
        update = body.get("update")
        if isinstance(update, dict):
            if ephemeral:
                # An ephemeral post is replaced on the user's screen only, never stored.
                result.updated = state.add_ephemeral(
                    user.id, channel.id, post["root_id"], _as_reply(update), "update"
                )
            else:
                result.updated = self.posts.apply_action_update(post_id, update)
        if body.get("ephemeral_text"):
            result.ephemeral_text = str(body["ephemeral_text"])
            state.add_ephemeral(
                user.id, channel.id, post["root_id"], {"text": result.ephemeral_text}, "action"
            )
        error_obj = body.get("error")
        if isinstance(error_obj, dict) and error_obj.get("message"):
            result.error = self._fail("integration.error", str(error_obj["message"]))
        return result

    def _clickable(self, user: User, post_id: str) -> tuple[JSON, bool]:
        """The stored post, or an ephemeral one this user saw (clients keep those in memory)."""
        with self.state.lock:
            if post_id in self.posts.posts:
                return copy.deepcopy(self.posts.get(post_id)), False
            for entry in self.state.ephemerals.get(user.id, []):
                if entry["id"] == post_id:
                    props = dict(entry["props"]) | {"attachments": copy.deepcopy(entry["attachments"])}
                    return {
                        "id": post_id,
                        "channel_id": entry["channel_id"],
                        "root_id": entry["root_id"],
                        "props": props,
                    }, True
        raise forbidden("Post not found or not visible to this user.")

    # -- dialogs ----------------------------------------------------------------------------------

    def submit_dialog(
        self, user: User, values: JSON, *, cancelled: bool = False, dialog: Dialog | None = None
    ) -> DialogResult:
        """Submit (or cancel) the dialog on the user's screen, as the webapp does after its own field checks.
        A dialog stays open after field errors or a failed request and closes otherwise."""
        with self.state.lock:
            dialog = dialog or self.integrations.open_dialogs.get(user.id)
        if dialog is None:
            raise LookupError(f"no dialog is open for {user.username}")
        result = self._submit(user, dialog, values, cancelled)
        result.closed = result.closed or cancelled  # the webapp closes a cancelled dialog whatever the answer
        if result.closed or result.next_dialog is not None:
            self.integrations.close_dialog(dialog)
        return result

    def _check_pickers(self, spec: JSON, submission: JSON) -> None:
        """A user picker (`data_source: users`) offers only existing users: the webapp sends a user id."""
        for name in _user_pickers(spec):
            value = submission.get(name)
            if value not in (None, "") and str(value) not in self.state.users:
                raise ValueError(f"the webapp's user picker cannot submit {value!r} for {name!r}")

    def _submit(self, user: User, dialog: Dialog, values: JSON, cancelled: bool) -> DialogResult:
        spec = dialog.dialog
        if cancelled and not spec.get("notify_on_cancel"):
            return DialogResult(0, "", closed=True)
        submission: JSON = {} if cancelled else {**_defaults(spec), **values}
        if not cancelled:
            missing = _missing_required(spec, submission)
            if missing:
                return DialogResult(0, "", errors=missing)
            self._check_pickers(spec, submission)
        payload: JSON = {
            "type": "dialog_submission",
            "callback_id": spec.get("callback_id", ""),
            "state": spec.get("state", ""),
            "user_id": user.id,
            "channel_id": dialog.channel_id,
            "team_id": dialog.team_id,
            "submission": submission,
            "cancelled": cancelled,
        }
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            reply = self._send("POST", dialog.url, content=json.dumps(payload), headers=headers)
        except (httpx.HTTPError, ValueError) as exc:
            error = self._fail("api.post.do_action.action_integration.app_error", repr(exc))
            return DialogResult(0, "", error=error, request=payload)
        text_body = reply.raw.decode("utf-8", errors="replace")
        if reply.status != 200:
            error = self._fail("api.post.do_action.action_integration.app_error", f"status={reply.status}")
            return DialogResult(reply.status, text_body, error=error, request=payload)
        if not reply.raw.strip():
            return DialogResult(reply.status, "", closed=True, request=payload)
        try:
            body = json.loads(reply.raw)
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            error = self._fail("app.submit_interactive_dialog.json_error", str(exc))
            return DialogResult(reply.status, text_body, error=error, request=payload)
        result = DialogResult(reply.status, body, request=payload)
        result.errors = {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
        result.error = str(body["error"]) if body.get("error") else None
        if body.get("type") == "form" and isinstance(body.get("form"), dict):
            result.next_dialog = self.integrations.record_dialog(dialog, body["form"])
        result.closed = not result.errors and result.error is None and result.next_dialog is None
        return result


def parse_command_response(content_type: str, raw: bytes) -> tuple[JSON | str, JSON]:
    """CommandResponseFromHTTPBody: JSON iff the media type is application/json, else the text."""
    if content_type.split(";", 1)[0].strip().lower() == "application/json":
        body = json.loads(raw)
        if not isinstance(body, dict):
            raise ValueError("command response JSON is not an object")
        return body, body
    text = raw.decode("utf-8", errors="replace")
    return text, {"text": text}


def _as_reply(update: JSON) -> JSON:
    props = dict(update.get("props") or {})
    return {"text": update.get("message", ""), "attachments": props.pop("attachments", []), "props": props}


def _user_pickers(spec: JSON) -> list[str]:
    return [
        str(e.get("name"))
        for e in spec.get("elements") or []
        if e.get("type") == "select" and e.get("data_source") == "users"
    ]


def _defaults(spec: JSON) -> JSON:
    values: JSON = {}
    for element in spec.get("elements") or []:
        if element.get("default") not in (None, ""):
            default = element["default"]
            values[element["name"]] = default == "true" if element.get("type") == "bool" else default
    return values


def _missing_required(spec: JSON, submission: JSON) -> dict[str, str]:
    return {
        str(e.get("name")): "This field is required."
        for e in spec.get("elements") or []
        if not e.get("optional") and e.get("type") != "bool" and submission.get(e.get("name")) in (None, "")
    }
