"""Mattermost edge of the bot: the only package that imports `mattermostdriver`.

`MattermostAdapter` (REST, also the `Directory` port), `WebsocketListener` (events) and typed errors.
"""

from bot.mattermost.client import MattermostAdapter
from bot.mattermost.commands import CommandRegistration
from bot.mattermost.errors import (
    MattermostError,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TransientError,
)
from bot.mattermost.websocket import WebsocketListener

__all__ = [
    "CommandRegistration",
    "MattermostAdapter",
    "MattermostError",
    "NotFound",
    "PermanentError",
    "PermissionDenied",
    "RateLimited",
    "TransientError",
    "WebsocketListener",
]
