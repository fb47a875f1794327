"""Shared plumbing for the REST routes: the backend bundle, token auth, JSON bodies and responses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse

from .integrations import Integrations
from .model import ApiError, User, new_id
from .outgoing import Outgoing
from .posts import Posts
from .state import State


@dataclass
class Backend:
    """Everything a route needs; stored on the Starlette app as `app.state.backend`."""

    state: State
    posts: Posts
    integrations: Integrations
    outgoing: Outgoing


def backend(connection: HTTPConnection) -> Backend:
    found: Backend = connection.app.state.backend
    return found


def token_of(headers: Any, cookies: Any, query: Any) -> str:
    """Session token from `Authorization: Bearer|Token`, the MMAUTHTOKEN cookie or ?access_token."""
    scheme, _, value = str(headers.get("authorization", "")).partition(" ")
    if scheme.lower() in ("bearer", "token") and value.strip():
        return value.strip()
    return str(cookies.get("MMAUTHTOKEN") or query.get("access_token") or "")


def session_user(request: Request) -> User:
    user = backend(request).state.user_for_token(
        token_of(request.headers, request.cookies, request.query_params)
    )
    if user is None:
        raise ApiError(
            401, "api.context.session_expired.app_error", "Invalid or expired session, please login again."
        )
    return user


def resolve_user_id(request: Request, me: User) -> str:
    user_id = request.path_params["user_id"]
    return me.id if user_id == "me" else str(user_id)


async def json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw) if raw.strip() else None
    except ValueError:
        raise ApiError(
            400, "api.context.invalid_body_param.app_error", "Invalid JSON in request body."
        ) from None


async def json_object(request: Request) -> dict[str, Any]:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, "api.context.invalid_body_param.app_error", "Request body must be a JSON object.")
    return body


async def json_list(request: Request) -> list[Any]:
    body = await json_body(request)
    if not isinstance(body, list):
        raise ApiError(400, "api.context.invalid_body_param.app_error", "Request body must be a JSON array.")
    return body


def ok(data: Any, status: int = 200) -> JSONResponse:
    """A JSON reply; Starlette's media type is exactly `application/json`, which mattermostdriver needs."""
    return JSONResponse(data, status_code=status)


async def api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body(new_id()), status_code=exc.status)
