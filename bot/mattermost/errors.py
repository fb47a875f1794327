"""Typed Mattermost errors, so callers decide on retries by type instead of parsing driver exceptions."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests

# Used when a 429 carries neither Retry-After nor X-RateLimit-Reset.
DEFAULT_RETRY_AFTER = 1.0


class MattermostError(Exception):
    """Base of every error the adapter raises."""


class RateLimited(MattermostError):
    """HTTP 429: the request was not processed; it may be repeated after `retry_after` seconds."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message} (retry after {retry_after:g} s)")
        self.retry_after = retry_after


class TransientError(MattermostError):
    """A 5xx answer, a timeout or a connection failure: worth retrying later."""


class PermanentError(MattermostError):
    """A 4xx answer (other than 429): repeating the same request will not help."""

    def __init__(self, status: int, error_id: str = "", message: str = "") -> None:
        super().__init__(f"HTTP {status} {error_id}: {message}".rstrip(": "))
        self.status = status
        self.error_id = error_id
        self.message = message


class NotFound(PermanentError):
    """HTTP 404."""


class PermissionDenied(PermanentError):
    """HTTP 403: the bot account lacks a permission."""


def from_response(response: requests.Response) -> MattermostError:
    """Map a failed HTTP response to the matching typed error."""
    status = response.status_code
    if status == 429:
        return RateLimited(retry_after_seconds(response))
    if status >= 500 and status != 501:  # 501 is Mattermost's "feature disabled": permanent
        return TransientError(f"HTTP {status} from {response.request.method} {response.url}")
    if status == 408:
        return TransientError(f"HTTP 408 from {response.request.method} {response.url}")
    error_id, message = _app_error(response)
    if status == 404:
        return NotFound(status, error_id, message)
    if status == 403:
        return PermissionDenied(status, error_id, message)
    return PermanentError(status, error_id, message)


def from_request_exception(exc: requests.RequestException) -> MattermostError:
    """Map anything `requests` (or the driver, which subclasses HTTPError) raised to a typed error."""
    response = _response_of(exc)
    if response is not None:
        return from_response(response)
    if isinstance(exc, requests.exceptions.InvalidJSONError):
        return PermanentError(0, "erbij.invalid_json", "the server did not answer with JSON")
    return TransientError(f"{type(exc).__name__}: {exc}")


def retry_after_seconds(response: requests.Response) -> float:
    """Seconds to wait from Retry-After (seconds or an HTTP date), else X-RateLimit-Reset, else a default."""
    value = response.headers.get("Retry-After", "").strip()
    if value:
        with contextlib.suppress(ValueError):
            return max(0.0, float(value))
        with contextlib.suppress(TypeError, ValueError, IndexError):
            when = parsedate_to_datetime(value)
            return max(0.0, (when - datetime.now(UTC)).total_seconds())
    with contextlib.suppress(ValueError):
        return max(0.0, float(response.headers.get("X-RateLimit-Reset", "")))
    return DEFAULT_RETRY_AFTER


def _response_of(exc: BaseException) -> requests.Response | None:
    # The driver re-raises 4xx as its own HTTPError subclasses built from the message only, `from None`;
    # the original HTTPError (with the response) is still reachable as the implicit context.
    for candidate in (exc, exc.__context__):
        if isinstance(candidate, requests.HTTPError) and candidate.response is not None:
            return candidate.response
    return None


def _app_error(response: requests.Response) -> tuple[str, str]:
    """The `id` and `message` of Mattermost's AppError body, or ("", text) for other bodies."""
    try:
        body = response.json()
    except ValueError:
        return "", response.text[:200]
    if isinstance(body, dict):
        return str(body.get("id", "")), str(body.get("message", ""))
    return "", ""
