"""No secret, token or case content in any log line of a full end-to-end run.

The bot runs with uvicorn's access log as `erbij serve` configures it, every logger at DEBUG; the flow asks
for an expert, accepts, fills the card, registers for a consult and fetches the calendar feed. Then every
record of every logger is formatted (with tracebacks) and searched for the secrets and the case content.
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from bot.access_log import uvicorn_log_config
from bot.calendar_feed import feed_url
from bot.demo.world import SECRET, World
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.service import ConsultSettings
from tests.cases.test_card_parts import WORRY
from tests.requests.conftest import Region

QUESTION = "Hoe krijgen we zicht op de avonden waarop vader drinkt en Kind 1 alleen thuis is?"
CONSULT_QUESTION = "Is een raadsonderzoek nodig nu de afspraken met vader niet worden nagekomen?"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [self.format(record) for record in self.records]


@pytest.fixture
def logs() -> Iterator[Everything]:
    """Every record at DEBUG from every logger, including uvicorn's own (which do not propagate)."""
    handler = Everything()
    root = logging.getLogger()
    loggers = [logging.getLogger(name) for name in UVICORN_LOGGERS]
    saved = [(lg, lg.level, lg.propagate, list(lg.handlers), list(lg.filters)) for lg in [root, *loggers]]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for lg, level, propagate, handlers, filters in saved:
            lg.setLevel(level)
            lg.propagate = propagate
            lg.handlers[:] = handlers
            lg.filters[:] = filters


def test_no_secret_or_case_content_in_any_log_line(stack: World, logs: Everything) -> None:
    # The bot as `erbij serve` runs it: Erbij's logging configuration, one request line of its own
    # (bot.request_log) instead of uvicorn's access line.
    stack.server_options = {"access_log": False, "log_level": "debug", "log_config": uvicorn_log_config()}
    stack.restart()
    for name in UVICORN_LOGGERS:  # uvicorn's configuration stops these from propagating: listen directly
        logging.getLogger(name).addHandler(logs)
        logging.getLogger(name).setLevel(logging.DEBUG)
    region = Region(stack, stack.load_roster())
    jeroen = region["jeroen.peeters"]

    # A request for an expert, accepted.
    assert region.ask("jeroen.peeters", question=QUESTION).closed
    code = region.case_code()
    assert "Je hebt de vraag opgepakt" in region.click("sanne.devries", "Ik pak het op").ephemeral_text
    stack.deliver()

    # The card: a worry, then the card shown.
    stack.slash(jeroen, f"/kaart {code} bewerken zorgen")
    assert stack.submit(jeroen, WORRY).closed
    stack.slash(jeroen, f"/kaart {code}")

    # A consult: the moment, its channel, and the case registered with its question.
    stack.emulator.create_channel("mdo-west-brabant", private=True, members=[stack.bot_user, jeroen])
    SlotAdmin(stack.bot.uow, ConsultSettings(), "Europe/Amsterdam").add(
        stack.clock.now(), "maandag", SlotChanges(weekday=0, channel="mdo-west-brabant")
    )
    assert stack.slash(jeroen, f"/overleg inbrengen {code}") == ""
    assert stack.submit(
        jeroen, {"vraag": CONSULT_QUESTION, "urgentie": "regulier", "grondslag": "meldcode"}
    ).closed
    stack.tick()

    # The calendar feed, fetched as a calendar app would (urllib logs nothing itself).
    assert stack.server is not None
    feed = feed_url(stack.server.url, stack.bot.signer, jeroen.id, stack.clock.now())
    with urllib.request.urlopen(feed, timeout=10) as answer:
        assert answer.status == 200
        assert b"BEGIN:VCALENDAR" in answer.read()

    secrets = collect_secrets(stack, feed)
    content = [QUESTION, CONSULT_QUESTION, WORRY["omschrijving"]]
    lines = logs.lines()
    access = [line for line in lines if line.startswith("erbij.requests")]
    assert any("/kalender/overleg.ics?…" in line for line in access), access  # the feed request was logged
    assert any("/mattermost/command" in line for line in access)
    assert len(lines) > 50  # the run really logged (DEBUG from every library), so the scan means something
    for line in lines:
        for name, secret in secrets.items():
            assert secret not in line, f"{name} in a log line: {line[:300]}"
        for text in content:
            assert text not in line, f"case content in a log line: {line[:300]}"
            assert text[:30] not in line, f"part of the case content in a log line: {line[:300]}"


def collect_secrets(stack: World, feed: str) -> dict[str, str]:
    """Every credential of the run: settings, tokens, and each signature Erbij put on a button or dialog."""
    found: dict[str, str] = {"ERBIJ_SECRET": SECRET, "bot token": stack.bot_token}
    found["feed token"] = feed.split("token=", 1)[1]
    for command in stack.emulator.commands():
        found[f"token of /{command['trigger']}"] = str(command["token"])
    signatures = 0
    for channel in stack.emulator.channels():
        for post in stack.emulator.posts_in(channel):
            for attachment in (post.get("props") or {}).get("attachments") or []:
                for action in attachment.get("actions") or []:
                    signed = ((action.get("integration") or {}).get("context") or {}).get("t")
                    if signed:
                        signatures += 1
                        found[f"button signature {signatures}"] = str(signed)
    for user in stack.emulator.users():
        for dialog in stack.emulator.dialogs(user):
            state: Any = dialog.dialog.get("state")
            if state:
                signatures += 1
                found[f"dialog signature {signatures}"] = str(state)
    assert signatures >= 3, "the run should have produced signed buttons and dialogs"
    assert all(len(secret) >= 16 for secret in found.values())
    return found
