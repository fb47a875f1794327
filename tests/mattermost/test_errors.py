"""Error mapping and configuration parsing that need no server."""

from __future__ import annotations

import json
import ssl
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests

from bot.mattermost import NotFound, PermanentError, RateLimited, TransientError
from bot.mattermost.errors import from_request_exception, retry_after_seconds
from bot.mattermost.events import decode_frame
from bot.mattermost.rest import driver_options
from bot.mattermost.tls import client_ssl_context


def response(status: int, body: str = "", **headers: str) -> requests.Response:
    answer = requests.Response()
    answer.status_code = status
    answer._content = body.encode()
    answer.headers.update(headers)
    answer.request = requests.Request("GET", "http://127.0.0.1/api/v4/x").prepare()
    return answer


def test_retry_after_forms() -> None:
    assert retry_after_seconds(response(429, **{"Retry-After": "3"})) == 3.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after_seconds(response(429, **{"Retry-After": later})) <= 30
    assert retry_after_seconds(response(429, **{"X-RateLimit-Reset": "4"})) == 4.0
    assert retry_after_seconds(response(429)) == 1.0


def test_mapping_of_statuses_and_exceptions() -> None:
    error = json.dumps({"id": "app.post.get.app_error", "message": "not found"})
    not_found = from_request_exception(requests.HTTPError(response=response(404, error)))
    assert isinstance(not_found, NotFound) and not_found.error_id == "app.post.get.app_error"
    assert isinstance(from_request_exception(requests.HTTPError(response=response(429))), RateLimited)
    assert isinstance(from_request_exception(requests.HTTPError(response=response(503))), TransientError)
    feature_off = from_request_exception(requests.HTTPError(response=response(501, "{}")))
    assert isinstance(feature_off, PermanentError)
    assert isinstance(from_request_exception(requests.ReadTimeout("slow")), TransientError)
    assert isinstance(from_request_exception(requests.ConnectionError("refused")), TransientError)


def test_driver_error_keeps_status_and_error_id() -> None:
    from mattermostdriver.exceptions import NotEnoughPermissions

    body = json.dumps({"id": "api.context.permissions.app_error", "message": "no"})
    try:
        try:
            raise requests.HTTPError(response=response(403, body))
        except requests.HTTPError:
            raise NotEnoughPermissions("no") from None  # what the driver does
    except NotEnoughPermissions as exc:
        mapped = from_request_exception(exc)
    assert isinstance(mapped, PermanentError)
    assert (mapped.status, mapped.error_id) == (403, "api.context.permissions.app_error")


def test_driver_options_from_url() -> None:
    options = driver_options("https://chat.example.nl/mm/", "t", "/etc/ca.pem", 5.0)
    assert (options["scheme"], options["url"], options["port"], options["basepath"]) == (
        "https",
        "chat.example.nl",
        443,
        "/mm/api/v4",
    )
    assert options["verify"] == "/etc/ca.pem"
    assert driver_options("http://[::1]:8065", "t", True, 5.0)["url"] == "[::1]"
    with pytest.raises(ValueError, match="must be http"):
        driver_options("chat.example.nl", "t", True, 5.0)


def test_client_ssl_contexts() -> None:
    verified = client_ssl_context(True)
    assert verified.check_hostname and verified.verify_mode == ssl.CERT_REQUIRED
    unverified = client_ssl_context(False)
    assert not unverified.check_hostname and unverified.verify_mode == ssl.CERT_NONE


def test_decode_frame_leaves_bad_fields_alone() -> None:
    frame = decode_frame(json.dumps({"event": "posted", "data": {"post": "not json"}, "seq": 3}))
    assert frame is not None and "post_obj" not in frame["data"]
    assert decode_frame("[1, 2]") is None
    assert decode_frame("{") is None
