from __future__ import annotations

from datetime import timedelta

from commands.clock import ManualClock
from commands.presence import MAX_AGE, Presence


def test_only_recent_ooo_and_dnd_count(clock: ManualClock) -> None:
    presence = Presence()
    presence.update({"a": "ooo", "b": "dnd", "c": "online", "d": "away"}, clock.now())
    assert presence.soft_signals(["a", "b", "c", "d", "e"], clock.now()) == {"a": "ooo", "b": "dnd"}
    clock.advance(MAX_AGE + timedelta(seconds=1))
    assert presence.soft_signals(["a", "b"], clock.now()) == {}
