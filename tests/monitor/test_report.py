"""The monthly report end to end: due on the first working day, posted once across a restart, real PNGs."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import httpx
from matplotlib import image

from bot.demo.world import World
from commands.calendar import WorkCalendar
from commands.monitor.period import month
from commands.monitor.report import due_month
from tests.requests.conftest import Region

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CALENDAR = WorkCalendar()


def _report_posts(stack: World) -> list[dict]:
    return [
        p
        for p in stack.channel_posts(stack.coordinators_channel)
        if str((p.get("props") or {}).get("erbij_key", "")).startswith("maandrapport:")
    ]


def test_the_report_is_due_from_nine_on_the_first_working_day_for_five_working_days() -> None:
    november = month(2026, 11, CALENDAR)
    # 1 December 2026 is a Tuesday; Amsterdam is UTC+1.
    assert due_month(datetime(2026, 12, 1, 7, 59, tzinfo=UTC), CALENDAR) is None
    assert due_month(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), CALENDAR) == november
    assert (
        due_month(datetime(2026, 12, 7, 22, 0, tzinfo=UTC), CALENDAR) == november
    )  # Monday, 5th working day
    assert due_month(datetime(2026, 12, 8, 8, 0, tzinfo=UTC), CALENDAR) is None
    # 1 January is a holiday, 2 January 2027 a Saturday: the first working day is Monday 4 January.
    assert due_month(datetime(2027, 1, 2, 10, 0, tzinfo=UTC), CALENDAR) is None
    assert due_month(datetime(2027, 1, 4, 8, 0, tzinfo=UTC), CALENDAR) == month(2026, 12, CALENDAR)


def test_the_monthly_report_arrives_once_across_a_restart_with_png_charts(stack: World) -> None:
    region = Region(stack, stack.load_roster())
    region.ask("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")

    stack.clock.set(datetime(2026, 12, 1, 7, 30, tzinfo=UTC))  # 08:30 in Amsterdam: not yet
    assert stack.tick()["monitor.maandrapport"] == 0
    assert _report_posts(stack) == []

    stack.clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    assert stack.bot.erbij.tick()["monitor.maandrapport"] == 1  # claimed and queued, not yet delivered
    stack.restart()  # as if the process died before delivering
    assert stack.tick()["monitor.maandrapport"] == 0
    stack.clock.advance(timedelta(days=1))
    assert stack.tick()["monitor.maandrapport"] == 0

    posts = _report_posts(stack)
    summary, *charts = posts
    assert summary["message"].startswith("**Maandcijfers erbij halen — november 2026**")
    assert "**Erbij gehaald:** <5 vragen" in summary["message"]
    assert [p["message"] for p in charts] == [
        "Grafiek: Tijd tot oppakken (mediaan, uren) per maand",
        "Grafiek: Afgesloten casussen in het vrijwillig kader (%) per maand",
        "Grafiek: Casussen per MDO-overleg per maand",
        "Grafiek: Vragen per organisatie",
        "Grafiek: Vragen per expertise",
    ]
    headers = {"Authorization": f"Bearer {stack.bot_token}"}
    for post in charts:
        (file_id,) = post["file_ids"]
        info = httpx.get(f"{stack.emulator.url}/api/v4/files/{file_id}/info", headers=headers).json()
        data = httpx.get(f"{stack.emulator.url}/api/v4/files/{file_id}", headers=headers).content
        assert info["name"].endswith("-2026-11.png") and info["mime_type"] == "image/png"
        assert info["post_id"] == post["id"] and info["size"] == len(data)
        assert data.startswith(PNG_SIGNATURE)
        pixels = image.imread(io.BytesIO(data), format="png")
        assert pixels.shape[:2] == (info["height"], info["width"]) == (450, 800)
    # Sent rows keep no file (privacy): the charts live in Mattermost only.
    with stack.bot.engine.connect() as conn:
        from sqlalchemy import select

        from storage.models import OutboxRow

        stored = conn.execute(
            select(OutboxRow.status, OutboxRow.file_content).where(OutboxRow.key.like("maandrapport:%"))
        ).all()
    assert len(stored) == 6 and all(status == "sent" and not content for status, content in stored)
