"""A region with the example roster, and a lead who asks for experts through the real dialog."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.demo.world import World
from commands.clock import ManualClock
from storage.request_models import HelpRequestRow, OfferRow
from tests.fakes.chat import ChatDesk
from tests.fakes.requests import OFFERS, REQUESTS

QUESTION = "Hoe maken we de veiligheidsafspraken met moeder concreet?"
DEFAULTS: dict[str, Any] = {
    "case": "nieuw",
    "municipality": "Roosendaal",
    "kader": "vrijwillig",
    "expertise": "huiselijk_geweld",
    "organisation": "VT",
    "form": "consult",
    "urgency": "binnen_3_werkdagen",
    "experts": "1",
    "question": QUESTION,
    "share": True,
    "grondslag": "toestemming",
}


@dataclass
class Region:
    stack: World
    people: dict[str, Any]
    seen: set[str] = field(default_factory=set)

    def __getitem__(self, username: str) -> Any:
        return self.people[username]

    def ask(self, lead: str, **values: Any) -> Any:
        """`/erbij` (or `/erbij <code>`) and submit the dialog; returns the emulator's dialog result."""
        code = values.pop("code", "")
        answer = self.stack.slash(self.people[lead], f"/erbij {code}".strip())
        assert answer == "", answer
        result = self.stack.submit(
            self.people[lead], {**DEFAULTS, **({"case": code} if code else {}), **values}
        )
        self.stack.deliver()
        return result

    def offers(self, username: str) -> list[dict[str, Any]]:
        """Offer posts in this person's DM with Erbij (those that still carry buttons, and those that did)."""
        return [
            p
            for p in self.stack.dms(self.people[username])
            if str((p.get("props") or {}).get("erbij_key", "")).startswith("offer:")
        ]

    def open_offer(self, username: str) -> dict[str, Any]:
        for post in reversed(self.stack.dms(self.people[username])):
            for attachment in (post.get("props") or {}).get("attachments") or []:
                if attachment.get("actions"):
                    return post
        raise AssertionError(f"no open offer for {username}")

    def has_open_offer(self, username: str) -> bool:
        try:
            self.open_offer(username)
        except AssertionError:
            return False
        return True

    def last_dm(self, username: str) -> str:
        posts = self.stack.dms(self.people[username])
        return posts[-1]["message"] if posts else ""

    def press(self, username: str, post: dict[str, Any], button: str) -> dict[str, Any]:
        """POST a button's action as Mattermost does, even if the post has changed since (races)."""
        action = next(
            a
            for attachment in post["props"]["attachments"]
            for a in attachment.get("actions") or []
            if a["name"] == button
        )
        user = self.people[username]
        payload = {
            "user_id": user.id, "user_name": user.username, "channel_id": post["channel_id"],
            "channel_name": "", "team_id": "", "team_domain": "", "post_id": post["id"],
            "trigger_id": "", "type": "button", "data_source": "",
            "context": action["integration"]["context"],
        }  # fmt: skip
        response = httpx.post(action["integration"]["url"], json=payload, timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def click(self, username: str, button: str) -> Any:
        result = self.stack.click(self.people[username], self.open_offer(username), button)
        self.stack.deliver()
        return result

    def case_code(self) -> str:
        with self.stack.bot.uow() as uow:
            cases = uow.cases.led_by(self.people["jeroen.peeters"].id, include_closed=True)
        return cases[-1].code

    def count(self, model: Any) -> int:
        with self.stack.bot.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())

    def requests(self) -> int:
        return self.count(HelpRequestRow)

    def offers_total(self) -> int:
        return self.count(OfferRow)


class FakeRegion(Region):
    """The same region on the in-memory fakes (tests/fakes/chat.py): for the handlers' decisions."""

    stack: ChatDesk  # type: ignore[assignment]

    def press(self, username: str, post: dict[str, Any], button: str) -> dict[str, Any]:
        answer = self.stack.press(self.people[username], post, button)
        return {"ephemeral_text": answer.ephemeral_text or ""}

    def requests(self) -> int:
        return len(self.stack.uow.store.rows(REQUESTS))

    def offers_total(self) -> int:
        return len(self.stack.uow.store.rows(OFFERS))


@pytest.fixture
def e2e_region(stack: World) -> Region:
    """The region end to end: the emulator and the bot over HTTP, on the database under test."""
    return Region(stack, stack.load_roster())


@pytest.fixture
def region(clock: ManualClock) -> Region:
    """The region on the in-memory fakes; tests of the full path ask for `e2e_region`."""
    stack = ChatDesk(clock)
    return FakeRegion(stack, stack.load_roster())  # type: ignore[arg-type]
