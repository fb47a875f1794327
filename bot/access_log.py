"""uvicorn's access log without credentials: request lines are logged without their query string.

The calendar feed is fetched as `/kalender/overleg.ics?token=…`, and that token opens a person's feed for a
year; a log line is read and kept by far more people than should hold it. Mattermost's own calls carry
their tokens in bodies and headers, which the access log never shows; the query string is the only place
left, so it is replaced by `?…` for every path.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

ACCESS_LOGGER = "uvicorn.access"
_PATH_ARG = 2  # uvicorn logs '%s - "%s %s HTTP/%s" %d' with (client, method, path?query, version, status)


def redact_path(path: str) -> str:
    """The path without its query string (the marker says one was there)."""
    base, separator, _ = path.partition("?")
    return f"{base}?…" if separator else base


class RedactQueryStrings(logging.Filter):
    """Rewrites the path argument of uvicorn's access records before any handler formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) > _PATH_ARG:
            path = args[_PATH_ARG]
            if isinstance(path, str):
                record.args = (*args[:_PATH_ARG], redact_path(path), *args[_PATH_ARG + 1 :])
        return True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with the redacting filter on its access logger."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_query"] = {"()": RedactQueryStrings}
    config["loggers"][ACCESS_LOGGER]["filters"] = ["redact_query"]
    return config
