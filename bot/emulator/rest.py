"""REST routes for users, teams, channels, posts and files, with Mattermost's status codes and shapes."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .model import ApiError, for_client, forbidden, team_member_json
from .web import backend, json_list, json_object, ok, resolve_user_id, session_user

API = "/api/v4"


async def ping(request: Request) -> Response:
    return ok({"status": "OK", "ActiveSearchBackend": "database"})


# -- users ----------------------------------------------------------------------------------------


async def get_user(request: Request) -> Response:
    me = session_user(request)
    return ok(backend(request).state.user(resolve_user_id(request, me)).to_json())


async def get_user_by_name(request: Request) -> Response:
    session_user(request)
    return ok(backend(request).state.user_by_name(request.path_params["username"]).to_json())


async def users_by_ids(request: Request) -> Response:
    session_user(request)
    state = backend(request).state
    ids = await json_list(request)
    with state.lock:
        return ok([state.users[i].to_json() for i in ids if i in state.users])


async def users_by_names(request: Request) -> Response:
    session_user(request)
    state = backend(request).state
    names = {str(n).lower() for n in await json_list(request)}
    with state.lock:
        return ok([u.to_json() for u in state.users.values() if u.username in names])


async def statuses_by_ids(request: Request) -> Response:
    session_user(request)
    state = backend(request).state
    ids = await json_list(request)
    with state.lock:
        return ok([dict(state.statuses[i]) for i in ids if i in state.statuses])


async def user_status(request: Request) -> Response:
    me = session_user(request)
    return ok(backend(request).state.status(resolve_user_id(request, me)))


# -- teams and channels ---------------------------------------------------------------------------


async def team_by_name(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    team = state.team
    if request.path_params["team_name"] != team.name:
        raise ApiError(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
    # Not open to join (allow_open_invite is false): outsiders lack view_team and get a 403.
    state.require_team_member(me.id)
    return ok(team.to_json())


def _our_team(request: Request) -> str:
    team_id = str(request.path_params["team_id"])
    if team_id != backend(request).state.team.id:
        raise ApiError(404, "app.team.get.find.app_error", "Unable to find the existing team.")
    return team_id


async def team_member(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    team_id = _our_team(request)
    state.require_team_member(me.id)
    user_id = resolve_user_id(request, me)
    with state.lock:
        member = user_id in state.team_members
    if not member:
        raise ApiError(404, "app.team.get_member.missing.app_error", "No team member found for that ID.")
    return ok(team_member_json(team_id, user_id))


async def team_members_by_ids(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    team_id = _our_team(request)
    state.require_team_member(me.id)
    ids = await json_list(request)
    with state.lock:
        return ok([team_member_json(team_id, str(i)) for i in dict.fromkeys(ids) if i in state.team_members])


async def team_by_id(request: Request) -> Response:
    session_user(request)
    team = backend(request).state.team
    if request.path_params["team_id"] != team.id:
        raise ApiError(404, "app.team.get.find.app_error", "Unable to find the existing team.")
    return ok(team.to_json())


async def user_team_channels(request: Request) -> Response:
    """GET /users/{id}/teams/{team_id}/channels: the user's channels in the team plus their DMs and group
    messages (those have no team), as api4 getChannelsForTeamForUser; only for oneself (edit_other_users)."""
    me = session_user(request)
    state = backend(request).state
    team_id = _our_team(request)
    if resolve_user_id(request, me) != me.id:
        raise forbidden("You do not have the appropriate permissions. (edit_other_users)")
    state.require_team_member(me.id)
    with state.lock:
        mine = [c for c in state.channels.values() if me.id in c.members and c.team_id in (team_id, "")]
        return ok([c.to_json() for c in mine])


async def channel_by_name(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    team_id = request.path_params.get("team_id")
    if team_id is None:
        if request.path_params["team_name"] != state.team.name:
            raise ApiError(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
        team_id = state.team.id
    channel = state.channel_by_name(team_id, request.path_params["channel_name"])
    state.require_readable(channel, me.id)
    return ok(channel.to_json())


async def direct_channel(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    ids = await json_list(request)
    if len(ids) != 2 or me.id not in ids:
        raise ApiError(400, "api.context.invalid_body_param.app_error", "Invalid user_ids in request body.")
    for user_id in ids:
        state.user(str(user_id))
    channel, _ = state.direct_channel(str(ids[0]), str(ids[1]))
    return ok(channel.to_json(), 201)


async def get_channel(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    channel = state.channel(request.path_params["channel_id"])
    state.require_readable(channel, me.id)
    return ok(channel.to_json())


async def channel_members(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    channel = state.channel(request.path_params["channel_id"])
    state.require_readable(channel, me.id)
    page, per_page = int(request.query_params.get("page", 0)), int(request.query_params.get("per_page", 60))
    with state.lock:
        members = sorted(channel.members)[page * per_page : (page + 1) * per_page]
    return ok([channel.member_json(m, state.now_ms()) for m in members])


async def channel_members_by_ids(request: Request) -> Response:
    me = session_user(request)
    state = backend(request).state
    channel = state.channel(request.path_params["channel_id"])
    state.require_readable(channel, me.id)
    ids = await json_list(request)
    with state.lock:
        found = [str(i) for i in dict.fromkeys(ids) if i in channel.members]
    return ok([channel.member_json(user_id, state.now_ms()) for user_id in found])


async def add_channel_member(request: Request) -> Response:
    me = session_user(request)
    b = backend(request)
    channel = b.state.channel(request.path_params["channel_id"])
    body = await json_object(request)
    user_id = body.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        raise ApiError(400, "api.context.invalid_param.app_error", "Invalid user_id parameter.")
    if me.id not in channel.members and not (channel.type == "O" and user_id == me.id):
        raise forbidden()
    added = b.state.add_member(channel, user_id)
    if added:
        who = b.state.user(user_id)
        b.posts.add_system_post(
            channel,
            me.id,
            "system_join_channel" if user_id == me.id else "system_add_to_channel",
            f"@{who.username} joined the channel."
            if user_id == me.id
            else f"@{who.username} added to the channel.",
            {"username": me.username, "addedUserId": user_id, "addedUsername": who.username},
        )
    return ok(channel.member_json(user_id, b.state.now_ms()), 201)


async def channel_posts(request: Request) -> Response:
    me = session_user(request)
    b = backend(request)
    channel = b.state.channel(request.path_params["channel_id"])
    b.state.require_readable(channel, me.id)
    return ok(b.posts.page(channel.id, dict(request.query_params)))


# -- posts ----------------------------------------------------------------------------------------


async def create_post(request: Request) -> Response:
    me = session_user(request)
    post, _ = backend(request).posts.create(me.id, await json_object(request))
    return ok(post, 201)


async def get_post(request: Request) -> Response:
    me = session_user(request)
    b = backend(request)
    post = b.posts.get(request.path_params["post_id"])
    b.state.require_readable(b.state.channel(post["channel_id"]), me.id)
    return ok(for_client(post))


async def update_post(request: Request) -> Response:
    me = session_user(request)
    body = await json_object(request)
    return ok(
        backend(request).posts.update(request.path_params["post_id"], body, editor_id=me.id, patch=False)
    )


async def patch_post(request: Request) -> Response:
    me = session_user(request)
    body = await json_object(request)
    return ok(
        backend(request).posts.update(request.path_params["post_id"], body, editor_id=me.id, patch=True)
    )


async def delete_post(request: Request) -> Response:
    me = session_user(request)
    backend(request).posts.delete(request.path_params["post_id"], me.id)
    return ok({"status": "OK"})


# -- files ----------------------------------------------------------------------------------------


async def upload_files(request: Request) -> Response:
    me = session_user(request)
    posts = backend(request).posts
    infos = []
    client_ids: list[str] = []
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form() as form:
            channel_id = str(form.get("channel_id") or request.query_params.get("channel_id") or "")
            client_ids = [str(c) for c in form.getlist("client_ids")]
            uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            if not channel_id or not uploads:
                raise ApiError(400, "api.file.upload_file.incorrect_number_of_files.app_error", "No files.")
            for upload in uploads:
                infos.append(posts.upload(me.id, channel_id, upload.filename or "file", await upload.read()))
    else:
        channel_id = request.query_params.get("channel_id", "")
        filename = request.query_params.get("filename", "")
        if not channel_id or not filename:
            raise ApiError(400, "api.context.invalid_url_param.app_error", "Invalid channel_id or filename.")
        infos.append(posts.upload(me.id, channel_id, filename, await request.body()))
    return ok({"file_infos": infos, "client_ids": client_ids}, 201)


async def get_file(request: Request) -> Response:
    me = session_user(request)
    b = backend(request)
    info, data = b.posts.file(request.path_params["file_id"])
    b.state.require_readable(b.state.channel(info["channel_id"]), me.id)
    headers = {"Content-Disposition": f'attachment;filename="{info["name"]}"'}
    return Response(data, media_type=info["mime_type"], headers=headers)


async def get_file_info(request: Request) -> JSONResponse:
    me = session_user(request)
    b = backend(request)
    info, _ = b.posts.file(request.path_params["file_id"])
    b.state.require_readable(b.state.channel(info["channel_id"]), me.id)
    return ok(info)


ROUTES = [
    Route(f"{API}/system/ping", ping, methods=["GET"]),
    Route(f"{API}/users/ids", users_by_ids, methods=["POST"]),
    Route(f"{API}/users/usernames", users_by_names, methods=["POST"]),
    Route(f"{API}/users/status/ids", statuses_by_ids, methods=["POST"]),
    Route(f"{API}/users/username/{{username}}", get_user_by_name, methods=["GET"]),
    Route(f"{API}/users/{{user_id}}/status", user_status, methods=["GET"]),
    Route(f"{API}/users/{{user_id}}/teams/{{team_id}}/channels", user_team_channels, methods=["GET"]),
    Route(f"{API}/users/{{user_id}}", get_user, methods=["GET"]),
    Route(f"{API}/teams/name/{{team_name}}/channels/name/{{channel_name}}", channel_by_name, methods=["GET"]),
    Route(f"{API}/teams/name/{{team_name}}", team_by_name, methods=["GET"]),
    Route(f"{API}/teams/{{team_id}}/channels/name/{{channel_name}}", channel_by_name, methods=["GET"]),
    Route(f"{API}/teams/{{team_id}}/members/ids", team_members_by_ids, methods=["POST"]),
    Route(f"{API}/teams/{{team_id}}/members/{{user_id}}", team_member, methods=["GET"]),
    Route(f"{API}/teams/{{team_id}}", team_by_id, methods=["GET"]),
    Route(f"{API}/channels/direct", direct_channel, methods=["POST"]),
    Route(f"{API}/channels/{{channel_id}}/members/ids", channel_members_by_ids, methods=["POST"]),
    Route(f"{API}/channels/{{channel_id}}/members", channel_members, methods=["GET"]),
    Route(f"{API}/channels/{{channel_id}}/members", add_channel_member, methods=["POST"]),
    Route(f"{API}/channels/{{channel_id}}/posts", channel_posts, methods=["GET"]),
    Route(f"{API}/channels/{{channel_id}}", get_channel, methods=["GET"]),
    Route(f"{API}/posts", create_post, methods=["POST"]),
    Route(f"{API}/posts/{{post_id}}/patch", patch_post, methods=["PUT"]),
    Route(f"{API}/posts/{{post_id}}", get_post, methods=["GET"]),
    Route(f"{API}/posts/{{post_id}}", update_post, methods=["PUT"]),
    Route(f"{API}/posts/{{post_id}}", delete_post, methods=["DELETE"]),
    Route(f"{API}/files", upload_files, methods=["POST"]),
    Route(f"{API}/files/{{file_id}}/info", get_file_info, methods=["GET"]),
    Route(f"{API}/files/{{file_id}}", get_file, methods=["GET"]),
]
