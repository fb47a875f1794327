"""Slash-command registrations, trigger ids, response URLs, dialogs and command-response handling."""

from __future__ import annotations

import base64
import copy
import json
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from .model import JSON, ApiError, Dialog, Event, Hook, Trigger, forbidden, new_id
from .posts import Posts
from .state import State

TRIGGER_TTL_MS = 30_000
HOOK_LIFETIME_MS = 30 * 60 * 1000
HOOK_MAX_USES = 5
# fmt: off
_BUILTIN_TRIGGERS = frozenset({
    "away", "code", "collapse", "dnd", "echo", "expand", "groupmsg", "header", "help", "invite",
    "invite_people", "join", "kick", "leave", "logout", "me", "msg", "mute", "offline", "online", "open",
    "purpose", "remove", "rename", "search", "settings", "shortcuts", "shrug", "status",
})
_COMMAND_FIELDS = (
    "trigger", "method", "username", "icon_url", "auto_complete", "auto_complete_desc", "auto_complete_hint",
    "display_name", "description", "url",
)
# fmt: on
_DIALOG_TYPES = frozenset({"text", "textarea", "select", "bool", "radio", "date", "datetime", "file"})


def _invalid(field: str) -> ApiError:
    return ApiError(400, f"model.command.is_valid.{field}.app_error", f"Invalid {field}.")


def _valid_http_url(url: Any) -> bool:
    if not isinstance(url, str) or not url or len(url) > 1024:
        return False
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Integrations:
    """What makes Mattermost an integration platform: commands, trigger ids, hooks and dialogs."""

    def __init__(self, state: State, posts: Posts, base_url: Callable[[], str]) -> None:
        self.state = state
        self.posts = posts
        self.base_url = base_url
        self.commands: dict[str, JSON] = {}
        self.triggers: dict[str, Trigger] = {}
        self.hooks: dict[str, Hook] = {}
        self.dialogs: dict[str, list[Dialog]] = {}
        self.open_dialogs: dict[str, Dialog] = {}

    # -- command registrations --------------------------------------------------------------------

    def _require_manager(self, user_id: str, team_id: Any) -> None:
        if team_id != self.state.team.id or not self.state.manage_commands.get(user_id, False):
            raise forbidden("You do not have the appropriate permissions. (manage_slash_commands)")

    def _validate(self, cmd: JSON, *, exclude_id: str = "") -> None:
        trigger = cmd["trigger"]
        if not isinstance(trigger, str) or not 1 <= len(trigger) <= 128:
            raise _invalid("trigger")
        if trigger.startswith("/") or " " in trigger:
            raise _invalid("trigger")
        if cmd["method"] not in ("P", "G"):
            raise _invalid("method")
        if not _valid_http_url(cmd["url"]):
            raise _invalid("url")
        if len(cmd.get("display_name") or "") > 64:
            raise _invalid("display_name")
        if len(cmd.get("description") or "") > 128:
            raise _invalid("description")
        clash = any(
            c["trigger"] == trigger and c["team_id"] == cmd["team_id"] and c["id"] != exclude_id
            for c in self.commands.values()
        )
        if clash or trigger in _BUILTIN_TRIGGERS:
            raise ApiError(
                400, "api.command.duplicate_trigger.app_error", "This trigger word is already in use."
            )

    def create_command(self, user_id: str, body: JSON) -> JSON:
        self._require_manager(user_id, body.get("team_id"))
        now = self.state.now_ms()
        cmd: JSON = {
            "id": new_id(),
            "token": new_id(),
            "create_at": now,
            "update_at": now,
            "delete_at": 0,
            "creator_id": user_id,
            "team_id": body["team_id"],
            "trigger": "",
            "method": "",
            "username": "",
            "icon_url": "",
            "auto_complete": False,
            "auto_complete_desc": "",
            "auto_complete_hint": "",
            "display_name": "",
            "description": "",
            "url": "",
            "plugin_id": "",
        }
        cmd.update({k: body[k] for k in _COMMAND_FIELDS if k in body})
        if isinstance(cmd["trigger"], str):
            cmd["trigger"] = cmd["trigger"].lower()
        with self.state.lock:
            self._validate(cmd)
            self.commands[cmd["id"]] = cmd
        return dict(cmd)

    def _visible(self, user_id: str, cmd: JSON) -> bool:
        """May this user manage (and so see the token of) this command? Own ones, or all with 'others'."""
        state = self.state
        if not state.manage_commands.get(user_id, False):
            return False
        return state.manage_others.get(user_id, True) or cmd["creator_id"] == user_id

    def list_commands(self, user_id: str, team_id: str, custom_only: bool) -> list[JSON]:
        if not team_id:
            raise ApiError(400, "api.context.invalid_url_param.app_error", "Invalid or missing team_id.")
        manager = team_id == self.state.team.id and self.state.manage_commands.get(user_id, False)
        if custom_only and not manager:
            raise forbidden("You do not have the appropriate permissions. (manage_slash_commands)")
        with self.state.lock:
            found = [dict(c) for c in self.commands.values() if c["team_id"] == team_id]
        if custom_only:
            return [c for c in found if self._visible(user_id, c)]
        # Commands the user may not manage appear as autocomplete entries only, sanitised.
        sanitised = {"token": "", "url": "", "method": ""}
        return [
            c if self._visible(user_id, c) else c | sanitised
            for c in found
            if self._visible(user_id, c) or c["auto_complete"]
        ]

    def get_command(self, user_id: str, command_id: str) -> JSON:
        with self.state.lock:
            cmd = self.commands.get(command_id)
            if cmd is None or not self._visible(user_id, cmd):
                # Mattermost answers 404 rather than 403 here, so ids do not leak.
                raise ApiError(404, "api.command.get.app_error", "Unable to get command.")
            return dict(cmd)

    def regen_token(self, user_id: str, command_id: str) -> str:
        with self.state.lock:
            cmd = self.get_command(user_id, command_id)
            self._require_manager(user_id, cmd["team_id"])
            token = new_id()
            self.commands[command_id]["token"] = token
            return token

    def update_command(self, user_id: str, command_id: str, body: JSON) -> JSON:
        with self.state.lock:
            old = self.get_command(user_id, command_id)
            self._require_manager(user_id, old["team_id"])
            if body.get("id", command_id) != command_id:
                raise ApiError(400, "api.context.invalid_param.app_error", "Invalid command_id parameter.")
            if body.get("team_id", old["team_id"]) != old["team_id"]:
                raise ApiError(
                    400, "api.command.team_mismatch.app_error", "Unable to update command across teams."
                )
            cmd = old | {k: body[k] for k in _COMMAND_FIELDS if k in body}
            if isinstance(cmd["trigger"], str):
                cmd["trigger"] = cmd["trigger"].lower()
            cmd["update_at"] = self.state.now_ms()
            self._validate(cmd, exclude_id=command_id)
            self.commands[command_id] = cmd
            return dict(cmd)

    def delete_command(self, user_id: str, command_id: str) -> None:
        with self.state.lock:
            cmd = self.get_command(user_id, command_id)
            self._require_manager(user_id, cmd["team_id"])
            del self.commands[command_id]

    def command_by_trigger(self, team_id: str, trigger: str) -> JSON | None:
        with self.state.lock:
            for cmd in self.commands.values():
                if cmd["team_id"] == team_id and cmd["trigger"] == trigger:
                    return dict(cmd)
        return None

    # -- trigger ids and dialogs ------------------------------------------------------------------

    def issue_trigger(self, user_id: str, channel_id: str, team_id: str) -> Trigger:
        """A fresh trigger id; opaque like Mattermost's signed one, bound to user and issue time."""
        client_id = new_id()
        now = self.state.now_ms()
        raw = f"{client_id}:{user_id}:{now}:{secrets.token_urlsafe(48)}"
        trigger = Trigger(
            base64.b64encode(raw.encode()).decode(), client_id, user_id, channel_id, team_id, now
        )
        with self.state.lock:
            self.triggers[trigger.trigger_id] = trigger
        return trigger

    def open_dialog(self, body: JSON) -> None:
        """POST /actions/dialogs/open: the trigger id is the only credential and lives 30 seconds."""
        url = body.get("url")
        if not isinstance(url, str) or not url:
            raise ApiError(400, "api.context.invalid_param.app_error", "Invalid url parameter.")
        with self.state.lock:
            trigger = self.triggers.get(str(body.get("trigger_id", "")))
        if trigger is None:
            raise ApiError(
                400, "interactive_message.decode_trigger_id.verify_signature_failed", "Invalid trigger ID."
            )
        if self.state.now_ms() - trigger.issued_ms > TRIGGER_TTL_MS:
            raise ApiError(400, "interactive_message.decode_trigger_id.expired", "Trigger ID expired.")
        dialog = body.get("dialog")
        if not isinstance(dialog, dict):
            raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid dialog.")
        self._check_dialog(dialog)
        record = Dialog(
            trigger.user_id,
            url,
            copy.deepcopy(dialog),
            trigger.channel_id,
            trigger.team_id,
            trigger.trigger_id,
        )
        with self.state.lock:
            self.dialogs.setdefault(trigger.user_id, []).append(record)
            self.open_dialogs[trigger.user_id] = record
        sent = copy.deepcopy(body) | {"trigger_id": trigger.client_id}
        recipients = frozenset({trigger.user_id})
        self.state.emit(
            Event("open_dialog", {"dialog": json.dumps(sent)}, recipients, user_id=trigger.user_id)
        )

    def record_dialog(self, previous: Dialog, dialog: JSON) -> Dialog:
        """A follow-up form returned by a submission (multi-step dialogs) replaces the open dialog."""
        record = Dialog(
            previous.user_id,
            previous.url,
            copy.deepcopy(dialog),
            previous.channel_id,
            previous.team_id,
            previous.trigger_id,
        )
        with self.state.lock:
            self.dialogs.setdefault(previous.user_id, []).append(record)
            self.open_dialogs[previous.user_id] = record
        return record

    def close_dialog(self, dialog: Dialog) -> None:
        with self.state.lock:
            if self.open_dialogs.get(dialog.user_id) is dialog:
                del self.open_dialogs[dialog.user_id]

    def _check_dialog(self, dialog: JSON) -> None:
        # Mattermost only logs an invalid dialog ("Interactive dialog is invalid") and still shows it.
        problems = []
        if not dialog.get("title") or len(str(dialog.get("title"))) > 24:
            problems.append("title missing or longer than 24")
        names: set[str] = set()
        for element in dialog.get("elements") or []:
            name = str(element.get("name", ""))
            if not name or len(name) > 300 or name in names:
                problems.append(f"element name {name!r} missing, too long or repeated")
            names.add(name)
            if not element.get("display_name") or len(str(element.get("display_name"))) > 24:
                problems.append(f"element {name!r}: display_name missing or longer than 24")
            if element.get("type") not in _DIALOG_TYPES:
                problems.append(f"element {name!r}: unknown type {element.get('type')!r}")
            if element.get("data_source") not in (None, "", "users", "channels", "dynamic"):
                problems.append(f"element {name!r}: unknown data_source {element.get('data_source')!r}")
            if element.get("data_source") and element.get("options"):
                problems.append(f"element {name!r}: options are ignored with a data_source")
            if len(str(element.get("help_text") or "")) > 150:
                problems.append(f"element {name!r}: help_text longer than 150")
        for problem in problems:
            self.state.warn(f"dialog {dialog.get('callback_id', '')!r}: {problem}")

    # -- response urls ----------------------------------------------------------------------------

    def create_hook(self, command_id: str, user_id: str, channel_id: str, root_id: str) -> str:
        hook = Hook(new_id(), command_id, user_id, channel_id, root_id, self.state.now_ms())
        with self.state.lock:
            self.hooks[hook.id] = hook
        return f"{self.base_url()}/hooks/commands/{hook.id}"

    def use_hook(self, hook_id: str) -> Hook:
        with self.state.lock:
            hook = self.hooks.get(hook_id)
            if hook is None or self.state.now_ms() - hook.create_ms > HOOK_LIFETIME_MS:
                raise ApiError(404, "app.command_webhook.get.missing", "Unable to find the webhook.")
            if hook.uses >= HOOK_MAX_USES:
                raise ApiError(400, "app.command_webhook.try_use.invalid", "Invalid webhook.")
            hook.uses += 1
            return hook

    # -- command responses ------------------------------------------------------------------------

    def handle_command_response(
        self, response: JSON, *, user_id: str, channel_id: str, root_id: str, source: str
    ) -> tuple[list[JSON], list[JSON]]:
        """Apply a CommandResponse (HandleCommandResponse): posts as the invoking user, or ephemerals."""
        posts: list[JSON] = []
        ephemerals: list[JSON] = []
        for reply in [response, *(response.get("extra_responses") or [])]:
            if not isinstance(reply, dict):
                continue
            target = reply.get("channel_id") or channel_id
            if target != channel_id:
                self.state.require_member(self.state.channel(target), user_id)
            post_type = reply.get("type") or ""
            if post_type and not str(post_type).startswith("custom_"):
                raise ApiError(
                    400, "api.command.execute_command.create_post_failed.app_error", "Invalid type."
                )
            if reply.get("response_type") == "in_channel":
                props = dict(reply.get("props") or {})
                if reply.get("attachments"):
                    props["attachments"] = reply["attachments"]
                body = {
                    "channel_id": target,
                    "message": reply.get("text", ""),
                    "props": props,
                    "type": post_type,
                    "root_id": root_id if target == channel_id else "",
                }
                posts.append(self.posts.create(user_id, body, from_webhook=True)[0])
            elif reply.get("text") or reply.get("attachments"):
                if reply.get("response_type") not in ("", "ephemeral", None):
                    self.state.warn(f"command response_type {reply.get('response_type')!r} is not valid")
                ephemerals.append(self.state.add_ephemeral(user_id, target, root_id, reply, source))
        return posts, ephemerals
