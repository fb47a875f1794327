"""Decoding of websocket frames: Mattermost nests JSON *strings* (e.g. `data.post`) inside its events."""

from __future__ import annotations

import json
import logging
from typing import Any

log = logging.getLogger(__name__)

# Fields of `data` that Mattermost sends as JSON-encoded strings (posted/post_edited/post_deleted/
# ephemeral_message: post; posted: mentions, followers; reaction_*: reaction; open_dialog: dialog).
STRING_ENCODED = ("post", "mentions", "followers", "reaction", "dialog")


def decode_frame(raw: str | bytes) -> dict[str, Any] | None:
    """Parse one frame; for events, add the decoded value of each string-encoded field as `<field>_obj`.

    Example: a `posted` event gets `event["data"]["post_obj"]` (a dict) next to the original string
    `event["data"]["post"]`. Returns None for a frame that is not a JSON object.
    """
    try:
        frame = json.loads(raw)
    except ValueError:
        log.warning("Ignoring a websocket frame that is not JSON")
        return None
    if not isinstance(frame, dict):
        return None
    data = frame.get("data")
    if isinstance(data, dict):
        for key in STRING_ENCODED:
            value = data.get(key)
            if isinstance(value, str):
                try:
                    data[f"{key}_obj"] = json.loads(value)
                except ValueError:
                    log.debug("websocket field data.%s is not JSON", key)
    return frame


def is_event(frame: dict[str, Any]) -> bool:
    """Events carry `event` and `seq`; replies to our own actions carry `seq_reply` instead."""
    return "event" in frame
