"""The erbij-halen chapters of `erbij demo` run on their own against the emulator and tell the whole story:
an escalation a coordinator handles, a one-click re-engagement with a head start, and a check-in."""

from __future__ import annotations

import io

from bot.demo.chapters import loop, requests, roster
from bot.demo.script import Script
from bot.demo.world import World


def test_the_loop_chapter_runs_and_shows_every_step(stack: World) -> None:
    out = io.StringIO()
    script = Script(stack, out)
    roster.chapter(script)
    requests.chapter(script)
    loop.chapter(script)
    story = out.getvalue()
    for step in (
        "[Ik zoek iemand] [Toewijzen] [Breder uitzetten] [Niet meer nodig]",  # the escalation post
        "@anne.martens klikt op [Ik zoek iemand]",
        "**Anne Martens** zoekt iemand.",  # the post, updated in place
        "Toegewezen aan **Mohamed Yilmaz** door Anne Martens.",
        "**Afspraken die doorlopen** (staan nu op de kaart):",  # the check-out hands back
        "@jeroen.peeters klikt op [Opnieuw erbij halen]",
        "Sanne de Vries kent het gezin; zij krijgt je vraag",
        "Mohamed Yilmaz is nu 6 weken aangeschoven",  # the check-in
        "@jeroen.peeters klikt op [Blijft nodig]",
    ):
        assert step in story, step
    assert stack.emulator.integration_errors == []
