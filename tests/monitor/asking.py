"""`/monitor` as people use it: an immediate private answer, then the figures in a DM from Erbij."""

from __future__ import annotations

from typing import Any

from bot.demo.world import World


def ask(stack: World, user: Any, line: str) -> tuple[str, list[str]]:
    """Type `line` as `user`; the immediate answer and the texts of the DMs that arrived after it (the
    background jobs finish and the outbox worker runs in between)."""
    before = {p["id"] for p in stack.dms(user)}
    answer = stack.slash(user, line)
    stack.deliver()
    return answer, [p["message"] for p in stack.dms(user) if p["id"] not in before]


def figures(stack: World, user: Any, line: str, period: str) -> str:
    """The one DM with the figures, after the promise that they are coming."""
    answer, dms = ask(stack, user, line)
    assert answer == f"Ik reken de cijfers van {period} uit; je krijgt ze zo in een privébericht."
    assert len(dms) == 1, dms
    return dms[0]
