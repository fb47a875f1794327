"""The monitor chapter of `erbij demo`: a coordinator sees the month's figures and charts after the story."""

from __future__ import annotations

import io

from bot.demo.chapters import loop, monitor, requests, roster
from bot.demo.script import Script
from bot.demo.world import World
from commands.config import DEFAULT_COORDINATORS_CHANNEL


def test_the_monitor_chapter_shows_the_months_figures(stack: World) -> None:
    out = io.StringIO()
    script = Script(stack, out)
    roster.chapter(script)
    requests.chapter(script)
    loop.chapter(script)
    monitor.chapter(script)
    story = out.getvalue().split("7. De maandcijfers")[1]
    for step in (
        f"~{DEFAULT_COORDINATORS_CHANNEL} ziet (kanaal):",
        "**Maandcijfers erbij halen — ",
        "Grafiek: Tijd tot oppakken (mediaan, uren) per maand",
        "(bijlage: 1 bestand)",
        "@anne.martens typt: /monitor kwartaal detail",
        "**Detail — K",
        "De monitor is alleen voor coördinatoren en beleidsmedewerkers.",
    ):
        assert step in story, step
    assert stack.emulator.integration_errors == []
