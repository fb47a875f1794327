"""The card chapter of `erbij demo` uses the card's buttons; the consult after it shows Jeroen's card."""

from __future__ import annotations

import io

from bot.demo.chapters import cards, consults
from bot.demo.script import Script
from bot.demo.world import World


def test_the_card_chapter_fills_the_card_with_its_buttons_and_the_agenda_shows_it(stack: World) -> None:
    out = io.StringIO()
    script = Script(stack, out)
    cards.chapter(script)
    story = out.getvalue()
    for step in (
        "@jeroen.peeters klikt op [Zorgen bijwerken]",
        "@jeroen.peeters klikt op [Top 3]",
        "@jeroen.peeters klikt op [Plan]",
        "Opgeslagen op de kaart van",  # every save is confirmed
        "zorgsignaal 2 toegevoegd",
        "Regel 1: Let op: dit lijkt",  # the line with a BSN is refused
        "@sanne.devries klikt op [Oordeel]",
        "@jeroen.peeters klikt op [Exporteren]",
        "(bijlage: 1 bestand)",
    ):
        assert step in story, step
    assert "bewerken" not in "".join(line for line in story.splitlines() if " typt: " in line)

    consults.chapter(script)
    story = out.getvalue()
    agenda = story[story.index("#### Agenda MDO") :]
    assert "Gevaar: We zijn bang dat Kind 1 gewond raakt" in agenda  # the card Jeroen filled
    assert "Top 3: 1. Ruzie met geweld na alcohol" in agenda
    assert stack.emulator.integration_errors == []
