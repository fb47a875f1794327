"""The HTTP edge refuses what is not Mattermost talking for our team, cheaply and before doing any work."""

from __future__ import annotations

import select
import socket
import time
import tracemalloc
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from bot.demo.world import World
from bot.http import MAX_BODY

MIB = 1024 * 1024


def _form(stack: World, user: Any, command: str, token: str, **extra: str) -> dict[str, str]:
    return {
        "token": token,
        "team_id": stack.emulator.team.id,
        "channel_id": stack.emulator.state.town_square.id,
        "user_id": user.id,
        "user_name": user.username,
        "command": command,
        "text": "help",
        **extra,
    }


def _tokens(stack: World) -> dict[str, str]:
    return {c["trigger"]: c["token"] for c in stack.emulator.commands()}


def _post(stack: World, form: dict[str, str], header_token: str | None = None) -> httpx.Response:
    token = form["token"] if header_token is None else header_token
    headers = {"Authorization": f"Token {token}"} if token else {}
    return httpx.post(f"{stack.server.url}/mattermost/command", data=form, headers=headers)  # type: ignore[union-attr]


def test_each_token_runs_only_its_own_command(stack: World) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    tokens = _tokens(stack)
    assert len(set(tokens.values())) == len(tokens) == len(stack.bot.erbij.slash_commands)
    for trigger, token in tokens.items():
        assert _post(stack, _form(stack, user, f"/{trigger}", token)).status_code == 200
        for other in tokens:
            if other != trigger:
                response = _post(stack, _form(stack, user, f"/{other}", token))
                assert response.status_code == 401, (trigger, other)


@pytest.mark.parametrize("team_id", ["", None, "ﬀ-tëam-ïd", "anotherteam000000000000000"])
def test_a_valid_token_without_our_team_is_refused(stack: World, team_id: str | None) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    form = _form(stack, user, "/erbij", _tokens(stack)["erbij"])
    if team_id is None:
        del form["team_id"]
    else:
        form["team_id"] = team_id
    assert _post(stack, form).status_code == 401


def test_a_non_ascii_token_is_unknown_not_an_error(stack: World) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    response = httpx.post(
        f"{stack.server.url}/mattermost/command",  # type: ignore[union-attr]
        data=_form(stack, user, "/erbij", "tökén"),
    )
    assert response.status_code == 401


def test_configured_tokens_bind_to_their_command_when_named() -> None:
    from bot.composition import configured_token_triggers

    assert configured_token_triggers(["erbij=abc", " /Kaart = def ", "ghi", ""]) == {
        "abc": "erbij",
        "def": "kaart",
        "ghi": "",
    }


def test_a_configured_token_named_for_one_command_runs_only_that_one(stack: World) -> None:
    existing = _tokens(stack)
    stack.emulator.set_can_manage_commands(stack.bot_user, False)
    stack.extra_settings["command_tokens"] = [f"erbij={existing['erbij']}", f"kaart={existing['kaart']}"]
    stack.restart()
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    assert _post(stack, _form(stack, user, "/erbij", existing["erbij"])).status_code == 200
    assert _post(stack, _form(stack, user, "/kaart", existing["erbij"])).status_code == 401
    assert _post(stack, _form(stack, user, "/overleg", existing["overleg"])).status_code == 401


def _stream(url: str, path: str, headers: dict[str, str], total: int) -> tuple[int, bytes]:
    """Send up to `total` bytes of body in 64 KiB pieces; stop once the server has answered.

    Returns how many body bytes were sent and what the server answered (b"" if it never did)."""
    parts = urlsplit(url)
    head = f"POST {path} HTTP/1.1\r\nHost: {parts.hostname}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()
    )
    chunked = "Content-Length" not in headers
    if chunked:
        head += "Transfer-Encoding: chunked\r\n"
    piece = b"x" * (64 * 1024)
    sent = 0
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10) as conn:
        conn.sendall((head + "\r\n").encode())
        answer = b""
        try:
            while sent < total:
                readable, _, _ = select.select([conn], [], [], 0)
                if readable:
                    break
                frame = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
                conn.sendall(frame)
                sent += len(piece)
        except OSError:  # the server closed the connection while we were still sending
            pass
        deadline = time.monotonic() + 10
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            try:
                data = conn.recv(65536)
            except OSError:
                break
            if not data:
                break
            answer += data
    return sent, answer


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize("path", ["/mattermost/action", "/mattermost/dialog", "/mattermost/command"])
def test_an_oversized_body_is_refused_while_streaming(stack: World, path: str, declared: bool) -> None:
    total = 64 * MIB
    headers = {
        "Content-Type": "application/json" if "command" not in path else "application/x-www-form-urlencoded"
    }
    if declared:
        headers["Content-Length"] = str(total)
    tracemalloc.start()
    try:
        sent, answer = _stream(stack.server.url, path, headers, total)  # type: ignore[union-attr]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    # The server stopped reading after about MAX_BODY (plus what the kernel's socket buffers took in).
    assert sent < 16 * MIB, f"sent {sent / MIB:.1f} MiB before the server answered"
    assert peak < 3 * MAX_BODY + 2 * MIB, f"peak {peak / MIB:.1f} MiB of traced memory"


def test_a_stranger_with_a_big_command_body_is_refused_before_it_is_read(stack: World) -> None:
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": "Token not-one-of-ours",
        "Content-Length": str(MAX_BODY // 2),
    }
    _, answer = _stream(stack.server.url, "/mattermost/command", headers, MAX_BODY // 2)  # type: ignore[union-attr]
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_a_body_just_under_the_limit_is_still_read(stack: World) -> None:
    padding = "x" * (MAX_BODY - 200)
    response = httpx.post(
        f"{stack.server.url}/mattermost/action",  # type: ignore[union-attr]
        json={"user_id": "u", "context": {"t": "nonsense"}, "padding": padding},
    )
    assert response.status_code == 403  # read and parsed; refused for its signature, not its size


def test_the_help_text_is_answered_without_a_worker_thread(
    stack: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.http

    handed_over: list[str] = []
    real = bot.http.run_in_threadpool

    async def counted(func: Any, *args: Any) -> Any:
        handed_over.append(args[-1].sub)
        return await real(func, *args)

    monkeypatch.setattr(bot.http, "run_in_threadpool", counted)
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    token = _tokens(stack)["erbij"]
    for text in ("help", "hulp", "?"):
        response = _post(stack, _form(stack, user, "/erbij", token, text=text))
        assert response.status_code == 200 and "/erbij" in response.json()["text"]
    assert handed_over == []
    assert _post(stack, _form(stack, user, "/erbij", token, text="status")).status_code == 200
    assert handed_over == ["status"]  # anything that may read the database goes to a worker thread
