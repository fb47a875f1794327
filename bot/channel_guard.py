"""The channel guard's edge: websocket posts in, deletions out (the decisions are commands.privacy_channel).

Mattermost sends `posted` and `post_edited` only to the channel's members, so the guard sees exactly the
channels Erbij is in and its DMs. The websocket listener calls `on_event` on its own thread, which must stay
quick: the guard queues the frame for one worker thread of its own, which checks the post, deletes it where
Erbij may and queues the author's DM through the outbox. Nothing of the text is logged or stored.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.mattermost import MattermostError, NotFound, PermissionDenied
from commands.clock import Clock
from commands.privacy_channel import ChannelPost, Guarded, PostRemover, Removal, guard_post
from commands.registry import Context

log = logging.getLogger(__name__)

WATCHED = ("posted", "post_edited")
# After a 403 the channel is left alone for this long, so a channel where Erbij may not delete costs one
# refused call an hour at most, and a permission granted later takes effect without a restart.
DENIED_RETRY = timedelta(hours=1)
# After a (re)connect, posts are re-read since the last frame before it; a fresh process looks back this far
# (a night's outage or a deploy). The margin covers clock skew between Erbij and Mattermost.
CATCH_UP = timedelta(hours=24)
CLOCK_MARGIN = timedelta(minutes=5)
REMEMBERED = 1000  # handled post keys kept for `wait_for` (tests, diagnostics)


class DeletingClient(Protocol):
    def delete_post(self, post_id: str) -> None: ...


class GuardClient(Protocol):
    """What the guard reads from Mattermost (bot.mattermost.MattermostAdapter)."""

    def channel(self, channel_id: str) -> tuple[str, str]: ...

    def my_channels(self) -> list[tuple[str, str, str]]: ...

    def posts_since(self, channel_id: str, since: datetime) -> list[dict[str, Any]]: ...


class MattermostRemover:
    """Deletes posts as the bot. Remembers, per channel, that Mattermost refused (no delete_others_posts)."""

    def __init__(
        self, client: DeletingClient, clock: Clock, *, enabled: bool, retry_after: timedelta = DENIED_RETRY
    ) -> None:
        self.client = client
        self.clock = clock
        self.enabled = enabled
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._denied_until: dict[str, datetime] = {}

    def may_remove(self, channel_id: str) -> bool:
        if not self.enabled:
            return False
        with self._lock:
            until = self._denied_until.get(channel_id)
        return until is None or self.clock.now() >= until

    def remove(self, post_id: str, channel_id: str) -> Removal:
        try:
            self.client.delete_post(post_id)
        except PermissionDenied:
            with self._lock:
                self._denied_until[channel_id] = self.clock.now() + self.retry_after
            log.warning(
                "channel guard: Mattermost refused to delete a post in channel %s; Erbij needs "
                "delete_others_posts there (make the bot a channel admin), see docs/privacy.md",
                channel_id,
            )
            return Removal.DENIED
        except NotFound:
            return Removal.GONE
        except MattermostError as err:  # the author is asked to remove it; no retry loop
            log.warning(
                "channel guard: deleting a post in channel %s failed: %s", channel_id, type(err).__name__
            )
            return Removal.FAILED
        return Removal.DELETED


def channel_post(frame: dict[str, Any], channel_of: Callable[[str], tuple[str, str]]) -> ChannelPost | None:
    """The post in a `posted` or `post_edited` frame. `posted` names the channel; an edit carries only the
    post, so its channel's name and type are looked up (`channel_of`, cached by the adapter)."""
    event = frame.get("event")
    data = frame.get("data")
    post = data.get("post_obj") if isinstance(data, dict) else None
    if event not in WATCHED or not isinstance(data, dict) or not isinstance(post, dict):
        return None
    channel_id = str(post.get("channel_id") or "")
    if event == "posted":
        name, kind = str(data.get("channel_name") or ""), str(data.get("channel_type") or "")
    else:
        name, kind = channel_of(channel_id)
    return rest_post(post, name, kind, edited=event == "post_edited")


def rest_post(post: dict[str, Any], channel_name: str, channel_type: str, *, edited: bool) -> ChannelPost:
    """A Mattermost post (as REST and the websocket give it) as the guard sees it; `edited` keys it by its
    edit, so a post changed after its first check is checked again."""
    raw_props = post.get("props")
    props: dict[str, Any] = raw_props if isinstance(raw_props, dict) else {}
    return ChannelPost(
        post_id=str(post.get("id") or ""),
        author_id=str(post.get("user_id") or ""),
        channel_id=str(post.get("channel_id") or ""),
        channel_name=channel_name,
        channel_type=channel_type,
        text=str(post.get("message") or ""),
        post_type=str(post.get("type") or ""),
        from_integration=bool(props.get("from_webhook") or props.get("from_bot")),
        edit_at=int(post.get("edit_at") or 0) if edited else 0,
    )


class ChannelGuard:
    """Receives websocket frames (`on_event`) and guards each post on a worker thread, one at a time.

    Catch-up: every `hello` (the first connection, and each reconnect) means events may have been missed, so
    the worker re-reads the posts of the bot's channels since the last frame it saw before that (at most
    `catch_up` ago, for a fresh process) and guards them like live ones. Posts already warned about are found
    by their outbox key and left alone, so overlapping with live events costs nothing twice.
    """

    def __init__(
        self,
        ctx: Context,
        remover: PostRemover,
        client: GuardClient,
        bot_id: Callable[[], str],
        *,
        catch_up: timedelta = CATCH_UP,
    ) -> None:
        self.ctx = ctx
        self.remover = remover
        self.client = client
        self.catch_up = catch_up
        self._bot_id = bot_id
        self._frames: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._changed = threading.Condition()
        self._handled: OrderedDict[str, list[Guarded | None]] = OrderedDict()  # per post key, every time
        self._last_frame_at: datetime | None = None
        self.catch_ups = 0  # completed catch-ups (tests wait for them)

    def on_event(self, frame: dict[str, Any]) -> None:
        """The listener's callback: queue posts, edits and (re)connects; ignore every other event."""
        now = self.ctx.clock.now()
        event = frame.get("event")
        if event == "hello":
            self._frames.put({"event": "hello", "since": self.look_back(now)})
        elif event in WATCHED:
            self._frames.put(frame)
        else:
            log.debug("websocket event %s", event)
        self._last_frame_at = now

    def look_back(self, now: datetime) -> datetime:
        """Where a catch-up at `now` starts: missed events, if any, came after the last frame this process
        heard; never further back than `catch_up`; a margin earlier for clock skew with Mattermost."""
        since = self._last_frame_at or now - self.catch_up
        return max(since, now - self.catch_up) - CLOCK_MARGIN

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._run, name="erbij-channel-guard", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        thread = self._thread
        if thread is None:
            return
        self._frames.put(None)
        thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        while (frame := self._frames.get()) is not None:
            if frame.get("event") == "hello":
                self.catch_up_since(frame["since"])
            else:
                self.handle(frame)

    def handle(self, frame: dict[str, Any]) -> Guarded | None:
        """Guard the post in one frame (on the worker thread). Never raises."""
        try:
            post = channel_post(frame, self.client.channel)
        except Exception:  # a bad frame, or the channel lookup of an edit failed
            log.exception("channel guard could not read a %r event", frame.get("event"))
            return None
        return self.guard(post) if post is not None else None

    def catch_up_since(self, since: datetime) -> int:
        """Guard every post in the bot's channels created or changed after `since`; returns how many were
        read. A channel that fails is logged and skipped (the next reconnect reads it again)."""
        read = 0
        try:
            channels = self.client.my_channels()
        except MattermostError as err:
            log.warning("channel guard: catching up failed (%s); posts while disconnected stay unread", err)
            channels = []
        for channel_id, name, kind in channels:
            try:
                posts = self.client.posts_since(channel_id, since)
            except MattermostError as err:
                log.warning(
                    "channel guard: catching up channel %s failed: %s", channel_id, type(err).__name__
                )
                continue
            for post in posts:
                read += 1
                self.guard(rest_post(post, name, kind, edited=bool(post.get("edit_at"))))
        with self._changed:
            self.catch_ups += 1
            self._changed.notify_all()
        return read

    def guard(self, post: ChannelPost) -> Guarded | None:
        """Run the guard on one post; never raises (an error is logged without the text)."""
        result: Guarded | None = None
        try:
            result = guard_post(self.ctx, post, bot_id=self._bot_id(), remover=self.remover)
            if result.warned:
                log.info(
                    "channel guard: %s in channel %s, post %s",
                    ",".join(result.decision.kinds),
                    post.channel_id,
                    result.removal.value,
                )
        except Exception:  # a database hiccup must not stop the guard; the text is not logged
            log.exception("channel guard failed on a post in channel %s", post.channel_id)
        with self._changed:
            self._handled.setdefault(post.key, []).append(result)
            while len(self._handled) > REMEMBERED:
                self._handled.popitem(last=False)
            self._changed.notify_all()
        return result

    def wait_for(self, key: str, times: int = 1, timeout: float = 10.0) -> Guarded | None:
        """Wait until the post with this key (`ChannelPost.key`) was handled `times` times (a replayed event
        is handled again) and return the last result; raises TimeoutError if it was not."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._handled.get(key, ())) >= times, timeout):
                raise TimeoutError(f"the channel guard did not handle {key} {times} time(s)")
            return self._handled[key][-1]

    def wait_caught_up(self, times: int = 1, timeout: float = 10.0) -> None:
        """Wait until `times` catch-ups (one per hello) are done; raises TimeoutError if they are not."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.catch_ups >= times, timeout):
                raise TimeoutError(f"the channel guard did not catch up {times} time(s)")
