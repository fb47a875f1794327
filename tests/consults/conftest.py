"""The consult feature through the Erbij facade, on the in-memory fakes (`office`) or on SQL (`make_office`).

The handler tests run on the fakes (tests/fakes, kept honest by tests/contracts/test_consults.py); what must
happen in SQL (two processes racing for one agenda) and the end-to-end runs over the emulator stay on the
database under test (SQLite or PostgreSQL). `Office` types commands, fills in dialogs and clicks buttons as a
named person, moves the manual clock, runs the scheduled job and reads what was queued in the outbox. People
are seeded in the roster; cases are created through the case repository (their card content does not matter
here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from commands.app import Erbij
from commands.cases import wiring as cases_wiring
from commands.cases.card import CardVersion, Change, ChangeKind, SafetyCard, VersionInfo
from commands.cases.codes import new_code
from commands.cases.model import Framework, Measure, NewCase
from commands.clock import ManualClock
from commands.config import DEFAULT_TIMEZONE
from commands.consults import wiring as consults_wiring
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.model import ConsultSlot
from commands.consults.service import ConsultSettings
from commands.help import wiring as help_wiring
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.outbox import FileAttachment, OutgoingMessage, Recipient, message_from_dict
from commands.ports import UnitOfWorkFactory
from commands.registry import Context, Router
from commands.replies import (
    ActionResult,
    Button,
    CommandResult,
    Dialog,
    DialogResult,
    Message,
    OpenDialog,
    Reply,
)
from commands.roster.model import Role
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeUnitOfWorkFactory
from tests.support import people
from tests.support.people import ORGANISATIONS, uid

# username → (display name, organisation, roles); all fictional
PEOPLE: dict[str, tuple[str, str, frozenset[Role]]] = {
    "jeroen": ("Jeroen Bakker", "st", frozenset({Role.LEAD})),
    "fatima": ("Fatima El Amrani", "st", frozenset({Role.LEAD})),
    "eva": ("Eva Mulder", "st", frozenset({Role.LEAD})),
    "sanne": ("Sanne de Vries", "vt", frozenset({Role.EXPERT})),
    "pieter": ("Pieter Jansen", "gi", frozenset({Role.EXPERT})),
    "ruud": ("Ruud Kramer", "rvdk", frozenset({Role.EXPERT})),
    "karin": ("Karin Smit", "st", frozenset({Role.CHAIR})),
    "lotte": ("Lotte de Wit", "st", frozenset({Role.CHAIR})),
    "ahmed": ("Ahmed Yilmaz", "st", frozenset({Role.COORDINATOR})),
}
CHANNEL = "mdo-west-brabant"


def seed_roster(uow: UnitOfWorkFactory, now: datetime) -> None:
    people.seed_roster(uow, PEOPLE, now, expert_area=frozenset({"Roosendaal"}))


def build_erbij(uow: UnitOfWorkFactory, clock: ManualClock, settings: ConsultSettings | None = None) -> Erbij:
    router = Router()
    tables = help_wiring.register(router)
    cases_wiring.register(router, tables, consults_wiring.card_settings())
    consults_wiring.register(router, tables, settings=settings)
    return Erbij(router, Context(uow=uow, clock=clock, directory=people.FakeDirectory(PEOPLE)))


@dataclass
class Office:
    """A person-by-person driver of the consult feature, plus what the outbox holds."""

    erbij: Erbij
    uow: UnitOfWorkFactory
    clock: ManualClock
    settings: ConsultSettings
    engine: Engine | None = None  # on SQL: the database under test
    last_dialog: Dialog | None = None
    last_reply: Message | None = None
    dialogs: dict[str, Dialog] = field(default_factory=dict)

    # --- people act -------------------------------------------------------------------------------------
    def command(self, username: str, line: str) -> CommandResult:
        trigger, _, rest = line.lstrip("/").partition(" ")
        request = CommandRequest(
            command=trigger,
            text=rest,
            user_id=uid(username),
            user_name=username,
            channel_id="c1",
            trigger_id="t",
        )
        result = self.erbij.command(request)
        if isinstance(result, OpenDialog):
            self.last_dialog = result.dialog
        else:
            self.last_reply = result.message
        return result

    def say(self, username: str, line: str) -> str:
        result = self.command(username, line)
        assert isinstance(result, Reply), f"expected a reply, got {result!r}"
        return result.message.text

    def open(self, username: str, line: str) -> Dialog:
        result = self.command(username, line)
        assert isinstance(result, OpenDialog), f"expected a dialog, got {result!r}"
        return result.dialog

    def submit(self, username: str, values: dict[str, Any], dialog: Dialog | None = None) -> DialogResult:
        dialog = dialog or self.last_dialog
        assert dialog is not None
        submission: dict[str, object] = {f.name: f.default for f in dialog.fields if f.default}
        submission.update(values)
        return self.erbij.dialog(
            DialogSubmission(
                callback=dialog.callback, state=dict(dialog.state), user_id=uid(username), channel_id="c1",
                submission=submission,
            )
        )  # fmt: skip

    def click(self, username: str, button: Button) -> ActionResult:
        result = self.erbij.action(
            ActionRequest(
                action=button.action, data=dict(button.data), user_id=uid(username), user_name=username,
                channel_id="c1", post_id="p1", trigger_id="t",
            )
        )  # fmt: skip
        if result.open_dialog is not None:
            self.last_dialog = result.open_dialog
        return result

    def register(self, username: str, code: str, question: str = "Wat is nodig voor zicht op veiligheid?",
                 urgency: str = "regulier", **extra: Any) -> DialogResult:  # fmt: skip
        self.open(username, f"/overleg inbrengen {code}")
        values = {"vraag": question, "urgentie": urgency, "grondslag": "toestemming", **extra}
        result = self.submit(username, values)
        assert result.closes, result
        return result

    # --- time ---------------------------------------------------------------------------------------------
    def at(self, local: str) -> None:
        """Set the clock to a local Amsterdam time, e.g. '2026-11-24 15:00'."""
        from zoneinfo import ZoneInfo

        moment = datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
        self.clock.set(moment)

    def tick(self) -> dict[str, int]:
        return self.erbij.tick()

    # --- what was queued ------------------------------------------------------------------------------------
    def outbox(self) -> list[OutgoingMessage]:
        """Every committed outbox message, oldest first."""
        if isinstance(self.uow, FakeUnitOfWorkFactory):
            return self.uow.sent()
        assert self.engine is not None
        with Session(self.engine) as session:
            return [_message(row) for row in session.scalars(select(OutboxRow).order_by(OutboxRow.id))]

    def messages_to(self, username: str) -> list[tuple[str, Message]]:
        return [(m.key, m.message) for m in self.outbox() if m.to == Recipient.user(uid(username))]

    def dms(self, username: str) -> list[str]:
        return [m.text for _, m in self.messages_to(username)]

    def channel(self, name: str = CHANNEL) -> list[tuple[str, Message]]:
        return [(m.key, m.message) for m in self.outbox() if m.to == Recipient.channel(name)]

    # --- world building ---------------------------------------------------------------------------
    def new_case(self, lead: str = "jeroen") -> str:
        now = self.clock.now()
        with self.uow() as uow:
            code = new_code()
            first = CardVersion(
                VersionInfo(1, now, uid(lead), "nieuw", (Change(ChangeKind.CREATED, "casus"),)), SafetyCard()
            )
            uow.cases.add(
                NewCase(code, "Roosendaal", uid(lead), Framework.VOLUNTARY, Measure(), now, uid(lead)), first
            )
            uow.commit()
        return code

    def involve(self, code: str, expert: str) -> None:
        org = ORGANISATIONS[PEOPLE[expert][1]]
        with self.uow() as uow:
            case = uow.cases.by_code(code)
            assert case is not None
            uow.cases.start_involvement(case.id, uid(expert), org.kind, self.clock.now())
            uow.commit()

    def admin(self) -> SlotAdmin:
        return SlotAdmin(self.uow, self.settings, DEFAULT_TIMEZONE)

    def default_slots(self, **changes: Any) -> list[ConsultSlot]:
        values: dict[str, Any] = {"channel": CHANNEL, "chairs": ("karin",), "members": ("sanne", "ruud")}
        values.update(changes)
        return self.admin().init(self.clock.now(), SlotChanges(**values))


def _message(row: OutboxRow) -> OutgoingMessage:
    file = None
    if row.file_name is not None and row.file_content is not None:
        file = FileAttachment(row.file_name, row.file_content, row.file_mime or "application/octet-stream")
    to = Recipient(row.recipient_kind, row.recipient_ref)  # type: ignore[arg-type]
    return OutgoingMessage(row.key, to, message_from_dict(row.payload), row.replaces_key, file=file)


def fake_office(clock: ManualClock) -> Office:
    """The consult feature on the in-memory fakes."""
    uow = FakeUnitOfWorkFactory()
    seed_roster(uow, clock.now())
    settings = ConsultSettings()
    return Office(build_erbij(uow, clock, settings), uow, clock, settings)


def make_office(engine: Engine, clock: ManualClock) -> Office:
    """The consult feature on the database under test."""
    uow = SqlUnitOfWorkFactory(engine)
    seed_roster(uow, clock.now())
    settings = ConsultSettings()
    return Office(build_erbij(uow, clock, settings), uow, clock, settings, engine)


@pytest.fixture
def office(clock: ManualClock) -> Office:
    """The consult feature on the in-memory fakes: for the handlers' logic."""
    return fake_office(clock)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


ONE_DAY = timedelta(days=1)
