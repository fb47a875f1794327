"""The HTTP edge: Mattermost calls these endpoints. Thin on purpose — verify, parse, route, render.

Handlers never see FastAPI; they run in the thread pool because they do blocking database work.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.concurrency import run_in_threadpool

from bot import calendar_feed
from bot.rendering import Renderer
from bot.request_log import RequestLog, describe
from bot.signing import BadSignature, Signer
from commands.app import Erbij, UnknownRoute, internal_error_reply
from commands.catalogue import t
from commands.clock import Clock
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.replies import ActionResult, OpenDialog, Reply

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024


class CommandForm(BaseModel):
    """The form Mattermost posts for a custom slash command (docs/mattermost.md §1.1)."""

    model_config = ConfigDict(extra="ignore")
    token: str
    team_id: str = ""
    team_domain: str = ""
    channel_id: str
    channel_name: str = ""
    user_id: str
    user_name: str = ""
    command: str
    text: str = ""
    trigger_id: str = ""
    response_url: str = ""
    root_id: str = ""


class ActionPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")
    user_id: str
    user_name: str = ""
    channel_id: str = ""
    post_id: str = ""
    trigger_id: str = ""
    context: dict[str, Any] = {}


class DialogPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")
    callback_id: str = ""
    state: str = ""
    user_id: str
    channel_id: str = ""
    submission: dict[str, Any] | None = None
    cancelled: bool = False


@dataclass
class Edge:
    """Everything the endpoints need, built by the composition root."""

    erbij: Erbij
    renderer: Renderer
    signer: Signer
    clock: Clock
    # token → the one trigger it may run ("" for a configured token whose command Erbij cannot see)
    command_tokens: Callable[[], Mapping[str, str]]
    team_id: Callable[[], str | None]
    open_dialog: Callable[[str, dict[str, Any]], None]
    health: Callable[[], tuple[int, dict[str, Any]]]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def token_trigger(presented: str, known: Mapping[str, str]) -> str | None:
    """The trigger `presented` may run ("" for any), or None for an unknown token.

    Constant-time over every known token (no early exit that would leak which matched); compared as bytes,
    so a non-ASCII token is simply unknown.
    """
    found: str | None = None
    for token, trigger in known.items():
        if hmac.compare_digest(presented.encode("utf-8"), token.encode("utf-8")):
            found = trigger
    return found if presented else None


def same_text(presented: str, expected: str) -> bool:
    """Constant-time equality of two strings of any characters (compare_digest refuses non-ASCII str)."""
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


def without_nul(value: Any) -> Any:
    """`value` with every NUL character removed from its strings: PostgreSQL cannot store or compare
    them, and no person means one."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value


async def _read_body(request: Request) -> bytes | None:
    """The body, or None once it is known to exceed MAX_BODY: from Content-Length before reading a byte,
    else while streaming, so an endless body costs at most MAX_BODY of memory."""
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isascii() or not declared.isdigit() or len(declared) > 12):
        return None
    if declared and int(declared) > MAX_BODY:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


def _too_large() -> JSONResponse:
    return _error(413, f"body larger than {MAX_BODY} bytes")


def create_app(edge: Edge) -> FastAPI:
    app = FastAPI(title="Erbij", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(RequestLog)

    @app.post("/mattermost/command")
    async def command(request: Request) -> JSONResponse:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/x-www-form-urlencoded":
            return _error(400, "expected an application/x-www-form-urlencoded body")
        header = request.headers.get("authorization", "")
        header_token = header[len("Token ") :] if header.startswith("Token ") else None
        if header_token is not None and token_trigger(header_token, edge.command_tokens()) is None:
            # Mattermost sends the token in a header: a stranger is refused before a byte of body is read.
            return _error(401, "unknown command token")
        body = await _read_body(request)
        if body is None:
            return _too_large()
        try:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
            form = CommandForm.model_validate({k: without_nul(v[0]) for k, v in fields.items()})
        except (UnicodeDecodeError, ValueError, ValidationError):
            return _error(400, "malformed slash command form")
        presented = form.token if header_token is None else header_token
        allowed = token_trigger(presented, edge.command_tokens())
        if allowed is None or (form.token and not same_text(form.token, presented)):
            return _error(401, "unknown command token")
        team = edge.team_id()
        if team and not same_text(form.team_id, team):
            # A token from our commands, used from another team on the same server (docs/mattermost.md §1.4);
            # Mattermost always sends the team, so a missing one is no reason to skip the check.
            return _error(401, "command from another team")
        trigger = form.command.lstrip("/").lower()
        if allowed and allowed != trigger:
            # Each command has its own token: the token of /beschikbaar does not run /erbij.
            return _error(401, "token of another command")
        if not edge.erbij.knows_trigger(trigger):
            return _error(400, f"unknown command {form.command}")
        req = CommandRequest(
            command=trigger,
            text=form.text,
            user_id=form.user_id,
            user_name=form.user_name,
            channel_id=form.channel_id,
            channel_name=form.channel_name,
            team_id=form.team_id,
            trigger_id=form.trigger_id,
        )
        describe(request.state, f"/{trigger} {edge.erbij.loggable_sub(req)} by {form.user_id}")
        if edge.erbij.answers_at_once(req):
            # The help text: a few microseconds of work, less than handing it to a worker thread and back.
            reply = _run_command(edge, req)
        else:
            reply = await run_in_threadpool(_run_command, edge, req)
        return JSONResponse(edge.renderer.command_response(reply, edge.clock.now()))

    @app.post("/mattermost/action")
    async def action(request: Request) -> JSONResponse:
        payload = await _json(request, ActionPayload)
        if isinstance(payload, JSONResponse):
            return payload
        try:
            signed = edge.signer.verify(payload.context.get("t"), edge.clock.now())
            name, data = str(signed["a"]), {str(k): str(v) for k, v in dict(signed["d"]).items()}
        except (BadSignature, KeyError, TypeError, ValueError):
            return _error(403, "bad or expired signature")
        req = ActionRequest(
            action=name,
            data=data,
            user_id=payload.user_id,
            user_name=payload.user_name,
            channel_id=payload.channel_id,
            post_id=payload.post_id,
            trigger_id=payload.trigger_id,
        )
        describe(request.state, f"action {name} by {payload.user_id}")
        result = await run_in_threadpool(_run_action, edge, req)
        return JSONResponse(edge.renderer.action_response(result, edge.clock.now()))

    @app.post("/mattermost/dialog")
    async def dialog(request: Request) -> JSONResponse:
        payload = await _json(request, DialogPayload)
        if isinstance(payload, JSONResponse):
            return payload
        try:
            signed = edge.signer.verify(payload.state, edge.clock.now())
            callback = str(signed["c"])
            state = {str(k): str(v) for k, v in dict(signed["s"]).items()}
        except (BadSignature, KeyError, TypeError, ValueError):
            return _error(403, "bad or expired signature")
        submission = DialogSubmission(
            callback=callback,
            state=state,
            user_id=payload.user_id,
            channel_id=payload.channel_id,
            submission=dict(payload.submission or {}),
            cancelled=payload.cancelled,
        )
        describe(request.state, f"dialog {callback} by {payload.user_id}")
        try:
            result = await run_in_threadpool(edge.erbij.dialog, submission)
        except UnknownRoute:
            return _error(400, "unknown dialog")
        except Exception:
            log.exception("dialog %s failed", callback)
            return JSONResponse({"error": t("general.internal_error")})
        return JSONResponse(edge.renderer.dialog_response(result))

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        status, body = await run_in_threadpool(edge.health)
        return JSONResponse(body, status_code=status)

    calendar_feed.mount(app, edge)
    return app


async def _json(request: Request, model: type[BaseModel]) -> Any:
    body = await _read_body(request)
    if body is None:
        return _too_large()
    try:
        # pydantic's own parser bounds the nesting depth; NULs go after it has built plain values.
        parsed = model.model_validate_json(body)
    except ValidationError:
        return _error(400, "malformed JSON body")
    return model.model_validate(without_nul(parsed.model_dump()))


def _run_command(edge: Edge, req: CommandRequest) -> Reply | None:
    try:
        result = edge.erbij.command(req)
        if isinstance(result, OpenDialog):
            rendered = edge.renderer.dialog(result.dialog, edge.clock.now())
            edge.open_dialog(req.trigger_id, rendered)
            return result.reply
        return result
    except Exception:
        log.exception("command /%s failed", req.command)
        return internal_error_reply()


def _run_action(edge: Edge, req: ActionRequest) -> ActionResult:
    try:
        result = edge.erbij.action(req)
        if result.open_dialog is not None:
            edge.open_dialog(req.trigger_id, edge.renderer.dialog(result.open_dialog, edge.clock.now()))
        return result
    except UnknownRoute:
        return ActionResult(ephemeral=t("general.expired"))
    except Exception:
        log.exception("action %s failed", req.action)
        return ActionResult(ephemeral=t("general.internal_error"))
