"""The demo's narrator: runs steps against the world and prints, per person, what they see."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.demo.world import World
from commands.config import DEFAULT_TIMEZONE

AMSTERDAM = ZoneInfo(DEFAULT_TIMEZONE)
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class Script:
    def __init__(self, world: World, out: TextIO) -> None:
        self.world = world
        self.out = out
        self.people: dict[str, Any] = {}

    # --- narration ---------------------------------------------------------------------------------
    def chapter(self, title: str) -> None:
        self.out.write(f"\n{'=' * 78}\n{title}\n{'=' * 78}\n")

    def note(self, text: str) -> None:
        self.out.write(f"\n({text})\n")

    def _when(self) -> str:
        local = self.world.clock.now().astimezone(AMSTERDAM)
        return f"{DAYS[local.weekday()]} {local:%d-%m %H:%M}"

    def _block(self, header: str, body: str | None = None) -> None:
        self.out.write(f"\n[{self._when()}] {header}\n")
        if body is not None:
            self.out.write(
                textwrap.indent(body.strip() or "(geen tekst)", "    │ ", lambda _line: True) + "\n"
            )

    # --- people and actions ------------------------------------------------------------------------
    def person(self, username: str, first_name: str, last_name: str, role: str) -> Any:
        if username in self.people:
            return self.people[username]
        user = self.world.person(username, first_name, last_name)
        self.people[username] = user
        self.out.write(f"  · @{username}: {first_name} {last_name} — {role}\n")
        return user

    def slash(self, username: str, line: str) -> str:
        answer = self.world.slash(self.people[username], line)
        self._block(f"@{username} typt: {line}")
        if answer:
            self._block(f"alleen @{username} ziet (van Erbij):", answer)
        self.show_new()
        return answer

    def submit(self, username: str, values: dict[str, Any]) -> Any:
        result = self.world.submit(self.people[username], values)
        shown = "\n".join(f"{k}: {v}" for k, v in values.items())
        self._block(f"@{username} vult het formulier in en verstuurt:", shown)
        errors = getattr(result, "errors", None)
        if errors:
            self._block(
                f"formulier blijft open bij @{username}:", "\n".join(f"{k}: {v}" for k, v in errors.items())
            )
        self.show_new()
        return result

    def click(self, username: str, post: dict[str, Any], button: str) -> Any:
        result = self.world.click(self.people[username], post, button)
        self._block(f"@{username} klikt op [{button}]")
        ephemeral = getattr(result, "ephemeral_text", None)
        if ephemeral:
            self._block(f"alleen @{username} ziet (van Erbij):", ephemeral)
        self.show_new()
        return result

    def advance(self, delta: timedelta, reason: str = "") -> None:
        self.world.clock.advance(delta)
        self.note(f"de tijd gaat verder: {reason or delta} → {self._when()}")
        self.world.tick()
        self.show_new()

    def show_new(self) -> None:
        self.world.deliver()
        for seen in self.world.new_messages():
            self._block(f"{seen.who} ziet ({seen.where}):", seen.text)

    def closing(self) -> None:
        self.chapter("Einde van de demo")
        self.out.write(
            "Alle berichten hierboven liepen over echte HTTP tussen Erbij en de Mattermost-emulator.\n"
        )
