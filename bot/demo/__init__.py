"""`erbij demo`: a scripted week on SQLite against the emulator, printing what each person sees.

Each feature adds a chapter in `bot/demo/chapters/` and lists it in `CHAPTERS` below, in story order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.demo.chapters import cards, consults, foundation, loop, monitor, requests, roster
from bot.demo.script import Script
from bot.demo.world import World
from commands.clock import ManualClock
from storage import schema
from storage.engine import make_engine

# Monday 23 November 2026, 08:30 in Amsterdam.
DEMO_START = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)

CHAPTERS: list[Callable[[Script], None]] = [
    foundation.chapter,
    roster.chapter,
    cards.chapter,
    requests.chapter,
    consults.chapter,
    loop.chapter,
    monitor.chapter,
]


def run(database_url: str | None, out: TextIO) -> None:
    with tempfile.TemporaryDirectory(prefix="erbij-demo-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'erbij-demo.db'}"
        engine = make_engine(url)
        schema.upgrade(engine)
        engine.dispose()
        clock = ManualClock(DEMO_START)
        world = World(url, clock).start()
        try:
            script = Script(world, out)
            for chapter in CHAPTERS:
                chapter(script)
            script.closing()
        finally:
            world.stop()
