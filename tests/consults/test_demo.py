"""The consult chapter of `erbij demo` runs on its own against the emulator and tells the whole story."""

from __future__ import annotations

import io

from bot.demo.chapters import consults
from bot.demo.script import Script
from bot.demo.world import World


def test_the_consult_chapter_runs_and_shows_every_step(stack: World) -> None:
    out = io.StringIO()
    consults.chapter(Script(stack, out))
    story = out.getvalue()
    for step in (
        "@bas.smits typt: /overleg inbrengen",  # registrations
        "schuift door naar het MDO van vrijdag 27 november 2026",  # a full consult overflows
        # the agenda arrives at the chair
        "karin.smit ziet (DM van @erbij):\n    │ #### Agenda MDO woensdag 25 november 2026",
        "#### Besluitenlijst MDO woensdag 25 november 2026",  # the outcome is recorded
        "Herinnering: actiepunt",  # an action reminder
        "@sanne.devries klikt op [Klaar]",
    ):
        assert step in story, step
    assert stack.emulator.integration_errors == []
