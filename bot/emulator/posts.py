"""Posts and files: creation with Mattermost's checks and pending_post_id de-duplication, edits, listing."""

from __future__ import annotations

import copy
import json
import mimetypes
import re
from typing import Any

from .model import JSON, ApiError, Channel, Event, for_client, forbidden, new_id, not_found
from .state import State

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (bytes 16–24); (0, 0) for anything else."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


MAX_MESSAGE_RUNES = 16383
PENDING_TTL_MS = 30_000
_KEPT_ON_CLEAR = ("from_webhook", "override_username", "override_icon_url")
_ACTION_ID = re.compile(r"^[A-Za-z0-9]+$")


def find_action(post: JSON, key: str) -> JSON | None:
    """The attachment action with this id, or else with this name (button label)."""
    actions = [
        action
        for attachment in post.get("props", {}).get("attachments") or []
        if isinstance(attachment, dict)
        for action in attachment.get("actions") or []
        if isinstance(action, dict)
    ]
    for field in ("id", "name"):
        for action in actions:
            if action.get(field) == key:
                return action
    return None


class Posts:
    """Stored posts (unstripped, so tests can inspect integration context) and uploaded files."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.posts: dict[str, JSON] = {}
        self.by_channel: dict[str, list[str]] = {}
        self.pending: dict[str, tuple[str, int]] = {}
        self.files: dict[str, JSON] = {}
        self.file_data: dict[str, bytes] = {}

    def create(self, user_id: str, body: JSON, *, from_webhook: bool = False) -> tuple[JSON, bool]:
        """Create a post as `user_id`; returns the post and False when it is a pending_post_id repeat."""
        state = self.state
        channel_id = body.get("channel_id")
        if not isinstance(channel_id, str) or not channel_id:
            raise ApiError(400, "api.context.invalid_param.app_error", "Invalid channel_id parameter.")
        with state.lock:
            channel = state.channels.get(channel_id)
            if channel is None or user_id not in channel.members:
                raise forbidden()
            message = body.get("message", "")
            if not isinstance(message, str):
                raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid message.")
            if len(message) > MAX_MESSAGE_RUNES:
                raise ApiError(400, "model.post.is_valid.message_length.app_error", "Invalid message length.")
            pending = body.get("pending_post_id") or ""
            now = state.now_ms()
            if pending:
                hit = self.pending.get(pending)
                if hit and now - hit[1] < PENDING_TTL_MS and hit[0] in self.posts:
                    return for_client(self.posts[hit[0]]), False
            root_id = body.get("root_id") or ""
            if root_id:
                root = self.posts.get(root_id)
                if root is None or root["channel_id"] != channel_id or root["root_id"]:
                    raise ApiError(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.")
            post_type = body.get("type") or ""
            if post_type and not str(post_type).startswith("custom_"):
                raise ApiError(400, "api.context.invalid_param.app_error", "Invalid type parameter.")
            props = body.get("props") or {}
            if not isinstance(props, dict):
                raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid props.")
            props = copy.deepcopy(props)
            if state.users[user_id].is_bot:
                props["from_bot"] = "true"
            if from_webhook:
                props["from_webhook"] = "true"
            file_ids = self._attach_files(user_id, channel_id, body.get("file_ids") or [])
            post = _new_post(user_id, channel_id, message, now, root_id=root_id, post_type=post_type)
            post.update(props=props, file_ids=file_ids, pending_post_id=pending)
            self._prepare(post)
            self.posts[post["id"]] = post
            self.by_channel.setdefault(channel_id, []).append(post["id"])
            channel.last_post_at = now
            channel.total_msg_count += 1
            if pending:
                self.pending[pending] = (post["id"], now)
            event = self.posted_event(channel, post)
        state.emit(event)
        return for_client(post), True

    def add_system_post(
        self, channel: Channel, user_id: str, post_type: str, message: str, props: JSON
    ) -> None:
        """A system message such as 'X added to the channel'; bots must learn to ignore these."""
        with self.state.lock:
            now = self.state.now_ms()
            post = _new_post(user_id, channel.id, message, now, post_type=post_type)
            post["props"] = props
            self.posts[post["id"]] = post
            self.by_channel.setdefault(channel.id, []).append(post["id"])
            event = self.posted_event(channel, post)
        self.state.emit(event)

    def get(self, post_id: str) -> JSON:
        with self.state.lock:
            post = self.posts.get(post_id)
            if post is None or post["delete_at"]:
                raise not_found("post")
            return post

    def update(self, post_id: str, body: JSON, *, editor_id: str | None, patch: bool) -> JSON:
        """PUT (omitted fields become blank) or PATCH a post; only its author may edit it."""
        with self.state.lock:
            post = self.get(post_id)
            if editor_id is not None and post["user_id"] != editor_id:
                raise forbidden()
            if not patch and body.get("id") != post_id:
                raise ApiError(400, "api.context.invalid_param.app_error", "Invalid id parameter.")
            message = body.get("message", post["message"] if patch else "")
            if not isinstance(message, str) or len(message) > MAX_MESSAGE_RUNES:
                raise ApiError(400, "model.post.is_valid.message_length.app_error", "Invalid message.")
            props = (body.get("props") or {}) if "props" in body or not patch else post["props"]
            if not isinstance(props, dict):
                raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid props.")
            file_ids = (body.get("file_ids") or []) if "file_ids" in body or not patch else post["file_ids"]
            if "is_pinned" in body:
                post["is_pinned"] = bool(body["is_pinned"])
            event = self._save_edit(post, message, props, list(file_ids))
        self.state.emit(event)
        return for_client(post)

    def delete(self, post_id: str, deleter_id: str) -> None:
        """DELETE /posts/{id} (api4 deletePost): the author needs `delete_post`, which every member has;
        anyone else `delete_others_posts` in the channel, else 403. A root post takes its replies along, as
        Mattermost's store does, and members hear `post_deleted` with the post as a JSON string."""
        state = self.state
        with state.lock:
            post = self.get(post_id)
            channel = state.channel(post["channel_id"])
            if post["user_id"] == deleter_id:
                if deleter_id not in channel.members:
                    raise forbidden()
            elif not state.may_delete_others_posts(channel, deleter_id):
                raise forbidden()
            now = state.now_ms()
            gone = [post] + [p for p in self.posts.values() if p["root_id"] == post_id]
            for each in gone:
                if not each["delete_at"]:
                    each.update(delete_at=now, update_at=now)
            # Sent to ordinary members without `delete_by` (Mattermost adds it only for admins' connections).
            event = state.channel_event("post_deleted", channel, {"post": json.dumps(for_client(post))})
        state.emit(event)

    def apply_action_update(self, post_id: str, update: JSON) -> JSON:
        """Apply an integration's `update`: props null keeps the old props, {} clears all but three."""
        with self.state.lock:
            post = self.get(post_id)
            old_props = post["props"]
            new_props = update.get("props")
            if new_props is None:
                props = old_props
            else:
                props = dict(new_props) if isinstance(new_props, dict) else {}
                props.update({k: old_props[k] for k in _KEPT_ON_CLEAR if k in old_props})
            message = update.get("message") if isinstance(update.get("message"), str) else ""
            event = self._save_edit(post, str(message), props, post["file_ids"])
        self.state.emit(event)
        return for_client(post)

    def _save_edit(self, post: JSON, message: str, props: JSON, file_ids: list[str]) -> Event:
        """App.UpdatePost: replace message, props and files; edit_at moves when any of them changed."""
        now = self.state.now_ms()
        changed_attachments = props.get("attachments") != post["props"].get("attachments")
        if message != post["message"] or changed_attachments or file_ids != post["file_ids"]:
            post["edit_at"] = now
        post.update(message=message, props=copy.deepcopy(props), file_ids=file_ids, update_at=now)
        self._prepare(post)
        return self._edited_event(post)

    def in_channel(self, channel_id: str) -> list[JSON]:
        with self.state.lock:
            return [copy.deepcopy(self.posts[i]) for i in self.by_channel.get(channel_id, [])]

    def page(self, channel_id: str, params: dict[str, str]) -> JSON:
        """GET /channels/{id}/posts: newest first, with page/per_page, since, before and after."""
        with self.state.lock:
            posts = [
                self.posts[i] for i in self.by_channel.get(channel_id, []) if not self.posts[i]["delete_at"]
            ]
            if "since" in params:
                since = int(params["since"])
                chosen = [p for p in posts if p["update_at"] > since]
            else:
                ids = [p["id"] for p in posts]
                if params.get("before") in ids:
                    posts = posts[: ids.index(params["before"])]
                elif params.get("after") in ids:
                    posts = posts[ids.index(params["after"]) + 1 :]
                page, per_page = int(params.get("page", 0)), int(params.get("per_page", 60))
                newest_first = list(reversed(posts))
                chosen = newest_first[page * per_page : (page + 1) * per_page]
            chosen.sort(key=lambda p: p["create_at"], reverse=True)
            return {
                "order": [p["id"] for p in chosen],
                "posts": {p["id"]: for_client(p) for p in chosen},
                "next_post_id": "",
                "prev_post_id": "",
                "has_next": False,
            }

    # -- files ------------------------------------------------------------------------------------

    def upload(self, user_id: str, channel_id: str, name: str, data: bytes) -> JSON:
        with self.state.lock:
            channel = self.state.channels.get(channel_id)
            if channel is None or user_id not in channel.members:
                raise forbidden()
            now = self.state.now_ms()
            extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
            width, height = _png_size(data)
            info: JSON = {
                "id": new_id(),
                "user_id": user_id,
                "post_id": "",
                "channel_id": channel_id,
                "create_at": now,
                "update_at": now,
                "delete_at": 0,
                "name": name,
                "extension": extension,
                "size": len(data),
                "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream",
                # Mattermost reads an image's size and makes a preview; other files have 0 × 0 and none.
                "width": width,
                "height": height,
                "has_preview_image": width > 0,
                "mini_preview": None,
                "remote_id": "",
                "archived": False,
            }
            self.files[info["id"]] = info
            self.file_data[info["id"]] = data
            return dict(info)

    def file(self, file_id: str) -> tuple[JSON, bytes]:
        with self.state.lock:
            info = self.files.get(file_id)
            if info is None:
                raise not_found("file_info")
            return dict(info), self.file_data[file_id]

    # -- internals --------------------------------------------------------------------------------

    def _attach_files(self, user_id: str, channel_id: str, file_ids: Any) -> list[str]:
        if not isinstance(file_ids, list):
            raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid file_ids.")
        attached: list[str] = []
        for file_id in file_ids:
            info = self.files.get(file_id) if isinstance(file_id, str) else None
            # Mattermost drops files that are unknown, someone else's, or already attached, and only logs it.
            if (
                info is None
                or info["user_id"] != user_id
                or info["post_id"]
                or info["channel_id"] != channel_id
            ):
                self.state.warn(f"file id {file_id!r} not attachable by {user_id}; dropped")
                continue
            attached.append(file_id)
        return attached

    def _prepare(self, post: JSON) -> None:
        """Generate missing action ids (Post.GenerateActionIds), attach files, note invalid props."""
        for file_id in post["file_ids"]:
            if file_id in self.files:
                self.files[file_id]["post_id"] = post["id"]
        if post["file_ids"]:
            post["metadata"] = {"files": [dict(self.files[f]) for f in post["file_ids"] if f in self.files]}
        attachments = post["props"].get("attachments")
        if attachments is None:
            return
        if not isinstance(attachments, list):
            self.state.warn(f"post {post['id']}: props.attachments is not a list")
            return
        for attachment in attachments:
            for action in attachment.get("actions") or [] if isinstance(attachment, dict) else []:
                if not isinstance(action, dict):
                    continue
                if not action.get("id"):
                    action["id"] = new_id()
                if not _ACTION_ID.match(str(action["id"])):
                    self.state.warn(f"post {post['id']}: action id {action['id']!r} is not alphanumeric")
                url = (action.get("integration") or {}).get("url", "")
                if not action.get("name") or action.get("type", "button") not in ("button", "select"):
                    self.state.warn(f"post {post['id']}: action {action['id']} lacks a name or valid type")
                if not str(url).startswith(("http://", "https://", "/plugins/")):
                    self.state.warn(f"post {post['id']}: action {action['id']} has no valid integration url")

    def posted_event(self, channel: Channel, post: JSON) -> Event:
        author = self.state.users.get(post["user_id"])
        data: JSON = {
            "channel_display_name": channel.display_name,
            "channel_name": channel.name,
            "channel_type": channel.type,
            "post": json.dumps(for_client(post)),
            "sender_name": f"@{author.username}" if author else "",
            "set_online": True,
            "team_id": channel.team_id,
        }
        mentions = self.state.mentions(channel, post["message"], post["user_id"])
        if mentions:
            data["mentions"] = json.dumps(mentions)
        return self.state.channel_event("posted", channel, data)

    def _edited_event(self, post: JSON) -> Event:
        channel = self.state.channel(post["channel_id"])
        return self.state.channel_event("post_edited", channel, {"post": json.dumps(for_client(post))})


def _new_post(
    user_id: str, channel_id: str, message: str, now: int, *, root_id: str = "", post_type: str = ""
) -> JSON:
    return {
        "id": new_id(),
        "create_at": now,
        "update_at": now,
        "edit_at": 0,
        "delete_at": 0,
        "is_pinned": False,
        "user_id": user_id,
        "channel_id": channel_id,
        "root_id": root_id,
        "original_id": "",
        "message": message,
        "type": post_type,
        "props": {},
        "hashtags": "",
        "file_ids": [],
        "pending_post_id": "",
        "reply_count": 0,
        "last_reply_at": 0,
        "participants": None,
        "metadata": {},
    }
