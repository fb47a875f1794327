"""The cases feature through the Erbij facade, on the in-memory fakes (`desk`) or on SQL (`sql_desk`).

The handler tests run on the fakes (tests/fakes, kept honest by tests/contracts); the tests of storage itself
use `sql_desk` (SQLite or PostgreSQL). `Desk` types commands and submits dialogs as a named person and can
read what was queued in the outbox and written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from commands.app import Erbij
from commands.cases import wiring as cases_wiring
from commands.cases.handlers import CardSettings
from commands.cases.model import Case
from commands.clock import ManualClock
from commands.help import wiring as help_wiring
from commands.inbound import CommandRequest, DialogSubmission
from commands.outbox import FileAttachment, OutgoingMessage, Recipient, message_from_dict
from commands.ports import AuditEvent, UnitOfWorkFactory
from commands.registry import Context, Router
from commands.replies import CommandResult, Dialog, DialogResult, OpenDialog, Reply
from commands.roster.model import Role
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeUnitOfWorkFactory
from tests.support import people
from tests.support.people import ORGANISATIONS, uid

# username → (display name, organisation, roles)
PEOPLE: dict[str, tuple[str, str, frozenset[Role]]] = {
    "jeroen": ("Jeroen Bakker", "st", frozenset({Role.LEAD})),
    "fatima": ("Fatima El Amrani", "st", frozenset({Role.LEAD})),
    "sanne": ("Sanne de Vries", "vt", frozenset({Role.EXPERT})),
    "pieter": ("Pieter Jansen", "gi", frozenset({Role.EXPERT})),
    "karin": ("Karin Smit", "st", frozenset({Role.CHAIR})),
    "ahmed": ("Ahmed Yilmaz", "st", frozenset({Role.COORDINATOR})),
    "eva": ("Eva Mulder", "st", frozenset({Role.LEAD})),  # a lead, but of other families
}


@dataclass
class Desk:
    """Types commands and fills in dialogs as a person; reads the outbox and the audit trail."""

    erbij: Erbij
    uow: UnitOfWorkFactory
    clock: ManualClock
    engine: Engine | None = None  # on SQL: the database under test
    last_dialog: Dialog | None = None

    def command(self, username: str, line: str) -> CommandResult:
        trigger, _, rest = line.lstrip("/").partition(" ")
        result = self.erbij.command(
            CommandRequest(
                command=trigger, text=rest, user_id=uid(username), user_name=username, channel_id="c1",
                trigger_id="trigger",
            )
        )  # fmt: skip
        if isinstance(result, OpenDialog):
            self.last_dialog = result.dialog
        return result

    def say(self, username: str, line: str) -> str:
        """The private reply's text (fails if a dialog opened instead)."""
        result = self.command(username, line)
        assert isinstance(result, Reply), f"expected a reply, got {result!r}"
        return result.message.text

    def open(self, username: str, line: str) -> Dialog:
        result = self.command(username, line)
        assert isinstance(result, OpenDialog), f"expected a dialog, got {result!r}"
        return result.dialog

    def submit(
        self, username: str, values: dict[str, Any], dialog: Dialog | None = None, *, defaults: bool = True
    ) -> DialogResult:
        """Submit `dialog` (default: the last opened) with its defaults overridden by `values`."""
        dialog = dialog or self.last_dialog
        assert dialog is not None
        submission: dict[str, object] = {}
        if defaults:
            for f in dialog.fields:
                if f.default:
                    submission[f.name] = (f.default == "true") if f.kind == "bool" else f.default
        submission.update(values)
        return self.erbij.dialog(
            DialogSubmission(
                callback=dialog.callback, state=dict(dialog.state), user_id=uid(username), channel_id="c1",
                submission=submission,
            )
        )  # fmt: skip

    def fill(self, username: str, line: str, values: dict[str, Any]) -> DialogResult:
        self.open(username, line)
        return self.submit(username, values)

    def new_case(self, username: str = "jeroen", **values: Any) -> str:
        self.open(username, "/kaart nieuw")
        result = self.submit(username, {"gemeente": "Roosendaal", "kader": "vrijwillig", **values})
        assert result.closes, result
        with self.uow() as uow:
            return uow.cases.led_by(uid(username))[-1].code

    def case(self, code: str) -> Case:
        with self.uow() as uow:
            case = uow.cases.by_code(code)
        assert case is not None
        return case

    def case_exists(self, code: str) -> bool:
        with self.uow() as uow:
            return uow.cases.by_code(code) is not None

    def involve(self, code: str, username: str) -> int:
        """Start an involvement as the erbij-halen feature will (through the repository)."""
        org = ORGANISATIONS[PEOPLE[username][1]]
        with self.uow() as uow:
            case = uow.cases.by_code(code)
            assert case is not None
            involvement = uow.cases.start_involvement(case.id, uid(username), org.kind, self.clock.now())
            uow.commit()
        return involvement.id

    def outbox(self) -> list[OutgoingMessage]:
        """Every committed outbox message, oldest first."""
        if isinstance(self.uow, FakeUnitOfWorkFactory):
            return self.uow.sent()
        assert self.engine is not None
        with Session(self.engine) as session:
            return [_message(row) for row in session.scalars(select(OutboxRow).order_by(OutboxRow.id))]

    def dms(self, username: str) -> list[str]:
        return [m.message.text for m in self.outbox() if m.to == Recipient.user(uid(username))]

    def audit(self, code: str) -> list[AuditEvent]:
        with self.uow() as uow:
            return uow.audit.for_case(code)


def _message(row: OutboxRow) -> OutgoingMessage:
    file = None
    if row.file_name is not None and row.file_content is not None:
        file = FileAttachment(row.file_name, row.file_content, row.file_mime or "application/octet-stream")
    to = Recipient(row.recipient_kind, row.recipient_ref)  # type: ignore[arg-type]
    return OutgoingMessage(row.key, to, message_from_dict(row.payload), row.replaces_key, file=file)


def seed_roster(uow: UnitOfWorkFactory, clock: ManualClock) -> None:
    people.seed_roster(uow, PEOPLE, clock.now())


def build_erbij(uow: UnitOfWorkFactory, clock: ManualClock, settings: CardSettings | None = None) -> Erbij:
    router = Router()
    cases_wiring.register(router, help_wiring.register(router), settings)
    return Erbij(router, Context(uow=uow, clock=clock, directory=people.FakeDirectory(PEOPLE, "onbekend")))


def fake_desk(clock: ManualClock, settings: CardSettings | None = None) -> Desk:
    uow = FakeUnitOfWorkFactory()
    seed_roster(uow, clock)
    return Desk(build_erbij(uow, clock, settings), uow, clock)


def sql_desk_on(engine: Engine, clock: ManualClock, settings: CardSettings | None = None) -> Desk:
    uow = SqlUnitOfWorkFactory(engine)
    seed_roster(uow, clock)
    return Desk(build_erbij(uow, clock, settings), uow, clock, engine)


@pytest.fixture
def desk(clock: ManualClock) -> Desk:
    """The cases feature on the in-memory fakes: for the handlers' logic."""
    return fake_desk(clock)


@pytest.fixture
def sql_desk(engine: Engine, clock: ManualClock) -> Desk:
    """The cases feature on the database under test: for storage and what it must do in SQL."""
    return sql_desk_on(engine, clock)
