"""Fault injection: counted and seeded 5xx, lost answers, held responses, and request counting."""

from __future__ import annotations

import pytest
import requests
from mattermostdriver import Driver

from bot.emulator import Emulator, Faults, User


def _pattern(seed: int) -> list[bool]:
    faults = Faults()
    faults.add(method="POST", path="/api/v4/posts", kind="5xx", probability=0.3, seed=seed)
    return [faults.pick("POST", "/api/v4/posts", "/api/v4/posts") is not None for _ in range(200)]


def test_seeded_probability_is_reproducible() -> None:
    assert _pattern(7) == _pattern(7)
    assert _pattern(7) != _pattern(8)
    assert 40 <= sum(_pattern(7)) <= 80


def test_matching_by_template_glob_method_skip_and_times() -> None:
    faults = Faults()
    faults.add(method="GET", path="/api/v4/users/{user_id}", kind="5xx", times=2, skip=1)
    template = "/api/v4/users/{user_id}"
    assert faults.pick("POST", template, "/api/v4/users/abc") is None
    hits = [faults.pick("GET", template, "/api/v4/users/abc") is not None for _ in range(4)]
    assert hits == [False, True, True, False]
    faults.add(path="/api/v4/channels/*", kind="429")
    assert faults.pick("GET", "/api/v4/channels/{channel_id}", "/api/v4/channels/x") is not None
    faults.clear()
    assert faults.pick("GET", template, "/api/v4/users/abc") is None


def test_5xx_is_not_applied_but_5xx_after_is(emu: Emulator, driver: Driver) -> None:
    channel_id = emu.town_square.id
    emu.faults.add(method="POST", path="/api/v4/posts", kind="5xx", status=503)
    with pytest.raises(requests.HTTPError) as caught:
        driver.posts.create_post({"channel_id": channel_id, "message": "een"})
    assert caught.value.response.status_code == 503 and caught.value.response.json()["status_code"] == 503
    assert emu.posts_in(channel_id) == []
    emu.faults.add(method="POST", path="/api/v4/posts", kind="5xx_after")
    body = {"channel_id": channel_id, "message": "twee", "pending_post_id": "k1"}
    with pytest.raises(requests.HTTPError):
        driver.posts.create_post(body)
    # The retry with the same pending_post_id gets the post that was stored, not a second one.
    assert driver.posts.create_post(body)["message"] == "twee"
    assert [p["message"] for p in emu.posts_in(channel_id)] == ["twee"]
    assert emu.request_count("POST", "/api/v4/posts") == 3


def test_timeout_holds_the_answer_after_storing(emu: Emulator, bot: tuple[User, str]) -> None:
    emu.faults.hold_seconds = 5
    emu.faults.add(method="POST", path="/api/v4/posts", kind="timeout")
    impatient = Driver(emu.driver_options(bot[1], request_timeout=0.3))
    impatient.login()
    body = {"channel_id": emu.town_square.id, "message": "traag", "pending_post_id": "k2"}
    with pytest.raises(requests.Timeout):
        impatient.posts.create_post(body)
    assert impatient.posts.create_post(body)["message"] == "traag"
    assert len(emu.posts_in(emu.town_square)) == 1
    assert emu.faults.log == [("POST", "/api/v4/posts", "timeout")]
