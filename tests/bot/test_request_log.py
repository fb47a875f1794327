"""One log line per request, after the answer: what Erbij did and how long it took, never free text or a
query string (a calendar feed's token travels in one)."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.demo.world import World


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "erbij.requests"]


def test_a_command_is_logged_once_with_its_status_and_duration(
    stack: World, caplog: pytest.LogCaptureFixture
) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    caplog.set_level(logging.INFO)
    stack.slash(user, "/erbij help")
    (line,) = _lines(caplog)
    assert line.startswith("POST /mattermost/command 200 ")
    assert line.endswith(f" ms /erbij help by {user.id}")
    # uvicorn's access line is off in `erbij serve`, and the endpoint no longer logs a line of its own
    assert not [r for r in caplog.records if "command /erbij" in r.getMessage()]


def test_free_text_after_a_command_stays_out_of_the_log(
    stack: World, caplog: pytest.LogCaptureFixture
) -> None:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    caplog.set_level(logging.INFO)
    stack.slash(user, "/erbij Moeder Jansen drinkt weer")
    (line,) = _lines(caplog)
    assert line.endswith(f" ms /erbij - by {user.id}")
    assert "Jansen" not in caplog.text


def test_a_query_string_is_never_logged(stack: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    response = httpx.get(f"{stack.server.url}/kalender/overleg.ics?token=geheim-token-123", timeout=10)  # type: ignore[union-attr]
    assert response.status_code in (403, 404)
    (line,) = _lines(caplog)
    assert line.startswith(f"GET /kalender/overleg.ics?… {response.status_code} ")
    server_side = [r.getMessage() for r in caplog.records if r.name != "httpx"]  # httpx: this test's client
    assert not [m for m in server_side if "geheim" in m]
