"""One place where REST calls go through mattermostdriver: error mapping and bounded 429 retries."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests
from mattermostdriver import Driver
from mattermostdriver.client import Client

from bot.mattermost.errors import PermanentError, RateLimited, from_request_exception

log = logging.getLogger(__name__)

# The driver logs every HTTP error at ERROR level under this (misnamed) logger before raising; we raise
# typed errors and let the caller decide what is worth logging, so its copy is only noise.
logging.getLogger("mattermostdriver.websocket").setLevel(logging.CRITICAL)

Sleep = Callable[[float], None]


def driver_options(url: str, token: str, verify: bool | str, timeout: float) -> dict[str, Any]:
    """Driver options from a base URL such as `https://chat.example.nl` or `http://127.0.0.1:8065/mm`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Mattermost URL must be http(s)://host[:port][/path], got {url!r}")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return {
        "scheme": parts.scheme,
        "url": host,
        "port": parts.port or (443 if parts.scheme == "https" else 80),
        "basepath": parts.path.rstrip("/") + "/api/v4",
        "verify": verify,
        "token": token,
        "request_timeout": timeout,
        "timeout": timeout,
    }


class KeepAliveClient(Client):
    """The driver's client, sending over one `requests.Session` per thread instead of `requests.post`.

    The driver opens a new TCP connection for every call; a card read asks Mattermost for display names
    each time, so the handshake was a tenth of its time. A session keeps the connection alive. Per thread,
    because a `Session` is not documented as thread-safe and requests come in on a pool of threads.
    An HTTP error is raised as `requests.HTTPError` with its response, which `from_request_exception` maps.
    """

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(options)
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def make_request(
        self,
        method: str,
        endpoint: str,
        options: Any = None,
        params: Any = None,
        data: Any = None,
        files: Any = None,
        basepath: str | None = None,
    ) -> requests.Response:
        url = self.url
        if basepath:
            url = f"{self._options['scheme']}://{self._options['url']}:{self._options['port']}{basepath}"
        extra: dict[str, Any] = {"auth": self._auth()} if self._auth is not None else {}
        response = self._session().request(
            method.upper(),
            url + endpoint,
            headers=self.auth_header(),
            verify=self._verify,
            json={} if options is None else options,  # as the driver sends them
            params=params or {},
            data=data or {},
            files=files,
            timeout=self.request_timeout,
            **extra,
        )
        response.raise_for_status()
        return response


class RestClient:
    """Sends one REST call and turns every failure into a `MattermostError`.

    `retry=True` repeats a call answered with 429 (the server did not process it, so this is safe for any
    method), honouring Retry-After, at most `max_tries` times and `max_sleep` seconds in total.
    """

    def __init__(
        self,
        url: str,
        token: str,
        verify: bool | str = True,
        timeout: float = 10.0,
        sleep: Sleep = time.sleep,
        max_tries: int = 3,
        max_sleep: float = 10.0,
    ) -> None:
        self._driver = Driver(driver_options(url, token, verify, timeout), client_cls=KeepAliveClient)
        # Setting the token directly avoids the driver's login() round trip; users/me is fetched lazily.
        self._driver.client.token = token
        self._sleep = sleep
        self._max_tries = max_tries
        self._max_sleep = max_sleep

    def get(self, endpoint: str, params: dict[str, str] | None = None, retry: bool = True) -> Any:
        return self.call("get", endpoint, params=params, retry=retry)

    def call(
        self,
        method: str,
        endpoint: str,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        retry: bool = False,
    ) -> Any:
        """Call `endpoint` (relative to /api/v4, starting with "/") and return the decoded JSON body."""
        slept = 0.0
        for attempt in range(1, self._max_tries + 1):
            try:
                return self._once(method, endpoint, body, params, data, files)
            except RateLimited as exc:
                out_of_budget = slept + exc.retry_after > self._max_sleep
                if not retry or attempt == self._max_tries or out_of_budget:
                    raise
                log.info(
                    "Mattermost rate limit on %s %s, retrying in %.1f s",
                    method.upper(),
                    endpoint,
                    exc.retry_after,
                )
                self._sleep(exc.retry_after)
                slept += exc.retry_after
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(
        self,
        method: str,
        endpoint: str,
        body: Any,
        params: dict[str, str] | None,
        data: dict[str, str] | None,
        files: dict[str, tuple[str, bytes, str]] | None,
    ) -> Any:
        client = self._driver.client
        try:
            if method == "get":
                result = client.get(endpoint, params=params)
            elif method == "post":
                result = client.post(endpoint, options=body, params=params, data=data, files=files)
            elif method == "put":
                result = client.put(endpoint, options=body, params=params)
            elif method == "delete":
                result = client.delete(endpoint, options=body, params=params)
            else:
                raise ValueError(f"unsupported method {method!r}")
        except requests.RequestException as exc:
            raise from_request_exception(exc) from exc
        if isinstance(result, requests.Response):
            # The driver hands back the raw response when Content-Type is not exactly application/json.
            try:
                return result.json()
            except ValueError as exc:
                raise PermanentError(
                    result.status_code, "erbij.invalid_json", "expected a JSON body"
                ) from exc
        return result
