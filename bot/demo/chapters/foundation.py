"""Chapter 1: Erbij starts, registers its slash commands, and answers help."""

from __future__ import annotations

from bot.demo.script import Script


def chapter(script: Script) -> None:
    world = script.world
    script.chapter("1. Erbij start en meldt zich aan bij Mattermost")
    commands = world.emulator.commands()
    script.out.write("Slash-commando's in het team (door Erbij zelf aangemaakt):\n")
    for command in commands:
        script.out.write(f"  /{command['trigger']:<12} {command.get('auto_complete_desc', '')}\n")
    world.restart()
    again = world.emulator.commands()
    script.out.write(
        f"Na een herstart van Erbij: nog steeds {len(again)} commando's (niets dubbel aangemaakt).\n"
    )
    script.out.write("\nDe mensen in deze demo (fictief):\n")
    script.person("jeroen.peeters", "Jeroen", "Peeters", "regiehouder, Sociaal Team Roosendaal")
    script.person("sanne.devries", "Sanne", "de Vries", "expert Veilig Thuis West-Brabant")
    script.slash("jeroen.peeters", "/erbij help")
    script.slash("sanne.devries", "/beschikbaar help")
    script.slash("jeroen.peeters", "/erbij opschalen")
