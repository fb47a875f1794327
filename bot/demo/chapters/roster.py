"""Chapter: the roster. A coordinator imports the region's roster; an expert reports an absence in chat; the
coordinator sees who can be asked this week."""

from __future__ import annotations

from bot.demo.script import Script

COORDINATOR = "ingrid.bakker"
EXPERT = "lotte.jansen"


def chapter(script: Script) -> None:
    world = script.world
    script.chapter("2. Het rooster: wie kan erbij gehaald worden, en wanneer?")
    script.note(
        "De coördinator leest het rooster van de regio in (erbij roster import examples/roster.yaml)."
    )
    people = world.load_roster()
    with world.bot.uow() as uow:
        everyone = uow.roster.professionals()
        organisations = uow.roster.organisations()
    script.out.write(
        f"Ingelezen: {len(everyone)} professionals van {len(organisations)} organisaties "
        "(fictieve personen). Iedereen heeft een Mattermost-account; Erbij koppelt op gebruikersnaam.\n"
    )
    for username, user in people.items():
        script.people.setdefault(username, user)

    script.note("Lotte (Veilig Thuis) gaat op cursus en geeft dat zelf door:")
    script.slash(EXPERT, "/beschikbaar")
    script.slash(EXPERT, "/beschikbaar afwezig donderdag t/m vrijdag: cursus")
    script.slash(EXPERT, "/beschikbaar afwezig 31-11 t/m 2-12")

    script.note("De coördinator kijkt wie er deze week beschikbaar is; een regiehouder mag dat niet:")
    script.slash(COORDINATOR, "/beschikbaar overzicht")
    script.slash("jeroen.peeters", "/beschikbaar overzicht")
