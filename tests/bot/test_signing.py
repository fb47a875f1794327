from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.signing import BadSignature, Signer
from commands.clock import ManualClock

SECRET = "a-test-secret-of-enough-length"


def test_roundtrip_and_expiry(clock: ManualClock) -> None:
    signer = Signer(SECRET)
    token = signer.sign({"a": "offer.accept", "d": {"offer": "3"}}, clock.now() + timedelta(minutes=5))
    assert signer.verify(token, clock.now()) == {"a": "offer.accept", "d": {"offer": "3"}}
    clock.advance(timedelta(minutes=6))
    with pytest.raises(BadSignature):
        signer.verify(token, clock.now())


def test_other_secret_is_refused(clock: ManualClock) -> None:
    token = Signer(SECRET).sign({"a": "x"}, clock.now() + timedelta(minutes=5))
    with pytest.raises(BadSignature):
        Signer(SECRET + "2").verify(token, clock.now())


def test_short_secret_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 characters"):
        Signer("short")


@given(position=st.integers(min_value=0, max_value=400), replacement=st.sampled_from("AZaz09-_."))
def test_any_single_character_change_is_refused(position: int, replacement: str) -> None:
    clock = ManualClock(__import__("tests.conftest", fromlist=["START"]).START)
    signer = Signer(SECRET)
    token = signer.sign({"a": "offer.accept", "d": {"offer": "12"}}, clock.now() + timedelta(days=1))
    index = position % len(token)
    if token[index] == replacement:
        return
    forged = token[:index] + replacement + token[index + 1 :]
    try:
        payload = signer.verify(forged, clock.now())
    except BadSignature:
        return
    # base64 padding bits can make two spellings decode to the same bytes: then the payload is unchanged
    assert payload == {"a": "offer.accept", "d": {"offer": "12"}}


@pytest.mark.parametrize("garbage", [None, 12, "", "no-dot", "a.b.c", "!!!.???", {"t": 1}])
def test_garbage_is_refused(garbage: object, clock: ManualClock) -> None:
    with pytest.raises(BadSignature):
        Signer(SECRET).verify(garbage, clock.now())
