"""REST routes for integrations: slash-command CRUD, dialogs/open, the client click route, response URLs."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .model import ApiError
from .outgoing import parse_command_response
from .web import backend, json_body, json_object, ok, session_user

API = "/api/v4"


async def list_commands(request: Request) -> Response:
    me = session_user(request)
    params = request.query_params
    custom_only = params.get("custom_only", "false").lower() in ("1", "true")
    return ok(backend(request).integrations.list_commands(me.id, params.get("team_id", ""), custom_only))


async def create_command(request: Request) -> Response:
    me = session_user(request)
    return ok(backend(request).integrations.create_command(me.id, await json_object(request)), 201)


async def get_command(request: Request) -> Response:
    me = session_user(request)
    return ok(backend(request).integrations.get_command(me.id, request.path_params["command_id"]))


async def update_command(request: Request) -> Response:
    me = session_user(request)
    body = await json_object(request)
    return ok(backend(request).integrations.update_command(me.id, request.path_params["command_id"], body))


async def delete_command(request: Request) -> Response:
    me = session_user(request)
    backend(request).integrations.delete_command(me.id, request.path_params["command_id"])
    return ok({"status": "OK"})


async def regen_token(request: Request) -> Response:
    me = session_user(request)
    return ok({"token": backend(request).integrations.regen_token(me.id, request.path_params["command_id"])})


async def open_dialog(request: Request) -> Response:
    # No session: Mattermost serves this with api.APIHandler; the trigger id is the credential.
    backend(request).integrations.open_dialog(await json_object(request))
    return ok({"status": "OK"})


async def do_post_action(request: Request) -> Response:
    """What the webapp calls when a user clicks; the outgoing call runs off the event loop because the
    integration may call back into this server (e.g. to open a dialog) before it answers."""
    me = session_user(request)
    b = backend(request)
    action_id = request.path_params["action_id"]
    if not action_id.isalnum() or not action_id.isascii():
        raise ApiError(404, "api.context.404.app_error", "Sorry, we could not find the page.")
    body = await json_body(request) or {}
    selected = body.get("selected_option") if isinstance(body, dict) else None
    result = await run_in_threadpool(
        b.outgoing.click, me, request.path_params["post_id"], action_id, selected
    )
    if result.error is not None:
        raise ApiError(400, "api.post.do_action.action_integration.app_error", result.error)
    return ok({"status": "OK", "trigger_id": result.trigger_id})


async def command_hook(request: Request) -> Response:
    """A command's response_url: five uses in 30 minutes, answered with a plain `ok`."""
    b = backend(request)
    hook = b.integrations.use_hook(request.path_params["hook_id"])
    try:
        _, response = parse_command_response(request.headers.get("content-type", ""), await request.body())
    except ValueError as exc:
        raise ApiError(400, "api.webhook.command.invalid_body.app_error", str(exc)) from None
    b.integrations.handle_command_response(
        response,
        user_id=hook.user_id,
        channel_id=hook.channel_id,
        root_id=hook.root_id,
        source="response_url",
    )
    return PlainTextResponse("ok")


ROUTES = [
    Route(f"{API}/commands", list_commands, methods=["GET"]),
    Route(f"{API}/commands", create_command, methods=["POST"]),
    Route(f"{API}/commands/{{command_id}}", get_command, methods=["GET"]),
    Route(f"{API}/commands/{{command_id}}", update_command, methods=["PUT"]),
    Route(f"{API}/commands/{{command_id}}", delete_command, methods=["DELETE"]),
    Route(f"{API}/commands/{{command_id}}/regen_token", regen_token, methods=["PUT"]),
    Route(f"{API}/actions/dialogs/open", open_dialog, methods=["POST"]),
    Route(f"{API}/posts/{{post_id}}/actions/{{action_id}}", do_post_action, methods=["POST"]),
    Route("/hooks/commands/{hook_id}", command_hook, methods=["POST"]),
]
