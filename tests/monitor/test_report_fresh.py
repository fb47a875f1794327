"""The first monthly report of a fresh installation: months without anything in them get the summary only
(charts would only say "nothing", and would cost the bot a matplotlib child process for it)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo.world import World


def test_a_month_before_anything_happened_is_reported_without_charts(stack: World) -> None:
    stack.load_roster()
    stack.clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))  # 09:00 on the first working day
    assert stack.tick()["monitor.maandrapport"] == 1
    posts = [
        p
        for p in stack.channel_posts(stack.coordinators_channel)
        if str((p.get("props") or {}).get("erbij_key", "")).startswith("maandrapport:")
    ]
    assert [p["message"].splitlines()[0] for p in posts] == ["**Maandcijfers erbij halen — november 2026**"]
    assert not posts[0].get("file_ids")
