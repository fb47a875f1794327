"""The end-to-end stack for tests: the emulator and the bot on loopback, real HTTP both ways.

A thin alias of the demo's `World`, so the tests and the demo exercise the same wiring.
"""

from __future__ import annotations

from bot.demo.world import World

Stack = World
